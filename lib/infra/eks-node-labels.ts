import { EKS_NVIDIA_FAMILIES } from '../fleet';

/**
 * The label the Cluster Autoscaler on AWS knows GPU nodes by (kubernetes/autoscaler
 * cluster-autoscaler/cloudprovider/aws/aws_cloud_provider.go GPULabel, at every pinned tag v1.32.7-v1.36.1).
 * A new GPU node is Ready before the NVIDIA device plugin advertises its GPUs; only a node with this label
 * counts as not ready until then (processors/customresources/gpu_processor.go
 * FilterOutNodesWithUnreadyResources). Without it the autoscaler sees a ready node the pending GPU pods do
 * not fit and adds more ("may cause Cluster Autoscaler to unnecessarily scale out multiple times":
 * cloudprovider/aws/README.md, "Special note on GPU instances", which says to set it at the kubelet, as a
 * node group's labels are). EKS sets no such label itself.
 */
export const EKS_GPU_LABEL = 'k8s.amazonaws.com/accelerator';

/**
 * Its value, the GPU type (the autoscaler's `--gpu-total` limits are per type), by NVIDIA family
 * (EKS_NVIDIA_FAMILIES), named as GKE names its accelerators where it has one (nvidia-tesla-t4, nvidia-l4,
 * nvidia-tesla-v100, nvidia-tesla-a100, nvidia-a100-80gb, nvidia-h100-80gb, nvidia-h200-141gb), as the
 * autoscaler's README does (`nvidia-tesla-k80` for P2). GPUs per the EC2 accelerated computing instance types.
 */
export const EKS_GPU_TYPES: Readonly<Record<string, string>> = {
  g4dn: 'nvidia-tesla-t4',
  g5: 'nvidia-a10g',
  g6: 'nvidia-l4',
  g6e: 'nvidia-l40s',
  p3: 'nvidia-tesla-v100',
  p3dn: 'nvidia-tesla-v100',
  p4d: 'nvidia-tesla-a100',
  p4de: 'nvidia-a100-80gb',
  p5: 'nvidia-h100-80gb',
  p5e: 'nvidia-h200-141gb',
  p5en: 'nvidia-h200-141gb',
};

/**
 * The labels of a pool's managed node groups (the same in every zone): the pool's, its name (the
 * autoscaler balances a pool's groups by fleetsynth.io/node-pool: lib/addons/cluster-autoscaler/chart.ts,
 * balancing-label) and, on an NVIDIA instance type, its GPU type (EKS_GPU_LABEL).
 */
export function eksNodeGroupLabels(pool: { readonly name: string; readonly machineType: string; readonly labels?: Readonly<Record<string, string>> }): Record<string, string> {
  const family = pool.machineType.split('.')[0];
  const gpu = EKS_NVIDIA_FAMILIES.includes(family) ? EKS_GPU_TYPES[family] : undefined;
  // A value the pool's own labels give wins (a `--gpu-total` written with another name).
  return { ...(gpu ? { [EKS_GPU_LABEL]: gpu } : {}), ...pool.labels, 'fleetsynth.io/node-pool': pool.name };
}
