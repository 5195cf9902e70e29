import { ChartImage } from '../../../fleet';
import { ChartContents, PlatformChart } from '../../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';
import { spreadOverZonesThenNodes } from '../../../k8s/pod-spread';
import { criticalPodsQuota, PLATFORM_PRIORITY_CLASS } from '../../../k8s/critical-pods';
import { stringify } from 'yaml';

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

/** The webhook's pod labels (templates/webhook-deployment.yaml; `webhook.name` is `webhook`). */
const WEBHOOK_POD_LABELS = { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/instance': CERT_MANAGER_CHART.releaseName, 'app.kubernetes.io/component': 'webhook' } as const;

/**
 * Every certificate of the mesh, a new pod's first and every renewal, is a CertificateRequest that istio-csr
 * creates and waits on (cert-manager/istio-csr v0.17.0 pkg/certmanager/certmanager.go Sign), and the API server
 * creates none without cert-manager's webhook (a mutating webhook on CertificateRequest CREATE, `failurePolicy:
 * Fail`: v1.21.1 templates/webhook-mutating-webhook.yaml). The chart runs one webhook pod and no budget
 * (values.yaml `webhook.replicaCount: 1`, `webhook.podDisruptionBudget.enabled: false`), so a drain or a
 * scale-down of its node stopped every sidecar from getting a certificate until a new pod was ready, istio-csr's
 * two replicas notwithstanding. Two, as istiod and istio-csr, spread softly (a one-node cluster runs both), and a
 * budget of one that never waits on an unready pod (templates/webhook-poddisruptionbudget.yaml). cert-manager's
 * *Best Practice* page ("High Availability") asks for three webhooks; each is one more pod address on EKS
 * (lib/addons/eks-pod-addresses.ts). The controller keeps the chart's one pod: a drain delays signing only until its
 * replacement runs, which then leads at once, as a drained leader lets its lease go (cmd/controller/app/controller.go
 * `ReleaseOnCancel`; "less risk of disruption", the same page); so does the cainjector, on no certificate's path.
 */
const WEBHOOK_AVAILABILITY = {
  replicaCount: 2,
  podDisruptionBudget: { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  topologySpreadConstraints: spreadOverZonesThenNodes(WEBHOOK_POD_LABELS),
};

/**
 * What each of cert-manager's pods asks for: the chart sets no requests ("The Helm chart does not include resource
 * requests and limits", *Best Practice*, "Scalability"), so its pods were BestEffort, the first a node short of
 * memory evicts. The figure its values.yaml gives for every component (v1.21.1, `resources` "For example:
 * requests: cpu: 10m, memory: 32Mi"); no limit: the page asks for vertical scaling as a cluster's certificates
 * grow, and a memory limit would turn that growth into OOM kills of the CA path.
 */
const CERT_MANAGER_RESOURCES = { requests: { cpu: '10m', memory: '32Mi' } } as const;

/** cert-manager on one cluster, in the `operators` wave: its CRDs exist before the `_bootstrap` Issuer and istio-csr. */
export function certManagerChart(): PlatformChart {
  return {
    name: 'cert-manager',
    namespace: CERT_MANAGER_CHART.namespace,
    repoURL: CERT_MANAGER_CHART.repoURL,
    chart: CERT_MANAGER_CHART.chart,
    version: CERT_MANAGER_CHART.version,
    releaseName: CERT_MANAGER_CHART.releaseName,
    values: {
      // The chart leaves CRDs out unless asked (values.yaml `crds.enabled: false`).
      crds: { enabled: true },
      // Every pod of the chart (templates/*-deployment.yaml, startupapicheck-job.yaml), and istio-csr's in the same
      // namespace: the quota that admits them on GKE is applied with this chart, before its Deployments (Argo CD
      // applies a ResourceQuota before a Deployment of the same wave, one kind after another: argo-cd v3.4.7
      // gitops-engine/pkg/sync/sync_tasks.go kindOrder, sync_context.go "Only wait if the type of the next task"),
      // through `extraObjects`, each a string the chart renders with `tpl` (templates/extras-objects.yaml).
      global: { priorityClassName: PLATFORM_PRIORITY_CLASS },
      extraObjects: [stringify(criticalPodsQuota(CERT_MANAGER_CHART.namespace))],
      // The controller's (templates/deployment.yaml), the webhook's, the cainjector's and the startup check's.
      resources: CERT_MANAGER_RESOURCES,
      webhook: { ...WEBHOOK_AVAILABILITY, resources: CERT_MANAGER_RESOURCES },
      cainjector: { resources: CERT_MANAGER_RESOURCES },
      startupapicheck: { resources: CERT_MANAGER_RESOURCES },
    },
    wave: SYNC_WAVE.operators,
    contents: CERT_MANAGER_CHART_CONTENTS,
  };
}
