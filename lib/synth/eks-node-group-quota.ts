import type { ResolvedFleet } from '../fleet';
import { raiseQuota } from './quota-tally';

/*
 * EKS allows 30 managed node groups per cluster unless the account asked for more (Service Quotas,
 * Amazon EKS, "Managed node groups per cluster", adjustable; EKS User Guide, service-quotas.html). An
 * EKS pool is a node group per zone (lib/fleet/eks-node-groups.ts), so a cluster takes pools × zones,
 * and while groups are replaced their replacements exist beside them (a pool's new machine type: one
 * more per zone; the move to groups per zone: one more per pool): CreateNodegroup fails partway past
 * the quota. Whether an account has a higher
 * quota only AWS knows, so synth warns: it is not an error.
 */

/** EKS's default quota of managed node groups per cluster. */
export const DEFAULT_EKS_NODE_GROUP_QUOTA = 30;

/** One warning per EKS cluster whose node groups (pools × zones), or their peak while a pool's groups are replaced, pass the default quota. */
export function eksNodeGroupQuotaWarnings(fleet: Pick<ResolvedFleet, 'clusters'>): string[] {
  return fleet.clusters
    .filter((c) => c.cloud === 'aws')
    .flatMap((c) => {
      const groups = c.nodePools.length * c.zones.length;
      // A pool's groups replaced (a new machine type: one per zone), or every pool's first zone's group (the move to groups per zone).
      const peak = groups + Math.max(c.zones.length, c.nodePools.length);
      if (peak <= DEFAULT_EKS_NODE_GROUP_QUOTA) return [];
      const now = groups > DEFAULT_EKS_NODE_GROUP_QUOTA;
      return [
        `EKS cluster ${c.name}: ${c.nodePools.length} pools × ${c.zones.length} zones are ${groups} managed node groups` +
          `${now ? '' : ` (up to ${peak} while groups are replaced: new ones are created before the old ones go)`}, more than EKS's default quota of ${DEFAULT_EKS_NODE_GROUP_QUOTA} per cluster: ` +
          raiseQuota('Amazon Elastic Kubernetes Service, "Managed node groups per cluster"', 'CreateNodegroup fails partway through the apply'),
      ];
    });
}
