import { ChartImage, minorOf, ResolvedCluster } from '../../fleet';
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

/**
 * The Metrics Server release the chart runs on a cluster (`image.tag`; templates/_helpers.tpl
 * metrics-server.image takes it over `v<appVersion>`). The chart's appVersion, 0.8.1, is built with Go 1.24.12,
 * whose crypto/tls resumes a TLS session against the client CAs of the first handshake (CVE-2025-68121, fixed in
 * Go 1.24.13; kubernetes-sigs/metrics-server#1823, "fixed in the new release" v0.9.0, built with Go 1.26.4:
 * go.mod at v0.9.0). Metrics Server serves the API server through k8s.io/apiserver, which picks its client CAs
 * per handshake (pkg/server/secure_serving.go: GetConfigForClient), the pattern the CVE names. v0.9.0 runs
 * where the project supports it, Kubernetes 1.34 and later (README.md at v0.9.0, "Compatibility Matrix": 0.9.x 1.34+, 0.8.x 1.31+); older
 * minors keep the chart's 0.8.1, for which no patch release exists (tags). No chart ships v0.9.0 here (its
 * update, 3.14.0, unreleased at the snapshot of 2026-08-07, changes Chart.yaml only: commit 4ffd45aa); what v0.8.1
 * to v0.9.0 changes (git diff v0.8.1 v0.9.0): the release manifest's image tag, klog honouring -stderrthreshold
 * (cmd/metrics-server/app/start.go), scrape failures of NotReady nodes logged at V(4), and readiness once both
 * node and pod metrics are stored (pkg/storage/storage.go, was either); no flag, RBAC or API change.
 */
export function metricsServerVersion(kubernetesVersion: string): string {
  return (minorOf(kubernetesVersion) ?? 0) >= 34 ? 'v0.9.0' : 'v0.8.1';
}

/** Its image: `<image.repository>:<tag>` (values.yaml; templates/_helpers.tpl metrics-server.image). The addon resizer is off. */
export const METRICS_SERVER_IMAGES: readonly ChartImage[] = [{ image: 'registry.k8s.io/metrics-server/metrics-server', at: 'image.repository', spelling: 'image' }];

/** Its release name: the chart's fullname (templates/_helpers.tpl, a release name containing the chart name), so the Deployment, Service and APIService backend are `metrics-server`. */
const RELEASE = 'metrics-server';

const RBAC = 'rbac.authorization.k8s.io';

/** The chart for one EKS cluster: only its image tag depends on the cluster (its Kubernetes minor). */
export function metricsServerChart(cluster: Pick<ResolvedCluster, 'kubernetesVersion'>): PlatformChart {
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
      image: { tag: metricsServerVersion(cluster.kubernetesVersion) },
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
