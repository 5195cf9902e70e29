import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../props-check';
import { syncWaveMetadata } from './sync-wave';

export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';

export interface HelmParameter {
  readonly name: string;
  readonly value: string;
}

/** Where an Application's manifests come from (Argo CD `ApplicationSource`, the fields fleetsynth uses). */
export interface ApplicationSource {
  readonly repoURL: string;
  readonly targetRevision: string;
  /** Folder in a git repo (set this or `chart`). */
  readonly path?: string;
  /** Chart in a Helm repo (set this or `path`). */
  readonly chart?: string;
  /** For a `path` of plain manifests: include subfolders. @default false */
  readonly recurse?: boolean;
  /**
   * For a `path` of plain manifests: files to leave out, as an Argo CD glob over paths relative to
   * `path` (`*` also matches `/`; `{a/*,b/*}` for several). @default none
   */
  readonly exclude?: string;
  /**
   * Build a `path` with Kustomize (its kustomization.yaml, as written), rendered as
   * `kustomize: { ignoreMissingComponents: true }`: see KUSTOMIZE_AS_WRITTEN. Namespaced objects that
   * name no namespace go to the destination's. @default path sources are plain manifests
   */
  readonly kustomize?: boolean;
  /** Render with Helm. @default chart sources are Helm; path sources only when this is given */
  readonly helm?: {
    readonly releaseName?: string;
    /** Values as an object. */
    readonly valuesObject?: { readonly [key: string]: unknown };
    /** Values as a YAML string (templated by ApplicationSets). */
    readonly values?: string;
    readonly parameters?: readonly HelmParameter[];
  };
}

/** Where it goes: a registered cluster by `name`, or by `server` URL (`https://kubernetes.default.svc` = Argo CD's own cluster). */
export interface ApplicationDestination {
  readonly name?: string;
  readonly server?: string;
  readonly namespace?: string;
}

export interface SyncPolicyProps {
  /** Delete resources removed from git. @default true */
  readonly prune?: boolean;
  /** Revert changes made outside git. @default true */
  readonly selfHeal?: boolean;
  /** @default true */
  readonly createNamespace?: boolean;
  /** Labels for the namespace Argo CD creates. @default none */
  readonly managedNamespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Retries of a failed sync, with exponential backoff; `limit: -1` retries until it succeeds
   * (argo-cd docs/user-guide/auto_sync.md: "Set to `-1` for unlimited retries"), with the source the
   * operation started with: a changed spec (new Helm values) is not applied until it ends.
   * @default 10 retries, 10s doubling up to 5m
   */
  readonly retry?: { readonly limit: number; readonly backoffSeconds: number; readonly factor: number; readonly maxBackoffSeconds: number };
  /**
   * A sync keeps the live value of every field the Application ignores (`RespectIgnoreDifferences=true`).
   * Without it ignoreDifferences only affects the diff: "during the sync stage, the desired state is
   * applied as-is" (argo-cd docs/user-guide/sync-options.md; controller/sync.go), so each sync would
   * write back what a controller had rewritten (a webhook's caBundle or failurePolicy). @default false
   */
  readonly respectIgnoreDifferences?: boolean;
  /**
   * Prune only after every other object of the sync is applied and healthy (`PruneLast=true`: the
   * prunes move to a wave after the last, gitops-engine pkg/sync/sync_context.go). @default false
   */
  readonly pruneLast?: boolean;
}

export interface ArgoCdApplicationProps {
  /** Explicit, stable name: Argo CD keys everything by it. */
  readonly name: string;
  /** Where Argo CD runs. @default 'argocd' */
  readonly namespace?: string;
  readonly project: string;
  readonly source: ApplicationSource;
  readonly destination: ApplicationDestination;
  /** @default automated, prune, selfHeal, CreateNamespace, retry with backoff */
  readonly syncPolicy?: SyncPolicyProps;
  /** Fields Argo CD should not diff (e.g. what a controller rewrites); its syncs keep their live values. @default none */
  readonly ignoreDifferences?: readonly IgnoredDifference[];
  /** Sync wave of this Application inside its parent app. @default none */
  readonly syncWave?: number;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations beside the sync wave's (Argo CD's per-Application settings). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Deleting the Application deletes what it deployed (`resources-finalizer.argocd.argoproj.io`).
   * Without it, removing an Application from Git orphans its workloads. Leave it off only where
   * deleting the Application must not take its resources along (Argo CD managing itself, the root).
   * @default true
   */
  readonly cascadeDelete?: boolean;
}

/**
 * Argo CD `ResourceIgnoreDifferences` (argo-cd v3.4.4 pkg/apis/application/v1alpha1/types.go): the
 * fields of matching objects the diff leaves out, named by JSON pointer, jq path or field manager.
 * With `RespectIgnoreDifferences=true`, which an Application that ignores anything gets, a sync
 * applies their live values (controller/sync.go normalizeTargetResources), so it never writes back
 * what a controller set.
 */
export interface IgnoredDifference {
  /** API group: `""` for the core group. */
  readonly group: string;
  readonly kind: string;
  /** @default every object of the kind */
  readonly name?: string;
  /** @default none */
  readonly jsonPointers?: readonly string[];
  /** @default none */
  readonly jqPathExpressions?: readonly string[];
  /** @default none */
  readonly managedFieldsManagers?: readonly string[];
}

/** `spec.ignoreDifferences` with only the fields that are set, each string through `text` (an ApplicationSet's template escapes them). */
export function renderIgnoreDifferences(list: readonly IgnoredDifference[], text: (s: string) => string = (s) => s): Record<string, unknown>[] {
  const strings = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.map(text) : undefined);
  return list.map((d) => {
    const fields = { jsonPointers: strings(d.jsonPointers), jqPathExpressions: strings(d.jqPathExpressions), managedFieldsManagers: strings(d.managedFieldsManagers) };
    return {
      // "" is the core group, which Argo CD writes as no group (argo-cd v3.4.4 pkg/apis/application/v1alpha1/types.go
      // ResourceIgnoreDifferences: `json:"group,omitempty"`); synth's output check refuses an empty string.
      ...(d.group !== '' ? { group: text(d.group) } : {}),
      kind: text(d.kind),
      ...(d.name !== undefined ? { name: text(d.name) } : {}),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
  });
}

/** Each ignored difference names a kind and at least one field, manager or path. */
export function checkIgnoreDifferences(check: PropsCheck, list: readonly IgnoredDifference[] | undefined): void {
  (list ?? []).forEach((d, i) => {
    check.nonEmpty(`ignoreDifferences[${i}].kind`, d.kind);
    const named = [d.jsonPointers, d.jqPathExpressions, d.managedFieldsManagers].some((v) => v !== undefined && v.length > 0);
    check.check(`ignoreDifferences[${i}]`, named, 'names no field: give jsonPointers, jqPathExpressions or managedFieldsManagers', d, '{ group, kind, jsonPointers: ["/spec/replicas"] }');
  });
}

/** Argo CD deletes an Application's resources before the Application itself (argo-cd docs: user-guide/app_deletion.md). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export const DEFAULT_RETRY = { limit: 10, backoffSeconds: 10, factor: 2, maxBackoffSeconds: 300 } as const;


/** Argo CD `syncPolicy` with fleetsynth's defaults: automated prune + selfHeal, namespaces created, retried with backoff. */
export function renderSyncPolicy(props: SyncPolicyProps = {}): Record<string, unknown> {
  const retry = props.retry ?? DEFAULT_RETRY;
  const labels = props.managedNamespaceLabels;
  return {
    automated: { prune: props.prune ?? true, selfHeal: props.selfHeal ?? true },
    syncOptions: [...((props.createNamespace ?? true) ? ['CreateNamespace=true'] : []), 'ServerSideApply=true', ...(props.respectIgnoreDifferences ? ['RespectIgnoreDifferences=true'] : []), ...(props.pruneLast ? ['PruneLast=true'] : [])],
    // refresh: each retry syncs the newest commit, not the one that failed (appcontroller.go; Argo CD 3.4
    // RetryStrategy.Refresh): a fix pushed while a broken commit is retried is applied at the next retry,
    // where it would otherwise wait for the last one (auto-sync is skipped while an operation runs).
    retry: { limit: retry.limit, backoff: { duration: `${retry.backoffSeconds}s`, factor: retry.factor, maxDuration: `${retry.maxBackoffSeconds}s` }, refresh: true },
    ...(labels && Object.keys(labels).length > 0 ? { managedNamespaceMetadata: { labels } } : {}),
  };
}

/**
 * An explicit Kustomize source with no Argo CD override, so that Argo CD builds it concurrently.
 * A kustomize block that sets namePrefix, nameSuffix, namespace, images, commonLabels,
 * commonAnnotations, patches or components is built by editing the kustomization.yaml in the
 * repo-server's one clone of the repository (argo-cd v3.4.4 util/kustomize/kustomize.go Build:
 * `kustomize edit set namespace`, ...), so it is not "concurrent" (pkg/apis/application/v1alpha1/types.go
 * ApplicationSourceKustomize.AllowsConcurrentProcessing), and such a build holds the lock of the whole
 * repository, any revision, alone (reposerver/repository/lock.go, keyed by the clone's path): every
 * Application of that repository, each cluster's of this app among them (each its own manifest-cache
 * entry: reposerver/cache/cache.go manifestCacheKey holds the app name), waits its turn at each new commit.
 * No setting at all is no type: Argo CD drops a zero `kustomize: {}` (util/argo/argo.go NormalizeSource,
 * ApplicationSourceKustomize.IsZero), which an app-of-apps then sees as a difference (argo-cd#14668),
 * and a typeless folder is typed by discovery (util/app/discovery). `ignoreMissingComponents` is the
 * one field IsZero counts that changes nothing at all: it only filters `components`, of which there are
 * none (`version` picks another kustomize, `kubeVersion` and `apiVersions` reach Helm charts, and
 * `replicas` runs `kustomize edit set replicas` although AllowsConcurrentProcessing leaves it out).
 */
const KUSTOMIZE_AS_WRITTEN = { ignoreMissingComponents: true } as const;

/** Argo CD `source` with only the fields that are set. */
export function renderSource(source: ApplicationSource): Record<string, unknown> {
  const helm = source.helm && {
    ...(source.helm.releaseName ? { releaseName: source.helm.releaseName } : {}),
    ...(source.helm.valuesObject && Object.keys(source.helm.valuesObject).length > 0 ? { valuesObject: source.helm.valuesObject } : {}),
    ...(source.helm.values ? { values: source.helm.values } : {}),
    ...(source.helm.parameters && source.helm.parameters.length > 0 ? { parameters: source.helm.parameters } : {}),
  };
  return {
    repoURL: source.repoURL,
    targetRevision: source.targetRevision,
    ...(source.path !== undefined ? { path: source.path } : {}),
    ...(source.chart !== undefined ? { chart: source.chart } : {}),
    ...(source.recurse || source.exclude ? { directory: { ...(source.recurse ? { recurse: true } : {}), ...(source.exclude ? { exclude: source.exclude } : {}) } } : {}),
    ...(source.kustomize ? { kustomize: { ...KUSTOMIZE_AS_WRITTEN } } : {}),
    // Not `helm: {}`: the controller drops an empty helm block from the live Application on every
    // refresh (argo-cd controller/appcontroller.go normalizeApplication, util/argo NormalizeSource:
    // `if source.Helm != nil && source.Helm.IsZero() { source.Helm = nil }`), so the parent that
    // applies it from Git sees it out of sync for good, and self-heal applies it again (argo-cd#14668).
    ...(helm && Object.keys(helm).length > 0 ? { helm } : {}),
  };
}

export function checkSource(check: PropsCheck, source: ApplicationSource | undefined, field = 'source'): void {
  check.nonEmpty(`${field}.repoURL`, source?.repoURL).nonEmpty(`${field}.targetRevision`, source?.targetRevision);
  check.check(field, (source?.path === undefined) !== (source?.chart === undefined), 'needs exactly one of path or chart', source, '{ path } for git, { chart } for a Helm repository');
  if (source?.recurse) check.check(`${field}.recurse`, source.chart === undefined && source.helm === undefined, 'only applies to plain-manifest folders', source.recurse, 'leave it out for Helm sources');
  if (source?.exclude !== undefined) check.check(`${field}.exclude`, source.chart === undefined && source.helm === undefined && source.exclude.trim() !== '', 'only applies to plain-manifest folders', source.exclude, 'a glob such as "_bootstrap/*", on a path source');
  // Argo CD refuses a source with two types (types.go ExplicitType: "multiple application sources defined").
  if (source?.kustomize) check.check(`${field}.kustomize`, source.path !== undefined && source.helm === undefined && !source.recurse && source.exclude === undefined, 'only applies to a path source without helm or directory settings', source.kustomize, 'kustomize on a path source alone');
}

export function checkDestination(check: PropsCheck, destination: ApplicationDestination | undefined): void {
  check.check('destination', (destination?.name === undefined) !== (destination?.server === undefined), 'needs exactly one of name or server', destination, '{ name: "aws-prod" } or { server: "https://kubernetes.default.svc" }');
  if (destination?.server !== undefined) check.check('destination.server', /^https:\/\/\S+$/.test(destination.server), 'must be an https URL', destination.server, 'e.g. "https://kubernetes.default.svc"');
  if (destination?.namespace !== undefined) check.name('destination.namespace', destination.namespace, 'label');
}

export function checkSyncPolicy(check: PropsCheck, policy: SyncPolicyProps | undefined): void {
  const retry = policy?.retry;
  if (retry) {
    check.check('syncPolicy.retry.limit', Number.isInteger(retry.limit) && (retry.limit >= 1 || retry.limit === -1), 'must be a positive whole number, or -1 for unlimited', retry.limit, '1 or more, or -1');
    check.check('syncPolicy.retry.factor', Number.isInteger(retry.factor) && retry.factor >= 1, 'must be a whole number of at least 1', retry.factor, '1 or more');
    check.check('syncPolicy.retry.maxBackoffSeconds', retry.maxBackoffSeconds >= retry.backoffSeconds && retry.backoffSeconds > 0, 'must be at least backoffSeconds (> 0)', retry.maxBackoffSeconds, `${retry.backoffSeconds} or more`);
  }
}

/** An Argo CD Application, synced automatically (prune + selfHeal) with retries, by default. */
export class ArgoCdApplication extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    const check = new PropsCheck(`ArgoCdApplication[${props.name}]`);
    check.name('name', props.name).nonEmpty('project', props.project);
    checkSource(check, props.source);
    checkDestination(check, props.destination);
    checkSyncPolicy(check, props.syncPolicy);
    checkIgnoreDifferences(check, props.ignoreDifferences);
    check.done();
    this.name = props.name;
    new ApiObject(this, 'Resource', {
      apiVersion: ARGOCD_API_VERSION,
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: props.namespace ?? 'argocd',
        ...(props.labels ? { labels: { ...props.labels } } : {}),
        ...(props.annotations || props.syncWave !== undefined ? { annotations: { ...props.annotations, ...syncWaveMetadata(props.syncWave).annotations } } : {}),
        ...((props.cascadeDelete ?? true) ? { finalizers: [RESOURCES_FINALIZER] } : {}),
      },
      spec: {
        project: props.project,
        source: renderSource(props.source),
        destination: { ...props.destination },
        // What an Application ignores, a controller owns: its syncs leave it as they find it.
        syncPolicy: renderSyncPolicy({ ...props.syncPolicy, ...(props.ignoreDifferences && props.ignoreDifferences.length > 0 ? { respectIgnoreDifferences: true } : {}) }),
        ...(props.ignoreDifferences && props.ignoreDifferences.length > 0 ? { ignoreDifferences: renderIgnoreDifferences(props.ignoreDifferences) } : {}),
      },
    });
  }
}
