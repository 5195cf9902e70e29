import { Cloud } from './cluster';

/*
 * Machine types whose nodes have 2 GiB of memory or less, on the clouds where fleetsynth can tell by
 * name. Such a node cannot hold istiod: it requests 2048Mi (istio 1.30.3
 * manifests/charts/istio-control/istio-discovery/values.yaml `resources.requests.memory`), and a node's
 * allocatable memory is its memory less the kubelet's reservation and the 100Mi eviction threshold
 * (EKS AL2023: 255Mi + 11Mi per pod kube-reserved, awslabs/amazon-eks-ami v20260724 nodeadm
 * internal/kubelet/config.go getMemoryMebibytesToReserve; GKE: 25% of the first 4 GiB, 255 MiB below
 * 1 GiB, cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes). AKS is not listed: every
 * AKS cluster has its system pool, never tainted (validate-fleet.ts), and AKS wants a VM size of at
 * least 4 GB there (learn.microsoft.com/azure/aks/use-system-pools, Limitations).
 *
 * EC2 (instance type pages of the EC2 documentation): t1.micro 0.6 GiB; t2, t3, t3a and t4g nano 0.5,
 * micro 1 and small 2 GiB; every compute-optimized `c` family's medium, 1 vCPU and 2 GiB (c6g, c6gd,
 * c6gn, c7a, c7g, c7gd, c7gn, c8a, c8g, c8gb, c8gd, c8gn). Compute Engine (machine types documentation):
 * f1-micro 0.6 GB, g1-small 1.7 GB, e2-micro 1 GB, e2-small 2 GB; the highcpu-2 of e2, n2 and n2d 2 GB,
 * of n1 1.8 GB.
 */
const SMALL: Partial<Record<Cloud, RegExp>> = {
  aws: /^(t1\.micro|t[234][a-z]?\.(nano|micro|small)|c\d+[a-z]*\.medium)$/,
  gcp: /^(f1-micro|g1-small|e2-micro|e2-small|(e2|n1|n2|n2d)-highcpu-2)$/,
};

/** Whether a node of this machine type has 2 GiB of memory or less (false when fleetsynth cannot tell). */
export function memoryAtMost2GiB(cloud: unknown, machineType: unknown): boolean {
  return typeof cloud === 'string' && typeof machineType === 'string' && (SMALL[cloud as Cloud]?.test(machineType) ?? false);
}
