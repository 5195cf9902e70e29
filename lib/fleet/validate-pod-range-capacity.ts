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

/** Refuses a GKE or AKS pod range with fewer node blocks than the pools can reach, at `network.podCidr`. */
export function checkPodRangeCapacity(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if ((c.cloud !== 'gcp' && c.cloud !== 'azure') || !isRecord(c.network) || typeof c.network.podCidr !== 'string' || !Array.isArray(c.nodePools)) return;
  const cloud = c.cloud;
  const range = parseCidr(c.network.podCidr);
  const [largest, smallest] = CLOUD_CATALOG[cloud].cidrPrefix.pod;
  // An invalid range, or one of a size the cloud refuses, has its own problem already.
  if (typeof range === 'string' || range.prefix < largest || range.prefix > smallest) return;
  const pools = listItems(c.nodePools).map(({ item }) => item);
  // So has a pool without a valid size; a sum without it would understate the need.
  if (!pools.every((x): x is CountedPool => isRecord(x) && typeof x.name === 'string' && Number.isInteger(x.minSize) && Number.isInteger(x.maxSize) && (x.maxSize as number) >= 1)) return;
  // An AKS cluster without its system pool has its own problem (validate-fleet.ts checkAksSystemPool).
  const systemPool = typeof c.systemPool === 'string' && c.systemPool !== '' ? c.systemPool : undefined;
  if (cloud === 'azure' && !aksSystemPool(pools, systemPool)) return;

  const block = podBlockPrefix(cloud);
  const capacity = podRangeNodeCapacity(range.prefix, block);
  const { atMaxSize, surge } = poolsNodeMaximum(cloud, pools, systemPool);
  const need = atMaxSize + surge;
  if (capacity >= need) return;
  const fits = block - Math.ceil(Math.log2(need));
  const sizes = pools.map((x) => `${x.maxSize} (${x.name})`).join(' + ');
  p.add(
    `${path}.network.podCidr`,
    `has room for ${capacity} nodes (each node takes a /${block} of it), fewer than the pools can reach: maxSize ${sizes} = ${atMaxSize}, plus ${surge} surge nodes during upgrades`,
    c.network.podCidr,
    fits >= largest ? `a /${fits} or larger (room for ${podRangeNodeCapacity(fits, block)} nodes), or smaller maxSize` : `smaller maxSize: the largest pod range, a /${largest}, has room for ${podRangeNodeCapacity(largest, block)} nodes`,
  );
}
