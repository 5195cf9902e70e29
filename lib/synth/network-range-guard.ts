import { Problem, ResolvedCluster, ResolvedFleet, show, stackName } from '../fleet';
import { GKE_POD_RANGE, GKE_SERVICE_RANGE } from '../infra/gcp-network';
import { REPLACE_FORCING } from './replace-forcing-attributes';
import { neverApplied, parseStack, renewsAll, StackChange } from './replacement-guard';

/*
 * Network ranges a cluster's stack would update in place, which the provider plans as harmless and
 * the cloud refuses at apply: a GKE subnetwork's secondary ranges, an Azure subnet's range while
 * something is deployed in it. Refused at the fleet field whatever `--allow-replace` says: nothing is
 * replaced, and the apply would fail all the same.
 */

type Resource = Readonly<Record<string, unknown>>;
type Resources = Readonly<Record<string, Resource>>;
type StackResources = Readonly<Record<string, Resources>>;

const resourcesOf = (text: string): StackResources => parseStack(text)?.resource ?? {};

/** Whether Terraform replaces the resource anyway (the replacement guard's table): it is then created anew with the new range, not updated. */
function replaced(type: string, before: Resource, after: Resource): boolean {
  return REPLACE_FORCING[type].attributes.some(
    (a) => JSON.stringify(before[a.attribute]) !== JSON.stringify(after[a.attribute]) && (a.replaces?.(before[a.attribute], after[a.attribute]) ?? true),
  );
}

/** The resources of `type` that both versions of the stack have and that are not replaced, as [name, before, after]. */
function updatedInPlace(type: string, was: StackResources, now: StackResources): [string, Resource, Resource][] {
  return Object.entries(now[type] ?? {}).flatMap(([name, after]) => {
    const before = was[type]?.[name];
    return before && !replaced(type, before, after) ? [[name, before, after] as [string, Resource, Resource]] : [];
  });
}

const newCluster = (what: string) => `create a cluster with ${what} beside this one, move the workloads over, and decommission this one (README, "Decommissioning a cluster")`;

// ---- GKE

/** The fleet field each of a GKE subnetwork's secondary ranges comes from (lib/infra/gcp-network.ts). */
const RANGE_FIELD: Readonly<Record<string, string>> = { [GKE_POD_RANGE]: 'podCidr', [GKE_SERVICE_RANGE]: 'serviceCidr' };

/** The secondary ranges of a subnetwork by name (a set in effect: the provider compares them as one, resourceComputeSubnetworkSecondaryIpRangeSetStyleDiff). */
function rangesOf(subnetwork: Resource): ReadonlyMap<string, unknown> {
  const list = Array.isArray(subnetwork.secondary_ip_range) ? (subnetwork.secondary_ip_range as unknown[]) : [subnetwork.secondary_ip_range];
  return new Map(list.flatMap((r) => (r !== null && typeof r === 'object' && typeof (r as Resource).range_name === 'string' ? [[(r as Resource).range_name as string, (r as Resource).ip_cidr_range]] : [])));
}

/**
 * A GKE cluster's Pod or Service range changed under it. The google provider updates a subnetwork's
 * `secondary_ip_range` in place (terraform-provider-google v6.50.0
 * google/services/compute/resource_compute_subnetwork.go: the attribute is not ForceNew, and
 * resourceComputeSubnetworkUpdate PATCHes `secondaryIpRanges`); Compute Engine refuses the PATCH
 * ("Existing secondary range cannot be modified", hashicorp/terraform-provider-google#2570,
 * hashicorp/terraform-provider-kubernetes#565), and GKE cannot move a cluster's ranges anyway (it adds
 * Pod ranges instead: cloud.google.com/kubernetes-engine/docs/how-to/multi-pod-cidr). Not when the
 * subnetwork is replaced anyway (a node range moved, refused on its own by the replacement guard).
 */
function gkeSecondaryRangeChanges(cluster: ResolvedCluster, stack: string, was: StackResources, now: StackResources, shownAs: string): Problem[] {
  return updatedInPlace('google_compute_subnetwork', was, now).flatMap(([, old, subnetwork]) => {
    const before = rangesOf(old);
    return [...rangesOf(subnetwork)].flatMap(([range, cidr]) => {
      const field = RANGE_FIELD[range];
      if (field === undefined || !before.has(range) || before.get(range) === cidr) return [];
      return [{
        path: `clusters[${cluster.name}].network.${field}`,
        message: `GKE cannot change a cluster's ${field === 'podCidr' ? 'Pod' : 'Service'} range: terraform would update the secondary range "${range}" of subnetwork ${String(subnetwork.name)} in place (${show(before.get(range))} → ${show(cidr)}), and Compute Engine refuses to modify an existing secondary range, so every apply of stack ${stack} would fail there; --allow-replace does not change that`,
        given: show(cidr),
        allowed: `${show(before.get(range))} as before; for other ranges, ${newCluster('them')}; ${neverApplied(stack, shownAs)}`,
      }];
    });
  });
}

// ---- AKS

/** A whole-value reference to an Azure subnet of the stack (`${azurerm_subnet.<name>.id}`): the subnet's name. */
function subnetReferenced(value: unknown): string | undefined {
  return typeof value === 'string' ? /^\$\{azurerm_subnet\.([A-Za-z0-9_-]+)\.id\}$/.exec(value)?.[1] : undefined;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * What the previous stack deployed in each of its subnets, by the subnet's resource name: the AKS
 * cluster's nodes (`default_node_pool.vnet_subnet_id`, a pool's `vnet_subnet_id`) or the VPN gateway's
 * instances (`ip_configuration[].subnet_id`, the `GatewaySubnet`).
 */
/** What the previous stack deployed in a subnet: AKS nodes, or the VPN gateway's instances. */
type Occupant = 'nodes' | 'gateway';

function deployedIn(was: StackResources): ReadonlyMap<string, Occupant> {
  const found = new Map<string, Occupant>();
  const note = (value: unknown, what: Occupant) => {
    const subnet = subnetReferenced(value);
    if (subnet !== undefined) found.set(subnet, what);
  };
  for (const cluster of Object.values(was.azurerm_kubernetes_cluster ?? {})) for (const pool of asList(cluster.default_node_pool)) note((pool as Resource | null)?.vnet_subnet_id, 'nodes');
  for (const pool of Object.values(was.azurerm_kubernetes_cluster_node_pool ?? {})) note(pool.vnet_subnet_id, 'nodes');
  for (const gateway of Object.values(was.azurerm_virtual_network_gateway ?? {})) for (const ip of asList(gateway.ip_configuration)) note((ip as Resource | null)?.subnet_id, 'gateway');
  return found;
}

/** A subnet's range as the fleet gives it: fleetsynth writes one prefix per subnet. */
const rangeOf = (prefixes: unknown): unknown => (Array.isArray(prefixes) && prefixes.length === 1 ? prefixes[0] : prefixes);

/**
 * An AKS cluster's node range, or its VPN gateway's subnet range, changed under it. azurerm updates a
 * subnet's `address_prefixes` and a VNet's `address_space` in place (terraform-provider-azurerm
 * v4.55.0 internal/services/network/subnet_resource.go and virtual_network_resource.go: neither is
 * ForceNew; resourceSubnetUpdate PUTs the new prefix); Azure changes a subnet's range only "if no
 * resources are deployed within the subnet" (MicrosoftDocs/azure-docs
 * articles/virtual-network/virtual-network-manage-subnet.md, "Change subnet settings"), and refuses to
 * drop an address range of the VNet that holds a subnet (manage-virtual-network.md, "Add or remove an
 * address range"; a VNet range may grow around its subnets, a subnet's may not while in use). A
 * larger range that contains the old one fails all the same: the subnet's one prefix is still
 * replaced (`InUsePrefixCannotBeDeleted`, hashicorp/terraform-provider-azurerm#11211; a /24 grown to
 * /23 under AKS nodes, "subnet is in use", Azure/AKS#2119); only adding a second prefix beside it
 * escapes that (virtual-network/how-to-multiple-prefixes-subnet.md, a preview fleetsynth does not
 * model). Only a subnet the previous stack deployed something in is refused (a subnet nothing uses
 * changes freely), and not when it is replaced anyway, nor when what it holds is (`renewed`).
 */
function aksSubnetRangeChanges(cluster: ResolvedCluster, stack: string, was: StackResources, now: StackResources, shownAs: string, renewed: ReadonlySet<Occupant>): Problem[] {
  const occupied = deployedIn(was);
  const problems: Problem[] = updatedInPlace('azurerm_subnet', was, now).flatMap(([name, old, subnet]) => {
    const what = occupied.get(name);
    const from = rangeOf(old.address_prefixes);
    const to = rangeOf(subnet.address_prefixes);
    if (what === undefined || renewed.has(what) || JSON.stringify(from) === JSON.stringify(to)) return [];
    const change = `terraform would update the range of subnet ${String(subnet.name)} in place (${show(from)} → ${show(to)}), and the VNet's address space with it, and Azure refuses to change a subnet's range, even to a larger one containing the old, while anything is deployed in it`;
    const failing = `so every apply of stack ${stack} would fail there; --allow-replace does not change that`;
    return [what === 'nodes'
      ? {
          path: `clusters[${cluster.name}].network.nodeCidr`,
          message: `AKS cannot change a cluster's node range: ${change} (the cluster's nodes are), ${failing}`,
          given: show(to),
          allowed: `${show(from)} as before; for another node range, ${newCluster('it')}; ${neverApplied(stack, shownAs)}`,
        }
      : {
          path: `platform.interconnect.clusters[${cluster.name}].gatewaySubnetCidr`,
          message: `Azure cannot change the GatewaySubnet's range under a VPN gateway: ${change} (the gateway's instances are), ${failing}`,
          given: show(to),
          allowed: `${show(from)} as before; for another range Azure needs the subnet empty first: take ${cluster.name} out of platform.interconnect.clusters as README "Turning them off" describes (its links go down and its VPN gateway, GatewaySubnet and VNet range are destroyed), apply, then add it back with the new gatewaySubnetCidr (a new gateway, with new addresses); ${neverApplied(stack, shownAs)}`,
        }];
  });
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The network range edits of clusters' stacks, against the previous synth's, that the cloud refuses
 * in place (see the two kinds above). Refused whatever `--allow-replace` says.
 * @param shownAs how the output folder is named in paths @default 'dist'
 */
export function refusedRangeChanges(fleet: ResolvedFleet, changes: readonly StackChange[], shownAs = 'dist'): Problem[] {
  return changes.flatMap((change) => {
    const cluster = fleet.clusters.find((c) => stackName(c) === change.stack);
    if (cluster?.cloud !== 'gcp' && cluster?.cloud !== 'azure') return [];
    if (cluster.cloud === 'gcp') return gkeSecondaryRangeChanges(cluster, change.stack, resourcesOf(change.before), resourcesOf(change.after), shownAs);
    // What this edit replaces anyway is gone from the subnet before its range changes (Terraform destroys a
    // replaced dependent before it updates what it depends on): the replacement guard judges that edit,
    // and --allow-replace lets it through, as for an EKS control plane (eks-control-plane-zones-guard.ts).
    const renewed = new Set<Occupant>([...(renewsAll(change, 'azurerm_kubernetes_cluster') ? ['nodes' as const] : []), ...(renewsAll(change, 'azurerm_virtual_network_gateway') ? ['gateway' as const] : [])]);
    return aksSubnetRangeChanges(cluster, change.stack, resourcesOf(change.before), resourcesOf(change.after), shownAs, renewed);
  });
}
