import { blockingTaints } from './blocking-taints';
import { asText } from './fleet-error';
import { isRecord, Problems } from './problems';
import { memoryAtMost2GiB } from './small-machine-types';

/** The memory istiod requests, in MiB (istio 1.30.3 istiod chart values.yaml `resources.requests.memory: 2048Mi`): the platform's largest pod on every cluster. */
export const ISTIOD_MEMORY_REQUEST_MIB = 2048;

/**
 * A pool the platform's Deployments can run on. On GKE, one whose nodes carry no
 * `NoSchedule` or `NoExecute` taint, GKE's own on Arm and GPU nodes included (blocking-taints.ts). istiod, cert-manager, External Secrets, the metrics agent and
 * (on the management cluster) Argo CD, Mimir and Loki tolerate none of a pool's taints
 * (blocking-taints.ts): with every pool tainted they stay Pending for good, and the cluster's root
 * Application never becomes Healthy. GKE's autoscaler scales a pool up from zero for them, so its
 * minSize may be 0. EKS and AKS have stricter rules of their own: an EKS pool with minSize >= 1 and no
 * such taint for CoreDNS (validate-eks-addons.ts), the AKS system pool, never tainted nor spot
 * (validate-fleet.ts checkAksSystemPool). On EKS and GKE, one of those pools must also have nodes of more
 * than 2 GiB of memory, for istiod (small-machine-types.ts); AKS's system pool has at least 4 GB. With the
 * Cluster Autoscaler off (`platform.clusterAutoscaler: false`) nothing scales an EKS node group past its
 * minSize (lib/addons/cluster-autoscaler), so an EKS pool at minSize 0 has no node for istiod then; with it on,
 * the autoscaler scales such a pool up from zero (its AWS provider builds the node from the instance type).
 */
export function checkPlatformPool(p: Problems, path: string, c: Readonly<Record<string, unknown>>, platform?: unknown): void {
  if (!Array.isArray(c.nodePools)) return;
  const pools = c.nodePools.filter(isRecord);
  const open = pools.filter((pool) => blockingTaints(pool, c.cloud, pools).length === 0);
  const fixedSize = c.cloud === 'aws' && isRecord(platform) && platform.clusterAutoscaler === false;
  const withNodes = fixedSize ? open.filter((pool) => typeof pool.minSize === 'number' && pool.minSize >= 1) : open;
  // istiod runs on every cluster and needs a node of more than 2 GiB (small-machine-types.ts).
  if (withNodes.length > 0 && withNodes.every((pool) => memoryAtMost2GiB(c.cloud, pool.machineType))) {
    p.add(
      `${path}.nodePools`,
      `istiod requests ${ISTIOD_MEMORY_REQUEST_MIB}Mi of memory, more than a node of 2 GiB or less has allocatable once the kubelet's reservations are taken, and every pool the platform can run on has such nodes${fixedSize ? ' (or none: platform.clusterAutoscaler is off, and nothing scales an EKS node group past its minSize)' : ''}: istiod would stay Pending`,
      withNodes.map((pool) => `${asText(pool.name)}: ${asText(pool.machineType)}`),
      `a pool without NoSchedule or NoExecute taints whose machine type has more than 2 GiB of memory (e.g. t3.medium, m7i.large, e2-standard-2)${fixedSize ? ' and whose minSize is at least 1' : ''}`,
    );
  }
  if (c.cloud !== 'gcp' || pools.length === 0 || open.length > 0) return;
  p.add(
    `${path}.nodePools`,
    'every pool has a NoSchedule or NoExecute taint: the platform\'s Deployments (istiod, cert-manager, External Secrets, the metrics agent; Argo CD, Mimir and Loki on the management cluster) tolerate none of them and would stay Pending',
    pools.map((pool) => `${asText(pool.name)}: ${blockingTaints(pool, c.cloud, pools).join(', ')}`),
    'at least one pool whose taints are all PreferNoSchedule (or that has none)',
  );
}
