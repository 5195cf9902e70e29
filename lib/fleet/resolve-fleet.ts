import { ArgoCdSettings, resolveArgoCdSignIn } from './argocd-sign-in';
import { resolveArgoCdSizing } from './argocd-sizing';
import { requireCidr } from './cidr';
import { CLOUD_CATALOG } from './cloud-catalog';
import { AKS_SYSTEM_POOL_NAME, Cloud, Cluster, ClusterNetwork, ClusterRole, NodePool, Taint } from './cluster';
import { CoreFleet } from './fleet';
import { FleetApp, HelmValues } from './fleet-app';
import { FleetImageMirrors, ImageMirrors, resolveImageMirrors } from './image-mirrors';
import { FailoverRegion, isInMeshService, MeshService, MeshServicePort, OutlierDetection } from './mesh-service';
import { matchesLabels } from './registration-labels';
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
  /** The ranges the fleet allows to reach the public API endpoint, sorted; the management cluster's egress is added per stack. */
  readonly apiAccess: { readonly publicCidrs: readonly string[] };
  readonly stateBackend: StateBackend;
  readonly project?: string;
  readonly accountId?: string;
  readonly subscriptionId?: string;
  /** GKE clusters only: `deletion_protection` (true unless the fleet says false). */
  readonly deletionProtection?: boolean;
  /** `false` when the fleet turns Istio's CNI node agent off for the cluster; absent (on) otherwise. */
  readonly istioCni?: false;
  /** AKS clusters only: the name of the system (default) pool (`system` unless the fleet says otherwise). */
  readonly systemPool?: string;
  /** The registry mirrors its nodes pull the platform's images through (the fleet's for its cloud, overridden per registry by its own), sorted; absent when none. */
  readonly imageMirrors?: ImageMirrors;
}

export type ResolvedAppSource =
  | { readonly kind: 'helm'; readonly repoURL: string; readonly chart: string; readonly version: string; readonly values: HelmValues }
  | { readonly kind: 'git'; readonly repoURL: string; readonly targetRevision: string; readonly path: string; readonly helm: boolean; readonly kustomize: boolean; readonly values: HelmValues };

export interface ResolvedApp {
  readonly name: string;
  readonly namespace: string;
  readonly source: ResolvedAppSource;
  /** Selector over registration labels (sorted); empty = every workload cluster. */
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Workload clusters the selector matches today, by name. */
  readonly clusters: readonly string[];
  /** Per-cluster Helm values, by cluster name (sorted). */
  readonly overrides: Readonly<Record<string, HelmValues>>;
  readonly deployAs: 'applicationSet' | 'applications';
  /**
   * Fields Argo CD leaves to the cluster, in the order written: Argo CD removes them from both sides of the
   * diff one after the other (argo-cd v3.4.4 util/argo/normalizers/diff_normalizer.go), so removing list
   * items by index depends on it.
   */
  readonly ignoreDifferences: readonly ResolvedIgnoredDifference[];
  /** Whether a Helm source gets the `fleet.cloud`, `fleet.region`, `fleet.cluster` parameters. */
  readonly fleetParameters: boolean;
}

export interface ResolvedIgnoredDifference {
  /** `""`: the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly jsonPointers: readonly string[];
  readonly jqPathExpressions: readonly string[];
  readonly managedFieldsManagers: readonly string[];
}

export interface ResolvedMeshEndpoint {
  readonly address: string;
  readonly locality: string;
  readonly weight?: number;
  /** The cluster the endpoint names, and its cloud, when it names one. */
  readonly cluster?: string;
  readonly cloud?: Cloud;
}

export interface ResolvedMeshService {
  readonly name: string;
  /** `in-mesh`: a Service of the mesh running in `clusters`; `external`: a ServiceEntry with `endpoints`. */
  readonly kind: 'in-mesh' | 'external';
  /** What clients call: `<name>.<namespace>.svc.cluster.local`, or the external host. */
  readonly host: string;
  /** In-mesh only: the Service's namespace. */
  readonly namespace?: string;
  /** In-mesh: the clusters that run it; external: the clusters its endpoints name (sorted). */
  readonly clusters: readonly string[];
  /** External only (sorted by number). */
  readonly ports: readonly MeshServicePort[];
  /** External only. */
  readonly resolution?: 'DNS' | 'STATIC';
  /** External only; sorted by address, locality and weight. */
  readonly endpoints: readonly ResolvedMeshEndpoint[];
  /** The regions (with their cloud) that serve it: what failover can move traffic to. */
  readonly servingRegions: readonly FailoverRegion[];
  /** Cross-cloud failover order and the outlier detection it needs. */
  readonly failoverOrder: readonly Cloud[];
  readonly outlierDetection: Required<OutlierDetection>;
}

export interface ResolvedFleet {
  readonly name: string;
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string; readonly path: string; readonly formerRepoURLs: readonly string[] };
  readonly mesh: { readonly meshID: string; readonly trustDomain: string; readonly trustDomainAliases: readonly string[] };
  /** The fleet's default state backend: the fleet-wide stacks' (each with its own key). */
  readonly stateBackend: StateBackend;
  readonly clusters: readonly ResolvedCluster[];
  /** Sorted by name. */
  readonly apps: readonly ResolvedApp[];
  /** Sorted by name. */
  readonly meshServices: readonly ResolvedMeshService[];
  /** Whether synth writes `fleet.md`. */
  readonly diagram: boolean;
  /** Argo CD's size and sign-in, as the fleet gives them: what it leaves out keeps Argo CD's chart defaults. */
  readonly argoCd: ArgoCdSettings;
}

/** Numeric order of IPv4 CIDR blocks (validated ones), then by prefix. */
const compareCidrs = (a: string, b: string): number => {
  const [x, y] = [requireCidr(a), requireCidr(b)];
  return x.start - y.start || x.prefix - y.prefix;
};

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

function resolveCluster(cluster: Cluster, fleetBackend: StateBackend, fleetMirrors: FleetImageMirrors | undefined): ResolvedCluster {
  const imageMirrors = resolveImageMirrors(cluster.cloud, fleetMirrors, cluster.imageMirrors);
  return {
    name: cluster.name,
    cloud: cluster.cloud,
    region: cluster.region,
    // Zones keep a stable order (sorted) because subnets are cut from the range in zone order.
    zones: [...(cluster.zones ?? CLOUD_CATALOG[cluster.cloud].defaultZones(cluster.region))].sort(),
    kubernetesVersion: cluster.kubernetesVersion,
    role: cluster.role,
    labels: sortedRecord(cluster.labels),
    network: {
      nodeCidr: cluster.network.nodeCidr,
      podCidr: cluster.network.podCidr,
      serviceCidr: cluster.network.serviceCidr,
      ...(cluster.network.controlPlaneCidr ? { controlPlaneCidr: cluster.network.controlPlaneCidr } : {}),
    },
    nodePools: cluster.nodePools.map(resolveNodePool).sort(byName),
    apiAccess: { publicCidrs: [...new Set(cluster.apiAccess?.publicCidrs ?? [])].sort(compareCidrs) },
    stateBackend: cluster.stateBackend ?? fleetBackend,
    ...(cluster.project ? { project: cluster.project } : {}),
    ...(cluster.accountId ? { accountId: cluster.accountId } : {}),
    ...(cluster.subscriptionId ? { subscriptionId: cluster.subscriptionId } : {}),
    ...(cluster.cloud === 'gcp' ? { deletionProtection: cluster.deletionProtection ?? true } : {}),
    ...(cluster.istioCni === false ? { istioCni: false as const } : {}),
    ...(cluster.cloud === 'azure' ? { systemPool: cluster.systemPool ?? AKS_SYSTEM_POOL_NAME } : {}),
    ...(Object.keys(imageMirrors).length > 0 ? { imageMirrors } : {}),
  };
}

/** Deep copy with object keys sorted, so values written in any order render the same. */
function sortedValues(values: unknown): HelmValues {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort(compareStrings).map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return sort(values ?? {}) as HelmValues;
}

function resolveApp(app: FleetApp, gitops: ResolvedFleet['gitops'], clusters: readonly ResolvedCluster[]): ResolvedApp {
  const source: ResolvedAppSource =
    'helm' in app.source
      ? { kind: 'helm', repoURL: app.source.helm.repoURL, chart: app.source.helm.chart, version: app.source.helm.version, values: sortedValues(app.source.helm.values) }
      : {
          kind: 'git',
          repoURL: app.source.git.repoURL ?? gitops.repoURL,
          targetRevision: app.source.git.targetRevision ?? gitops.targetRevision,
          path: app.source.git.path,
          helm: app.source.git.helm ?? false,
          kustomize: app.source.git.kustomize ?? false,
          values: sortedValues(app.source.git.values),
        };
  const matchLabels = sortedRecord(app.clusters?.matchLabels);
  return {
    name: app.name,
    namespace: app.namespace,
    source,
    matchLabels,
    clusters: clusters.filter((c) => c.role === 'workload' && matchesLabels(c, matchLabels)).map((c) => c.name),
    overrides: Object.fromEntries(Object.keys(app.overrides ?? {}).sort(compareStrings).map((k) => [k, sortedValues(app.overrides![k])])),
    deployAs: app.deployAs ?? 'applicationSet',
    ignoreDifferences: (app.ignoreDifferences ?? []).map((d) => ({
      group: d.group ?? '',
      kind: d.kind,
      ...(d.name !== undefined ? { name: d.name } : {}),
      jsonPointers: [...(d.jsonPointers ?? [])],
      jqPathExpressions: [...(d.jqPathExpressions ?? [])],
      managedFieldsManagers: [...(d.managedFieldsManagers ?? [])],
    })),
    fleetParameters: app.fleetParameters ?? true,
  };
}

function resolveMeshService(service: MeshService, clusters: readonly ResolvedCluster[]): ResolvedMeshService {
  const clusterNamed = (name: string) => clusters.find((c) => c.name === name)!;
  const od = service.failover?.outlierDetection ?? {};
  const outlierDetection = {
    consecutive5xxErrors: od.consecutive5xxErrors ?? 5,
    intervalSeconds: od.intervalSeconds ?? 10,
    baseEjectionTimeSeconds: od.baseEjectionTimeSeconds ?? 30,
    maxEjectionPercent: od.maxEjectionPercent ?? 100,
  };
  const finish = (servingRegions: FailoverRegion[]) => {
    const sorted = [...new Map(servingRegions.map((r) => [r.region, r])).values()].sort((a, b) => compareStrings(a.region, b.region));
    const clouds = [...new Set(sorted.map((r) => r.cloud))].sort(compareStrings);
    return { servingRegions: sorted, failoverOrder: service.failover?.order ? [...service.failover.order] : clouds, outlierDetection };
  };
  if (isInMeshService(service)) {
    const serving = [...new Set(service.clusters)].sort(compareStrings);
    return {
      name: service.name,
      kind: 'in-mesh',
      host: `${service.name}.${service.namespace}.svc.cluster.local`,
      namespace: service.namespace,
      clusters: serving,
      ports: [],
      endpoints: [],
      ...finish(serving.map((name) => ({ region: clusterNamed(name).region, cloud: clusterNamed(name).cloud }))),
    };
  }
  const endpoints = service.endpoints
    .map((e): ResolvedMeshEndpoint => {
      const cluster = e.cluster ? clusterNamed(e.cluster) : undefined;
      return {
        address: e.address,
        locality: e.locality ?? cluster!.region,
        ...(e.weight !== undefined ? { weight: e.weight } : {}),
        ...(cluster ? { cluster: cluster.name, cloud: cluster.cloud } : {}),
      };
    })
    .sort((a, b) => compareStrings(`${a.address} ${a.locality} ${a.weight ?? ''}`, `${b.address} ${b.locality} ${b.weight ?? ''}`));
  return {
    name: service.name,
    kind: 'external',
    host: service.host,
    clusters: [...new Set(service.endpoints.flatMap((e) => (e.cluster ? [e.cluster] : [])))].sort(compareStrings),
    ports: [...service.ports].sort((a, b) => a.number - b.number),
    resolution: service.resolution,
    endpoints,
    // Only endpoints with a cloud (those naming a cluster) take part in the cross-cloud order.
    ...finish(endpoints.flatMap((e) => (e.cloud ? [{ region: e.locality.split('/')[0], cloud: e.cloud }] : []))),
  };
}

/** Validates the fleet (throwing a FleetError listing every problem) and resolves it. */
export function resolveFleet(fleet: unknown): ResolvedFleet {
  validateFleet(fleet);
  const f: CoreFleet = fleet;
  const backend = f.stateBackend ?? { type: 'local' };
  const gitops = { repoURL: f.gitops.repoURL, targetRevision: f.gitops.targetRevision ?? 'main', path: f.gitops.path ?? 'dist', formerRepoURLs: [...(f.gitops.formerRepoURLs ?? [])].sort(compareStrings) };
  const clusters = f.clusters.map((c) => resolveCluster(c, backend, f.imageMirrors)).sort(byName);
  return {
    name: f.name,
    gitops,
    mesh: { meshID: f.mesh?.meshID ?? f.name, trustDomain: f.mesh?.trustDomain ?? 'cluster.local', trustDomainAliases: [...(f.mesh?.trustDomainAliases ?? [])].sort(compareStrings) },
    stateBackend: backend,
    clusters,
    apps: (f.apps ?? []).map((a) => resolveApp(a, gitops, clusters)).sort(byName),
    meshServices: (f.meshServices ?? []).map((s) => resolveMeshService(s, clusters)).sort(byName),
    diagram: f.diagram ?? true,
    argoCd: { ...resolveArgoCdSizing(f.argoCd), ...resolveArgoCdSignIn(f.argoCd) },
  };
}

/** The cluster that runs Argo CD. Validation guarantees there is exactly one. */
export function managementCluster(fleet: ResolvedFleet): ResolvedCluster {
  return fleet.clusters.find((c) => c.role === 'management')!;
}
