import { CloudCatalog, CLOUD_CATALOG, CATALOG_CHECKED_ON } from './cloud-catalog';
import { Cidr, overlaps, parseCidr } from './cidr';
import { aksSystemPool, Cloud, CLOUDS, NodePool, TAINT_EFFECTS } from './cluster';
import { CoreFleet } from './fleet';
import { FleetError, Problem } from './fleet-error';
import { checkLabels, labelKeyProblem, labelValueProblem } from './labels';
import { DNS_LABEL, DNS_SUBDOMAIN, GIT_URL, isNonEmptyString, isRecord, Problems } from './problems';
import { checkFleetApps } from './validate-fleet-apps';
import { checkMeshServices } from './validate-mesh-services';
import { derivedNames } from './names';
import { StateBackend } from './state-backend';

const MAX_POOL_SIZE = 1000;

/** Throws one FleetError listing every problem in the fleet, or returns when there is none. */
export function validateFleet(fleet: unknown): asserts fleet is CoreFleet {
  const problems = fleetProblems(fleet);
  if (problems.length > 0) throw new FleetError(problems);
}

/** Every problem in the fleet, each with its field path. */
export function fleetProblems(fleet: unknown): Problem[] {
  const p = new Problems();
  if (!isRecord(fleet)) {
    p.add('fleet', 'must be an object exported by the fleet file', fleet, 'a Fleet object');
    return p.list;
  }
  if (typeof fleet.name !== 'string' || !DNS_LABEL.test(fleet.name) || fleet.name.length > 40) {
    p.add('name', 'fleet name must be a DNS-1123 label starting with a letter', fleet.name, 'lowercase letters, digits and "-", at most 40 characters');
  }
  checkGitOps(p, fleet.gitops);
  checkMesh(p, fleet.mesh);
  if (fleet.stateBackend !== undefined) checkStateBackend(p, 'stateBackend', fleet.stateBackend);
  if (fleet.diagram !== undefined && typeof fleet.diagram !== 'boolean') p.add('diagram', 'must be true or false', fleet.diagram, 'true (write dist/fleet.md), false');

  if (!Array.isArray(fleet.clusters) || fleet.clusters.length === 0) {
    p.add('clusters', 'a fleet needs at least one cluster', fleet.clusters, 'a non-empty array of clusters');
    return p.list;
  }
  const clusters = fleet.clusters as unknown[];
  const seen = new Map<string, number>();
  const ranges: { path: string; cidr: Cidr }[] = [];
  clusters.forEach((c, i) => {
    const name = isRecord(c) && typeof c.name === 'string' && c.name.length > 0 ? c.name : String(i);
    const path = `clusters[${name}]`;
    if (seen.has(name)) p.add(`${path}.name`, 'cluster names must be unique in the fleet', name, 'a name no other cluster uses');
    seen.set(name, i);
    ranges.push(...checkCluster(p, path, c));
  });
  checkOverlaps(p, ranges);

  const management = clusters.filter((c) => isRecord(c) && c.role === 'management');
  if (management.length !== 1) {
    const names = management.map((c) => (c as Record<string, unknown>).name);
    p.add('clusters', 'exactly one cluster must have role "management" (it runs Argo CD)', names, 'one management cluster');
  }
  if (management.length === 1 && (management[0] as Record<string, unknown>).cloud !== 'aws') {
    clusters.forEach((c) => {
      if (isRecord(c) && c.role === 'workload' && c.cloud === 'aws') {
        p.add(`clusters[${c.name}].cloud`, 'an EKS workload cluster needs the management cluster on EKS: Argo CD reaches EKS through an IAM role it assumes via IRSA', (management[0] as Record<string, unknown>).cloud, 'a management cluster with cloud "aws"');
      }
    });
  }
  checkFleetApps(p, fleet.apps, clusters.filter(isRecord));
  checkMeshServices(p, fleet.meshServices, clusters.filter(isRecord));
  return p.list;
}

function checkGitOps(p: Problems, gitops: unknown): void {
  if (!isRecord(gitops)) {
    p.add('gitops', 'the GitOps repository is required', gitops, '{ repoURL, targetRevision?, path? }');
    return;
  }
  if (typeof gitops.repoURL !== 'string' || !GIT_URL.test(gitops.repoURL)) {
    p.add('gitops.repoURL', 'must be a git URL without credentials', gitops.repoURL, 'https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git');
  }
  if (gitops.targetRevision !== undefined && (!isNonEmptyString(gitops.targetRevision) || /\s/.test(gitops.targetRevision))) {
    p.add('gitops.targetRevision', 'must be a branch, tag or commit without spaces', gitops.targetRevision, 'e.g. "main"');
  }
  if (gitops.path !== undefined) {
    const path = gitops.path;
    if (!isNonEmptyString(path) || path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '') || /\s/.test(path)) {
      p.add('gitops.path', 'must be a relative path inside the repository', path, 'e.g. "dist" or "platform/dist"');
    }
  }
}

function checkMesh(p: Problems, mesh: unknown): void {
  if (mesh === undefined) return;
  if (!isRecord(mesh)) {
    p.add('mesh', 'must be an object', mesh, '{ meshID?, trustDomain? }');
    return;
  }
  if (mesh.meshID !== undefined && (typeof mesh.meshID !== 'string' || !DNS_LABEL.test(mesh.meshID))) {
    p.add('mesh.meshID', 'must be a DNS-1123 label', mesh.meshID, 'lowercase letters, digits and "-"');
  }
  if (mesh.trustDomain !== undefined && (typeof mesh.trustDomain !== 'string' || !DNS_SUBDOMAIN.test(mesh.trustDomain))) {
    p.add('mesh.trustDomain', 'must be a DNS subdomain', mesh.trustDomain, 'e.g. "cluster.local" or "prod.example.com"');
  }
}

function checkStateBackend(p: Problems, path: string, b: unknown): void {
  if (!isRecord(b)) {
    p.add(path, 'must be an object', b, '{ type: "local" | "s3" | "gcs" | "azurerm", … }');
    return;
  }
  const required: Record<StateBackend['type'], string[]> = {
    local: [],
    s3: ['bucket', 'region'],
    gcs: ['bucket'],
    azurerm: ['resourceGroupName', 'storageAccountName', 'containerName'],
  };
  const type = b.type as StateBackend['type'];
  if (!(type in required)) {
    p.add(`${path}.type`, 'unknown state backend', b.type, '"local", "s3", "gcs" or "azurerm"');
    return;
  }
  for (const field of required[type]) {
    if (!isNonEmptyString(b[field])) p.add(`${path}.${field}`, `required for the ${type} backend`, b[field], 'a non-empty string');
  }
  const optional: Record<StateBackend['type'], string[]> = { local: [], s3: ['keyPrefix', 'dynamodbTable'], gcs: ['prefix'], azurerm: ['keyPrefix'] };
  for (const field of optional[type]) {
    if (b[field] !== undefined && (!isNonEmptyString(b[field]) || /\s/.test(b[field] as string))) p.add(`${path}.${field}`, 'must be a non-empty string without spaces, or left out', b[field], 'e.g. "fleetsynth/"');
  }
  if (type === 's3' && typeof b.region === 'string' && b.region && !CLOUD_CATALOG.aws.regions.includes(b.region)) {
    p.add(`${path}.region`, 'unknown AWS region', b.region, `one of ${CLOUD_CATALOG.aws.regions.join(', ')}`);
  }
}

function checkCluster(p: Problems, path: string, c: unknown): { path: string; cidr: Cidr }[] {
  if (!isRecord(c)) {
    p.add(path, 'must be an object', c, 'a Cluster');
    return [];
  }
  const cloud = c.cloud as Cloud;
  const known = CLOUDS.includes(cloud);
  if (!known) p.add(`${path}.cloud`, 'unknown cloud', c.cloud, CLOUDS.map((x) => `"${x}"`).join(', '));
  const catalog = known ? CLOUD_CATALOG[cloud] : undefined;

  if (typeof c.name !== 'string' || !DNS_LABEL.test(c.name)) {
    p.add(`${path}.name`, 'must be a DNS-1123 label starting with a letter', c.name, 'lowercase letters, digits and "-", e.g. "aws-prod"');
  } else if (known) {
    for (const d of derivedNames({ name: c.name, cloud })) {
      if (d.value.length > d.maxLength) {
        p.add(`${path}.name`, `too long: the ${d.what} "${d.value}" would have ${d.value.length} characters`, c.name, `a name whose ${d.what} fits in ${d.maxLength} characters`);
      }
    }
  }
  if (c.role !== 'management' && c.role !== 'workload') p.add(`${path}.role`, 'unknown role', c.role, '"management" or "workload"');
  if (catalog) {
    checkRegion(p, path, c, catalog);
    if (!catalog.kubernetesVersions.includes(c.kubernetesVersion as string)) {
      p.add(`${path}.kubernetesVersion`, `not offered by ${catalog.service} (catalog checked ${CATALOG_CHECKED_ON})`, c.kubernetesVersion, catalog.kubernetesVersions.join(', '));
    }
  }
  checkLabels(p, `${path}.labels`, c.labels, { required: ['env'] });
  if (c.publicEndpoint !== undefined && typeof c.publicEndpoint !== 'boolean') p.add(`${path}.publicEndpoint`, 'must be a boolean', c.publicEndpoint, 'true or false');
  if (c.stateBackend !== undefined) checkStateBackend(p, `${path}.stateBackend`, c.stateBackend);
  checkCloudAccount(p, path, c, cloud);
  if (catalog) checkNodePools(p, path, c.nodePools, catalog, cloud);
  return catalog ? checkNetwork(p, path, c.network, catalog) : [];
}

const GCP_PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const AWS_ACCOUNT = /^\d{12}$/;
const AZURE_SUBSCRIPTION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Each cloud's account field belongs to that cloud only; GKE needs its project (it names the workload identity pool). */
function checkCloudAccount(p: Problems, path: string, c: Record<string, unknown>, cloud: Cloud): void {
  const fields: { field: string; cloud: Cloud; pattern: RegExp; rule: string }[] = [
    { field: 'project', cloud: 'gcp', pattern: GCP_PROJECT, rule: 'a GCP project id: 6-30 lowercase letters, digits and "-", starting with a letter' },
    { field: 'accountId', cloud: 'aws', pattern: AWS_ACCOUNT, rule: 'a 12-digit AWS account id' },
    { field: 'subscriptionId', cloud: 'azure', pattern: AZURE_SUBSCRIPTION, rule: 'a lowercase Azure subscription GUID' },
  ];
  for (const f of fields) {
    const value = c[f.field];
    if (value === undefined) {
      if (f.field === 'project' && cloud === 'gcp') p.add(`${path}.project`, 'required for a GKE cluster', value, f.rule);
      continue;
    }
    if (cloud !== f.cloud) p.add(`${path}.${f.field}`, `only applies to ${f.cloud} clusters`, value, `leave it out for a ${cloud} cluster`);
    else if (typeof value !== 'string' || !f.pattern.test(value)) p.add(`${path}.${f.field}`, 'invalid', value, f.rule);
  }
}

function checkRegion(p: Problems, path: string, c: Record<string, unknown>, catalog: CloudCatalog): void {
  if (typeof c.region !== 'string' || !catalog.regions.includes(c.region)) {
    p.add(`${path}.region`, `not a ${catalog.service} region`, c.region, `one of ${catalog.regions.join(', ')}`);
    return;
  }
  if (c.zones === undefined) return;
  if (!Array.isArray(c.zones) || c.zones.length === 0) {
    p.add(`${path}.zones`, 'must be a non-empty list of zones', c.zones, `e.g. ${JSON.stringify(catalog.defaultZones(c.region))}`);
    return;
  }
  if (c.zones.length > catalog.maxZones) {
    p.add(`${path}.zones`, `a ${catalog.service} cluster spans at most ${catalog.maxZones} zones here`, c.zones, `1 to ${catalog.maxZones} zones`);
  }
  const pattern = catalog.zonePattern(c.region);
  const seen = new Set<unknown>();
  c.zones.forEach((z: unknown, i: number) => {
    if (typeof z !== 'string' || !pattern.test(z)) p.add(`${path}.zones[${i}]`, `not a zone of ${c.region}`, z, `e.g. ${catalog.defaultZones(c.region as string).join(', ')}`);
    if (seen.has(z)) p.add(`${path}.zones[${i}]`, 'listed twice', z, 'each zone once');
    seen.add(z);
  });
}

function checkNetwork(p: Problems, path: string, network: unknown, catalog: CloudCatalog): { path: string; cidr: Cidr }[] {
  if (!isRecord(network)) {
    p.add(`${path}.network`, 'the network is required', network, '{ nodeCidr, podCidr, serviceCidr }');
    return [];
  }
  const parsed: { path: string; cidr: Cidr }[] = [];
  for (const [field, kind] of [['nodeCidr', 'node'], ['podCidr', 'pod'], ['serviceCidr', 'service']] as const) {
    const fieldPath = `${path}.network.${field}`;
    const value = network[field];
    const cidr = typeof value === 'string' ? parseCidr(value) : 'must be a string';
    if (typeof cidr === 'string') {
      p.add(fieldPath, `invalid CIDR: ${cidr}`, value, 'an IPv4 network like 10.0.0.0/16');
      continue;
    }
    const [min, max] = catalog.cidrPrefix[kind];
    if (cidr.prefix < min || cidr.prefix > max) {
      p.add(fieldPath, `${catalog.service} does not accept a /${cidr.prefix} ${kind} range`, value, `a prefix length from /${min} to /${max}`);
    }
    parsed.push({ path: fieldPath, cidr });
  }
  return parsed;
}

/** Clusters are connected across clouds (mesh east-west traffic, VPN), so no two ranges may overlap anywhere. */
function checkOverlaps(p: Problems, ranges: { path: string; cidr: Cidr }[]): void {
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      if (overlaps(ranges[i].cidr, ranges[j].cidr)) {
        p.add(ranges[j].path, `overlaps ${ranges[i].path} (${ranges[i].cidr.text})`, ranges[j].cidr.text, 'a range that overlaps no other range in the fleet');
      }
    }
  }
}

function checkNodePools(p: Problems, path: string, pools: unknown, catalog: CloudCatalog, cloud: Cloud): void {
  if (!Array.isArray(pools) || pools.length === 0) {
    p.add(`${path}.nodePools`, 'a cluster needs at least one node pool', pools, 'a non-empty array of node pools');
    return;
  }
  const seen = new Set<string>();
  pools.forEach((pool: unknown, i: number) => {
    const name = isRecord(pool) && typeof pool.name === 'string' && pool.name.length > 0 ? pool.name : String(i);
    const poolPath = `${path}.nodePools[${name}]`;
    if (!isRecord(pool)) {
      p.add(poolPath, 'must be an object', pool, 'a NodePool');
      return;
    }
    if (typeof pool.name !== 'string' || !catalog.nodePoolName.test(pool.name)) {
      p.add(`${poolPath}.name`, `invalid ${catalog.service} node pool name`, pool.name, catalog.nodePoolNameRule);
    }
    if (seen.has(name)) p.add(`${poolPath}.name`, 'node pool names must be unique in the cluster', name, 'a name no other pool of this cluster uses');
    seen.add(name);
    if (typeof pool.machineType !== 'string' || !catalog.machineType.test(pool.machineType)) {
      p.add(`${poolPath}.machineType`, `not a ${catalog.service} machine type`, pool.machineType, `e.g. "${catalog.machineTypeExample}"`);
    }
    checkPoolSize(p, poolPath, pool);
    if (pool.spot !== undefined && typeof pool.spot !== 'boolean') p.add(`${poolPath}.spot`, 'must be a boolean', pool.spot, 'true or false');
    if (pool.diskSizeGb !== undefined && !(Number.isInteger(pool.diskSizeGb) && (pool.diskSizeGb as number) >= 20 && (pool.diskSizeGb as number) <= 2048)) {
      p.add(`${poolPath}.diskSizeGb`, 'must be a whole number of GiB', pool.diskSizeGb, '20 to 2048');
    }
    checkLabels(p, `${poolPath}.labels`, pool.labels ?? {}, { required: [] });
    checkTaints(p, `${poolPath}.taints`, pool.taints);
  });
  if (cloud === 'azure') checkAksSystemPool(p, path, pools);
  if (cloud === 'gcp') {
    pools.forEach((pool: unknown) => {
      if (!isRecord(pool) || !Array.isArray(pool.taints)) return;
      pool.taints.forEach((t: unknown, i: number) => {
        if (isRecord(t) && t.value === undefined) p.add(`${path}.nodePools[${pool.name}].taints[${i}].value`, 'GKE taints need a value', t.value, 'a label value such as "true"');
      });
    });
  }
}

/** AKS runs its system pool as the default pool: it must exist, and (in azurerm 4) it cannot carry taints. */
function checkAksSystemPool(p: Problems, path: string, pools: unknown[]): void {
  const valid = pools.filter((x): x is NodePool => isRecord(x) && typeof x.name === 'string' && typeof x.minSize === 'number');
  let system: NodePool;
  try {
    system = aksSystemPool(valid);
  } catch {
    p.add(`${path}.nodePools`, 'AKS needs a system pool: a pool that is not spot and has minSize of at least 1', pools.map((x) => (isRecord(x) ? x.name : x)), 'a regular (non-spot) pool with minSize >= 1');
    return;
  }
  if (system.taints && system.taints.length > 0) {
    p.add(`${path}.nodePools[${system.name}].taints`, 'the AKS system pool cannot have taints', system.taints, 'no taints on the system pool (taint a user pool instead)');
  }
}

function checkPoolSize(p: Problems, poolPath: string, pool: Record<string, unknown>): void {
  const { minSize, maxSize } = pool;
  const minOk = Number.isInteger(minSize) && (minSize as number) >= 0 && (minSize as number) <= MAX_POOL_SIZE;
  const maxOk = Number.isInteger(maxSize) && (maxSize as number) >= 1 && (maxSize as number) <= MAX_POOL_SIZE;
  if (!minOk) p.add(`${poolPath}.minSize`, 'must be a whole number of nodes', minSize, `0 to ${MAX_POOL_SIZE}`);
  if (!maxOk) p.add(`${poolPath}.maxSize`, 'must be a whole number of nodes', maxSize, `1 to ${MAX_POOL_SIZE}`);
  if (minOk && maxOk && (maxSize as number) < (minSize as number)) {
    p.add(`${poolPath}.maxSize`, `must be at least minSize (${minSize})`, maxSize, `${Math.max(1, minSize as number)} to ${MAX_POOL_SIZE}`);
  }
}

function checkTaints(p: Problems, path: string, taints: unknown): void {
  if (taints === undefined) return;
  if (!Array.isArray(taints)) {
    p.add(path, 'must be a list of taints', taints, '[{ key, value?, effect }]');
    return;
  }
  taints.forEach((t: unknown, i: number) => {
    const tp = `${path}[${i}]`;
    if (!isRecord(t)) return p.add(tp, 'must be an object', t, '{ key, value?, effect }');
    const keyProblem = typeof t.key === 'string' ? labelKeyProblem(t.key) : 'taint key must be a string';
    if (keyProblem) p.add(`${tp}.key`, keyProblem.replace('label key', 'taint key'), t.key, 'a qualified name like "dedicated" or "example.com/gpu"');
    if (t.value !== undefined) {
      const valueProblem = t.value === '' ? 'an empty taint value cannot be told from none; leave value out instead' : labelValueProblem(t.value);
      if (valueProblem) p.add(`${tp}.value`, valueProblem.replace('label value', 'taint value'), t.value, 'at most 63 label-value characters');
    }
    if (!(TAINT_EFFECTS as readonly unknown[]).includes(t.effect)) p.add(`${tp}.effect`, 'unknown taint effect', t.effect, TAINT_EFFECTS.map((e) => `"${e}"`).join(', '));
    return undefined;
  });
}
