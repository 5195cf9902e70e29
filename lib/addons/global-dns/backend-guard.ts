import { compareStrings, Problem } from '../../fleet';
import { GlobalDnsSettings } from './settings';

// A cluster's Namespace objects: `k8s/<cloud>/<cluster>/[<stage>/]_cluster/namespace_<name>.yaml` (an
// app's in its cluster's bootstrap stage, an add-on's in the cluster's folder).
const NAMESPACE_FILE = /^k8s\/[^/]+\/([^/]+)\/(?:[^/]+\/)?_cluster\/namespace_([^/]+)\.yaml$/;

/** namespace → the clusters whose output holds its Namespace object. */
function namespacesIn(files: Iterable<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of files) {
    const m = NAMESPACE_FILE.exec(file);
    if (!m) continue;
    if (!found.has(m[2])) found.set(m[2], new Set());
    found.get(m[2])!.add(m[1]);
  }
  return found;
}

/** Whether the members' ingress gateways see every cluster's Services (the remote secrets of `platform.secrets`), before and after this edit. */
export interface MeshDiscovery {
  readonly before: boolean;
  readonly after: boolean;
}

/**
 * Global endpoints whose backend's namespace this edit takes away from every cluster that could
 * serve a member: the previous synth's output held the Namespace there, this one holds it on none
 * of them (an app removed, renamed to another namespace, moved, or no longer selecting them). The
 * folder's Application prunes the Namespace, and Kubernetes everything in it, so the member's
 * ingress gateway is left routing the host to a Service that exists nowhere in its view: istiod
 * still names the route's cluster (istio 1.30.3 pilot/pkg/networking/core/route/route.go
 * GetDestinationCluster) but builds no cluster for an unknown host, and Envoy answers a route whose
 * cluster is missing with 503 (RouteAction cluster_not_found_response_code, default
 * SERVICE_UNAVAILABLE). A member's ingress gateway sees the Services of its own cluster, and with
 * `platform.secrets` (`discovery`: the remote secrets) those of every cluster of the fleet, one
 * known in a single cluster included (pilot/pkg/serviceregistry/aggregate/controller.go Services).
 *
 * `clusters` are the fleet's after this edit. `before` are the previous output's files, `after` those
 * this synth leaves (written or carried over, so that a `--cluster` selection is judged by what it
 * changes). Nothing without a previous output, and nothing for a namespace the previous output did not
 * hold either: that is no edit's doing.
 */
export function unservedBackends(settings: GlobalDnsSettings | undefined, clusters: readonly string[], discovery: MeshDiscovery, before: Iterable<string>, after: Iterable<string>): Problem[] {
  if (!settings) return [];
  const had = namespacesIn(before);
  if (had.size === 0) return [];
  const has = namespacesIn(after);
  const servers = (member: string, everyCluster: boolean) => (everyCluster ? clusters : [member]);
  return settings.endpoints.flatMap((e) => {
    const { namespace } = e.backend;
    // With discovery, any cluster whose folder holds it serves it: before the edit, one this edit takes out of
    // the fleet too; after it, one whose files a --cluster selection carries over.
    const held = (found: Map<string, Set<string>>, member: string, everyCluster: boolean) => (everyCluster ? (found.get(namespace)?.size ?? 0) > 0 : found.get(namespace)?.has(member) === true);
    const lost = e.members.map((m) => m.cluster).filter((m) => held(had, m, discovery.before) && !held(has, m, discovery.after)).sort(compareStrings);
    if (lost.length === 0) return [];
    // Where it is pruned, among the clusters the members' gateways will look in.
    const lookedIn = new Set(lost.flatMap((m) => servers(m, discovery.after)));
    const deletedIn = [...(had.get(namespace) ?? [])].filter((c) => !has.get(namespace)?.has(c) && lookedIn.has(c)).sort(compareStrings);
    const blind = discovery.before && !discovery.after ? ' (without platform.secrets a gateway sees the Services of its own cluster only)' : '';
    const absent = discovery.after ? 'no cluster of the fleet has' : `${lost.join(', ')}${blind} ${lost.length === 1 ? 'has' : 'have'} no`;
    const pruned = deletedIn.length > 0 ? `its Namespace object on ${deletedIn.join(', ')} would be pruned with everything in it (nothing the fleet deploys uses it there any longer), and ` : '';
    return [{
      path: `platform.globalDns.endpoints[${e.name}].backend.namespace`,
      message: `routes ${e.host} to Service ${e.backend.service}.${namespace}, and after this edit ${absent} namespace ${namespace}: ${pruned}the ingress gateway of ${lost.join(', ')} would answer the host with 503 (its route names a Service that exists nowhere in its view)`,
      given: JSON.stringify(namespace),
      allowed: `the namespace (with backend.service and backend.port) of what serves ${e.host} after this edit${discovery.after ? '' : ` on ${lost.join(', ')}`} (to hand the host to a new app, add it beside the old one, point backend at it once it runs, then remove the old one); or, in the same edit, other members in place of ${lost.join(', ')}, or the endpoint out of platform.globalDns (README, Global DNS, "What an endpoint routes to")`,
    }];
  });
}
