import { ResolvedCluster } from '../../fleet';
import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';

/*
 * Kubernetes' Cluster Autoscaler for EKS managed node groups, as a Helm chart Argo CD installs.
 *
 * Chart: kubernetes/autoscaler, tag cluster-autoscaler-chart-9.59.0 (cluster-autoscaler/charts/
 * cluster-autoscaler/Chart.yaml: version 9.59.0, appVersion 1.35.0). The chart works with every
 * autoscaler release; the image is chosen per Kubernetes minor, because the autoscaler is built
 * against one minor's scheduler (cluster-autoscaler FAQ: "use the Cluster Autoscaler version that
 * matches your Kubernetes control plane minor").
 */
export const CLUSTER_AUTOSCALER_CHART = { repoURL: 'https://kubernetes.github.io/autoscaler', chart: 'cluster-autoscaler', version: '9.59.0' } as const;

/** Latest autoscaler patch per Kubernetes minor: kubernetes/autoscaler tags cluster-autoscaler-<version>, read 2026-11-26. */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = {
  '1.31': 'v1.31.5',
  '1.32': 'v1.32.7',
  '1.33': 'v1.33.6',
  '1.34': 'v1.34.5',
  '1.35': 'v1.35.2',
  '1.36': 'v1.36.1',
};

/** Namespace and service account the autoscaler runs as: its EKS Pod Identity association names them. */
export const CLUSTER_AUTOSCALER_NAMESPACE = 'kube-system';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

/** The chart for one EKS cluster. Its AWS credentials come from EKS Pod Identity: no value waits for Terraform. */
export function clusterAutoscalerChart(cluster: Pick<ResolvedCluster, 'name' | 'region' | 'kubernetesVersion'>): PlatformChart {
  return {
    name: 'cluster-autoscaler',
    // kube-system: the chart's priorityClassName is system-cluster-critical.
    namespace: CLUSTER_AUTOSCALER_NAMESPACE,
    ...CLUSTER_AUTOSCALER_CHART,
    releaseName: 'cluster-autoscaler',
    values: {
      cloudProvider: 'aws',
      awsRegion: cluster.region,
      // Discovers the node groups' Auto Scaling groups by the tags EKS puts on them:
      // k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/<cluster> (EKS User Guide, managed-node-groups).
      autoDiscovery: { clusterName: cluster.name },
      image: { tag: CLUSTER_AUTOSCALER_IMAGE_TAGS[cluster.kubernetesVersion] },
      fullnameOverride: 'cluster-autoscaler',
      rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
      extraArgs: {
        // Pools are spread over the same zones and sized alike per pool; keep their zones even.
        'balance-similar-node-groups': true,
        expander: 'least-waste',
      },
    },
    wave: SYNC_WAVE.platformCharts,
    // No CRDs; the chart's cluster-scoped objects (templates/clusterrole.yaml, clusterrolebinding.yaml).
    contents: { crds: [], clusterResources: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }] },
  };
}
