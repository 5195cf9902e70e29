import { ChartImage } from '../../../fleet';
import { ChartContents, PlatformChart } from '../../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';
import { spreadOverZonesThenNodes } from '../../../k8s/pod-spread';

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

/** A component's pod labels (templates/deployment.yaml, webhook-deployment.yaml: `app.kubernetes.io/name` is `cert-manager`, `webhook`). */
const podLabels = (name: string, component: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': CERT_MANAGER_CHART.releaseName, 'app.kubernetes.io/component': component });

/**
 * A budget that keeps one pod through a drain and never waits on an unready one (templates/poddisruptionbudget.yaml,
 * webhook-poddisruptionbudget.yaml: both off by default, `minAvailable` and `unhealthyPodEvictionPolicy` as given).
 */
const DRAIN_ONE_AT_A_TIME = { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' } as const;

/**
 * Every certificate of the mesh, a new pod's first and every renewal, is a CertificateRequest that istio-csr
 * creates and waits on (cert-manager/istio-csr v0.17.0 pkg/certmanager/certmanager.go Sign): cert-manager's
 * webhook admits it (a mutating webhook on CertificateRequest CREATE, `failurePolicy: Fail`: v1.21.1
 * templates/webhook-mutating-webhook.yaml) and its controller signs it with Vault. The chart runs one pod of
 * each and no budget (values.yaml `replicaCount: 1`, `podDisruptionBudget.enabled: false`), so a drain or a
 * scale-down stopped every sidecar from getting a certificate until a new pod was ready, as istio-csr's two
 * replicas did not prevent. Sized as cert-manager's *Best Practice* page asks ("High Availability"): the
 * webhook 3 ("If the cert-manager webhook is unavailable, all API operations on cert-manager custom resources
 * will fail"), the controller 2 (leader-elected: a standby that takes over once the leader, drained, lets its
 * lease go, cmd/controller/app/controller.go `ReleaseOnCancel`), each with a budget of one; spread softly, so a
 * one-node cluster runs them all. The cainjector (CA bundles of webhook configurations, on no certificate's
 * path) keeps the chart's one pod.
 */
const CERT_MANAGER_AVAILABILITY = {
  replicaCount: 2,
  podDisruptionBudget: DRAIN_ONE_AT_A_TIME,
  topologySpreadConstraints: spreadOverZonesThenNodes(podLabels(CERT_MANAGER_CHART.chart, 'controller')),
  webhook: {
    replicaCount: 3,
    podDisruptionBudget: DRAIN_ONE_AT_A_TIME,
    topologySpreadConstraints: spreadOverZonesThenNodes(podLabels('webhook', 'webhook')),
  },
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
    values: { crds: { enabled: true }, ...CERT_MANAGER_AVAILABILITY },
    wave: SYNC_WAVE.operators,
    contents: CERT_MANAGER_CHART_CONTENTS,
  };
}
