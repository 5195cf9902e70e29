import { parseCidr, requireCidr } from './cidr';
import { Problem } from './fleet-error';
import { HeldBack } from './held-back';
import { compareStrings, ResolvedCluster } from './resolve-fleet';
import { ClusterOutputs, StackOutputValues } from './terraform-outputs';

/**
 * Output of every cluster's stack: its static egress addresses as /32 ranges (EKS: the NAT gateways'
 * Elastic IPs; GKE: Cloud NAT's reserved addresses; AKS: the load balancer's outbound public IP).
 * Every cluster its pods call opens its API to them: Argo CD on the management cluster calls every
 * workload cluster, and with the mesh's endpoint discovery every istiod calls every peer.
 */
export const EGRESS_CIDRS_OUTPUT = 'egress_cidrs';

/**
 * A cluster's egress ranges from its outputs: undefined while it has none (not applied yet, or
 * applied before it declared them); a malformed value is a problem at `file`, never pending.
 */
export function clusterEgressCidrs(values: StackOutputValues | undefined, file: string, problems: Problem[]): string[] | undefined {
  if (!values || !(EGRESS_CIDRS_OUTPUT in values)) return undefined;
  const value = values[EGRESS_CIDRS_OUTPUT];
  const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && typeof parseCidr(v) !== 'string' && v.endsWith('/32'));
  if (!ok) {
    problems.push({ path: `${file}: ${EGRESS_CIDRS_OUTPUT}.value`, message: 'not the list of egress addresses a cluster stack outputs', given: JSON.stringify(value) ?? 'nothing', allowed: 'a non-empty list of "a.b.c.d/32"' });
    return undefined;
  }
  return value as string[];
}

/**
 * How many static egress addresses a cluster's stack creates: one NAT gateway per zone on EKS and
 * one reserved Cloud NAT address per zone on GKE (lib/infra/aws-network.ts, gcp-network.ts), one
 * outbound public IP on AKS (lib/infra/aks-cluster.ts). Known before anything is applied.
 */
export function egressAddressCount(cluster: Pick<ResolvedCluster, 'cloud' | 'zones'>): number {
  return cluster.cloud === 'azure' ? 1 : cluster.zones.length;
}

/**
 * The most ranges each cloud's API allow list takes: EKS 40, not adjustable (Amazon EKS service
 * quotas, "Public endpoint access CIDR ranges per cluster", L-93A74D60); GKE private clusters 100
 * (cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks, Limitations); AKS 200
 * (learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges).
 */
export const API_ALLOW_LIST_LIMIT = { aws: 40, gcp: 100, azure: 200 } as const;

/** Who may reach one cluster's public API endpoint, as its stack configures it. */
export interface ClusterApiAccess {
  /** Sorted and unique; with `ownEgress` false and nothing here, the public endpoint is off (AKS workload clusters: the plan refuses to run). */
  readonly publicCidrs: readonly string[];
  /**
   * The cluster's own egress addresses are admitted too (the stack adds them from its own
   * resources): whenever the public endpoint serves peers, so that the list is never empty while
   * the peers' addresses are not known yet (AKS reads an empty list as "everyone").
   */
  readonly ownEgress: boolean;
  /** Clients whose egress is not in the list yet, because their outputs are not there yet. */
  readonly heldBack: readonly HeldBack[];
  /** Which client each of its egress addresses in `publicCidrs` belongs to (a range the fleet lists is not here). */
  readonly egressOf: Readonly<Record<string, string>>;
}

const byAddress = (a: string, b: string) => {
  const [x, y] = [requireCidr(a), requireCidr(b)];
  return x.start - y.start || x.prefix - y.prefix;
};

/** A cluster that calls another's API over its public endpoint, and why. */
export interface ApiClient {
  readonly cluster: Pick<ResolvedCluster, 'name' | 'cloud' | 'zones'>;
  readonly why: string;
}

/**
 * The clients of a cluster's API: on a workload cluster, the management cluster (Argo CD); then
 * the peers the add-ons name (istiod's endpoint discovery through remote secrets: Istio requires
 * every cluster's API to be reachable from every other, istio.io/latest/docs/setup/install/multicluster/before-you-begin/).
 */
export function apiClients(cluster: ResolvedCluster, clusters: readonly ResolvedCluster[], peers: ReadonlyMap<string, string>): ApiClient[] {
  const clients = new Map<string, ApiClient>();
  const management = clusters.find((c) => c.role === 'management');
  if (cluster.role === 'workload' && management) clients.set(management.name, { cluster: management, why: 'Argo CD' });
  for (const c of clusters) {
    const why = peers.get(c.name);
    if (why && c.name !== cluster.name) clients.set(c.name, { cluster: c, why: clients.has(c.name) ? `${clients.get(c.name)!.why}, ${why}` : why });
  }
  // Code-unit order: localeCompare would order names by the machine's locale ("aa" after "z" in Danish).
  return [...clients.values()].sort((a, b) => compareStrings(a.cluster.name, b.cluster.name));
}

/**
 * The ranges a cluster's public API endpoint admits: the fleet's `apiAccess.publicCidrs`, plus the
 * egress of every client (from the clients' Terraform outputs), plus its own once it has clients.
 * A client whose outputs are missing is left out and held back (listed in synth's summary).
 */
export function clusterApiAccess(cluster: ResolvedCluster, clients: readonly ApiClient[], outputs: ReadonlyMap<string, ClusterOutputs>): ClusterApiAccess {
  const ranges = new Set(cluster.apiAccess.publicCidrs);
  const heldBack: HeldBack[] = [];
  const egressOf: Record<string, string> = {};
  for (const { cluster: client, why } of clients) {
    const egress = clusterEgressCidrs(outputs.get(client.name)?.values, `terraform-outputs/${client.name}.json`, []);
    if (egress) {
      for (const c of egress) {
        if (!ranges.has(c)) egressOf[c] = client.name;
        ranges.add(c);
      }
    } else heldBack.push({ subject: cluster.name, what: `the egress addresses of ${client.name} (${why}) in the API access list`, waitingFor: `output ${EGRESS_CIDRS_OUTPUT} in terraform-outputs/${client.name}.json` });
  }
  return { publicCidrs: [...ranges].sort(byAddress), ownEgress: clients.length > 0, heldBack, egressOf };
}

/**
 * A cluster whose API allow list would outgrow its cloud's limit once every client is applied: a
 * problem at `clusters[<name>].apiAccess`, found before anything is applied (counts are static).
 */
export function apiAllowListProblem(cluster: ResolvedCluster, clients: readonly ApiClient[]): Problem | undefined {
  const own = clients.length > 0 ? egressAddressCount(cluster) : 0;
  const fromClients = clients.reduce((n, c) => n + egressAddressCount(c.cluster), 0);
  const total = cluster.apiAccess.publicCidrs.length + own + fromClients;
  const limit = API_ALLOW_LIST_LIMIT[cluster.cloud];
  if (total <= limit) return undefined;
  return {
    path: `clusters[${cluster.name}].apiAccess.publicCidrs`,
    message: `the API allow list would hold ${total} ranges (${cluster.apiAccess.publicCidrs.length} listed here, ${own} of the cluster's own egress, ${fromClients} of ${clients.length} clients' egress), more than ${cluster.cloud === 'aws' ? 'EKS' : cluster.cloud === 'gcp' ? 'GKE' : 'AKS'} accepts`,
    given: String(total),
    allowed: `at most ${limit}: list fewer or wider ranges, or fewer zones on the clients`,
  };
}
