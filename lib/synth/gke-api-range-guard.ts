import { ClusterOutputs, EGRESS_CIDRS_OUTPUT, parseCidr, Problem, ResolvedFleet, show, stackName, StackOutputValues, cidrWithin } from '../fleet';
import { GKE_CLIENT_EGRESS_NAME_PREFIX } from '../infra/gke-cluster';
import { StackChange } from './replacement-guard';

/** The name `--allow-change` takes to let a range leave a GKE workload cluster's API allow list. */
export const GKE_API_RANGE_REMOVAL = 'gke-api-range-removal';

// The resource through which a GKE stack writes into its own cluster (lib/infra/argocd-access/gcp.ts).
const IN_CLUSTER_RESOURCE = 'kubernetes_cluster_role_binding_v1';

interface GkeStackJson {
  readonly resource?: {
    readonly google_container_cluster?: Readonly<Record<string, { readonly master_authorized_networks_config?: { readonly cidr_blocks?: readonly { readonly cidr_block?: unknown; readonly display_name?: unknown }[] } }>>;
    readonly [type: string]: unknown;
  };
}

/**
 * A GKE stack's master authorized networks: every range, and those the fleet listed (named by themselves,
 * where a client's egress address is named `egress of <client>` and the cluster's own is a reference);
 * and whether the stack writes into the cluster.
 */
function gkeStack(json: string): { readonly ranges: ReadonlySet<string>; readonly listed: readonly string[]; readonly namesClients: boolean; readonly writesInCluster: boolean } {
  const stack = JSON.parse(json) as GkeStackJson;
  const blocks = Object.values(stack.resource?.google_container_cluster ?? {}).flatMap((c) => c.master_authorized_networks_config?.cidr_blocks ?? []);
  const literal = (v: unknown): v is string => typeof v === 'string' && !v.includes('${');
  const client = (b: { readonly display_name?: unknown }) => typeof b.display_name === 'string' && b.display_name.startsWith(GKE_CLIENT_EGRESS_NAME_PREFIX);
  return {
    ranges: new Set(blocks.map((b) => b.cidr_block).filter(literal)),
    listed: blocks.filter((b) => literal(b.cidr_block) && !client(b)).map((b) => b.cidr_block as string),
    namesClients: blocks.some(client),
    writesInCluster: stack.resource?.[IN_CLUSTER_RESOURCE] !== undefined,
  };
}

/** Whether range `inner` lies within `outer` (a range widened keeps the addresses it had). */
function widenedInto(inner: string, outer: string): boolean {
  const [a, b] = [parseCidr(inner), parseCidr(outer)];
  return typeof a !== 'string' && typeof b !== 'string' && cidrWithin(a, b);
}

/** Every egress address any saved outputs file names (a cluster's, or a removed cluster's left in the folder). */
export function knownEgressAddresses(outputs: ReadonlyMap<string, ClusterOutputs>, stacks: ReadonlyMap<string, StackOutputValues>): Set<string> {
  const egress = new Set<string>();
  for (const values of [...[...outputs.values()].map((o) => o.values), ...stacks.values()]) {
    const value = values?.[EGRESS_CIDRS_OUTPUT];
    if (Array.isArray(value)) value.filter((v): v is string => typeof v === 'string').forEach((v) => egress.add(v));
  }
  return egress;
}

/**
 * A range of `apiAccess.publicCidrs` leaving the API allow list of a GKE cluster whose stack writes into
 * it. That stack creates Argo CD's RBAC binding through the cluster's own API (Terraform's Kubernetes
 * provider, with the pipeline's credentials: lib/infra/argocd-access/gcp.ts), and every plan reads the
 * binding back (terraform-provider-kubernetes v2.38.0 resource_kubernetes_cluster_role_binding_v1.go:
 * Read gets it from the API server). GKE's authorized networks are an IP firewall in front of the API
 * (cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks). So if the pipeline reaches the
 * API from the range removed, the apply that removes it succeeds (the binding is unchanged, not read
 * again) and every later plan of the stack fails reading the binding, until the range is back by hand.
 * EKS and AKS stacks grant Argo CD through the cloud's API (access entries, role assignments) and never
 * call the cluster's. Argo CD itself is unaffected: the management cluster's egress is always listed.
 * Synth cannot know where the pipeline runs, so every such removal is refused until `--allow-change
 * gke-api-range-removal`. A range widened (within one still listed) passes. A client's egress address
 * leaving the list (a client gone, its addresses replaced) is no listed range and passes: the stack
 * names it `egress of <client>`; a stack written before it did names every range by itself, and only
 * there an address that some saved outputs file still gives as egress passes too. A cluster without saved
 * outputs was never applied (the pipeline saves them after each apply: README, "Terraform outputs"):
 * no binding to read back yet, so its ranges may change freely.
 */
export function gkeApiRangeRemovals(fleet: ResolvedFleet, changes: readonly StackChange[], outputs: ReadonlyMap<string, ClusterOutputs>, egress: ReadonlySet<string>, allowed: boolean): Problem[] {
  if (allowed) return [];
  const problems: Problem[] = [];
  for (const cluster of fleet.clusters) {
    if (cluster.cloud !== 'gcp' || !outputs.has(cluster.name)) continue;
    const change = changes.find((c) => c.stack === stackName(cluster));
    if (!change) continue;
    const before = gkeStack(change.before);
    if (!before.writesInCluster) continue;
    const after = gkeStack(change.after).ranges;
    // Saved egress addresses tell a client's apart only in a stack that does not name them: elsewhere such an
    // address, named by itself, is one the fleet lists (a cluster that is no client, where the pipeline may run).
    const removed = before.listed.filter((r) => (before.namesClients || !egress.has(r)) && ![...after].some((a) => widenedInto(r, a)));
    if (removed.length === 0) continue;
    problems.push({
      path: `clusters[${cluster.name}].apiAccess.publicCidrs`,
      message: `${removed.join(', ')} would leave the API allow list of ${cluster.name}, whose stack writes Argo CD's RBAC binding through the cluster's API and reads it back at every plan: if the pipeline reaches the API from there, this apply succeeds and every later plan of the stack fails reading the binding (a timeout dialing the API)`,
      given: show(cluster.apiAccess.publicCidrs),
      allowed: `${removed.length === 1 ? 'the range' : 'the ranges'} kept while the pipeline reaches the API from ${removed.length === 1 ? 'it' : 'them'}; once it reaches the API from a range still listed (or runs on the management cluster, whose egress every workload cluster admits), synth with --allow-change ${GKE_API_RANGE_REMOVAL} (README, "API access")`,
    });
  }
  return problems;
}
