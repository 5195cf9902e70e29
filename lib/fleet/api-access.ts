import { parseCidr, requireCidr } from './cidr';
import { Problem } from './fleet-error';
import { HeldBack } from './held-back';
import { ResolvedCluster } from './resolve-fleet';
import { ClusterOutputs, StackOutputValues } from './terraform-outputs';

/**
 * Output of the management cluster's stack: its static egress addresses as /32 ranges (EKS: the
 * NAT gateways' Elastic IPs; GKE: Cloud NAT's reserved addresses; AKS: the load balancer's outbound
 * public IP). Every workload cluster opens its API to them, so that Argo CD reaches it.
 */
export const EGRESS_CIDRS_OUTPUT = 'egress_cidrs';

/**
 * The management cluster's egress ranges from its outputs: undefined while it has none (not applied
 * yet, or applied before it declared them); a malformed value is a problem at `file`, never pending.
 */
export function managementEgressCidrs(values: StackOutputValues | undefined, file: string, problems: Problem[]): string[] | undefined {
  if (!values || !(EGRESS_CIDRS_OUTPUT in values)) return undefined;
  const value = values[EGRESS_CIDRS_OUTPUT];
  const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && typeof parseCidr(v) !== 'string' && v.endsWith('/32'));
  if (!ok) {
    problems.push({ path: `${file}: ${EGRESS_CIDRS_OUTPUT}.value`, message: 'not the list of egress addresses the management stack outputs', given: JSON.stringify(value) ?? 'nothing', allowed: 'a non-empty list of "a.b.c.d/32"' });
    return undefined;
  }
  return value as string[];
}

/** Who may reach one cluster's public API endpoint, as its stack configures it. */
export interface ClusterApiAccess {
  /** Sorted and unique; empty: the public endpoint is off (or, on AKS workload clusters, the plan refuses to run). */
  readonly publicCidrs: readonly string[];
  /** A workload cluster whose list lacks the management cluster's egress, because its outputs are not there yet. */
  readonly heldBack?: HeldBack;
}

const byAddress = (a: string, b: string) => {
  const [x, y] = [requireCidr(a), requireCidr(b)];
  return x.start - y.start || x.prefix - y.prefix;
};

/**
 * The ranges a cluster's public API endpoint admits: the fleet's `apiAccess.publicCidrs`, plus on a
 * workload cluster the management cluster's egress (from its Terraform outputs). While those
 * outputs are missing, only the fleet's ranges, and the gap is held back (listed in synth's summary).
 */
export function clusterApiAccess(cluster: ResolvedCluster, management: Pick<ResolvedCluster, 'name'>, managementOutputs: ClusterOutputs | undefined): ClusterApiAccess {
  const own = cluster.apiAccess.publicCidrs;
  if (cluster.role === 'management') return { publicCidrs: [...own] };
  const egress = managementEgressCidrs(managementOutputs?.values, `terraform-outputs/${management.name}.json`, []);
  if (!egress) {
    return {
      publicCidrs: [...own],
      heldBack: {
        subject: cluster.name,
        what: `the management cluster's egress addresses in the API access list (only apiAccess.publicCidrs so far${own.length === 0 ? (cluster.cloud === 'azure' ? ': none, so planning the stack stops at its precondition' : ': none, so the public endpoint stays off') : ''})`,
        waitingFor: `output ${EGRESS_CIDRS_OUTPUT} in terraform-outputs/${management.name}.json`,
      },
    };
  }
  return { publicCidrs: [...new Set([...own, ...egress])].sort(byAddress) };
}
