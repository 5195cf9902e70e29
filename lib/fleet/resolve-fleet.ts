import { CLOUD_CATALOG } from './cloud-catalog';
import { Cloud, Cluster, ClusterNetwork, ClusterRole, NodePool, Taint } from './cluster';
import { Fleet } from './fleet';
import { StateBackend } from './state-backend';
import { validateFleet } from './validate-fleet';

/*
 * A validated fleet with every default filled in and every list in canonical order, so that
 * the order a user writes clusters, pools or labels in never changes what synth writes.
 */

export interface ResolvedNodePool {
  readonly name: string;
  readonly machineType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly spot: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly diskSizeGb: number;
}

export interface ResolvedCluster {
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly zones: readonly string[];
  readonly kubernetesVersion: string;
  readonly role: ClusterRole;
  readonly labels: Readonly<Record<string, string>>;
  readonly network: ClusterNetwork;
  readonly nodePools: readonly ResolvedNodePool[];
  readonly publicEndpoint: boolean;
  readonly stateBackend: StateBackend;
  readonly project?: string;
  readonly accountId?: string;
  readonly subscriptionId?: string;
}

export interface ResolvedFleet {
  readonly name: string;
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string; readonly path: string };
  readonly mesh: { readonly meshID: string; readonly trustDomain: string };
  readonly clusters: readonly ResolvedCluster[];
}

/** Code-unit order: unlike localeCompare, independent of the machine's locale. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byName = <T extends { readonly name: string }>(a: T, b: T) => compareStrings(a.name, b.name);
const taintKey = (t: Taint) => `${t.key}=${t.value ?? ''}:${t.effect}`;

/** Sorted copy of a string record: key order is insertion order in JS, so sort once here. */
export function sortedRecord(record: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => compareStrings(a, b)));
}

function resolveNodePool(pool: NodePool): ResolvedNodePool {
  return {
    name: pool.name,
    machineType: pool.machineType,
    minSize: pool.minSize,
    maxSize: pool.maxSize,
    spot: pool.spot ?? false,
    labels: sortedRecord(pool.labels),
    taints: [...(pool.taints ?? [])].sort((a, b) => compareStrings(taintKey(a), taintKey(b))),
    diskSizeGb: pool.diskSizeGb ?? 100,
  };
}

function resolveCluster(cluster: Cluster, fleetBackend: StateBackend): ResolvedCluster {
  return {
    name: cluster.name,
    cloud: cluster.cloud,
    region: cluster.region,
    // Zones keep a stable order (sorted) because subnets are cut from the range in zone order.
    zones: [...(cluster.zones ?? CLOUD_CATALOG[cluster.cloud].defaultZones(cluster.region))].sort(),
    kubernetesVersion: cluster.kubernetesVersion,
    role: cluster.role,
    labels: sortedRecord(cluster.labels),
    network: { nodeCidr: cluster.network.nodeCidr, podCidr: cluster.network.podCidr, serviceCidr: cluster.network.serviceCidr },
    nodePools: cluster.nodePools.map(resolveNodePool).sort(byName),
    publicEndpoint: cluster.publicEndpoint ?? true,
    stateBackend: cluster.stateBackend ?? fleetBackend,
    ...(cluster.project ? { project: cluster.project } : {}),
    ...(cluster.accountId ? { accountId: cluster.accountId } : {}),
    ...(cluster.subscriptionId ? { subscriptionId: cluster.subscriptionId } : {}),
  };
}

/** Validates the fleet (throwing a FleetError listing every problem) and resolves it. */
export function resolveFleet(fleet: unknown): ResolvedFleet {
  validateFleet(fleet);
  const f: Fleet = fleet;
  const backend = f.stateBackend ?? { type: 'local' };
  return {
    name: f.name,
    gitops: { repoURL: f.gitops.repoURL, targetRevision: f.gitops.targetRevision ?? 'main', path: f.gitops.path ?? 'dist' },
    mesh: { meshID: f.mesh?.meshID ?? f.name, trustDomain: f.mesh?.trustDomain ?? 'cluster.local' },
    clusters: f.clusters.map((c) => resolveCluster(c, backend)).sort(byName),
  };
}

/** The cluster that runs Argo CD. Validation guarantees there is exactly one. */
export function managementCluster(fleet: ResolvedFleet): ResolvedCluster {
  return fleet.clusters.find((c) => c.role === 'management')!;
}
