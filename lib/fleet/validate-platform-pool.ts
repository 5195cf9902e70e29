import { blockingTaints } from './blocking-taints';
import { isRecord, Problems } from './problems';

/**
 * A GKE cluster needs a pool the platform's Deployments can run on: one whose nodes carry no
 * `NoSchedule` or `NoExecute` taint. istiod, cert-manager, External Secrets, the metrics agent and
 * (on the management cluster) Argo CD, Mimir and Loki tolerate none of a pool's taints
 * (blocking-taints.ts): with every pool tainted they stay Pending for good, and the cluster's root
 * Application never becomes Healthy. GKE's autoscaler scales a pool up from zero for them, so its
 * minSize may be 0. EKS and AKS have stricter rules of their own: an EKS pool with minSize >= 1 and no
 * such taint for CoreDNS (validate-eks-addons.ts), the AKS system pool, never tainted nor spot
 * (validate-fleet.ts checkAksSystemPool).
 */
export function checkPlatformPool(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (c.cloud !== 'gcp' || !Array.isArray(c.nodePools)) return;
  const pools = c.nodePools.filter(isRecord);
  if (pools.length === 0 || pools.some((pool) => blockingTaints(pool, c.cloud).length === 0)) return;
  p.add(
    `${path}.nodePools`,
    'every pool has a NoSchedule or NoExecute taint: the platform\'s Deployments (istiod, cert-manager, External Secrets, the metrics agent; Argo CD, Mimir and Loki on the management cluster) tolerate none of them and would stay Pending',
    pools.map((pool) => `${String(pool.name)}: ${blockingTaints(pool, c.cloud).join(', ')}`),
    'at least one pool whose taints are all PreferNoSchedule (or that has none)',
  );
}
