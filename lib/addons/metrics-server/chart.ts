import { ChartImage } from '../../fleet';
import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { spreadOverZonesThenNodes } from '../../k8s/pod-spread';

/*
 * Kubernetes' Metrics Server (the metrics.k8s.io API every HorizontalPodAutoscaler on CPU or memory reads),
 * as a Helm chart Argo CD installs on EKS clusters.
 *
 * Chart: kubernetes-sigs/metrics-server, tag metrics-server-helm-chart-3.13.1 (charts/metrics-server/Chart.yaml:
 * version 3.13.1, appVersion 0.8.1, the image's default tag; no values.schema.json). 3.13.1, not older: its
 * CHANGELOG.md fixes two permanent Argo CD OutOfSync diffs in the APIService (an `annotations: null`, a
 * rendered `insecureSkipTLSVerify: false`).
 */
export const METRICS_SERVER_CHART = { repoURL: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.13.1' } as const;

/** Its image: `<image.repository>:<tag>` (values.yaml; templates/_helpers.tpl metrics-server.image). The addon resizer is off. */
export const METRICS_SERVER_IMAGES: readonly ChartImage[] = [{ image: 'registry.k8s.io/metrics-server/metrics-server', at: 'image.repository', spelling: 'image' }];

/** Its release name: the chart's fullname (templates/_helpers.tpl, a release name containing the chart name), so the Deployment, Service and APIService backend are `metrics-server`. */
const RELEASE = 'metrics-server';

const RBAC = 'rbac.authorization.k8s.io';

/** The chart for one EKS cluster: nothing in it depends on the cluster. */
export function metricsServerChart(): PlatformChart {
  // The chart's selector labels (templates/_helpers.tpl metrics-server.selectorLabels).
  const podLabels = { 'app.kubernetes.io/name': METRICS_SERVER_CHART.chart, 'app.kubernetes.io/instance': RELEASE };
  return {
    name: 'metrics-server',
    // kube-system: the chart's priorityClassName is system-cluster-critical, and its RoleBinding to
    // extension-apiserver-authentication-reader is in kube-system whatever the release namespace (templates/rolebinding.yaml).
    namespace: 'kube-system',
    ...METRICS_SERVER_CHART,
    releaseName: RELEASE,
    values: {
      // Highly available (the project's README, "High Availability": `replicas` above 1): the gateways'
      // and istiod's HorizontalPodAutoscalers read it, and with the APIService unavailable every HPA stops.
      replicas: 2,
      // templates/pdb.yaml; values.yaml `podDisruptionBudget.enabled: false` by default. One pod stays through a
      // node drain (node group updates drain one node at a time, lib/infra/eks-cluster.ts updateConfig).
      // An unready pod never holds a drain up (templates/pdb.yaml, Kubernetes 1.27+), as for the gateways.
      podDisruptionBudget: { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
      // Apart by node and by zone when possible, never required: the upstream HA manifest's required
      // anti-affinity (manifests/components/high-availability/patch.yaml) would leave the second pod
      // Pending on a one-node cluster, and the Deployment Degraded past its progress deadline would hold
      // the cluster's later sync waves for ever.
      topologySpreadConstraints: spreadOverZonesThenNodes(podLabels),
      // Everything else as the chart has it: tls.type `metrics-server` (the server's own certificate, the
      // APIService with insecureSkipTLSVerify: true); not `helm`, whose genSelfSignedCert renders a new
      // certificate on every render in Argo CD (no `lookup` offline): for ever OutOfSync.
      // containerPort 10250 (values.yaml): the API server reaches the pods there, through the
      // EKS cluster security group every pod ENI carries (lib/infra/eks-cluster.ts eniConfig).
    },
    wave: SYNC_WAVE.aggregatedApis,
    // No CRDs. Cluster-scoped with the default values: templates/clusterrole.yaml,
    // clusterrole-aggregated-reader.yaml, clusterrolebinding.yaml, clusterrolebinding-auth-delegator.yaml,
    // apiservice.yaml (the nanny's ClusterRole and binding only with addonResizer.enabled, the PSP only before 1.25).
    contents: {
      crds: [],
      clusterResources: [{ group: RBAC, kind: 'ClusterRole' }, { group: RBAC, kind: 'ClusterRoleBinding' }, { group: 'apiregistration.k8s.io', kind: 'APIService' }],
    },
  };
}
