import { ChartImage, ResolvedCluster } from '../../fleet';
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

/** Its image: `<image.repository>:<image.tag>` (values.yaml, templates/deployment.yaml). */
export const CLUSTER_AUTOSCALER_IMAGES: readonly ChartImage[] = [{ image: 'registry.k8s.io/autoscaling/cluster-autoscaler', at: 'image.repository', spelling: 'image' }];

/** Latest autoscaler patch per Kubernetes minor: kubernetes/autoscaler tags cluster-autoscaler-<version>, read 2026-11-26. */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = {
  '1.32': 'v1.32.7',
  '1.33': 'v1.33.6',
  '1.34': 'v1.34.5',
  '1.35': 'v1.35.2',
  '1.36': 'v1.36.1',
};

/** Namespace and service account the autoscaler runs as: its EKS Pod Identity association names them. */
export const CLUSTER_AUTOSCALER_NAMESPACE = 'kube-system';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

/**
 * The pod annotation naming the autoscaler's IAM role, once the cluster's stack has output it. EKS gives a
 * pod Pod Identity credentials only if its service account has an association when the pod is created
 * (EKS User Guide, pod-identities: "EKS sets environment variables in the containers of the Pod"), and a
 * crash-looping container keeps its pod's environment: an autoscaler Argo CD started before the pipeline
 * created the association (turned on in a running cluster) would never get them. The role's ARN arrives
 * in the outputs with the association (one apply), and the annotation it adds rolls the pod then.
 */
export const CLUSTER_AUTOSCALER_ROLE_ANNOTATION = 'fleetsynth.io/cluster-autoscaler-role';

/**
 * The chart for one EKS cluster. Its AWS credentials come from EKS Pod Identity: no value waits for
 * Terraform. `roleArn`: the stack's `cluster_autoscaler_role_arn` output, once it exists.
 */
export function clusterAutoscalerChart(cluster: Pick<ResolvedCluster, 'name' | 'region' | 'kubernetesVersion'>, roleArn?: string): PlatformChart {
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
      // The chart sets none (values.yaml `resources: {}`), so the autoscaler was BestEffort: the pod a node short of
      // memory evicts first, and then no node is added until it is rescheduled. The requests of the autoscaler's
      // own AWS example (cluster-autoscaler/cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml, tag
      // cluster-autoscaler-chart-9.59.0: cpu 100m, memory 600Mi; the chart's commented example says 300Mi). Its
      // limits equal them; none here: its memory grows with the cluster's pods and nodes, and an OOM-killed
      // autoscaler scales nothing.
      resources: { requests: { cpu: '100m', memory: '600Mi' } },
      // templates/deployment.yaml: the pod template's annotations.
      ...(roleArn ? { podAnnotations: { [CLUSTER_AUTOSCALER_ROLE_ANNOTATION]: roleArn } } : {}),
      extraArgs: {
        // A pool is one node group per zone (lib/infra/eks-cluster.ts): balancing spreads a scale-up for pods
        // that could go to any zone over the pool's zones, and only ever balances between groups
        // (cluster-autoscaler FAQ.md, "I'm running cluster with nodes in multiple zones for HA purposes").
        'balance-similar-node-groups': true,
        // Which groups are "similar": those whose nodes carry the same pool label, which every group of a pool
        // has and no other pool's has. Not the default comparison: it wants every other node label equal, and EKS
        // labels each node with its launch template's id and version (eks.amazonaws.com/sourceLaunchTemplateId,
        // ...Version: a pool's groups share the template, not its version while they roll onto a new one), which a
        // group at zero is simulated without, as without EKS's other per-node labels (awsdocs/amazon-eks-user-guide#411,
        // kubernetes/autoscaler#6954). The flag replaces that comparison (FAQ.md, "balancing-label"; main.go at
        // the pinned v1.31-v1.35 tags, builder/autoscaler.go at v1.36: CreateLabelNodeInfoComparator). With it the
        // AWS AsgTagResourceNodeInfoProvider is not set up: it adds node-template/resources/* tags' resources to the
        // nodes simulated from real ones, which report their own; fleetsynth's one such tag (ephemeral-storage,
        // index.ts) is read for a group at zero by buildNodeFromTemplate, which needs no provider.
        'balancing-label': 'fleetsynth.io/node-pool',
        expander: 'least-waste',
      },
    },
    wave: SYNC_WAVE.platformCharts,
    // No CRDs; the chart's cluster-scoped objects (templates/clusterrole.yaml, clusterrolebinding.yaml).
    contents: { crds: [], clusterResources: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }] },
  };
}
