/**
 * The order in which one Argo CD sync applies its objects: phase, then sync wave, then kind, then
 * name, with Namespaces and CRDs pulled in front of what needs them
 * (argoproj/gitops-engine pkg/sync/sync_tasks.go, now argoproj/argo-cd gitops-engine/pkg/sync/).
 */
import { annotationsOf, crdDefinedBy, identityOf } from './kube-kinds';

/** The phases of a successful sync, in order (gitops-engine pkg/sync/common/types.go). */
export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync';
const PHASE_ORDER: Readonly<Record<SyncPhase, number>> = { PreSync: -1, Sync: 0, PostSync: 1 };

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

// sync_tasks.go kindOrder (Helm's kind_sorter order); any other kind sorts after all of these.
const KINDS_IN_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret',
  'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service',
  'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService',
];
const KIND_ORDER: ReadonlyMap<string, number> = new Map(KINDS_IN_ORDER.map((k, i) => [k, i - KINDS_IN_ORDER.length]));

/** Comma-separated options of an annotation, each once (gitops-engine pkg/sync/resource/annotations.go GetAnnotationCSVs). */
export function annotationOptions(object: Record<string, any>, annotation: string): string[] {
  const value = annotationsOf(object)[annotation];
  return typeof value === 'string' ? [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))] : [];
}

/** Whether an object carries a sync option, e.g. `SkipDryRunOnMissingResource=true`. */
export function hasSyncOption(object: Record<string, any>, option: string): boolean {
  return annotationOptions(object, SYNC_OPTIONS_ANNOTATION).includes(option);
}

/** The sync wave (gitops-engine pkg/sync/syncwaves/waves.go): the annotation if an integer, else the Helm hook weight, else 0. */
export function syncWaveOf(object: Record<string, any>): number {
  const annotations = annotationsOf(object);
  for (const key of [SYNC_WAVE_ANNOTATION, 'helm.sh/hook-weight']) {
    const text = annotations[key];
    if (typeof text === 'string' && /^[+-]?\d+$/.test(text)) return Number.parseInt(text, 10);
  }
  return 0;
}

/**
 * The hook types gitops-engine reads from an object (hook.go Types): the Argo CD annotation's known ones
 * (common/types.go NewHookType: PreDelete and PostDelete are Argo CD's own, controller/hook.go, so not
 * among them), else the Helm hook's (hook/helm/type.go: pre-install/pre-upgrade are PreSync,
 * post-install/post-upgrade PostSync).
 */
function hookTypes(object: Record<string, any>): string[] {
  const types = annotationOptions(object, HOOK_ANNOTATION).filter((t) => ['PreSync', 'Sync', 'PostSync', 'Skip', 'SyncFail'].includes(t));
  if (types.length > 0) return types;
  return annotationOptions(object, HELM_HOOK_ANNOTATION).flatMap((t) =>
    t === 'pre-install' || t === 'pre-upgrade' ? ['PreSync'] : t === 'post-install' || t === 'post-upgrade' ? ['PostSync'] : [],
  );
}

/** hook.go Skip: `Skip` is its only hook type; such an object is managed but never applied. */
function isSkipped(object: Record<string, any>): boolean {
  const types = hookTypes(object);
  return types.length === 1 && types[0] === 'Skip';
}

/** hook.go IsHook: Argo CD's hook annotation, whatever its value, unless only `Skip`; or a Helm hook other than crd-install (hook/helm/hook.go). */
function isHook(object: Record<string, any>): boolean {
  const annotations = annotationsOf(object);
  if (annotations[HOOK_ANNOTATION] !== undefined) return !isSkipped(object);
  const helmHook = annotations[HELM_HOOK_ANNOTATION];
  return helmHook !== undefined && helmHook !== 'crd-install';
}

/**
 * The phases a sync makes a task of an object in (sync_phase.go syncPhases): none when skipped, those it
 * names when a hook (SyncFail's runs only when the sync fails), else Sync. Every task, a hook's too, is
 * checked before the sync applies anything: its kind served, its kind and namespace allowed by the project
 * (sync_context.go getSyncTasks, argo-cd controller/sync.go validateSyncPermissions).
 */
export function syncTaskPhases(object: Record<string, any>): string[] {
  if (isSkipped(object)) return [];
  if (!isHook(object)) return ['Sync'];
  const types = hookTypes(object);
  return ['PreSync', 'Sync', 'PostSync', 'SyncFail'].filter((p) => types.includes(p));
}

/**
 * What Argo CD makes of one object an Application's sources render (argo-cd v3.4.4):
 *  - `resource`: a managed resource, in `status.resources` and, unless skipped, in the Application's
 *    health (controller/health.go setApplicationHealth);
 *  - `hook`: split off the managed resources (gitops-engine pkg/sync/reconcile.go splitHooks): run in its
 *    phases by every sync, never in the Application's health;
 *  - `none`: neither: a PreDelete/PostDelete hook naming no sync phase (controller/state.go
 *    partitionTargetObjsForSync) or a hook naming no phase gitops-engine knows (ignore.go Ignore, which
 *    splitHooks drops): a Helm `test` hook, a misspelt phase.
 */
export type ManifestRole = 'resource' | 'hook' | 'none';

export function manifestRole(object: Record<string, any>): ManifestRole {
  const types = hookTypes(object);
  const syncPhaseType = types.some((t) => t !== 'Skip');
  const deletionHook = annotationOptions(object, HOOK_ANNOTATION).some((t) => t === 'PreDelete' || t === 'PostDelete') || annotationOptions(object, HELM_HOOK_ANNOTATION).some((t) => t === 'pre-delete' || t === 'post-delete');
  if (deletionHook && !syncPhaseType) return 'none';
  if (!isHook(object)) return 'resource';
  return types.length > 0 ? 'hook' : 'none';
}

/**
 * The phases a successful sync applies an object in, in order: none for skipped objects and hooks that
 * only run on failure or deletion; each it names for a hook of several (sync_phase.go syncPhases: a task
 * per phase, so such a hook runs in each).
 */
export function syncPhasesOf(object: Record<string, any>): SyncPhase[] {
  const phases = syncTaskPhases(object);
  return (['PreSync', 'Sync', 'PostSync'] as const).filter((p) => phases.includes(p));
}

/** One object in a sync, placed. */
export interface SyncTask<T> {
  readonly target: T;
  readonly phase: SyncPhase;
  /** Its wave after Namespaces and CRDs took the wave of what needs them. */
  readonly wave: number;
}

/** The tasks of one (phase, wave): applied together, then waited for. */
export interface SyncStep<T> {
  readonly phase: SyncPhase;
  readonly wave: number;
  readonly tasks: readonly SyncTask<T>[];
}

/**
 * Sorts a sync's objects (syncTasks.Less: phase, wave, kind, name) and moves every Namespace before
 * the first object in it, then every CRD before the first resource of its kind, each taking that
 * object's phase and wave (syncTasks.Sort / adjustDeps). Objects a successful sync never applies
 * are left out. `destinationNamespace` is what gitops-engine writes into objects without one before
 * sorting (sync_context.go getSyncTasks), cluster-scoped ones included.
 */
export function orderSyncTasks<T extends { readonly object: Record<string, any>; readonly namespace?: string }>(targets: readonly T[], destinationNamespace: string): SyncTask<T>[] {
  interface Task {
    target: T;
    phase: SyncPhase;
    wave: number;
    kind: string;
    name: string;
  }
  const tasks: Task[] = [];
  for (const target of targets) {
    const id = identityOf(target.object);
    for (const phase of syncPhasesOf(target.object)) tasks.push({ target, phase, wave: syncWaveOf(target.object), kind: id.kind, name: id.name });
  }
  tasks.sort((a, b) => {
    const d = PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || a.wave - b.wave || (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0);
    return d !== 0 ? d : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  adjustDeps<T, Task>(
    tasks,
    (t) => {
      const id = identityOf(t.object);
      return id.kind === 'Namespace' && id.group === '' ? id.name : undefined;
    },
    // A target's effective namespace ('' when cluster-scoped) when known, else the one written.
    (t) => (t.namespace ?? identityOf(t.object).namespace) || destinationNamespace || undefined,
  );
  adjustDeps<T, Task>(
    tasks,
    (t) => {
      const crd = crdDefinedBy(t.object);
      return crd ? `${crd.group}/${crd.kind}` : undefined;
    },
    (t) => {
      const id = identityOf(t.object);
      return `${id.group}/${id.kind}`;
    },
  );
  return tasks.map(({ target, phase, wave }) => ({ target, phase, wave }));
}

/** A step in words: `wave 2` in the Sync phase, `PostSync wave 0` in a hooks' phase. */
export function stepName(step: { readonly phase: SyncPhase; readonly wave: number }): string {
  return step.phase === 'Sync' ? `wave ${step.wave}` : `${step.phase} wave ${step.wave}`;
}

/** The steps of a sync, in the order gitops-engine runs them (one (phase, wave) at a time). */
export function syncSteps<T>(tasks: readonly SyncTask<T>[]): SyncStep<T>[] {
  const steps: { phase: SyncPhase; wave: number; tasks: SyncTask<T>[] }[] = [];
  for (const task of tasks) {
    const last = steps[steps.length - 1];
    if (last && last.phase === task.phase && last.wave === task.wave) last.tasks.push(task);
    else steps.push({ phase: task.phase, wave: task.wave, tasks: [task] });
  }
  return steps;
}

// syncTasks.adjustDeps, step for step: a dependency found after its first dependant moves to that
// dependant's index and takes its phase and wave.
function adjustDeps<U extends { readonly object: Record<string, any> }, T extends { target: U; phase: SyncPhase; wave: number }>(
  s: T[],
  isDep: (target: U) => string | undefined,
  refersTo: (target: U) => string | undefined,
): void {
  const firstIndexByDepKey = new Map<string, number>();
  for (let i = 0; i < s.length; i++) {
    const t = s[i];
    const depKey = isDep(t.target);
    if (depKey !== undefined) {
      const index = firstIndexByDepKey.get(depKey);
      if (index !== undefined) {
        t.wave = s[index].wave;
        t.phase = s[index].phase;
        for (let j = i; j > index; j--) s[j] = s[j - 1];
        s[index] = t;
        for (const [key, first] of firstIndexByDepKey) if (first >= index) firstIndexByDepKey.set(key, first + 1);
      }
    } else {
      const refKey = refersTo(t.target);
      if (refKey !== undefined && !firstIndexByDepKey.has(refKey)) firstIndexByDepKey.set(refKey, i);
    }
  }
}
