/**
 * An Argo CD AppProject: which repos, destinations and resource kinds it lets its Applications use.
 * Every rule here follows argoproj/argo-cd pkg/apis/application/v1alpha1/app_project_types.go.
 */
import { filepathMatch, GLOB_SPECIAL, globMatch } from './argo-globs';
import { isRecord } from './kube-kinds';

/** A destination cluster as Argo CD resolved it: both its name and server are known. */
export interface ClusterAddress {
  readonly name: string;
  readonly server: string;
}

interface GroupKindItem {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
}

interface DestinationItem {
  readonly server: string;
  readonly name: string;
  readonly namespace: string;
}

export class ArgoProject {
  /**
   * The project `default`, which argocd-server creates at start-up when it does not exist
   * (argoproj/argo-cd server/server.go initializeDefaultProject): any repo, any destination, any kind.
   */
  static defaultProject(): ArgoProject {
    return new ArgoProject('default', {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    });
  }

  readonly sourceRepos: readonly string[];
  readonly destinations: readonly DestinationItem[];
  /** undefined when absent: for namespaced kinds absent means "all", an empty list means "none". */
  readonly namespaceResourceWhitelist: readonly GroupKindItem[] | undefined;
  readonly namespaceResourceBlacklist: readonly GroupKindItem[];
  readonly clusterResourceWhitelist: readonly GroupKindItem[];
  readonly clusterResourceBlacklist: readonly GroupKindItem[];
  readonly permitOnlyProjectScopedClusters: boolean;

  constructor(
    readonly name: string,
    spec: Record<string, any>,
  ) {
    this.sourceRepos = strings(spec.sourceRepos);
    this.destinations = records(spec.destinations).map((d) => ({ server: str(d.server), name: str(d.name), namespace: str(d.namespace) }));
    this.namespaceResourceWhitelist = Array.isArray(spec.namespaceResourceWhitelist) ? groupKinds(spec.namespaceResourceWhitelist) : undefined;
    this.namespaceResourceBlacklist = groupKinds(spec.namespaceResourceBlacklist);
    this.clusterResourceWhitelist = groupKinds(spec.clusterResourceWhitelist);
    this.clusterResourceBlacklist = groupKinds(spec.clusterResourceBlacklist);
    this.permitOnlyProjectScopedClusters = spec.permitOnlyProjectScopedClusters === true;
  }

  /** IsSourcePermitted: URLs normalized, `/` separates glob segments, `!` patterns deny. */
  isSourcePermitted(repoURL: string): boolean {
    const src = normalizeGitURL(repoURL);
    let anyMatched = false;
    for (const repo of this.sourceRepos) {
      const deny = repo.startsWith('!');
      const pattern = deny ? `!${normalizeGitURL(repo.slice(1))}` : normalizeGitURL(repo);
      const matched = negatableGlob(pattern, src, '/');
      if (matched) anyMatched = true;
      else if (deny) return false;
    }
    return anyMatched;
  }

  /**
   * IsDestinationPermitted / isDestinationMatched: the resolved cluster's server or name, and the
   * namespace, against each destination (gobwas globs without separators, `!` denies).
   * `projectScopedClusters` are the names of clusters whose Secret names this project.
   */
  isDestinationPermitted(cluster: ClusterAddress, namespace: string, projectScopedClusters: readonly string[] = []): boolean {
    // Asked for every object of every sync: remembered per question (a project's destinations are fixed).
    const key = `${cluster.name}\u0000${cluster.server}\u0000${namespace}\u0000${projectScopedClusters.join('\u0000')}`;
    let permitted = this.permittedDestinations.get(key);
    if (permitted === undefined) {
      permitted = this.destinationPermitted(cluster, namespace, projectScopedClusters);
      this.permittedDestinations.set(key, permitted);
    }
    return permitted;
  }

  private readonly permittedDestinations = new Map<string, boolean>();

  /**
   * Without a `!` pattern no destination can deny, so the answer is whether any one matches: only
   * those whose literal name or server is the cluster's, and those with a glob, can (a project
   * listing every cluster of a big fleet has hundreds of destinations). None with a `!` pattern:
   * then every destination is asked, in order, as upstream does.
   */
  private candidatesOf?: ((cluster: ClusterAddress) => readonly DestinationItem[]) | null;

  private candidates(): ((cluster: ClusterAddress) => readonly DestinationItem[]) | null {
    if (this.candidatesOf === undefined) this.candidatesOf = this.destinationIndex();
    return this.candidatesOf;
  }

  private destinationIndex(): ((cluster: ClusterAddress) => readonly DestinationItem[]) | null {
    if (this.destinations.some((d) => [d.name, d.server, d.namespace].some((p) => p.startsWith('!')))) return null;
    const literal = (p: string) => p !== '*' && !GLOB_SPECIAL.test(p);
    const [byName, byServer] = [new Map<string, DestinationItem[]>(), new Map<string, DestinationItem[]>()];
    const globs: DestinationItem[] = [];
    const add = (index: Map<string, DestinationItem[]>, key: string, d: DestinationItem) => (index.get(key) ?? index.set(key, []).get(key)!).push(d);
    for (const d of this.destinations) {
      if ((d.name !== '' && !literal(d.name)) || (d.server !== '' && !literal(d.server))) globs.push(d);
      else {
        if (d.name !== '') add(byName, d.name, d);
        if (d.server !== '') add(byServer, d.server, d);
      }
    }
    return (cluster) => [...(cluster.name !== '' ? (byName.get(cluster.name) ?? []) : []), ...(cluster.server !== '' ? (byServer.get(cluster.server) ?? []) : []), ...globs];
  }

  private destinationPermitted(cluster: ClusterAddress, namespace: string, projectScopedClusters: readonly string[]): boolean {
    let anyMatched = false;
    for (const item of this.candidates()?.(cluster) ?? this.destinations) {
      const nameMatched = cluster.name !== '' && negatableGlob(item.name, cluster.name);
      const serverMatched = cluster.server !== '' && negatableGlob(item.server, cluster.server);
      const namespaceMatched = negatableGlob(item.namespace, namespace);
      if ((serverMatched || nameMatched) && namespaceMatched) {
        anyMatched = true;
      } else if ((!nameMatched && item.name.startsWith('!')) || (!serverMatched && item.server.startsWith('!') && namespaceMatched)) {
        // Go's precedence, kept as upstream wrote it: `a || b && c` is `a || (b && c)`.
        return false;
      } else if (!namespaceMatched && item.namespace.startsWith('!') && serverMatched) {
        return false;
      }
    }
    if (anyMatched && this.permitOnlyProjectScopedClusters) return projectScopedClusters.includes(cluster.name);
    return anyMatched;
  }

  /**
   * IsGroupKindNamePermitted. Namespaced kinds: no whitelist means all, an empty one means none.
   * Cluster-scoped kinds: an absent or empty clusterResourceWhitelist allows none.
   */
  isGroupKindPermitted(group: string, kind: string, name: string, namespaced: boolean): boolean {
    if (namespaced) {
      const white = this.namespaceResourceWhitelist;
      const whitelisted = white === undefined || (white.length > 0 && inList(group, kind, undefined, white));
      return whitelisted && !inList(group, kind, undefined, this.namespaceResourceBlacklist);
    }
    const whitelisted = inList(group, kind, name, this.clusterResourceWhitelist);
    return whitelisted && !inList(group, kind, name, this.clusterResourceBlacklist);
  }

  /** Why a kind is refused, for messages. */
  groupKindRefusal(group: string, kind: string, name: string, namespaced: boolean): string {
    const what = `resource ${group}:${kind} is not permitted in project ${this.name}`;
    if (namespaced) {
      if (this.namespaceResourceWhitelist !== undefined && !inList(group, kind, undefined, this.namespaceResourceWhitelist)) {
        return this.namespaceResourceWhitelist.length === 0 ? `${what} (namespaceResourceWhitelist is empty: no namespaced kind is allowed)` : `${what} (not in namespaceResourceWhitelist)`;
      }
      return `${what} (namespaceResourceBlacklist)`;
    }
    if (this.clusterResourceWhitelist.length === 0) return `${what} (clusterResourceWhitelist is empty: no cluster-scoped kind is allowed)`;
    if (!inList(group, kind, name, this.clusterResourceWhitelist)) return `${what} (not in clusterResourceWhitelist)`;
    return `${what} (clusterResourceBlacklist)`;
  }

  /** The destinations, rendered for `allowed`. */
  describeDestinations(): string {
    if (this.destinations.length === 0) return 'none';
    return this.destinations.map((d) => `${d.name !== '' ? `name ${d.name}` : `server ${d.server}`} namespace ${d.namespace}`).join(', ');
  }
}

/** globMatch with Argo CD's `!` negation (app_project_types.go globMatch with allowNegation). */
function negatableGlob(pattern: string, value: string, separators = ''): boolean {
  if (pattern.startsWith('!')) return !globMatch(pattern.slice(1), value, separators);
  if (pattern === '*') return true;
  return globMatch(pattern, value, separators);
}

// isResourceInList / isNamedResourceInList (types.go): filepath.Match on kind, group and, for
// cluster-scoped items that name one, the resource name.
function inList(group: string, kind: string, name: string | undefined, list: readonly GroupKindItem[]): boolean {
  return list.some((item) => filepathMatch(item.kind, kind) && filepathMatch(item.group, group) && (name === undefined || !item.name || filepathMatch(item.name, name)));
}

/**
 * util/git NormalizeGitURL: lowercase, `git@host:org/repo` becomes `host/org/repo`, `.git` and
 * `ssh://` dropped. (Go's url.Parse/String round trip is not replayed: it only re-escapes.)
 */
export function normalizeGitURL(repo: string): string {
  let r = repo.trim().toLowerCase();
  if (/^(ssh:\/\/)?([^/:]*?)@[^@]+$/.test(r) && !r.startsWith('ssh://')) {
    r = `ssh://${r.replace(':', '/')}`;
  }
  if (r.endsWith('.git')) r = r.slice(0, -4);
  return r.startsWith('ssh://') ? r.slice('ssh://'.length) : r;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function records(v: unknown): Record<string, any>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function groupKinds(v: unknown): GroupKindItem[] {
  return records(v).map((i) => ({ group: str(i.group), kind: str(i.kind), ...(typeof i.name === 'string' ? { name: i.name } : {}) }));
}
