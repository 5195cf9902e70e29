/**
 * What an Application's sources render to, as Argo CD's repo-server would: a folder of the GitOps
 * repo (the files fleetsynth writes) or a Helm chart (what the chart catalog says it brings).
 */
import { globMatch } from './argo-globs';
import { normalizeGitURL } from './argo-project';
import type { ChartCatalog, ManifestFile } from './convergence';
import { isRecord } from './kube-kinds';

/** One object an Application would apply. */
export interface SourceTarget {
  readonly object: Record<string, any>;
  /** The file it comes from, for objects in the GitOps repo. */
  readonly file?: string;
  /** `chart version (repoURL)`, for objects a Helm chart brings. */
  readonly chart?: string;
  /** A chart's namespaced objects, whose kinds the catalog does not list: they need the destination namespace, nothing else is known. */
  readonly standIn?: boolean;
}

export type SourceResolution = { readonly targets: readonly SourceTarget[] } | { readonly failure: string };

/** The GitOps output as the repo-server sees it: every file at its path in the repo. */
export class GitOpsTree {
  /** Where the output folder sits in the repo ('' for the repo root). */
  readonly base: string;
  /** The folder holding the Kubernetes files. */
  readonly k8sRoot: string;
  private readonly repo: string;
  private readonly byRepoPath: readonly { readonly repoPath: string; readonly file: ManifestFile }[];

  constructor(
    files: readonly ManifestFile[],
    readonly gitops: { readonly repoURL: string; readonly targetRevision: string; readonly path: string },
  ) {
    this.base = cleanPath(gitops.path);
    this.k8sRoot = join(this.base, 'k8s');
    this.repo = normalizeGitURL(gitops.repoURL);
    this.byRepoPath = files.map((file) => ({ repoPath: join(this.base, cleanPath(file.path)), file })).sort((a, b) => (a.repoPath < b.repoPath ? -1 : a.repoPath > b.repoPath ? 1 : 0));
  }

  /** Whether a source's repoURL is the GitOps repo (util/git SameURL compares normalized URLs). */
  isGitOpsRepo(repoURL: unknown): boolean {
    return typeof repoURL === 'string' && normalizeGitURL(repoURL) === this.repo;
  }

  /**
   * The files a directory source reads, as reposerver/repository/repository.go
   * getPotentiallyValidManifests does: the folder (and, with `recurse`, every folder below), files
   * named *.yaml, *.yml, *.json or *.jsonnet, then `exclude` and `include` (gobwas globs without
   * separators, so `*` crosses `/`) against the path relative to the source path.
   */
  directoryFiles(path: string, directory: Record<string, any>): { readonly files: readonly ManifestFile[]; readonly underPath: number } {
    const root = cleanPath(path);
    const recurse = directory.recurse === true;
    const include = typeof directory.include === 'string' ? directory.include : '';
    const exclude = typeof directory.exclude === 'string' ? directory.exclude : '';
    const extensionFilter = directory.disableExtensionFilter !== true;
    const files: ManifestFile[] = [];
    let underPath = 0;
    // Paths are sorted: everything under `root/` is one run, found by binary search (synth checks hundreds of folders).
    const prefix = root === '' ? '' : `${root}/`;
    let lo = 0;
    for (let hi = this.byRepoPath.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (this.byRepoPath[mid].repoPath < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.byRepoPath.length && this.byRepoPath[i].repoPath.startsWith(prefix); i++) {
      const { repoPath, file } = this.byRepoPath[i];
      const rel = repoPath.slice(prefix.length);
      underPath++;
      if (!recurse && rel.includes('/')) continue;
      const name = rel.slice(rel.lastIndexOf('/') + 1);
      if (extensionFilter && !/\.(yaml|yml|json|jsonnet)$/.test(name)) continue;
      if (exclude !== '' && globMatch(exclude, rel)) continue;
      if (include !== '' && !globMatch(include, rel)) continue;
      files.push(file);
    }
    return { files, underPath };
  }
}

/** The sources of an Application spec: `sources`, or `source`. */
export function sourcesOf(spec: Record<string, any>): Record<string, any>[] {
  if (Array.isArray(spec.sources) && spec.sources.length > 0) return spec.sources.filter(isRecord);
  return isRecord(spec.source) ? [spec.source] : [];
}

/**
 * Everything an Application's sources render to, or why it cannot be known. `destinationNamespace`
 * is where a chart's namespaced objects go.
 */
export function resolveSources(spec: Record<string, any>, tree: GitOpsTree, charts: ChartCatalog): SourceResolution {
  const sources = sourcesOf(spec);
  if (sources.length === 0) return { failure: 'has no source' };
  const targets: SourceTarget[] = [];
  for (const source of sources) {
    const one = resolveSource(source, tree, charts, destinationNamespaceOf(spec));
    if ('failure' in one) return one;
    targets.push(...one.targets);
  }
  return { targets };
}

function resolveSource(source: Record<string, any>, tree: GitOpsTree, charts: ChartCatalog, destinationNamespace: string): SourceResolution {
  const repoURL = typeof source.repoURL === 'string' ? source.repoURL : '';
  const revision = typeof source.targetRevision === 'string' && source.targetRevision !== '' ? source.targetRevision : 'HEAD';
  if (typeof source.chart === 'string' && source.chart !== '') {
    // An oci:// repoURL is an OCI artifact, whose `path` is read and `chart` never is (argo-cd
    // reposerver/repository/repository.go: IsOCI is tested before IsHelm; docs/user-guide/oci.md).
    if (repoURL.startsWith('oci://')) return { failure: `source repoURL "${repoURL}" is an OCI artifact, so Argo CD ignores chart "${source.chart}" and pulls the artifact itself: use repoURL "${repoURL.replace(/\/+$/, '')}/${source.chart}" with path "."` };
    return { targets: chartTargets(repoURL, source.chart, revision, charts, destinationNamespace) };
  }
  if (typeof source.path !== 'string') {
    // A `ref` source only lends its files to other sources' value files (docs: user-guide/multiple_sources.md).
    return { targets: [] };
  }
  // Files fleetsynth does not write (another repo, or a folder of this one outside the output, such as
  // an app's own chart): their contents are not ours to check; they need their destination namespace.
  const foreign = (): SourceResolution => ({ targets: destinationNamespace === '' ? [] : [{ standIn: true, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `objects of ${repoURL} ${source.path}`, namespace: destinationNamespace } } }] });
  if (!tree.isGitOpsRepo(repoURL)) return foreign();
  const path = cleanPath(source.path);
  if (!isWithin(path, tree.k8sRoot)) {
    const coversOutput = tree.base === '' || isWithin(tree.base, path);
    if (coversOutput && (path === tree.base || isRecord(source.directory) && source.directory.recurse === true)) {
      return { failure: `source path "${source.path}" covers ${tree.base === '' ? 'the output folder' : `"${tree.base}"`}, where fleetsynth also writes files that are not Kubernetes objects (fleetsynth-index.json, terraform/**/cdk.tf.json): Argo CD would read them as manifests; point it at "${tree.k8sRoot}" or below` };
    }
    return foreign();
  }
  const rendered = ['helm', 'kustomize', 'plugin'].filter((k) => source[k] !== undefined);
  if (rendered.length > 0) return { failure: `source path "${source.path}" has ${rendered.join(' and ')} settings: Argo CD would render the folder with ${rendered[0]}, which cannot be checked offline` };
  if (revision !== tree.gitops.targetRevision) {
    return { failure: `source targetRevision "${revision}" is not "${tree.gitops.targetRevision}", the revision the GitOps output is checked against: cannot be checked offline` };
  }
  const { files, underPath } = tree.directoryFiles(path, isRecord(source.directory) ? source.directory : {});
  if (underPath === 0) return { failure: `source path "${source.path}" does not exist in the GitOps output (Argo CD: app path does not exist)` };
  if (files.length === 0) return { failure: `source path "${source.path}" holds no file Argo CD would read (check directory.recurse, include and exclude)` };
  const jsonnet = files.find((f) => f.path.endsWith('.jsonnet'));
  if (jsonnet) return { failure: `source path "${source.path}" includes ${jsonnet.path}: jsonnet cannot be evaluated offline` };
  return { targets: files.map((f) => ({ object: f.object, file: f.path })) };
}

/** What a chart brings, as stand-in objects: its CRDs, its cluster-scoped objects, (always) namespaced objects, and its LoadBalancer Service. */
function chartTargets(repoURL: string, chart: string, version: string, charts: ChartCatalog, destinationNamespace: string): SourceTarget[] {
  const label = `${chart} ${version} (${repoURL})`;
  const contents = charts(repoURL, chart, version);
  const targets: SourceTarget[] = [];
  for (const crd of contents?.crds ?? []) {
    targets.push({
      chart: label,
      object: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${crd.kind.toLowerCase()}.${crd.group}` },
        spec: { group: crd.group, names: { kind: crd.kind }, scope: crd.scope },
      },
    });
  }
  for (const r of contents?.clusterResources ?? []) {
    targets.push({ chart: label, object: { apiVersion: r.group === '' ? 'v1' : `${r.group}/v1`, kind: r.kind, metadata: { name: `${chart}-${r.kind.toLowerCase()}` } } });
  }
  if (destinationNamespace !== '') {
    targets.push({ chart: label, standIn: true, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${chart} chart objects`, namespace: destinationNamespace } } });
    if (contents?.loadBalancerService === true) {
      targets.push({ chart: label, standIn: true, object: { apiVersion: 'v1', kind: 'Service', metadata: { name: `${chart} chart LoadBalancer Service`, namespace: destinationNamespace }, spec: { type: 'LoadBalancer' } } });
    }
  }
  return targets;
}

export function destinationNamespaceOf(spec: Record<string, any>): string {
  return isRecord(spec.destination) && typeof spec.destination.namespace === 'string' ? spec.destination.namespace : '';
}

/** A repo path without `./`, leading or trailing `/`; '.' is the root (''). */
export function cleanPath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return parts.join('/');
}

function join(a: string, b: string): string {
  return a === '' ? b : b === '' ? a : `${a}/${b}`;
}

/** Whether `path` is `folder` or inside it. */
function isWithin(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}
