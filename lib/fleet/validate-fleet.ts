import { CloudCatalog, CLOUD_CATALOG, CATALOG_CHECKED_ON, ZONES_CHECKED_ON } from './cloud-catalog';
import { checkIstioKubernetesVersion } from './istio-kubernetes-support';
import { GIT_REVISION_ALLOWED, gitRevisionProblem } from './git-revision';
import { Cidr, overlappingPairs, parseCidr } from './cidr';
import { AKS_SYSTEM_POOL_NAME, AKS_SYSTEM_POOL_TEMPORARY_NAME, aksSystemPool, aksTemporaryNameForRotation, Cloud, CLOUDS, NodePool, TAINT_EFFECTS } from './cluster';
import { CoreFleet } from './fleet';
import { asText, FleetError, Problem } from './fleet-error';
import { aksOverlayVmSizeProblem, aksSystemPoolVmSizeProblem } from './aks-vm-sizes';
import { gkeMachineTypeProblem } from './gke-machine-types';
import { checkLabels, clusterLabelKeyProblem, labelKeyProblem, labelValueProblem, nodeLabelKeyProblem } from './labels';
import { DNS_LABEL, GIT_URL, isNonEmptyString, isRecord, itemPath, listItems, Problems } from './problems';
import { isTrustDomain } from './dns-names';
import { closest, didYouMean, longestStartMatching } from './suggest';
import { inputShapeProblems, InputShapeResult, unreadableFields } from './unknown-fields';
import { checkArgoCdAccess } from './validate-argocd-access';
import { checkArgoCdSignIn } from './validate-argocd-sign-in';
import { checkArgoCdSizing } from './validate-argocd-sizing';
import { checkApiAccess } from './validate-api-access';
import { checkControlPlaneRange } from './validate-control-plane-range';
import { checkEksAddons } from './validate-eks-addons';
import { checkEksNodeGroups } from './validate-eks-node-groups';
import { checkFleetApps } from './validate-fleet-apps';
import { checkFleetImageMirrors, checkImageMirrors } from './validate-image-mirrors';
import { checkPlatformPool } from './validate-platform-pool';
import { checkNodeRangeCapacity, checkPodRangeCapacity } from './validate-pod-range-capacity';
import { checkProviderRules } from './validate-provider-rules';
import { checkMeshServices } from './validate-mesh-services';
import { checkSharedState, checkStateBackend, ClusterStateBackend } from './validate-state-backend';
import { fleetCloudNameProblems } from './cloud-names';

/** Argo CD's reserved name for its own cluster (argo-cd pkg/apis/application/v1alpha1/application_defaults.go KubernetesInClusterName). */
const ARGOCD_IN_CLUSTER_NAME = 'in-cluster';

const MAX_POOL_SIZE = 1000;

/** Throws one FleetError listing every problem in the fleet, or returns when there is none. */
export function validateFleet(fleet: unknown): asserts fleet is CoreFleet {
  const problems = fleetProblems(fleet);
  if (problems.length > 0) throw new FleetError(problems);
}

/**
 * Every problem in the fleet, each with its field path: first what the shape of the input says
 * (unknown fields, holes in lists, credentials, values that are not plain data: see unknown-fields.ts),
 * then each field's own checks, then `others` (the add-ons' checks of their settings), the last two
 * without what repeats a problem the shape check gave.
 */
export function fleetProblems(fleet: unknown, others: readonly Problem[] = []): Problem[] {
  const p = new Problems();
  if (!isRecord(fleet)) {
    p.add('fleet', 'must be an object exported by the fleet file', fleet, 'a Fleet object');
    return p.list;
  }
  let shape: InputShapeResult;
  try {
    shape = inputShapeProblems(fleet);
    fieldProblems(p, fleet);
  } catch (e) {
    // A getter that throws (unknown-fields.ts): its field is what to report, not its stack trace.
    const unreadable = unreadableFields(fleet);
    if (unreadable.length > 0) return unreadable;
    throw e;
  }
  const repeats = sameMistake(shape);
  return [...shape.problems, ...p.list.filter((problem) => !repeats(problem)), ...others.filter((problem) => !repeats(problem))];
}

/**
 * Whether a later check's problem repeats one the shape check already gave: "nodePools is required"
 * when `nodepools` was reported with that suggestion, "not a git URL" for a URL refused for its token,
 * "the env label is required" for labels given as a Map, an add-on's own "not a Vault setting" for a
 * field reported as unknown. Paths are compared with
 * `a[b]` and `a.b` read alike: the add-ons spell map keys either way.
 */
function sameMistake(shape: InputShapeResult): (problem: Problem) => boolean {
  const normal = (path: string) => path.replace(/\[([^\]]*)\]/g, '.$1');
  // A field meant but misspelt, and a value refused whole (a Map, a cycle): nothing under them is another mistake.
  const covered = [...shape.suggested, ...shape.refused].map(normal);
  const reported = new Set(shape.problems.map((x) => normal(x.path)));
  return (problem) => {
    const path = normal(problem.path);
    return reported.has(path) || covered.some((s) => path === s || path.startsWith(`${s}.`));
  };
}

function fieldProblems(p: Problems, fleet: Record<string, unknown>): void {
  if (typeof fleet.name !== 'string' || !DNS_LABEL.test(fleet.name) || fleet.name.length > 40) {
    p.add('name', 'fleet name must be a DNS-1123 label starting with a letter', fleet.name, 'lowercase letters, digits and "-", at most 40 characters');
  }
  checkGitOps(p, fleet.gitops);
  checkMesh(p, fleet.mesh);
  if (fleet.stateBackend !== undefined) checkStateBackend(p, 'stateBackend', fleet.stateBackend);
  checkFleetImageMirrors(p, fleet.imageMirrors);
  if (fleet.diagram !== undefined && typeof fleet.diagram !== 'boolean') p.add('diagram', 'must be true or false', fleet.diagram, 'true (write dist/fleet.md), false');
  checkArgoCdSizing(p, fleet.argoCd);
  checkArgoCdSignIn(p, fleet.argoCd);

  if (!Array.isArray(fleet.clusters) || fleet.clusters.length === 0) {
    p.add('clusters', 'a fleet needs at least one cluster', fleet.clusters, 'a non-empty array of clusters');
    return;
  }
  // Holes (`[a, , b]`) are reported by the shape check; every list below is walked by index so none is skipped silently.
  const clusters = listItems(fleet.clusters).filter((x) => x.present).map((x) => x.item);
  const seen = new Set<string>();
  const ranges: { path: string; cidr: Cidr }[] = [];
  const backends: ClusterStateBackend[] = [];
  for (const { item: c, index, present } of listItems(fleet.clusters)) {
    if (!present) continue;
    const path = itemPath('clusters', c, index);
    const name = path.slice('clusters['.length, -1);
    if (seen.has(name)) p.add(`${path}.name`, 'cluster names must be unique in the fleet', name, 'a name no other cluster uses');
    seen.add(name);
    // The cluster's root Application is `<cluster>-root`, the fleet's `<fleet>-root` (names.ts).
    if (name === fleet.name) p.add(`${path}.name`, 'a cluster may not have the fleet\'s name: its root Application would be the fleet\'s root app', name, `a name other than ${JSON.stringify(fleet.name)}`);
    // Argo CD's name for the cluster it runs in (KubernetesInClusterName): a workload cluster
    // registered under it would make every app project's destination `{ name: in-cluster }` admit the
    // management cluster too.
    if (name === ARGOCD_IN_CLUSTER_NAME) p.add(`${path}.name`, 'is Argo CD\'s name for the cluster it runs in (the management cluster)', name, 'any other name');
    ranges.push(...checkCluster(p, path, c));
    if (isRecord(c)) backends.push({ path, name: c.name, backend: c.stateBackend });
    if (isRecord(c)) ranges.push(...checkControlPlaneRange(p, path, c));
    if (isRecord(c)) checkApiAccess(p, path, c);
    if (isRecord(c)) checkEksAddons(p, path, c);
    if (isRecord(c)) checkEksNodeGroups(p, path, c, fleet.platform);
    if (isRecord(c)) checkProviderRules(p, path, c);
    if (isRecord(c)) checkPodRangeCapacity(p, path, c);
    if (isRecord(c)) checkNodeRangeCapacity(p, path, c);
    if (isRecord(c)) checkPlatformPool(p, path, c, fleet.platform);
    if (isRecord(c)) checkImageMirrors(p, `${path}.imageMirrors`, c.imageMirrors, CLOUDS.includes(c.cloud as Cloud) ? (c.cloud as Cloud) : undefined, isRecord(fleet.imageMirrors) && typeof c.cloud === 'string' ? fleet.imageMirrors[c.cloud] : undefined);
  }
  checkOverlaps(p, ranges);
  checkSharedState(p, fleet.stateBackend, backends);

  const management = clusters.filter((c) => isRecord(c) && c.role === 'management');
  if (management.length !== 1) {
    const names = management.map((c) => (c as Record<string, unknown>).name);
    p.add('clusters', 'exactly one cluster must have role "management" (it runs Argo CD)', names, 'one management cluster');
  }
  checkArgoCdAccess(p, clusters.filter(isRecord));
  checkFleetApps(p, fleet.apps, clusters.filter(isRecord), fleet);
  checkMeshServices(p, fleet.meshServices, clusters.filter(isRecord));
  p.list.push(...fleetCloudNameProblems(fleet, new Set(p.list.map((x) => x.path))));
}

function checkGitOps(p: Problems, gitops: unknown): void {
  if (!isRecord(gitops)) {
    p.add('gitops', 'the GitOps repository is required', gitops, '{ repoURL, targetRevision?, path?, formerRepoURLs? }');
    return;
  }
  if (typeof gitops.repoURL !== 'string' || !GIT_URL.test(gitops.repoURL)) {
    p.add('gitops.repoURL', 'must be a git URL without credentials', gitops.repoURL, 'https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git');
  }
  if (gitops.targetRevision !== undefined) {
    const problem = typeof gitops.targetRevision === 'string' ? gitRevisionProblem(gitops.targetRevision) : 'is not text';
    if (problem) p.add('gitops.targetRevision', `must be a branch, tag or commit: it ${problem}`, gitops.targetRevision, GIT_REVISION_ALLOWED);
  }
  if (gitops.path !== undefined) {
    const path = gitops.path;
    if (!isNonEmptyString(path) || path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '') || /\s/.test(path)) {
      p.add('gitops.path', 'must be a relative path inside the repository', path, 'e.g. "dist" or "platform/dist"');
    }
  }
  checkFormerRepoURLs(p, gitops.formerRepoURLs, gitops.repoURL);
}

/** The repositories the projects keep permitting during a move of `gitops.repoURL` (README, "Moving the GitOps repository"). */
function checkFormerRepoURLs(p: Problems, former: unknown, repoURL: unknown): void {
  if (former === undefined) return;
  const shape = 'https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git';
  if (!Array.isArray(former)) {
    p.add('gitops.formerRepoURLs', 'must be a list of git URLs', former, `e.g. ["https://github.com/acme/old-gitops.git"]`);
    return;
  }
  const seen = new Set<unknown>();
  for (const { item: url, index, present } of listItems(former)) {
    const at = `gitops.formerRepoURLs[${index}]`;
    if (!present || typeof url !== 'string' || !GIT_URL.test(url)) p.add(at, 'must be a git URL without credentials', url, shape);
    else if (url === repoURL) p.add(at, 'is gitops.repoURL itself', url, 'the repository the root app read before gitops.repoURL changed');
    else if (seen.has(url)) p.add(at, 'listed twice', url, 'each repository once');
    seen.add(url);
  }
}

function checkMesh(p: Problems, mesh: unknown): void {
  if (mesh === undefined) return;
  if (!isRecord(mesh)) {
    p.add('mesh', 'must be an object', mesh, '{ meshID?, trustDomain?, trustDomainAliases? }');
    return;
  }
  // A label value of every cluster's Istio (IstioInstallation), so at most 63 characters.
  if (mesh.meshID !== undefined && (typeof mesh.meshID !== 'string' || mesh.meshID.length > 63 || !DNS_LABEL.test(mesh.meshID))) {
    p.add('mesh.meshID', 'must be a DNS-1123 label (at most 63 characters)', mesh.meshID, 'lowercase letters, digits and "-"');
  }
  if (mesh.trustDomain !== undefined && !isTrustDomain(mesh.trustDomain)) {
    p.add('mesh.trustDomain', 'must be a DNS subdomain whose parts have at most 63 characters (istiod refuses another at start)', mesh.trustDomain, 'e.g. "cluster.local" or "prod.example.com"');
  }
  const aliases = mesh.trustDomainAliases;
  if (aliases === undefined) return;
  if (!Array.isArray(aliases)) {
    p.add('mesh.trustDomainAliases', 'must be a list of trust domains', aliases, 'e.g. ["cluster.local"]');
    return;
  }
  const own = mesh.trustDomain ?? 'cluster.local';
  const seen = new Set<unknown>();
  for (const { item: alias, index, present } of listItems(aliases)) {
    const at = `mesh.trustDomainAliases[${index}]`;
    if (!present || !isTrustDomain(alias)) p.add(at, 'must be a DNS subdomain whose parts have at most 63 characters', alias, 'e.g. "cluster.local"');
    else if (alias === own) p.add(at, 'is the trust domain itself', alias, `a trust domain other than ${JSON.stringify(own)}`);
    else if (seen.has(alias)) p.add(at, 'listed twice', alias, 'each trust domain once');
    seen.add(alias);
  }
}

function checkCluster(p: Problems, path: string, c: unknown): { path: string; cidr: Cidr }[] {
  if (!isRecord(c)) {
    p.add(path, 'must be an object', c, 'a Cluster');
    return [];
  }
  const cloud = c.cloud as Cloud;
  const known = CLOUDS.includes(cloud);
  if (!known) p.add(`${path}.cloud`, `unknown cloud${didYouMean(c.cloud, CLOUDS)}`, c.cloud, CLOUDS.map((x) => `"${x}"`).join(', '));
  const catalog = known ? CLOUD_CATALOG[cloud] : undefined;

  if (typeof c.name !== 'string' || !DNS_LABEL.test(c.name)) {
    p.add(`${path}.name`, 'must be a DNS-1123 label starting with a letter', c.name, 'lowercase letters, digits and "-", e.g. "aws-prod"');
  }
  if (c.role !== 'management' && c.role !== 'workload') p.add(`${path}.role`, `unknown role${didYouMean(c.role, ['management', 'workload'])}`, c.role, '"management" or "workload"');
  if (catalog) {
    checkRegion(p, path, c, catalog, cloud);
    checkKubernetesVersion(p, `${path}.kubernetesVersion`, c.kubernetesVersion, catalog);
    if (typeof c.kubernetesVersion === 'string' && catalog.kubernetesVersions.includes(c.kubernetesVersion)) {
      checkIstioKubernetesVersion(p, `${path}.kubernetesVersion`, c.kubernetesVersion, catalog.kubernetesVersions);
    }
  }
  checkLabels(p, `${path}.labels`, c.labels, { required: ['env'], reserved: clusterLabelKeyProblem });
  if (c.stateBackend !== undefined) checkStateBackend(p, `${path}.stateBackend`, c.stateBackend);
  checkCloudAccount(p, path, c, cloud);
  if (c.istioCni !== undefined && typeof c.istioCni !== 'boolean') p.add(`${path}.istioCni`, 'must be true or false', c.istioCni, 'true (Istio\'s CNI node agent, the default), false (istio-init in every injected pod)');
  if (c.deletionProtection !== undefined) checkDeletionProtection(p, `${path}.deletionProtection`, c.deletionProtection, known ? cloud : undefined);
  if (c.systemPool !== undefined && known && cloud !== 'azure') p.add(`${path}.systemPool`, 'only AKS clusters have a system pool to name', c.systemPool, 'leave it out');
  if (c.systemPool !== undefined && (typeof c.systemPool !== 'string' || c.systemPool === '')) p.add(`${path}.systemPool`, 'must be the name of one of the cluster\'s pools', c.systemPool, `a pool name, e.g. "${AKS_SYSTEM_POOL_NAME}"`);
  if (catalog) checkNodePools(p, path, c.nodePools, catalog, cloud, typeof c.systemPool === 'string' && c.systemPool !== '' ? c.systemPool : AKS_SYSTEM_POOL_NAME);
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
    // An unknown cloud is reported at .cloud: which cloud's field this is cannot be told.
    if (cloud !== f.cloud && CLOUDS.includes(cloud)) p.add(`${path}.${f.field}`, `only applies to ${f.cloud} clusters`, value, `leave it out for a ${cloud} cluster`);
    else if (typeof value !== 'string' || !f.pattern.test(value)) {
      // YAML and JSON read an unquoted 011122223333 as the number 11122223333.
      const hint = typeof value === 'number' ? '; write it as a string (quoted): a number loses leading zeros' : '';
      p.add(`${path}.${f.field}`, `invalid${hint}`, value, f.rule);
    }
  }
}

/**
 * GKE's `deletion_protection` is the google provider's own guard (terraform-provider-google
 * container_cluster docs: destroy succeeds only with false in state). EKS's cluster deletion protection
 * (aws_eks_cluster deletion_protection) is off by default and not mapped: turning it on by default would
 * change every EKS cluster. AKS has no such setting.
 */
function checkDeletionProtection(p: Problems, path: string, value: unknown, cloud: Cloud | undefined): void {
  if (typeof value !== 'boolean') p.add(path, 'must be true or false', value, 'true (Terraform refuses to destroy the cluster; the default) or false');
  else if (cloud !== undefined && cloud !== 'gcp') p.add(path, 'only applies to gcp clusters (GKE\'s deletion_protection)', value, `leave it out for ${article(CLOUD_CATALOG[cloud].service)} ${CLOUD_CATALOG[cloud].service} cluster`);
}

/** "an EKS", "an AKS", "a GKE": the article as the abbreviation is read. */
const article = (service: string) => (/^[AEFHILMNORSX]/.test(service) ? 'an' : 'a');

/** A region of the cluster's cloud: a near miss gets a suggestion, another cloud's region says whose it is. */
function checkRegion(p: Problems, path: string, c: Record<string, unknown>, catalog: CloudCatalog, cloud: Cloud): void {
  if (typeof c.region !== 'string' || !catalog.regions.includes(c.region)) {
    const owner = CLOUDS.find((other) => other !== cloud && CLOUD_CATALOG[other].regions.includes(c.region as string));
    const match = closest(c.region, catalog.regions);
    const hint = owner ? `; ${JSON.stringify(c.region)} is ${article(CLOUD_CATALOG[owner].service)} ${CLOUD_CATALOG[owner].service} region` : didYouMean(c.region, catalog.regions);
    p.add(`${path}.region`, `not ${article(catalog.service)} ${catalog.service} region${hint}`, c.region, match ? `"${match}" or another of the ${catalog.regions.length} ${catalog.service} regions fleetsynth knows (CLOUD_CATALOG, exported by 'fleetsynth/fleet')` : `one of ${catalog.regions.join(', ')}`);
    return;
  }
  if (c.zones === undefined) return;
  const zones = catalog.zones[c.region] ?? [];
  const allowed = `zones of ${c.region}: ${zones.join(', ')} (catalog checked ${ZONES_CHECKED_ON})`;
  if (zones.length === 0) {
    p.add(`${path}.zones`, `${c.region} has no availability zones`, c.zones, 'leave zones out');
    return;
  }
  if (!Array.isArray(c.zones) || c.zones.length === 0) {
    p.add(`${path}.zones`, 'must be a non-empty list of zones', c.zones, allowed);
    return;
  }
  if (c.zones.length > catalog.maxZones) {
    p.add(`${path}.zones`, `${article(catalog.service)} ${catalog.service} cluster spans at most ${catalog.maxZones} zones here`, c.zones, `1 to ${catalog.maxZones} zones`);
  }
  if (c.zones.length < catalog.minZones) {
    p.add(`${path}.zones`, `${article(catalog.service)} ${catalog.service} cluster needs at least ${catalog.minZones} zones`, c.zones, `${catalog.minZones} to ${Math.min(catalog.maxZones, zones.length)} of the ${allowed}`);
  }
  const seen = new Set<unknown>();
  for (const { item: z, index, present } of listItems(c.zones)) {
    if (!present) continue;
    if (typeof z !== 'string' || !zones.includes(z)) p.add(`${path}.zones[${index}]`, `not a zone of ${c.region}`, z, allowed);
    if (seen.has(z)) p.add(`${path}.zones[${index}]`, 'listed twice', z, 'each zone once');
    seen.add(z);
  }
}

/** A minor the cloud offers; a patch version, a leading "v" or a YAML number gets told how to write it. */
function checkKubernetesVersion(p: Problems, path: string, version: unknown, catalog: CloudCatalog): void {
  if (typeof version === 'string' && catalog.kubernetesVersions.includes(version)) return;
  if (typeof version === 'number') {
    // Not "not offered": the number 1.35 is a minor the cloud offers, written without quotes.
    const text = String(version);
    const quoted = catalog.kubernetesVersions.includes(text) ? `; write ${JSON.stringify(text)}` : '';
    p.add(path, `must be a string, not a number: YAML and JSON read 1.30 as the number 1.3${quoted}`, version, catalog.kubernetesVersions.join(', '));
    return;
  }
  let hint = '';
  const m = typeof version === 'string' ? /^\s*v?(\d+)\.(\d+)(\.\d+\S*)?\s*$/.exec(version) : null;
  const minor = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  if (minor !== undefined && minor !== version && catalog.kubernetesVersions.includes(minor)) hint = `; use the minor version ${JSON.stringify(minor)}`;
  else if (typeof version === 'string' && !m) hint = didYouMean(version, catalog.kubernetesVersions);
  p.add(path, `not offered by ${catalog.service} (catalog checked ${CATALOG_CHECKED_ON})${hint}`, version, catalog.kubernetesVersions.join(', '));
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
  for (const [i, j] of overlappingPairs(ranges.map((r) => r.cidr))) {
    p.add(ranges[j].path, `overlaps ${ranges[i].path} (${ranges[i].cidr.text})`, ranges[j].cidr.text, 'a range that overlaps no other range in the fleet');
  }
}

function checkNodePools(p: Problems, path: string, pools: unknown, catalog: CloudCatalog, cloud: Cloud, systemPool: string): void {
  if (!Array.isArray(pools) || pools.length === 0) {
    p.add(`${path}.nodePools`, 'a cluster needs at least one node pool', pools, 'a non-empty array of node pools');
    return;
  }
  const seen = new Set<string>();
  for (const { item: pool, index, present } of listItems(pools)) {
    if (!present) continue;
    const poolPath = itemPath(`${path}.nodePools`, pool, index);
    const name = poolPath.slice(`${path}.nodePools[`.length, -1);
    if (!isRecord(pool)) {
      p.add(poolPath, 'must be an object', pool, 'a NodePool');
      continue;
    }
    if (typeof pool.name !== 'string' || !catalog.nodePoolName.test(pool.name)) {
      p.add(`${poolPath}.name`, `invalid ${catalog.service} node pool name`, pool.name, catalog.nodePoolNameRule);
    }
    if (seen.has(name)) p.add(`${poolPath}.name`, 'node pool names must be unique in the cluster', name, 'a name no other pool of this cluster uses');
    seen.add(name);
    if (typeof pool.machineType !== 'string' || !catalog.machineType.test(pool.machineType)) {
      const within = typeof pool.machineType === 'string' ? longestStartMatching(pool.machineType, catalog.machineType) : undefined;
      p.add(`${poolPath}.machineType`, `not ${/^[AEIOU]/.test(catalog.service) ? 'an' : 'a'} ${catalog.service} machine type${within ? `; did you mean "${within}"?` : ''}`, pool.machineType, catalog.machineTypeRule);
    } else if (cloud === 'azure') {
      const overlay = aksOverlayVmSizeProblem(pool.machineType);
      if (overlay) p.add(`${poolPath}.machineType`, overlay, pool.machineType, 'another size, e.g. of the DCasv5 or DCadsv5 series for confidential computing');
    } else if (cloud === 'gcp') {
      const refused = gkeMachineTypeProblem(pool.machineType);
      if (refused) p.add(`${poolPath}.machineType`, refused, pool.machineType, 'a machine type with more memory, e.g. "e2-small" or larger');
    }
    checkPoolSize(p, poolPath, pool);
    if (pool.spot !== undefined && typeof pool.spot !== 'boolean') p.add(`${poolPath}.spot`, 'must be a boolean', pool.spot, 'true or false');
    if (pool.diskSizeGb !== undefined && !(Number.isInteger(pool.diskSizeGb) && (pool.diskSizeGb as number) >= catalog.minDiskSizeGb && (pool.diskSizeGb as number) <= 2048)) {
      p.add(`${poolPath}.diskSizeGb`, `must be a whole number of GiB that ${catalog.service} takes`, pool.diskSizeGb, `${catalog.minDiskSizeGb} to 2048`);
    }
    checkLabels(p, `${poolPath}.labels`, pool.labels ?? {}, { required: [], reserved: (key) => nodeLabelKeyProblem(key, cloud) });
    checkTaints(p, `${poolPath}.taints`, pool.taints);
    // GKE's API refuses a taint without a value; AKS's node taints are `key=value:Effect` strings, and
    // Microsoft's own CLI refuses one without a value (azure-cli src/azure-cli/azure/cli/command_modules/acs/_validators.py
    // validate_taint), which azurerm passes on unchecked (node_taints: a list of strings).
    if ((cloud === 'gcp' || cloud === 'azure') && Array.isArray(pool.taints)) {
      for (const { item: t, index: i } of listItems(pool.taints)) {
        if (isRecord(t) && t.value === undefined) p.add(`${poolPath}.taints[${i}].value`, `${catalog.service} taints need a value`, t.value, 'a label value such as "true"');
      }
    }
  }
  if (cloud === 'azure') {
    const system = checkAksSystemPool(p, path, pools, systemPool);
    if (system) checkAksTemporaryNames(p, path, pools, catalog, system);
  }
}

/**
 * AKS runs the pool named `system` (or the cluster's `systemPool`) as the cluster's default pool (see
 * AKS_SYSTEM_POOL_NAME: a fixed name, so no other pool's edit can move it and replace the cluster). It must be a System mode pool as AKS
 * defines one (azure-aks-docs articles/aks/use-system-pools.md, "System node pools have the following
 * restrictions"): not spot, at least one node; and in azurerm 4 `default_node_pool` has no `node_taints`.
 */
function checkAksSystemPool(p: Problems, path: string, pools: unknown[], name: string): NodePool | undefined {
  const valid = pools.filter((x): x is NodePool => isRecord(x) && typeof x.name === 'string');
  const system = aksSystemPool(valid, name);
  if (!system) {
    // The pool the old implicit rule picked, if any: the one to rename (before the cluster exists), or to name in systemPool.
    const candidate = valid.filter((x) => x.spot !== true && typeof x.minSize === 'number' && x.minSize >= 1).map((x) => x.name).sort()[0];
    const hint = candidate !== undefined
      ? `: name the pool that runs the cluster's system pods "${AKS_SYSTEM_POOL_NAME}" (e.g. rename "${candidate}"), or, for a cluster that exists with "${candidate}" as its system pool, set systemPool: "${candidate}"`
      : `: add a regular pool named "${name}" with minSize >= 1`;
    const field = name === AKS_SYSTEM_POOL_NAME ? `${path}.nodePools` : `${path}.systemPool`;
    p.add(field, `an AKS cluster needs a pool named "${name}": it becomes the cluster's default (system) pool, and azurerm replaces the whole cluster whenever that pool's name changes${hint}`, name === AKS_SYSTEM_POOL_NAME ? valid.map((x) => x.name) : name, `a pool named "${name}", not spot, minSize >= 1, no taints (renaming the default pool of an existing cluster replaces the cluster)`);
    return undefined;
  }
  const at = `${path}.nodePools[${name}]`;
  if (system.spot === true) p.add(`${at}.spot`, 'the AKS system pool cannot be spot (AKS: spot node pools must be user pools)', system.spot, 'false; put spot capacity in another pool');
  if (typeof system.minSize === 'number' && Number.isInteger(system.minSize) && system.minSize === 0) {
    p.add(`${at}.minSize`, 'the AKS system pool needs at least one node (AKS refuses a system pool that can scale to zero)', system.minSize, `1 to ${MAX_POOL_SIZE}; AKS recommends 2 or more, 3 in production`);
  }
  if (system.taints && system.taints.length > 0) {
    p.add(`${at}.taints`, 'the AKS system pool cannot have taints', system.taints, 'no taints on the system pool (taint a user pool instead)');
  }
  const tooSmall = typeof system.machineType === 'string' ? aksSystemPoolVmSizeProblem(system.machineType) : undefined;
  if (tooSmall) p.add(`${at}.machineType`, tooSmall, system.machineType, 'a VM size of 2 vCPUs and 4 GB or more, e.g. "Standard_D2s_v5"; put smaller sizes in a user pool');
  return system;
}

/**
 * AKS changes a pool's machineType, diskSizeGb or zones through a temporary pool beside it
 * (`temporary_name_for_rotation`, see aksTemporaryNameForRotation): that name must be no pool's, and
 * two pools must not share one (two rotations at once would share, and delete, one temporary pool).
 */
function checkAksTemporaryNames(p: Problems, path: string, pools: unknown[], catalog: CloudCatalog, system: NodePool): void {
  const temporary = new Map<string, string>();
  for (const x of pools) {
    if (!isRecord(x) || typeof x.name !== 'string' || !catalog.nodePoolName.test(x.name) || temporary.has(x.name)) continue;
    temporary.set(x.name, x.name === system.name ? AKS_SYSTEM_POOL_TEMPORARY_NAME : aksTemporaryNameForRotation({ name: x.name }));
  }
  const what = 'the pool AKS creates beside it to change its machineType, diskSizeGb or zones';
  const firstWith = new Map<string, string>();
  for (const [name, temp] of temporary) {
    const namePath = `${path}.nodePools[${name}].name`;
    if (temp === name) {
      p.add(namePath, `is the temporary name of this pool itself (temporary_name_for_rotation), ${what}`, name, name === system.name ? `a name other than "${temp}"` : 'a name other than its first 9 characters then "tmp"');
      continue;
    }
    const owner = [...temporary].find(([, t]) => t === name)?.[0];
    if (owner !== undefined) {
      const others = [...new Set([...temporary].filter(([n]) => n !== name).map(([, t]) => `"${t}"`))].join(', ');
      p.add(namePath, `is the temporary name of pool "${owner}" (temporary_name_for_rotation), ${what}`, name, `a name other than the other pools' temporary names (${others})`);
      continue;
    }
    const other = firstWith.get(temp);
    if (other !== undefined) {
      p.add(namePath, `has the same temporary name (temporary_name_for_rotation) as pool "${other}": "${temp}", the first 9 characters of the name then "tmp"`, name, `a name whose first 9 characters differ from those of "${other}"`);
    } else firstWith.set(temp, name);
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
  const seen = new Map<string, number>();
  for (const { item: t, index: i, present } of listItems(taints)) {
    if (!present) continue;
    const tp = `${path}[${i}]`;
    if (!isRecord(t)) {
      p.add(tp, 'must be an object', t, '{ key, value?, effect }');
      continue;
    }
    // Kubernetes keeps one taint per key and effect (core/v1 validation: "taints must be unique by key and effect pair").
    const pair = `${asText(t.key)}:${asText(t.effect)}`;
    if (seen.has(pair)) p.add(tp, `same key and effect as taint ${seen.get(pair)}`, t, 'one taint per key and effect');
    else seen.set(pair, i);
    const keyProblem = typeof t.key === 'string' ? labelKeyProblem(t.key) : 'taint key must be a string';
    if (keyProblem) p.add(`${tp}.key`, keyProblem.replace('label key', 'taint key'), t.key, 'a qualified name like "dedicated" or "example.com/gpu"');
    if (t.value !== undefined) {
      const valueProblem = t.value === '' ? 'an empty taint value cannot be told from none; leave value out instead' : labelValueProblem(t.value);
      if (valueProblem) p.add(`${tp}.value`, valueProblem.replace('label value', 'taint value'), t.value, 'at most 63 label-value characters');
    }
    if (!(TAINT_EFFECTS as readonly unknown[]).includes(t.effect)) p.add(`${tp}.effect`, `unknown taint effect${didYouMean(t.effect, TAINT_EFFECTS)}`, t.effect, TAINT_EFFECTS.map((e) => `"${e}"`).join(', '));
  }
}
