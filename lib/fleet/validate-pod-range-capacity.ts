import { CLOUD_CATALOG } from './cloud-catalog';
import { parseCidr } from './cidr';
import { AKS_SYSTEM_POOL_MAX_SURGE_PERCENT, AKS_USER_POOL_MAX_SURGE_PERCENT, aksSystemPool } from './cluster';
import { isRecord, listItems, Problems } from './problems';

/*
 * GKE and AKS (CNI overlay) give every node a block of the pod range of its own; a node that finds no
 * free block is not created ("Node creation is limited by the number of available addresses in the
 * Pod address range", GKE flexible-pod-cidr). So the pod range caps the cluster's node count, the
 * extra nodes of an upgrade included, and a range too small for the pools stops scale-out silently.
 * EKS has no per-node block: pods take single addresses from the pod subnet of their zone, a count
 * that depends on the instance types' ENI limits, so no rule is derived for it here.
 */

type PodBlockCloud = 'gcp' | 'azure';

/** GKE's default maximum pods per node on Standard clusters; lib/infra/gke-cluster.ts sets no max_pods_per_node. */
export const GKE_MAX_PODS_PER_NODE = 110;

/** GKE's default surge per node pool (maxSurge 1, maxUnavailable 0); lib/infra/gke-cluster.ts sets no upgrade_settings. */
export const GKE_MAX_SURGE_NODES = 1;

/**
 * The prefix length of the block each node takes. AKS overlay: a /24, fixed (azure-aks-docs
 * articles/aks/azure-cni-overlay.md, "IP address planning"). GKE: the smallest block with twice the
 * maximum pods per node, 110 → 256 addresses, a /24 (cloud.google.com/kubernetes-engine/docs/how-to/flexible-pod-cidr).
 */
export function podBlockPrefix(cloud: PodBlockCloud): number {
  return cloud === 'azure' ? 24 : 32 - Math.ceil(Math.log2(2 * GKE_MAX_PODS_PER_NODE));
}

/** How many nodes a pod range of this prefix length has a block for. */
export function podRangeNodeCapacity(rangePrefix: number, blockPrefix: number): number {
  return rangePrefix > blockPrefix ? 0 : 2 ** (blockPrefix - rangePrefix);
}

/**
 * The nodes a pool adds during an upgrade, at its largest. GKE: maxSurge per pool (GKE_MAX_SURGE_NODES).
 * AKS system and regular user pools: their max_surge percentage (AKS_SYSTEM_POOL_MAX_SURGE_PERCENT,
 * AKS_USER_POOL_MAX_SURGE_PERCENT; lib/infra/aks-cluster.ts), of their nodes, rounded up ("A percent value
 * is rounded up to the nearest node count", azure-aks-docs upgrade-aks-node-pools-rolling.md); spot pools:
 * none ("There are no surge nodes available for Spot node pool upgrades", azure-aks-docs spot-node-pool.md). Pools are counted as if
 * all upgraded at once, as AKS's quota note does (upgrade-aks-node-pools-rolling.md: "two nodes × five pools").
 */
export function upgradeSurgeNodes(cloud: PodBlockCloud, pool: { readonly maxSize: number; readonly spot?: boolean }, aksSystemPool: boolean): number {
  if (cloud === 'gcp') return GKE_MAX_SURGE_NODES;
  if (pool.spot === true && !aksSystemPool) return 0;
  return Math.ceil((pool.maxSize * (aksSystemPool ? AKS_SYSTEM_POOL_MAX_SURGE_PERCENT : AKS_USER_POOL_MAX_SURGE_PERCENT)) / 100);
}

interface CountedPool { readonly name: string; readonly minSize: number; readonly maxSize: number; readonly spot?: boolean }

/** The most nodes the pools can have at once: every pool at maxSize, plus its upgrade surge. */
export function poolsNodeMaximum(cloud: PodBlockCloud, pools: readonly CountedPool[], systemPool?: string): { atMaxSize: number; surge: number } {
  const system = cloud === 'azure' ? aksSystemPool(pools, systemPool) : undefined;
  return {
    atMaxSize: pools.reduce((sum, pool) => sum + pool.maxSize, 0),
    surge: pools.reduce((sum, pool) => sum + upgradeSurgeNodes(cloud, pool, pool === system), 0),
  };
}

/**
 * A cluster's range (`field`: `podCidr` or `nodeCidr`) and its pools, when both are valid enough to count;
 * otherwise undefined, since an invalid range (or one of a size the cloud refuses), a pool without a valid
 * size, or an AKS cluster without its system pool has its own problem already.
 */
function countable(c: Readonly<Record<string, unknown>>, field: 'podCidr' | 'nodeCidr'): { cloud: PodBlockCloud; given: string; prefix: number; pools: CountedPool[]; systemPool?: string } | undefined {
  if ((c.cloud !== 'gcp' && c.cloud !== 'azure') || !isRecord(c.network) || typeof c.network[field] !== 'string' || !Array.isArray(c.nodePools)) return undefined;
  const cloud = c.cloud;
  const given = c.network[field] as string;
  const range = parseCidr(given);
  const [largest, smallest] = CLOUD_CATALOG[cloud].cidrPrefix[field === 'podCidr' ? 'pod' : 'node'];
  if (typeof range === 'string' || range.prefix < largest || range.prefix > smallest) return undefined;
  const pools = listItems(c.nodePools).map(({ item }) => item);
  // A sum without a pool of no valid size would understate the need.
  if (!pools.every((x): x is CountedPool => isRecord(x) && typeof x.name === 'string' && Number.isInteger(x.minSize) && Number.isInteger(x.maxSize) && (x.maxSize as number) >= 1)) return undefined;
  const systemPool = typeof c.systemPool === 'string' && c.systemPool !== '' ? c.systemPool : undefined;
  if (cloud === 'azure' && !aksSystemPool(pools, systemPool)) return undefined;
  return { cloud, given, prefix: range.prefix, pools, systemPool };
}

/** "maxSize 6 (system) + 20 (spot) = 26, plus 2 surge nodes during upgrades": what the pools can reach. */
function poolsReach(pools: readonly CountedPool[], atMaxSize: number, surge: number): string {
  return `maxSize ${pools.map((x) => `${x.maxSize} (${x.name})`).join(' + ')} = ${atMaxSize}, plus ${surge} surge nodes during upgrades`;
}

/** Refuses a GKE or AKS pod range with fewer node blocks than the pools can reach, at `network.podCidr`. */
export function checkPodRangeCapacity(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  const counted = countable(c, 'podCidr');
  if (!counted) return;
  const { cloud, pools, systemPool } = counted;
  const largest = CLOUD_CATALOG[cloud].cidrPrefix.pod[0];
  const block = podBlockPrefix(cloud);
  const capacity = podRangeNodeCapacity(counted.prefix, block);
  const { atMaxSize, surge } = poolsNodeMaximum(cloud, pools, systemPool);
  const need = atMaxSize + surge;
  if (capacity >= need) return;
  const fits = block - Math.ceil(Math.log2(need));
  p.add(
    `${path}.network.podCidr`,
    `has room for ${capacity} nodes (each node takes a /${block} of it), fewer than the pools can reach: ${poolsReach(pools, atMaxSize, surge)}`,
    counted.given,
    fits >= largest ? `a /${fits} or larger (room for ${podRangeNodeCapacity(fits, block)} nodes), or smaller maxSize` : `smaller maxSize: the largest pod range, a /${largest}, has room for ${podRangeNodeCapacity(largest, block)} nodes`,
  );
}

/**
 * Addresses of a GKE node range a node can take: every node has one from the subnetwork's primary range
 * ("The maximum number of nodes in the cluster is limited by the size of the cluster's subnet's primary IP
 * address range and the cluster's Pod address range", GKE docs, IP ranges for VPC-native clusters), of
 * which Google keeps four (network, default gateway, second-to-last, broadcast: VPC docs, Subnets,
 * "Unusable addresses in IPv4 subnet ranges").
 */
export function gkeNodeRangeCapacity(rangePrefix: number): number {
  return 2 ** (32 - rangePrefix) - 4;
}

/**
 * Addresses of an AKS node subnet no node can take. Azure keeps five of every subnet ("Azure reserves the first
 * four and last IP addresses, leaving 251 usable addresses", azure-aks-docs articles/aks/concepts-network-azure-cni-overlay.md,
 * "Cluster nodes"), and the stack's own resources take up to two more: a private cluster's API server private
 * endpoint ("AKS places the API server private endpoint in the subnet used by the first node pool",
 * private-clusters.md) and, with the interconnect, the east-west gateway's internal load balancer frontend
 * ("its front-end IPs are allocated from the cluster subnet", concepts-network-ip-address-planning.md; internal-lb.md).
 * Both are counted whichever the cluster has: two addresses of room against an upgrade that fails half-way.
 */
export const AKS_NODE_SUBNET_KEPT = { azure: 5, stack: 2 } as const;

/**
 * Addresses of an AKS node subnet a node can take: every node has one (Azure CNI overlay: pods do not,
 * "only the Kubernetes cluster nodes are assigned IPs from subnets", concepts-network-azure-cni-overlay.md).
 * The node subnet is all of `nodeCidr` (lib/infra/azure-network.ts); the interconnect's GatewaySubnet is a
 * second range of the VNet, not part of it.
 */
export function aksNodeSubnetCapacity(rangePrefix: number): number {
  return 2 ** (32 - rangePrefix) - AKS_NODE_SUBNET_KEPT.azure - AKS_NODE_SUBNET_KEPT.stack;
}

/** Per cloud: the nodes a node range of this prefix has room for, the addresses it keeps from them, and why. */
const NODE_RANGE = {
  gcp: { capacity: gkeNodeRangeCapacity, kept: 4, why: 'Google keeps 4 of the subnetwork\'s primary range' },
  azure: {
    capacity: aksNodeSubnetCapacity,
    kept: AKS_NODE_SUBNET_KEPT.azure + AKS_NODE_SUBNET_KEPT.stack,
    why: `Azure keeps ${AKS_NODE_SUBNET_KEPT.azure} of every subnet, and ${AKS_NODE_SUBNET_KEPT.stack} are left for the API server's private endpoint and the east-west gateway's internal load balancer`,
  },
} as const;

/**
 * Refuses a GKE node range or an AKS node subnet with fewer addresses than the pools can reach, at
 * `network.nodeCidr`: a node that finds none is not created, as with the pod range (GKE), or fails with
 * `SubnetIsFull`, the autoscaler's scale-up and an upgrade's surge nodes alike (AKS: azure-aks-docs
 * upgrade-capacity-cost-planning.md, upgrade-options.md). The pod range check passes a /14 pod range
 * beside a /24 node range (GKE 252 nodes, AKS 249) for pools of a thousand.
 */
export function checkNodeRangeCapacity(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  const counted = countable(c, 'nodeCidr');
  if (!counted) return;
  const { cloud, pools, systemPool } = counted;
  const range = NODE_RANGE[cloud];
  const capacity = range.capacity(counted.prefix);
  const { atMaxSize, surge } = poolsNodeMaximum(cloud, pools, systemPool);
  const need = atMaxSize + surge;
  if (capacity >= need) return;
  const largest = CLOUD_CATALOG[cloud].cidrPrefix.node[0];
  const fits = 32 - Math.ceil(Math.log2(need + range.kept));
  p.add(
    `${path}.network.nodeCidr`,
    `has room for ${capacity} nodes (one address each; ${range.why}), fewer than the pools can reach: ${poolsReach(pools, atMaxSize, surge)}`,
    counted.given,
    fits >= largest ? `a /${fits} or larger (room for ${range.capacity(fits)} nodes), or smaller maxSize` : `smaller maxSize: the largest node range, a /${largest}, has room for ${range.capacity(largest)} nodes`,
  );
}
