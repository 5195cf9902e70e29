import { Cluster } from './cluster';
import { GIT_REVISION_ALLOWED, gitRevisionProblem } from './git-revision';
import { asText } from './fleet-error';
import { ARGOCD_SELF_APPLICATION, CLUSTER_APPLICATION, clusterApplicationName, PLATFORM_NAMESPACES, rootAppName } from './names';
import { checkLabels } from './labels';
import { matchesLabels } from './registration-labels';
import { CDKTF_TOKEN_PROBLEM, CDKTF_TOKEN_TEXT, isCdktfNumberToken, looksLikePlaceholder } from './placeholder-text';
import { DNS_LABEL, GIT_URL, isNonEmptyString, isPlainObject, isRecord, itemPath, keyPath, listItems, nonPlainKind, Problems } from './problems';
import { isSecretKeyName, isSecretReference } from './redact';
import { didYouMean } from './suggest';
import { isDns1123Subdomain } from './dns-names';

const HELM_REPO = /^(https:\/\/|oci:\/\/)\S+$/;
// An exact chart version: no ranges, so what Argo CD installs is what was reviewed.
const EXACT_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;
// An app with a Helm source is the release of its name (releaseName), which `helm template` checks first:
// helm v3.19.4 pkg/chartutil/validate_name.go maxReleaseNameLen = 53, called by pkg/action/install.go
// availableName even client-only; Argo CD v3.4.7 (helm 3.19.4, hack/tool-versions.sh) runs
// `helm template --name-template <releaseName>` (util/helm/cmd.go), so a longer name is a ComparisonError.
const HELM_RELEASE_NAME_MAX = 53;

export function checkFleetApps(p: Problems, apps: unknown, clusters: Record<string, unknown>[], fleet: Record<string, unknown> = {}): void {
  if (apps === undefined) return;
  if (!Array.isArray(apps)) {
    p.add('apps', 'must be a list of apps', apps, '[{ name, namespace, source, … }]');
    return;
  }
  const workload = clusters.filter((c) => c.role === 'workload' && typeof c.name === 'string');
  const seen = new Set<string>();
  const applications = reservedApplications(clusters, fleet);
  for (const { item: app, index, present } of listItems(apps)) {
    if (!present) continue;
    const path = itemPath('apps', app, index);
    const name = path.slice('apps['.length, -1);
    if (!isRecord(app)) {
      p.add(path, 'must be an object', app, 'a FleetApp');
      continue;
    }
    if (typeof app.name !== 'string' || !DNS_LABEL.test(app.name)) p.add(`${path}.name`, 'must be a DNS-1123 label starting with a letter', app.name, 'lowercase letters, digits and "-"');
    else {
      if (seen.has(app.name)) p.add(`${path}.name`, 'app names must be unique', app.name, 'a name no other app uses');
      for (const c of workload) {
        if (`${c.name}-${app.name}`.length > 63) p.add(`${path}.name`, `too long: the Application "${c.name}-${app.name}" would exceed 63 characters`, app.name, `at most ${62 - asText(c.name).length} characters`);
      }
    }
    seen.add(name);
    // A namespace name is a DNS-1123 label of at most 63 characters (apimachinery ValidateNamespaceName, IsDNS1123Label).
    if (typeof app.namespace !== 'string' || !DNS_LABEL.test(app.namespace) || app.namespace.length > 63) p.add(`${path}.namespace`, 'must be a DNS-1123 label of at most 63 characters', app.namespace, 'e.g. "checkout"');
    else if (PLATFORM_NAMESPACES.includes(app.namespace)) p.add(`${path}.namespace`, 'belongs to the platform (the app\'s project may not deploy there)', app.namespace, `a namespace of its own, not ${PLATFORM_NAMESPACES.join(', ')}`);
    const helmCapable = checkSource(p, `${path}.source`, app.source);
    if (helmCapable && typeof app.name === 'string' && DNS_LABEL.test(app.name) && app.name.length > HELM_RELEASE_NAME_MAX) {
      p.add(`${path}.name`, `too long for a Helm release (the app's name is its releaseName): helm template refuses one over ${HELM_RELEASE_NAME_MAX} characters, and the app would never render`, app.name, `at most ${HELM_RELEASE_NAME_MAX} characters`);
    }
    if (app.deployAs !== undefined && app.deployAs !== 'applicationSet' && app.deployAs !== 'applications') {
      p.add(`${path}.deployAs`, `unknown deployment style${didYouMean(app.deployAs, ['applicationSet', 'applications'])}`, app.deployAs, '"applicationSet" or "applications"');
    }
    let selected = workload;
    if (app.clusters !== undefined) {
      if (!isRecord(app.clusters) || !isRecord(app.clusters.matchLabels)) p.add(`${path}.clusters`, 'must be { matchLabels: { … } }', app.clusters, '{ matchLabels: { env: "prod" } }');
      else {
        checkLabels(p, `${path}.clusters.matchLabels`, app.clusters.matchLabels, { required: [] });
        const want = Object.entries(app.clusters.matchLabels);
        const matchLabels = Object.fromEntries(want) as Record<string, string>;
        selected = workload.filter((c) => matchesLabels({ ...(c as unknown as Cluster), labels: isRecord(c.labels) ? (c.labels as Record<string, string>) : {} }, matchLabels));
        if (selected.length === 0) p.add(`${path}.clusters.matchLabels`, 'selects no workload cluster', app.clusters.matchLabels, 'labels of at least one workload cluster');
      }
    }
    if (app.overrides !== undefined) {
      if (!isRecord(app.overrides)) p.add(`${path}.overrides`, 'must map cluster names to Helm values', app.overrides, '{ "aws-prod": { replicaCount: 3 } }');
      else {
        if (!helmCapable) p.add(`${path}.overrides`, 'per-cluster values need a Helm source', Object.keys(app.overrides), 'a helm source, or a git source with helm: true');
        for (const [cluster, values] of Object.entries(app.overrides)) {
          if (!selected.some((c) => c.name === cluster)) p.add(`${path}.overrides[${cluster}]`, `not a workload cluster this app runs on${didYouMean(cluster, selected.map((c) => asText(c.name)))}`, cluster, selected.map((c) => asText(c.name)).join(', ') || 'none');
          if (!isRecord(values)) p.add(`${path}.overrides[${cluster}]`, 'must be an object of Helm values', values, '{ replicaCount: 3 }');
          else checkHelmValues(p, `${path}.overrides[${cluster}]`, values);
        }
      }
    }
    if (app.ignoreDifferences !== undefined) checkIgnoreDifferences(p, `${path}.ignoreDifferences`, app.ignoreDifferences);
    if (app.fleetParameters !== undefined && typeof app.fleetParameters !== 'boolean') p.add(`${path}.fleetParameters`, 'must be a boolean', app.fleetParameters, 'true or false');
    else if (app.fleetParameters !== undefined && !helmCapable) p.add(`${path}.fleetParameters`, 'the fleet.* parameters are Helm parameters: they need a Helm source', app.fleetParameters, 'a helm source, or a git source with helm: true; or leave it out');
    if (typeof app.name === 'string' && DNS_LABEL.test(app.name)) checkApplicationNames(p, `${path}.name`, app.name, selected, applications);
  }
}

/**
 * Every Argo CD Application name in the management cluster's `argocd` namespace has one owner. Synth's
 * own (CLUSTER_APPLICATION per cluster, Argo CD's, the root app) are taken first; each app then takes
 * `<cluster>-<app>` for every cluster it runs on. Two owners of one name would overwrite each other.
 */
function reservedApplications(clusters: Record<string, unknown>[], fleet: Record<string, unknown>): Map<string, string> {
  const taken = new Map<string, string>([[ARGOCD_SELF_APPLICATION, 'Argo CD\'s own Application']]);
  if (typeof fleet.name === 'string') taken.set(rootAppName({ name: fleet.name }), 'the root app-of-apps');
  for (const c of clusters) {
    if (typeof c.name !== 'string') continue;
    for (const suffix of Object.values(CLUSTER_APPLICATION)) taken.set(clusterApplicationName({ name: c.name }, suffix), `synth's ${suffix} Application of cluster ${c.name}`);
  }
  return taken;
}

function checkApplicationNames(p: Problems, path: string, app: string, selected: Record<string, unknown>[], taken: Map<string, string>): void {
  for (const c of selected) {
    const name = clusterApplicationName({ name: asText(c.name) }, app);
    const owner = taken.get(name);
    if (owner) p.add(path, `its Application on ${c.name} would be "${name}", already ${owner}`, app, `a name that is not ${Object.values(CLUSTER_APPLICATION).join(', ')} and makes no other Application's name`);
    else taken.set(name, `the Application of app ${app} on ${c.name}`);
  }
}

/**
 * Helm values end up in generated files, where null, an empty string, a non-finite number or text
 * such as "undefined" reads as a placeholder: refuse them here, at their path (leave a key out to keep
 * a chart default). So is a literal secret under a key that always holds one (`password: hunter2`):
 * see isSecretKeyName. Values that are not plain data, cycles and credentials in any string are the
 * shape check's (unknown-fields.ts); here they are only not walked into.
 */
function checkHelmValues(p: Problems, path: string, values: unknown, key = '', ancestors: ReadonlySet<object> = new Set()): void {
  // Whitespace alone too: the output check refuses it as it refuses "" (lib/synth/placeholders.ts).
  if (values === null || values === undefined || (typeof values === 'number' && !Number.isFinite(values)) || (typeof values === 'string' && values.trim() === '')) {
    p.add(path, 'null, empty, blank and non-finite values are not written', values, 'a real value, or leave the key out');
  } else if ((typeof values === 'string' && CDKTF_TOKEN_TEXT.test(values)) || (typeof values === 'number' && isCdktfNumberToken(values))) {
    p.add(path, CDKTF_TOKEN_PROBLEM, values, 'the value itself');
  } else if (typeof values === 'string' && looksLikePlaceholder(values)) {
    p.add(path, 'reads as a placeholder ("undefined", "null", "NaN") and would be refused in the generated files', values, 'the value meant, or leave the key out');
  } else if ((typeof values === 'string' || typeof values === 'number') && isSecretKeyName(key) && !(typeof values === 'string' && isSecretReference(values))) {
    p.add(path, `a literal ${key}: secrets never belong in the fleet (they would be committed with dist/)`, '***', 'a reference instead: the chart\'s existing-Secret setting, naming a Secret that External Secrets fills from Vault');
  } else if (typeof values === 'object' && ancestors.has(values)) {
    // A cycle: reported by the shape check.
  } else if (Array.isArray(values)) {
    // Holes are the shape check's (reported once there); every other item is checked.
    const inside = new Set(ancestors).add(values);
    for (const { item, index, present } of listItems(values)) if (present) checkHelmValues(p, `${path}[${index}]`, item, '', inside);
  } else if (isPlainObject(values)) {
    const inside = new Set(ancestors).add(values);
    for (const [k, v] of Object.entries(values)) {
      if (looksLikePlaceholder(k)) p.add(keyPath(path, k), 'this key reads as a placeholder ("undefined", "null", "NaN") and would be refused in the generated files', k, 'the key meant');
      checkHelmValues(p, keyPath(path, k), v, k, inside);
    }
  } else if (!['string', 'number', 'boolean'].includes(typeof values)) p.add(path, 'not a YAML value', isRecord(values) ? nonPlainKind(values) : typeof values === 'bigint' ? values : typeof values, 'strings, numbers, booleans, lists and plain objects');
}

/**
 * The example a wrong Helm repoURL is answered with: podinfo's, like the chart and version examples. Not
 * Bitnami's: since 2025-08-28 its free catalog keeps only a few latest images, and its charts' default
 * images moved to docker.io/bitnamilegacy, so a chart from there fails to pull out of the box
 * (bitnami/charts#35164, "Upcoming changes to the Bitnami catalog").
 */
const HELM_REPO_EXAMPLE = 'e.g. "https://stefanprodan.github.io/podinfo" or "oci://ghcr.io/stefanprodan/charts"';

/** Returns whether the source can take Helm values. */
function checkSource(p: Problems, path: string, source: unknown): boolean {
  if (!isRecord(source) || (source.helm === undefined) === (source.git === undefined)) {
    p.add(path, 'needs exactly one of helm or git', source, '{ helm: { repoURL, chart, version } } or { git: { path } }');
    return false;
  }
  if (source.helm !== undefined) {
    const h = source.helm;
    if (!isRecord(h)) return (p.add(`${path}.helm`, 'must be an object', h, '{ repoURL, chart, version, values? }'), false);
    if (typeof h.repoURL !== 'string' || !HELM_REPO.test(h.repoURL)) p.add(`${path}.helm.repoURL`, 'must be an https:// or oci:// Helm repository', h.repoURL, HELM_REPO_EXAMPLE);
    if (!isNonEmptyString(h.chart) || /\s/.test(h.chart)) p.add(`${path}.helm.chart`, 'the chart name is required', h.chart, 'e.g. "podinfo"');
    if (typeof h.version !== 'string' || !EXACT_VERSION.test(h.version)) p.add(`${path}.helm.version`, 'must be an exact chart version', h.version, 'e.g. "6.7.1" (no ranges)');
    if (h.values !== undefined && !isRecord(h.values)) p.add(`${path}.helm.values`, 'must be an object', h.values, '{ key: value }');
    else if (h.values !== undefined) checkHelmValues(p, `${path}.helm.values`, h.values);
    return true;
  }
  const g = source.git;
  if (!isRecord(g)) return (p.add(`${path}.git`, 'must be an object', g, '{ path, repoURL?, targetRevision?, helm?, kustomize?, values? }'), false);
  if (!isNonEmptyString(g.path) || g.path.startsWith('/') || g.path.split('/').includes('..')) p.add(`${path}.git.path`, 'must be a relative path inside the repository', g.path, 'e.g. "apps/checkout"');
  if (g.repoURL !== undefined && (typeof g.repoURL !== 'string' || !GIT_URL.test(g.repoURL))) p.add(`${path}.git.repoURL`, 'must be a git URL without credentials', g.repoURL, 'https://host/org/repo.git');
  if (g.targetRevision !== undefined) {
    const problem = typeof g.targetRevision === 'string' ? gitRevisionProblem(g.targetRevision) : 'is not text';
    if (problem) p.add(`${path}.git.targetRevision`, `must be a branch, tag or commit: it ${problem}`, g.targetRevision, GIT_REVISION_ALLOWED);
  }
  if (g.helm !== undefined && typeof g.helm !== 'boolean') p.add(`${path}.git.helm`, 'must be a boolean', g.helm, 'true or false');
  if (g.kustomize !== undefined && typeof g.kustomize !== 'boolean') p.add(`${path}.git.kustomize`, 'must be a boolean', g.kustomize, 'true or false');
  else if (g.kustomize === true && g.helm === true) p.add(`${path}.git.kustomize`, 'a folder is rendered either as a Helm chart or with Kustomize', g.kustomize, 'helm: true or kustomize: true, not both');
  if (g.values !== undefined && g.helm !== true) p.add(`${path}.git.values`, 'values need helm: true', g.values, 'set helm: true, or leave values out');
  if (g.values !== undefined && !isRecord(g.values)) p.add(`${path}.git.values`, 'must be an object', g.values, '{ key: value }');
  else if (g.values !== undefined) checkHelmValues(p, `${path}.git.values`, g.values);
  return g.helm === true;
}

// Kubernetes' forms (apimachinery validation: an API group and an object name are DNS-1123 subdomains;
// a kind is a CamelCase identifier) and RFC 6901's JSON pointer, which Argo CD reads with
// evanphx/json-patch (argo-cd v3.4.4 util/argo/normalizers/diff_normalizer.go).
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const JSON_POINTER = /^(\/([^~]|~[01])*)+$/;
// Argo CD matches group and kind as globs (gobwas/glob through argo-cd v3.4.4 util/glob: util/argo/diff/ignore.go
// HasIgnoreDifference, normalizers/diff_normalizer.go): '*' for any, as docs/user-guide/diffing.md has it.
const GLOB = /[*?[{]/;
const API_GROUP_GLOB = /^[-a-z0-9.*?[\]!{},]+$/;
const KIND_GLOB = /^[-A-Za-z0-9*?[\]!{},]+$/;
// A bare version (the core group's `v1`) is no group: a custom resource's has a dot (apiextensions validation,
// "should be a domain with at least one dot"), the built-in ones are names (apps, batch, policy…).
const API_VERSION_ONLY = /^v\d+((alpha|beta)\d+)?$/;
const isApiGroup = (group: string) => group === '' || (isDns1123Subdomain(group) && !API_VERSION_ONLY.test(group)) || (GLOB.test(group) && API_GROUP_GLOB.test(group));
const isKind = (kind: string) => KIND.test(kind) || (GLOB.test(kind) && KIND_GLOB.test(kind));
// Most kinds' names are DNS-1123 subdomains; RBAC's are path segments (Kubernetes pkg/apis/rbac/validation
// ValidateRBACName: apimachinery path.IsValidPathSegmentName, e.g. "team:reader"), as may be a glob's match.
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const isPathSegmentName = (name: string) => name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name);
const isObjectName = (name: string, group: unknown, kind: unknown) =>
  isDns1123Subdomain(name) ||
  ((group === RBAC_GROUP || (typeof group === 'string' && GLOB.test(group)) || (typeof kind === 'string' && GLOB.test(kind))) && isPathSegmentName(name));
const IGNORED_FIELD_LISTS = ['jsonPointers', 'jqPathExpressions', 'managedFieldsManagers'] as const;

/** An app's `ignoreDifferences`: each entry names a kind and at least one field, path or manager, in forms Argo CD reads. */
function checkIgnoreDifferences(p: Problems, path: string, list: unknown): void {
  if (!Array.isArray(list)) {
    p.add(path, 'must be a list', list, '[{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] }]');
    return;
  }
  for (const { item, index, present } of listItems(list)) {
    if (!present) continue;
    const at = `${path}[${index}]`;
    if (!isRecord(item)) {
      p.add(at, 'must be an object', item, '{ group, kind, name?, jsonPointers?, jqPathExpressions?, managedFieldsManagers? }');
      continue;
    }
    if (item.group !== undefined && (typeof item.group !== 'string' || !isApiGroup(item.group))) {
      const version = typeof item.group === 'string' && /^([^/]+)\/v\d/.exec(item.group);
      const allowed = version ? `"${version[1]}"` : typeof item.group === 'string' && API_VERSION_ONLY.test(item.group) ? 'leave it out: the core group' : 'e.g. "apps", or "*" for any';
      p.add(`${at}.group`, 'must be an API group (no version) or a glob of them, or leave it out for the core group', item.group, allowed);
    }
    if (typeof item.kind !== 'string' || !isKind(item.kind)) p.add(`${at}.kind`, 'must be a kind or a glob of them', item.kind, 'e.g. "Deployment", or "*" for any');
    if (item.name !== undefined && (typeof item.name !== 'string' || !isObjectName(item.name, item.group, item.kind))) {
      p.add(`${at}.name`, 'must be an object name (a DNS-1123 subdomain; for an RBAC kind, no "/" or "%")', item.name, 'e.g. "checkout", or leave it out for every object of the kind');
    }
    let named = false;
    for (const field of IGNORED_FIELD_LISTS) {
      const values = item[field];
      if (values === undefined) continue;
      if (!Array.isArray(values)) {
        p.add(`${at}.${field}`, 'must be a list of strings', values, field === 'jsonPointers' ? '["/spec/replicas"]' : '[…]');
        continue;
      }
      named ||= values.length > 0;
      for (const { item: value, index: i, present: there } of listItems(values)) {
        if (there) checkIgnoredField(p, `${at}.${field}[${i}]`, field, value);
      }
    }
    if (!named) p.add(at, 'names no field: Argo CD would ignore nothing', Object.keys(item), 'jsonPointers, jqPathExpressions or managedFieldsManagers, e.g. jsonPointers: ["/spec/replicas"]');
  }
}

function checkIgnoredField(p: Problems, path: string, field: (typeof IGNORED_FIELD_LISTS)[number], value: unknown): void {
  if (!isNonEmptyString(value) || CDKTF_TOKEN_TEXT.test(value) || looksLikePlaceholder(value)) {
    p.add(path, 'must be a non-empty string', value, field === 'jsonPointers' ? 'e.g. "/spec/replicas"' : field === 'jqPathExpressions' ? 'e.g. ".spec.template.spec.containers[] | select(.name == \"app\") | .image"' : 'e.g. "kube-controller-manager"');
  } else if (field === 'jsonPointers' && !JSON_POINTER.test(value)) {
    // A dotted path is the likely slip: the pointer form of it is the suggestion.
    const dotted = /^\.?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(value) ? `"/${value.replace(/^\./, '').split('.').join('/')}"` : 'e.g. "/spec/replicas" ("~1" for a "/" in a key, "~0" for "~")';
    p.add(path, 'must be a JSON pointer (RFC 6901)', value, dotted);
  }
}
