/**
 * Small builders of hand-made object sets for the convergence tests: a fleet-like GitOps output
 * (management folder with the project, registrations and Applications; a folder per workload
 * cluster) that converges, and helpers to break it one way at a time.
 */
import type { ChartCatalog, ChartContents, ConvergenceInput, ManifestFile } from './convergence';

export const REPO = 'https://github.com/acme/gitops.git';
export const ISTIO_REPO = 'https://istio-release.storage.googleapis.com/charts';
export const PODINFO_REPO = 'https://stefanprodan.github.io/podinfo';
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const GITOPS = { repoURL: REPO, targetRevision: 'main', path: 'dist' } as const;

const WAVE = 'argocd.argoproj.io/sync-wave';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

type Obj = Record<string, any>;

function meta(name: string, namespace: string | undefined, wave?: number, annotations: Record<string, string> = {}, labels?: Record<string, string>): Obj {
  const all = { ...annotations, ...(wave !== undefined ? { [WAVE]: String(wave) } : {}) };
  return { name, ...(namespace !== undefined ? { namespace } : {}), ...(Object.keys(all).length > 0 ? { annotations: all } : {}), ...(labels ? { labels } : {}) };
}

export function appProject(name: string, spec: Obj = {}, wave?: number): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: meta(name, 'argocd', wave),
    spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }], ...spec },
  };
}

export interface AppOptions {
  readonly project?: string;
  readonly source?: Obj;
  readonly sources?: Obj[];
  /** `{ name }` or `{ server }`, plus `namespace`. */
  readonly destination: Obj;
  readonly wave?: number;
  /** @default true */
  readonly automated?: boolean;
  /** @default ['CreateNamespace=true'] */
  readonly syncOptions?: string[];
  /** @default { limit: 10 } */
  readonly retry?: Obj | null;
  readonly namespace?: string;
}

export function application(name: string, o: AppOptions): Obj {
  const syncPolicy: Obj = {
    ...(o.automated === false ? {} : { automated: { prune: true, selfHeal: true } }),
    syncOptions: o.syncOptions ?? ['CreateNamespace=true'],
    ...(o.retry === null ? {} : { retry: o.retry ?? { limit: 10 } }),
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: meta(name, o.namespace ?? 'argocd', o.wave),
    spec: {
      project: o.project ?? 'acme',
      ...(o.sources ? { sources: o.sources } : { source: o.source }),
      destination: o.destination,
      syncPolicy,
    },
  };
}

/** A folder of the GitOps repo, relative to the output folder (`k8s/...`). */
export function folderSource(folder: string, directory: Obj = { recurse: true }): Obj {
  return { repoURL: REPO, targetRevision: 'main', path: `dist/${folder}`, directory };
}

export function chartSource(chart: string, version: string, repoURL = ISTIO_REPO): Obj {
  return { repoURL, chart, targetRevision: version };
}

export function clusterSecret(name: string, server: string, labels: Record<string, string> = {}, wave?: number): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(`cluster-${name}`, 'argocd', wave, {}, { 'argocd.argoproj.io/secret-type': 'cluster', ...labels }),
    stringData: { name, server, config: '{}' },
  };
}

export function namespace(name: string, wave?: number): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, wave) };
}

export function configMap(name: string, ns: string | undefined, wave?: number): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, ns, wave), data: { a: 'b' } };
}

export function serviceEntry(name: string, ns: string, o: { readonly wave?: number; readonly skipDryRun?: boolean } = {}): Obj {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: meta(name, ns, o.wave, o.skipDryRun ? { [SYNC_OPTIONS]: 'SkipDryRunOnMissingResource=true' } : {}),
    spec: { hosts: [`${name}.example.com`], resolution: 'DNS' },
  };
}

export function clusterRole(name: string): Obj {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [] };
}

export function crd(group: string, kind: string, plural: string, scope: 'Namespaced' | 'Cluster' = 'Namespaced', wave?: number): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(`${plural}.${group}`, undefined, wave),
    spec: { group, names: { kind, plural }, scope, versions: [{ name: 'v1', served: true, storage: true }] },
  };
}

export interface AppSetOptions {
  readonly generators: Obj[];
  readonly name?: string;
  readonly project?: string;
  readonly wave?: number;
  readonly source?: Obj;
  readonly destinationNamespace?: string;
}

/** A Go-template ApplicationSet creating `{{ .name }}-<name>` on each generated cluster. */
export function applicationSet(name: string, o: AppSetOptions): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: meta(name, 'argocd', o.wave),
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: o.generators,
      template: {
        metadata: { name: `{{ .name }}-${name}` },
        spec: {
          project: o.project ?? 'acme',
          source: o.source ?? { ...chartSource('podinfo', '6.7.1', PODINFO_REPO), helm: { parameters: [{ name: 'fleet.cloud', value: '{{ index .metadata.labels "fleetsynth.io/cloud" }}' }] } },
          destination: { name: '{{ .name }}', namespace: o.destinationNamespace ?? name },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'], retry: { limit: 10 } },
        },
      },
    },
  };
}

/** Charts by `repo chart version`. */
export function catalog(charts: Record<string, ChartContents>): ChartCatalog {
  return (repoURL, chart, version) => charts[`${repoURL} ${chart} ${version}`];
}

export const ISTIO_VERSION = '1.30.3';

/** Istio's charts: base brings the CRDs (and a webhook), istiod a ClusterRole and a webhook. */
export const ISTIO_CHARTS: Record<string, ChartContents> = {
  [`${ISTIO_REPO} base ${ISTIO_VERSION}`]: {
    crds: [
      { group: 'networking.istio.io', kind: 'ServiceEntry', scope: 'Namespaced' },
      { group: 'networking.istio.io', kind: 'DestinationRule', scope: 'Namespaced' },
    ],
    clusterResources: [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' }],
  },
  [`${ISTIO_REPO} istiod ${ISTIO_VERSION}`]: {
    crds: [],
    clusterResources: [
      { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
      { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
    ],
  },
  [`${PODINFO_REPO} podinfo 6.7.1`]: { crds: [] },
};

export const MGMT = 'k8s/aws/mgmt';
export const ARGOCD_FOLDER = `${MGMT}/argocd`;
export const PROJECT_FILE = `${ARGOCD_FOLDER}/appproject.argoproj.io_acme.yaml`;
export const ROOT_FILE = `${ARGOCD_FOLDER}/application.argoproj.io_acme-root.yaml`;
export const appFile = (name: string) => `${ARGOCD_FOLDER}/application.argoproj.io_${name}.yaml`;
export const secretFile = (cluster: string) => `${ARGOCD_FOLDER}/secret_cluster-${cluster}.yaml`;
export const serviceEntryFile = (cluster: string) => `k8s/aws/${cluster}/istio-system/serviceentry.networking.istio.io_api.yaml`;
export const APPSET_FILE = `${ARGOCD_FOLDER}/applicationset.argoproj.io_podinfo.yaml`;

export const WORKLOADS = ['aws-prod', 'gcp-prod'] as const;
export const serverOf = (cluster: string) => `https://${cluster}.example.com`;

/** The project every fixture Application uses: the GitOps repo and Istio's charts, the management and workload clusters. */
export function acmeProject(spec: Obj = {}): Obj {
  return appProject(
    'acme',
    {
      sourceRepos: [REPO, ISTIO_REPO, PODINFO_REPO],
      destinations: [{ server: IN_CLUSTER_SERVER, namespace: '*' }, ...WORKLOADS.map((c) => ({ name: c, namespace: '*' }))],
      ...spec,
    },
    -2,
  );
}

/** The root's wave in fleetLike(): the last of its folder, with the ApplicationSet. */
export const ROOT_WAVE = 3;

/**
 * The root Application, syncing the management folder. In the folder's last wave, as fleetsynth's root
 * is: an Application that applies itself earlier waits for its own health.
 */
export function rootApplication(wave = ROOT_WAVE, directory: Obj = { recurse: true }): Obj {
  return application('acme-root', { wave, source: folderSource(MGMT, directory), destination: { server: IN_CLUSTER_SERVER, namespace: 'argocd' } });
}

export interface FleetLikeOptions {
  /** Wave of the Istio base (CRD) chart apps. @default -1 */
  readonly baseWave?: number;
  /** Whether the ServiceEntries carry SkipDryRunOnMissingResource. @default true */
  readonly skipDryRun?: boolean;
}

/**
 * A converging fleet-like output. Bootstrap: the project, then the root. The root syncs the
 * management folder: project (-2), cluster Secrets (-2), per cluster the Istio base chart (-1,
 * brings the CRDs), istiod (0), a platform app for the cluster's folder (2: Namespace and a
 * ServiceEntry in wave 2), and an ApplicationSet with a cluster generator (3).
 */
export function fleetLike(o: FleetLikeOptions = {}): ManifestFile[] {
  const files: ManifestFile[] = [
    { path: PROJECT_FILE, object: acmeProject() },
    { path: ROOT_FILE, object: rootApplication() },
    {
      path: APPSET_FILE,
      object: applicationSet('podinfo', { wave: 3, generators: [{ clusters: { selector: { matchExpressions: [{ key: 'fleetsynth.io/cluster', operator: 'Exists' }] } } }] }),
    },
  ];
  for (const c of WORKLOADS) {
    files.push(
      { path: secretFile(c), object: clusterSecret(c, serverOf(c), { 'fleetsynth.io/cluster': c, 'fleetsynth.io/cloud': c.split('-')[0] }, -2) },
      {
        path: appFile(`${c}-istio-base`),
        object: application(`${c}-istio-base`, { wave: o.baseWave ?? -1, source: chartSource('base', ISTIO_VERSION), destination: { name: c, namespace: 'istio-system' } }),
      },
      {
        path: appFile(`${c}-istiod`),
        object: application(`${c}-istiod`, { wave: 0, source: chartSource('istiod', ISTIO_VERSION), destination: { name: c, namespace: 'istio-system' } }),
      },
      {
        path: appFile(`${c}-platform`),
        object: application(`${c}-platform`, { wave: 2, source: folderSource(`k8s/aws/${c}`), destination: { name: c } }),
      },
      { path: `k8s/aws/${c}/_cluster/namespace_istio-system.yaml`, object: namespace('istio-system', 2) },
      { path: serviceEntryFile(c), object: serviceEntry('api', 'istio-system', { wave: 2, skipDryRun: o.skipDryRun ?? true }) },
    );
  }
  return files;
}

/** The convergence input for a set of files: bootstrap applies the project then the root, with the Application health check. */
export function inputOf(files: readonly ManifestFile[], o: { readonly kubectlApply?: string[]; readonly applicationHealthCheck?: boolean; readonly charts?: ChartCatalog } = {}): ConvergenceInput {
  return {
    files,
    gitops: GITOPS,
    bootstrap: { kubectlApply: o.kubectlApply ?? [PROJECT_FILE, ROOT_FILE], applicationHealthCheck: o.applicationHealthCheck ?? true },
    charts: o.charts ?? catalog(ISTIO_CHARTS),
  };
}

/** The files with the one at `path` replaced (or added, when none is there). */
export function withFile(files: readonly ManifestFile[], path: string, object: Obj): ManifestFile[] {
  return files.some((f) => f.path === path) ? files.map((f) => (f.path === path ? { path, object } : f)) : [...files, { path, object }];
}

export function withoutFile(files: readonly ManifestFile[], path: string): ManifestFile[] {
  return files.filter((f) => f.path !== path);
}

export function objectAt(files: readonly ManifestFile[], path: string): Obj {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no file ${path}`);
  return JSON.parse(JSON.stringify(f.object));
}
