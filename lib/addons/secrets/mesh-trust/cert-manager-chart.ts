import { ChartImage } from '../../../fleet';
import { ChartContents, PlatformChart } from '../../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';

/** cert-manager's Helm chart, pinned exactly (cert-manager/cert-manager deploy/charts/cert-manager, tag v1.21.1). */
export const CERT_MANAGER_CHART = { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1', releaseName: 'cert-manager', namespace: 'cert-manager' } as const;

/**
 * Its images (controller, webhook, cainjector, startupapicheck, and the ACME solver it passes the controller):
 * `<imageRegistry>/<imageNamespace>/<name>` (values.yaml v1.21.1 `imageRegistry: quay.io`, "This can include path
 * prefixes"; templates/_helpers.tpl cert-manager.image).
 */
export const CERT_MANAGER_IMAGES: readonly ChartImage[] = [{ image: 'quay.io', at: 'imageRegistry', spelling: 'prefix' }];

const ADMISSION = 'admissionregistration.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

/**
 * What the chart installs with `crds.enabled` (templates/crd-*.yaml: ClusterIssuer is the one
 * cluster-scoped kind) and its other cluster-wide objects (rbac.yaml, webhook-*-webhook.yaml).
 */
export const CERT_MANAGER_CHART_CONTENTS: ChartContents = {
  crds: [
    { group: 'acme.cert-manager.io', kind: 'Challenge', scope: 'Namespaced' },
    { group: 'acme.cert-manager.io', kind: 'Order', scope: 'Namespaced' },
    { group: 'cert-manager.io', kind: 'Certificate', scope: 'Namespaced' },
    { group: 'cert-manager.io', kind: 'CertificateRequest', scope: 'Namespaced' },
    { group: 'cert-manager.io', kind: 'ClusterIssuer', scope: 'Cluster' },
    { group: 'cert-manager.io', kind: 'Issuer', scope: 'Namespaced' },
  ],
  clusterResources: [
    { group: RBAC, kind: 'ClusterRole' },
    { group: RBAC, kind: 'ClusterRoleBinding' },
    { group: ADMISSION, kind: 'MutatingWebhookConfiguration' },
    { group: ADMISSION, kind: 'ValidatingWebhookConfiguration' },
  ],
};

/** cert-manager on one cluster, in the `operators` wave: its CRDs exist before the `_bootstrap` Issuer and istio-csr. */
export function certManagerChart(): PlatformChart {
  return {
    name: 'cert-manager',
    namespace: CERT_MANAGER_CHART.namespace,
    repoURL: CERT_MANAGER_CHART.repoURL,
    chart: CERT_MANAGER_CHART.chart,
    version: CERT_MANAGER_CHART.version,
    releaseName: CERT_MANAGER_CHART.releaseName,
    // The chart leaves CRDs out unless asked (values.yaml `crds.enabled: false`).
    values: { crds: { enabled: true } },
    wave: SYNC_WAVE.operators,
    contents: CERT_MANAGER_CHART_CONTENTS,
  };
}
