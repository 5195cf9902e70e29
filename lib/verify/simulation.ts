/**
 * Argo CD acting on the generated objects, round by round: the bootstrap's `kubectl apply`, then
 * in every round the ApplicationSet controller generates, and the application controller
 * reconciles and syncs every Application one step (one sync wave, or several when nothing in a wave
 * needs waiting for). Everything a round writes becomes visible to the others in the next round, so
 * Applications that run side by side cannot rely on each other's order. A round is also one retry
 * interval: a failed sync is retried in the next round, as often as its retry limit allows.
 *
 * The run stops when a round changes nothing (or repeats an earlier state: a sync with unlimited
 * retries that keeps failing the same way): what is not converged then never will be. A limited
 * sync is retried until its retries are spent: then its Application is Degraded (appHealth).
 */
import type { Problem } from '../fleet';
import { destinationNamespaceOf, GitOpsTree, resolveSources, SourceResolution, SourceTarget, sourcesOf } from './app-source';
import { generateApplications } from './application-set';
import { clusterOfSecret, IN_CLUSTER, isClusterSecret, isUnresolved, RegisteredCluster, resolveDestination } from './argo-cluster';
import { ArgoProject, ClusterAddress } from './argo-project';
import { hasHealth } from './argo-health';
import { AWAITS_ADDRESS, ignoresHealthCheck, isLoadBalancerService } from './load-balancer';
import type { ChartCatalog, ConvergenceInput } from './convergence';
import { ARGO_CD_KINDS, builtInKind, cmp, crdDefinedBy, groupKind, identityOf, isRecord, KindInfo, ObjectIdentity } from './kube-kinds';
import { whenHookIsDeleted } from './hook-deletion';
import { hasSyncOption, ManifestRole, manifestRole, orderSyncTasks, stepName, SyncStep, syncSteps, syncTaskPhases } from './sync-order';

const MAX_ROUNDS = 2000;

/** Automated syncs without `syncPolicy.retry` are retried 5 times (argoproj/argo-cd controller/appcontroller.go autoSync). */
const DEFAULT_RETRY_LIMIT = 5;

/** One object an Application applies, placed on its destination. */
interface Target {
  readonly source: SourceTarget;
  readonly object: Record<string, any>;
  readonly id: ObjectIdentity;
  readonly namespaced: boolean;
  /** Effective namespace ('' for cluster-scoped). */
  readonly namespace: string;
  readonly key: string;
  readonly crd?: KindInfo;
  /** `<Kind> <name>`, or `Application <app>` for what a chart brings. */
  readonly subject: string;
  /** The file at fault when this target fails: its own, or the Application's for chart objects. */
  readonly path: string;
  /** A managed resource, a hook, or neither (sync-order.ts manifestRole). */
  readonly role: ManifestRole;
  /** Whether a sync makes a task of it, checked before anything is applied (sync-order.ts syncTaskPhases). */
  readonly tasked: boolean;
}

/** Something missing that someone else may create. */
type Need =
  | { readonly type: 'project'; readonly name: string }
  | { readonly type: 'cluster'; readonly by: 'name' | 'server'; readonly value: string }
  | { readonly type: 'crd'; readonly group: string; readonly kind: string; readonly server: string }
  | { readonly type: 'namespace'; readonly name: string; readonly server: string };

interface Failure {
  readonly subject: string;
  readonly path: string;
  readonly reason: string;
  readonly need?: Need;
  /** For a parent failed by a Degraded child: the index of the step it waited in, the child's need being `need`. */
  readonly waitedIn?: number;
  readonly given?: string;
  readonly allowed?: string;
}

type HealthStatus = 'Healthy' | 'Progressing' | 'Missing' | 'Degraded' | 'Unknown';
interface Health {
  readonly status: HealthStatus;
  readonly reason: string;
}
// gitops-engine pkg/health/health.go healthOrder (Suspended is never produced here).
const HEALTH_ORDER: readonly HealthStatus[] = ['Healthy', 'Progressing', 'Missing', 'Degraded', 'Unknown'];
const HEALTHY: Health = { status: 'Healthy', reason: '' };

type Plan = { readonly targets: readonly Target[]; readonly steps: readonly SyncStep<Target>[] } | { readonly failure: Failure };

interface Operation {
  /** -1 before the pre-sync checks; then the index of the step being applied or waited for. */
  stepIndex: number;
  awaitingHealth: boolean;
  /** What this operation created so far, visible to its own later waves before the round ends. */
  readonly namespaces: Set<string>;
  readonly crds: Set<string>;
  /** The target waited for, in the step at that index. */
  waitingFor?: { readonly target: Target; readonly step: number };
}

type AppStatus = 'new' | 'invalid' | 'manual' | 'syncing' | 'synced' | 'failed';

class AppRuntime {
  status: AppStatus = 'new';
  invalid?: Failure;
  project?: ArgoProject;
  destination?: ClusterAddress;
  op?: Operation;
  attempts = 0;
  retryPending = false;
  /** The failures of the last failed attempt. */
  failures?: readonly Failure[];
  /** The failures of the first failed attempt, kept when a retry later succeeds. */
  firstFailures?: readonly Failure[];

  constructor(
    readonly name: string,
    readonly object: Record<string, any>,
    /** The Application's file, or the ApplicationSet's for generated ones. */
    readonly path: string,
    readonly generatedBy: string | undefined,
    readonly plan: Plan,
  ) {}

  get spec(): Record<string, any> {
    return isRecord(this.object.spec) ? this.object.spec : {};
  }

  get syncPolicy(): Record<string, any> {
    return isRecord(this.spec.syncPolicy) ? this.spec.syncPolicy : {};
  }

  /** SyncPolicy.IsAutomatedSyncEnabled: `automated` present and `enabled` not false. */
  get automated(): boolean {
    const a = this.syncPolicy.automated;
    return isRecord(a) && a.enabled !== false;
  }

  hasSyncOption(option: string): boolean {
    return Array.isArray(this.syncPolicy.syncOptions) && this.syncPolicy.syncOptions.includes(option);
  }

  /** `retry.limit` (0 when `retry` is set without it, negative for unlimited), 5 when `retry` is absent. */
  get retryLimit(): number {
    const r = this.syncPolicy.retry;
    if (!isRecord(r)) return DEFAULT_RETRY_LIMIT;
    return typeof r.limit === 'number' ? r.limit : 0;
  }

  get subject(): string {
    return `Application ${this.name}`;
  }

  suffix(): string {
    return this.generatedBy !== undefined ? ` (generated by ApplicationSet ${this.generatedBy})` : '';
  }
}

class AppSetRuntime {
  reconciled = false;
  /** The projects-and-clusters version it last generated from: nothing to redo until that changes. */
  generatedAt = -1;
  errors: readonly string[] = [];
  constructor(
    readonly name: string,
    readonly object: Record<string, any>,
    readonly path: string,
  ) {}
}

interface LiveObject {
  /** Its JSON, once asked for. */
  json?: string;
  readonly object: Record<string, any>;
  /** Its effective namespace ('' when cluster-scoped). */
  readonly namespace: string;
}

class ClusterState {
  readonly namespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  readonly crds = new Map<string, KindInfo>();
  readonly objects = new Map<string, LiveObject>();
  /** LoadBalancer Services the cloud gave an address (status.loadBalancer.ingress). */
  readonly addressed = new Set<string>();
  /** Those written without one: the cloud notices them next round, and gives the address the round after. */
  awaitingAddress = new Set<string>();
  noticed = new Set<string>();
  constructor(readonly address: ClusterAddress) {}

  get label(): string {
    return this.address.name !== '' ? this.address.name : this.address.server;
  }
}

interface Write {
  readonly server: ClusterAddress;
  readonly key: string;
  readonly object: Record<string, any>;
  readonly namespace: string;
  readonly path: string;
  readonly generatedBy?: string;
}

export class Simulation {
  private readonly tree: GitOpsTree;
  private readonly charts: ChartCatalog;
  private readonly argocd: string;
  private readonly healthCheck: boolean;
  private readonly clusters = new Map<string, ClusterState>();
  private readonly apps = new Map<string, AppRuntime>();
  private readonly appSets = new Map<string, AppSetRuntime>();
  /** Every Application definition seen, for file ownership: name → plans. */
  private readonly everApplications = new Map<string, Plan[]>();
  /** Argo CD objects Argo CD never looks at, by file. */
  private readonly ignored = new Map<string, Problem>();
  private readonly bootstrapProblems: Problem[] = [];
  /** group/kind → namespaced, for every CRD the output or a chart defines. */
  private readonly crdScopes = new Map<string, boolean>();
  private readonly resolutions = new Map<string, SourceResolution>();
  private readonly resolutionsBySpec = new WeakMap<object, SourceResolution>();
  /** Plans of the Applications written in files, whether or not they ever exist. */
  private staticPlans?: Map<string, Plan>;
  private readonly plans = new WeakMap<Record<string, any>, Plan>();
  private pending: Write[] = [];
  private version = 0;
  /** Bumped when a project or a cluster registration changes: what the controllers' lookups depend on. */
  private argoVersion = 0;
  private health = new Map<string, Health>();
  private settled = true;
  private cache?: { readonly argoVersion: number; readonly projects: Map<string, ArgoProject>; readonly clusters: RegisteredCluster[]; readonly scoped: Map<string, string[]> };
  /**
   * Each AppProject object's project, kept while the object is the same one (objects are never
   * changed once written): a project remembers the destinations it permitted, and the registered
   * clusters change (argoVersion) hundreds of times in a big fleet's bootstrap.
   */
  private readonly projectsByObject = new WeakMap<object, ArgoProject>();
  private readonly defaultProject = ArgoProject.defaultProject();

  constructor(private readonly input: ConvergenceInput) {
    this.tree = new GitOpsTree(input.files, input.gitops);
    this.charts = input.charts;
    this.argocd = input.bootstrap.argocdNamespace ?? 'argocd';
    this.healthCheck = input.bootstrap.applicationHealthCheck;
    this.cluster(IN_CLUSTER).namespaces.add(this.argocd);
    for (const f of input.files) {
      const crd = crdDefinedBy(f.object);
      if (crd) this.crdScopes.set(`${crd.group}/${crd.kind}`, crd.namespaced);
    }
    // Resolve every Application written in a file up front, so CRDs their charts bring have a known scope.
    for (const f of input.files) {
      const id = identityOf(f.object);
      if (id.group === 'argoproj.io' && id.kind === 'Application') this.resolution(isRecord(f.object.spec) ? f.object.spec : {});
    }
  }

  run(): void {
    this.bootstrap();
    const seen = new Set<string>();
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      this.assignAddresses();
      this.computeHealth();
      for (const set of sortedValues(this.appSets)) this.stepAppSet(set);
      for (const app of sortedValues(this.apps)) this.stepApp(app);
      this.commit();
      const state = this.fingerprint();
      if (seen.has(state)) return;
      seen.add(state);
    }
    this.settled = false;
  }

  /** File path → the Applications whose directory sources read it: every one written in a file, and every one generated. */
  applicationsOwningFiles(): Map<string, string[]> {
    const owners = new Map<string, Set<string>>();
    const add = (name: string, plan: Plan) => {
      if ('failure' in plan) return;
      for (const t of plan.targets) if (t.source.file !== undefined) owners.set(t.source.file, (owners.get(t.source.file) ?? new Set()).add(name));
    };
    for (const [name, plan] of this.filePlans()) add(name, plan);
    for (const [name, plans] of this.everApplications) for (const plan of plans) add(name, plan);
    return new Map([...owners].map(([file, names]) => [file, [...names].sort(cmp)]));
  }

  problems(): Problem[] {
    const out: Problem[] = [...this.bootstrapProblems, ...this.ignored.values()];
    if (!this.settled) out.push({ path: 'k8s', message: `the simulation did not settle after ${MAX_ROUNDS} rounds: convergence is not proven` });
    this.computeHealth();
    for (const set of sortedValues(this.appSets)) {
      for (const error of set.errors) out.push({ path: set.path, message: `ApplicationSet ${set.name}: ${error}` });
    }
    for (const app of sortedValues(this.apps)) out.push(...this.appProblems(app));
    out.push(...this.sharedNamespaces());
    return out;
  }

  /**
   * Namespaces with two owners: an Application with `CreateNamespace=true` and `managedNamespaceMetadata`
   * whose destination namespace another Application applies as a Namespace object. Argo CD applies that
   * metadata (only with the option: controller/sync.go) to an existing namespace too, server-side, as the
   * same field manager as the object's own apply (controller/sync_namespace.go): each apply drops the
   * fields the other set, on every sync.
   */
  private sharedNamespaces(): Problem[] {
    const owners = new Map<string, string>();
    for (const app of sortedValues(this.apps)) {
      if ('failure' in app.plan || !app.destination) continue;
      for (const t of app.plan.targets) if (t.id.group === '' && t.id.kind === 'Namespace') owners.set(`${app.destination.server}\u0000${t.id.name}`, app.name);
    }
    const out: Problem[] = [];
    for (const app of sortedValues(this.apps)) {
      const namespace = destinationNamespaceOf(app.spec);
      if (!isRecord(app.syncPolicy.managedNamespaceMetadata) || !app.hasSyncOption('CreateNamespace=true') || !namespace || !app.destination) continue;
      const owner = owners.get(`${app.destination.server}\u0000${namespace}`);
      if (owner !== undefined && owner !== app.name) {
        out.push({ path: app.path, message: `${app.subject}: sets managedNamespaceMetadata on namespace "${namespace}", which Application ${owner} applies as a Namespace object: both apply it server-side as Argo CD's controller, so each sync drops the fields the other set; label the Namespace object instead${app.suffix()}` });
      }
    }
    return out;
  }

  // ---- the bootstrap ----------------------------------------------------------------------------

  /**
   * `kubectl apply` of each file, in order, into the management cluster: the API server refuses a kind
   * it does not serve and an object in a namespace that does not exist (Kubernetes NamespaceLifecycle
   * admission). Nothing else is checked at apply time: Argo CD installs no admission webhook for its
   * CRDs (argoproj/argo-cd manifests/), so an Application whose project does not exist is accepted and
   * only waits (see `conditions`).
   */
  private bootstrap(): void {
    const mgmt = this.cluster(IN_CLUSTER);
    const byPath = new Map(this.input.files.map((f) => [f.path, f]));
    for (const path of this.input.bootstrap.kubectlApply) {
      const file = byPath.get(path);
      if (!file) {
        this.bootstrapProblems.push({ path, message: 'bootstrap: kubectl apply of a file that is not among the generated files' });
        continue;
      }
      const id = identityOf(file.object);
      const subject = `${id.kind} ${id.name}`;
      if (!this.served(mgmt, id.group, id.kind)) {
        this.bootstrapProblems.push({ path, message: `${subject}: kubectl apply fails in the bootstrap: the management cluster has no kind ${groupKind(id.group, id.kind)} (no CRD)` });
        continue;
      }
      const namespaced = this.isNamespaced(id.group, id.kind);
      // kubectl apply -n <argocd>, as the README's bootstrap command runs it.
      const namespace = namespaced ? id.namespace || this.argocd : '';
      if (namespaced && !mgmt.namespaces.has(namespace)) {
        this.bootstrapProblems.push({ path, message: `${subject}: kubectl apply fails in the bootstrap: namespace "${namespace}" does not exist on the management cluster` });
        continue;
      }
      this.pending.push({ server: IN_CLUSTER, key: objectKey(id, namespace), object: file.object, namespace, path });
      this.commit();
    }
  }

  // ---- the ApplicationSet controller ------------------------------------------------------------

  /**
   * applicationset_controller.go Reconcile: generate, validate each Application, create the valid ones.
   * It runs again when cluster Secrets change (clusterSecretEventHandler) and 3 minutes after a
   * validation error (ReconcileRequeueOnValidationError): here, whenever projects or clusters changed.
   */
  private stepAppSet(set: AppSetRuntime): void {
    set.reconciled = true;
    if (set.generatedAt === this.argoVersion) return;
    set.generatedAt = this.argoVersion;
    const { projects, clusters } = this.argoState();
    const generation = generateApplications(set.object, clusters);
    if ('error' in generation) {
      set.errors = [generation.error];
      return;
    }
    const errors: string[] = [];
    const names = new Set<string>();
    for (const app of generation.applications) {
      const name = isRecord(app.metadata) && typeof app.metadata.name === 'string' ? app.metadata.name : '';
      const spec = isRecord(app.spec) ? app.spec : {};
      // validateGeneratedApplications: a name, unique, an existing project, a destination that resolves.
      if (name === '') {
        errors.push('generates an Application with no name');
        continue;
      }
      if (names.has(name)) {
        errors.push(`generates two Applications named "${name}"`);
        continue;
      }
      names.add(name);
      const project = typeof spec.project === 'string' ? spec.project : '';
      if (!projects.has(project)) {
        errors.push(`generated Application ${name} references project "${project}", which does not exist, so the ApplicationSet controller does not create it`);
        continue;
      }
      const destination = resolveDestination(isRecord(spec.destination) ? spec.destination : {}, clusters);
      if (isUnresolved(destination)) {
        errors.push(`generated Application ${name} has an invalid destination (${destination.reason}), so the ApplicationSet controller does not create it`);
        continue;
      }
      this.pending.push({ server: IN_CLUSTER, key: objectKey(identityOf(app), this.argocd), object: app, namespace: this.argocd, path: set.path, generatedBy: set.name });
    }
    set.errors = errors;
  }

  // ---- the application controller ---------------------------------------------------------------

  private stepApp(app: AppRuntime): void {
    if (app.status === 'synced' || app.status === 'failed') return;
    const invalid = this.conditions(app);
    if (invalid) {
      app.status = 'invalid';
      app.invalid = invalid;
      app.op = undefined;
      return;
    }
    app.invalid = undefined;
    // controller/appcontroller.go autoSync: without automated sync nothing starts an operation.
    if (!app.automated) {
      app.status = 'manual';
      return;
    }
    if (app.op === undefined) {
      if (app.status === 'syncing' && !app.retryPending) return;
      app.status = 'syncing';
      app.retryPending = false;
      app.attempts++;
      app.op = { stepIndex: -1, awaitingHealth: false, namespaces: new Set(), crds: new Set() };
    }
    this.runOperation(app, app.op);
  }

  /**
   * refreshAppConditions + CompareAppState (controller/appcontroller.go, util/argo/argo.go
   * ValidatePermissions, controller/state.go): the project exists, allows the sources and the
   * destination, the destination cluster is registered, and the sources render. Any of these is an
   * InvalidSpecError or ComparisonError: health Unknown, no sync, re-checked on every refresh (a new
   * project or cluster Secret triggers one), so it is a wait, not a failure.
   */
  private conditions(app: AppRuntime): Failure | undefined {
    const { projects, clusters } = this.argoState();
    const spec = app.spec;
    const at = { subject: app.subject, path: app.path };
    const projectName = typeof spec.project === 'string' && spec.project !== '' ? spec.project : 'default';
    const project = projects.get(projectName);
    if (!project) return { ...at, reason: `project "${projectName}" does not exist`, need: { type: 'project', name: projectName } };
    for (const source of sourcesOf(spec)) {
      const repo = typeof source.repoURL === 'string' ? source.repoURL : '';
      if (!project.isSourcePermitted(repo)) {
        return { ...at, reason: `project "${projectName}" does not allow source repo "${repo}"`, given: repo, allowed: project.sourceRepos.join(', ') || 'none' };
      }
    }
    const destination = resolveDestination(isRecord(spec.destination) ? spec.destination : {}, clusters);
    if (isUnresolved(destination)) {
      return { ...at, reason: destination.reason, ...(destination.missing ? { need: { type: 'cluster', ...destination.missing } as Need } : {}) };
    }
    const namespace = destinationNamespaceOf(spec);
    const scoped = clusters.filter((c) => c.project === projectName).map((c) => c.name);
    if (!project.isDestinationPermitted(destination, namespace, scoped)) {
      return {
        ...at,
        reason: `project "${projectName}" does not allow destination cluster "${destination.name}" (${destination.server}) namespace "${namespace}"`,
        given: `${destination.name} ${namespace}`,
        allowed: project.describeDestinations(),
      };
    }
    if ('failure' in app.plan) return app.plan.failure;
    app.project = project;
    app.destination = destination;
    return undefined;
  }

  /** One step of a sync operation (gitops-engine pkg/sync/sync_context.go Sync), possibly several waves. */
  private runOperation(app: AppRuntime, op: Operation): void {
    const plan = app.plan as Exclude<Plan, { failure: Failure }>;
    const cluster = this.cluster(app.destination!);
    const project = app.project!;
    if (op.stepIndex < 0) {
      const failures = this.preSyncChecks(app, op, plan, cluster, project);
      if (failures.length > 0) return this.fail(app, failures);
      op.stepIndex = 0;
    }
    for (;;) {
      if (op.stepIndex >= plan.steps.length) return this.succeed(app); // "successfully synced (no more tasks)"
      const step = plan.steps[op.stepIndex];
      if (op.awaitingHealth) {
        // After each wave, every task must be healthy before the next wave; Degraded fails the sync. A hook
        // must complete (sync_context.go getOperationPhase): Progressing runs, Degraded or Unknown fails the
        // sync, anything else has succeeded. In a sync of one wave only its hooks are waited for.
        for (const task of step.tasks) {
          const hook = task.target.role === 'hook';
          if (!hook && plan.steps.length === 1) continue;
          const health = this.taskHealth(app, task.target);
          if (health.status === 'Degraded' || (hook && health.status === 'Unknown')) {
            const need = this.childNeed(task.target);
            const what = hook ? `a ${step.phase} hook, is ${health.status}` : 'is Degraded';
            return this.fail(app, [{ subject: task.target.subject, path: task.target.path, reason: `${what} when Application ${app.name} waits for ${stepName(step)}, which fails its sync: ${health.reason}`, ...(need ? { need, waitedIn: op.stepIndex } : {}) }]);
          }
          if (hook ? health.status === 'Progressing' : health.status !== 'Healthy') {
            op.waitingFor = { target: task.target, step: op.stepIndex };
            return;
          }
        }
        op.awaitingHealth = false;
        op.waitingFor = undefined;
        op.stepIndex++;
        continue;
      }
      const failures: Failure[] = [];
      for (const task of step.tasks) {
        const failure = this.applyTask(app, op, task.target, stepName(step), cluster, project);
        if (failure) failures.push(failure);
      }
      if (failures.length > 0) return this.fail(app, failures);
      // The last wave is not waited for, unless it has hooks: the sync succeeds once it is applied (sync_context.go "successfully synced (all tasks run)").
      if (op.stepIndex === plan.steps.length - 1 && !step.tasks.some((t) => t.target.role === 'hook')) return this.succeed(app);
      if (step.tasks.every((t) => this.healthyOnceApplied(app, t.target))) {
        op.stepIndex++;
        continue;
      }
      op.awaitingHealth = true;
      return;
    }
  }

  /**
   * sync_context.go getSyncTasks and the dry run, before anything is applied: CreateNamespace's
   * namespace, then for every task, hooks included: a kind the cluster serves (else, unless the CRD is in
   * this sync or SkipDryRunOnMissingResource is set, the whole sync fails), allowed by the project.
   */
  private preSyncChecks(app: AppRuntime, op: Operation, plan: Exclude<Plan, { failure: Failure }>, cluster: ClusterState, project: ArgoProject): Failure[] {
    const failures: Failure[] = [];
    const destNs = destinationNamespaceOf(app.spec);
    const inSync = plan.targets.some((t) => t.id.group === '' && t.id.kind === 'Namespace' && t.id.name === destNs);
    // autoCreateNamespace: a PreSync task creating the destination namespace, permission-checked like any
    // other in getSyncTasks, and created (Sync, before the dry run) only when every task passed the checks.
    const createNamespace = app.hasSyncOption('CreateNamespace=true') && destNs !== '' && !inSync && !cluster.namespaces.has(destNs);
    if (createNamespace && !project.isGroupKindPermitted('', 'Namespace', destNs, false)) {
      failures.push({ subject: app.subject, path: app.path, reason: `needs namespace "${destNs}" created by CreateNamespace=true, but ${project.groupKindRefusal('', 'Namespace', destNs, false)}` });
    }
    const skipAll = app.hasSyncOption('SkipDryRunOnMissingResource=true');
    const crdsInSync = new Set(plan.targets.filter((t) => t.crd).map((t) => `${t.crd!.group}/${t.crd!.kind}`));
    // Every task is checked, a hook's (SyncFail's too) as well, and only tasks: not a skipped object, a
    // deletion hook, or a hook of no known phase.
    for (const t of plan.targets) {
      if (t.source.standIn || !t.tasked) continue;
      if (!this.served(cluster, t.id.group, t.id.kind, op)) {
        // Not served yet: permissions are checked once it is (each later step re-runs these checks).
        if (skipAll || hasSyncOption(t.object, 'SkipDryRunOnMissingResource=true') || crdsInSync.has(`${t.id.group}/${t.id.kind}`)) continue;
        failures.push({
          subject: t.subject,
          path: t.path,
          reason: `custom resource ${groupKind(t.id.group, t.id.kind)} has no CRD on cluster "${cluster.label}" when Application ${app.name} syncs, and no SkipDryRunOnMissingResource`,
          need: { type: 'crd', group: t.id.group, kind: t.id.kind, server: cluster.address.server },
        });
        continue;
      }
      const refused = this.permission(app, project, cluster, t);
      if (refused) failures.push(refused);
    }
    if (createNamespace && failures.length === 0) {
      op.namespaces.add(destNs);
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: destNs } };
      this.pending.push({ server: cluster.address, key: objectKey(identityOf(ns), ''), object: ns, namespace: '', path: app.path });
    }
    return failures;
  }

  /** Applies one object in its step (`wave 2`, `PostSync wave 0`), or says why the API server refuses it. */
  private applyTask(app: AppRuntime, op: Operation, t: Target, step: string, cluster: ClusterState, project: ArgoProject): Failure | undefined {
    if (!t.source.standIn && !this.served(cluster, t.id.group, t.id.kind, op)) {
      return {
        subject: t.subject,
        path: t.path,
        reason: `custom resource ${groupKind(t.id.group, t.id.kind)} still has no CRD on cluster "${cluster.label}" when Application ${app.name} applies ${step} (SkipDryRunOnMissingResource only skips the dry run)`,
        need: { type: 'crd', group: t.id.group, kind: t.id.kind, server: cluster.address.server },
      };
    }
    if (!t.source.standIn) {
      const refused = this.permission(app, project, cluster, t);
      if (refused) return refused;
    }
    if (t.namespaced && !cluster.namespaces.has(t.namespace) && !op.namespaces.has(t.namespace)) {
      const destNs = destinationNamespaceOf(app.spec);
      const hint =
        t.namespace === destNs
          ? 'no Namespace object in the sync, no CreateNamespace=true'
          : destNs === ''
            ? 'no Namespace object in the sync; CreateNamespace=true only creates the destination namespace, and it has none'
            : `no Namespace object in the sync; CreateNamespace=true only creates the destination namespace "${destNs}"`;
      return {
        subject: t.subject,
        path: t.path,
        reason: `namespace "${t.namespace}" does not exist on cluster "${cluster.label}" when Application ${app.name} applies it in ${step} (${hint})`,
        need: { type: 'namespace', name: t.namespace, server: cluster.address.server },
      };
    }
    if (t.id.group === '' && t.id.kind === 'Namespace') op.namespaces.add(t.id.name);
    if (t.crd) op.crds.add(`${t.crd.group}/${t.crd.kind}`);
    this.pending.push({ server: cluster.address, key: t.key, object: t.object, namespace: t.namespace, path: t.source.file ?? app.path });
    return undefined;
  }

  /** controller/sync.go validateSyncPermissions: the kind by the project's lists, then a namespaced object's namespace by its destinations. */
  private permission(app: AppRuntime, project: ArgoProject, cluster: ClusterState, t: Target): Failure | undefined {
    const chart = t.source.chart !== undefined ? `chart ${t.source.chart} brings ${groupKind(t.id.group, t.id.kind)}: ` : '';
    if (!project.isGroupKindPermitted(t.id.group, t.id.kind, t.id.name, t.namespaced)) {
      const list = t.namespaced ? 'namespaceResourceWhitelist' : 'clusterResourceWhitelist';
      return { subject: t.subject, path: t.path, reason: `${chart}${project.groupKindRefusal(t.id.group, t.id.kind, t.id.name, t.namespaced)}, when Application ${app.name} syncs`, given: groupKind(t.id.group, t.id.kind), allowed: `${list} of project ${project.name}` };
    }
    if (t.namespaced) {
      if (!project.isDestinationPermitted(cluster.address, t.namespace, this.scopedClusters(project.name))) {
        return { subject: t.subject, path: t.path, reason: `${chart}namespace "${t.namespace}" on cluster "${cluster.label}" is not permitted in project "${project.name}", when Application ${app.name} syncs`, allowed: project.describeDestinations() };
      }
    }
    return undefined;
  }

  private fail(app: AppRuntime, failures: readonly Failure[]): void {
    app.op = undefined;
    app.failures = failures;
    app.firstFailures ??= failures;
    const limit = app.retryLimit;
    // appcontroller.go processRequestedAppOperation: retry while RetryCount < Limit (or Limit < 0); then auto-sync skips this revision for good.
    if (limit < 0 || app.attempts - 1 < limit) app.retryPending = true;
    else {
      app.retryPending = false;
      app.status = 'failed';
    }
  }

  private succeed(app: AppRuntime): void {
    app.op = undefined;
    app.status = 'synced';
    app.retryPending = false;
  }

  /**
   * Whether a task needs no waiting after it is applied: plain objects (their readiness is not known
   * offline) but LoadBalancer Services (which wait for their cloud), and child Applications when Argo CD
   * has no health check for them (gitops-engine pkg/health GetResourceHealth returns nil: sync_context.go
   * counts the task successful at once).
   */
  private healthyOnceApplied(app: AppRuntime, t: Target): boolean {
    if (isLoadBalancerService(t.object)) return false;
    if (t.id.group !== 'argoproj.io') return true;
    if (t.id.kind === 'ApplicationSet') return false;
    if (t.id.kind === 'Application') return !this.healthCheck || t.id.name === app.name;
    return true;
  }

  /** The health a parent's sync sees for one of its objects (sync_context.go: health.GetResourceHealth with Argo CD's overrides). */
  private taskHealth(app: AppRuntime, t: Target): Health {
    // The sync waits for it even when it is marked ignore-healthcheck (sync_context.go reads no annotation).
    if (isLoadBalancerService(t.object) && app.destination) return this.serviceHealth(this.cluster(app.destination), t);
    if (t.id.group !== 'argoproj.io' || t.namespace !== this.argocd || app.destination?.server !== IN_CLUSTER.server) return HEALTHY;
    if (t.id.kind === 'ApplicationSet') return this.health.get(`appset:${t.id.name}`) ?? { status: 'Progressing', reason: 'the ApplicationSet controller has not reconciled it yet' };
    if (t.id.kind !== 'Application') return HEALTHY;
    // Without the health check, Application has no health (no built-in check, no Lua): counts as healthy at once.
    if (!this.healthCheck || t.id.name === app.name) return HEALTHY;
    return this.health.get(`app:${t.id.name}`) ?? { status: 'Progressing', reason: 'Argo CD has not reconciled it yet' };
  }

  // ---- health, as Argo CD reports it at the start of a round -------------------------------------

  private computeHealth(): void {
    this.health = new Map();
    for (const set of this.appSets.values()) {
      // resource_customizations/argoproj.io/ApplicationSet/health.lua: ErrorOccurred → Degraded, ResourcesUpToDate → Healthy, no status → Progressing.
      const h: Health = !set.reconciled
        ? { status: 'Progressing', reason: 'the ApplicationSet controller has not reconciled it yet' }
        : set.errors.length > 0
          ? { status: 'Degraded', reason: set.errors[set.errors.length - 1] }
          : HEALTHY;
      this.health.set(`appset:${set.name}`, h);
    }
    for (const app of sortedValues(this.apps)) this.appHealth(app, new Set());
  }

  /**
   * The health the Lua check Argo CD is installed with gives an Application (lib/k8s/argocd/argocd-install.ts
   * APPLICATION_HEALTH_CHECK), from its status: Progressing before its first reconcile (no status) and while
   * its sync or a retry of it runs (`operationState.phase` Running, also between retries: appcontroller.go
   * processRequestedAppOperation); Degraded while its spec is invalid or its sources do not render (the Lua's
   * `status.sync.status == "Unknown"` with an InvalidSpecError or ComparisonError condition:
   * appcontroller.go processAppRefreshQueueItem sets both when refreshAppConditions fails, controller/state.go
   * CompareAppState when manifests fail) and once its retries are spent (the Lua's "its last sync failed": the
   * operation Failed for the source its spec names, which autoSync does not retry, alreadyAttemptedSync);
   * else its status health as controller/health.go setApplicationHealth computes it over its objects but
   * hooks and skipped ones (inHealth): Healthy when there are none, Missing when none of them exist, else the
   * worst health of those that do, leaving out those marked ignore-healthcheck and a child Application's
   * Missing or Unknown. Plain objects are taken as Healthy once applied (their readiness
   * is not known offline), but a LoadBalancer Service, which is Progressing until its cloud gives it an address.
   */
  private appHealth(app: AppRuntime, visiting: Set<string>): Health {
    const key = `app:${app.name}`;
    const known = this.health.get(key);
    if (known) return known;
    if (visiting.has(app.name)) return HEALTHY;
    visiting.add(app.name);
    let h: Health;
    if (app.status === 'new') h = { status: 'Progressing', reason: 'Argo CD has not reconciled it yet' };
    // The health check Argo CD is installed with: Progressing while its sync (or a retry of it) runs.
    else if (app.status === 'syncing' && (app.op !== undefined || app.retryPending)) h = { status: 'Progressing', reason: 'its sync is running' };
    else if (app.status === 'invalid' || 'failure' in app.plan) h = { status: 'Degraded', reason: `Argo CD cannot compare it with its spec: ${this.stuckReason(app)}` };
    else if (app.status === 'failed' && app.failures) h = { status: 'Degraded', reason: `its last sync failed: ${app.failures[0].subject}: ${app.failures[0].reason}` };
    else if (app.destination === undefined) h = { status: 'Unknown', reason: this.stuckReason(app) };
    else {
      const cluster = this.cluster(app.destination);
      const resources = app.plan.targets.filter(inHealth);
      const live = resources.filter((t) => cluster.objects.has(t.key));
      if (resources.length === 0) h = HEALTHY;
      else if (live.length === 0) h = { status: 'Missing', reason: this.stuckReason(app) };
      else {
        h = HEALTHY;
        for (const t of live) {
          if (ignoresHealthCheck(t.object)) continue;
          let child: Health = HEALTHY;
          if (isLoadBalancerService(t.object)) child = this.serviceHealth(cluster, t);
          else if (t.id.group === 'argoproj.io' && t.namespace === this.argocd && cluster.address.server === IN_CLUSTER.server) {
            if (t.id.kind === 'Application' && this.healthCheck && t.id.name !== app.name) {
              const c = this.apps.get(t.id.name);
              child = c ? this.appHealth(c, visiting) : { status: 'Progressing', reason: 'Argo CD has not reconciled it' };
              if (child.status === 'Missing' || child.status === 'Unknown') continue;
              if (child.status !== 'Healthy') child = { status: child.status, reason: `Application ${t.id.name} is ${child.status}: ${child.reason}` };
            } else if (t.id.kind === 'ApplicationSet') {
              child = this.health.get(`appset:${t.id.name}`) ?? HEALTHY;
            }
          }
          if (HEALTH_ORDER.indexOf(child.status) > HEALTH_ORDER.indexOf(h.status)) h = child;
        }
      }
    }
    this.health.set(key, h);
    return h;
  }

  /** Why an Application is not (yet) where it should be, in words. */
  private stuckReason(app: AppRuntime): string {
    if (app.status === 'new') return 'Argo CD has not reconciled it yet';
    if (app.status === 'invalid' && app.invalid) return app.invalid.reason;
    if (app.status === 'manual') return 'has no syncPolicy.automated: Argo CD never syncs it without a human';
    if (app.failures && app.status !== 'synced') return `its sync fails: ${app.failures[0].subject}: ${app.failures[0].reason}`;
    if (app.op?.waitingFor) {
      const w = app.op.waitingFor;
      return `waits in ${this.stepNameOf(app, w.step)} for ${w.target.subject}: ${this.targetStuckReason(w.target)}`;
    }
    return 'its sync has not finished';
  }

  private targetStuckReason(t: Target): string {
    if (t.id.kind === 'Application') {
      const child = this.apps.get(t.id.name);
      return child ? this.stuckReason(child) : 'Argo CD never reconciles it';
    }
    if (t.id.kind === 'ApplicationSet') {
      const set = this.appSets.get(t.id.name);
      return set && set.errors.length > 0 ? set.errors[set.errors.length - 1] : 'the ApplicationSet controller has not reconciled it';
    }
    if (isLoadBalancerService(t.object)) return AWAITS_ADDRESS;
    return 'it is not healthy';
  }

  /** What a child Application lacks (to sync, or to be valid), for a parent stalled or failed by it. */
  private childNeed(t: Target): Need | undefined {
    const child = t.id.kind === 'Application' ? this.apps.get(t.id.name) : undefined;
    return child?.invalid?.need ?? child?.failures?.[0]?.need;
  }

  // ---- problems -----------------------------------------------------------------------------------

  private appProblems(app: AppRuntime): Problem[] {
    const out: Problem[] = [...this.waitHazards(app), ...this.deletedHooks(app)];
    const push = (f: Failure, text: string) =>
      out.push({ path: f.path, message: `${f.subject}: ${text}`, ...(f.given !== undefined ? { given: f.given } : {}), ...(f.allowed !== undefined ? { allowed: f.allowed } : {}) });
    if (app.status === 'invalid' && app.invalid) {
      push(app.invalid, `${app.invalid.reason}${this.needNote(app, app.invalid.need)}${app.suffix()}`);
    } else if (app.status === 'manual') {
      out.push({ path: app.path, message: `${app.subject}: has no syncPolicy.automated: Argo CD never syncs it without a human${app.suffix()}` });
    } else if (app.status === 'synced' && app.firstFailures && app.retryLimit >= 0 && !this.waitedForOwnNamespace(app)) {
      // With unlimited retries (`limit: -1`, argo-cd docs/user-guide/auto_sync.md; appcontroller.go
      // processRequestedAppOperation) a sync that first fails for want of what another Application
      // creates succeeds whenever that appears: convergence no longer depends on timing. A limited one
      // may run out first.
      const retries = app.attempts - 1;
      const hint = this.healthCheck
        ? 'put what it needs in an earlier sync wave than the Application'
        : 'without the Application health check in argocd-cm (resource.customizations.health.argoproj.io_Application), parents do not wait for child Applications, so sync waves do not order them';
      for (const f of app.firstFailures) {
        push(f, `${f.reason}; Application ${app.name} syncs only on retry ${retries} of ${app.retryLimit < 0 ? 'unlimited' : app.retryLimit}, so convergence depends on timing: ${hint}${app.suffix()}`);
      }
    } else if (app.status === 'syncing' && app.op?.waitingFor) {
      const { target, step } = app.op.waitingFor;
      const childNeed = this.childNeed(target);
      const deadlock = childNeed ? this.deadlockNote(app, step, childNeed) : '';
      out.push({ path: app.path, message: `${app.subject}: waits forever in ${this.stepNameOf(app, step)} for ${target.subject}: ${this.targetStuckReason(target)}${deadlock}${app.suffix()}` });
    } else if (app.failures && app.status !== 'synced') {
      for (const f of app.failures) {
        const note = f.need && f.waitedIn !== undefined ? this.deadlockNote(app, f.waitedIn, f.need) : this.needNote(app, f.need);
        push(f, `${f.reason}${note}${app.suffix()}`);
      }
    }
    return out;
  }

  /**
   * Objects an Application's sync would wait on although nothing in Git can make them healthy. Argo
   * CD waits for the health of every wave but the last, and fails the sync on a Degraded object
   * (gitops-engine pkg/sync/sync_context.go); only the last wave is applied without waiting.
   *  - `argocd.argoproj.io/ignore-healthcheck` leaves an object out of the Application's health
   *    (controller/health.go), not out of its sync: before the last wave, an object of a kind Argo CD
   *    has a health check for is still waited for (one without is done once applied).
   *  - An Application that applies itself before its last wave waits for its own health, which its
   *    running sync keeps Progressing (the Application health check Argo CD is installed with; without
   *    it an Application has no health, and nothing waits).
   *  - A LoadBalancer Service before the last wave waits for its cloud's address (load-balancer.ts): for
   *    good if none comes, with no failure and no retry, marked ignore-healthcheck or not (the sync reads
   *    no annotation: gitops-engine pkg/health GetResourceHealth). So does a child Application whose health
   *    includes one (with the Application health check), through its own children too, unless a link is
   *    marked ignore-healthcheck.
   */
  private waitHazards(app: AppRuntime): Problem[] {
    if ('failure' in app.plan) return [];
    const steps = app.plan.steps;
    const out: Problem[] = [];
    steps.slice(0, -1).forEach((step) => {
      for (const { target: t } of step.tasks) {
        const lastStep = steps[steps.length - 1];
        const last = stepName(lastStep);
        // Hooks' steps after the Sync phase leave no wave of it unwaited.
        const toLast = lastStep.phase === 'Sync' ? 'put it in the last wave' : `put it in the last wave, with no ${lastStep.phase} hook after it`;
        const ignored = ignoresHealthCheck(t.object);
        if (ignored && hasHealth(t.id.group, t.id.kind, this.healthCheck)) {
          out.push({ path: t.path, message: `${t.subject}: argocd.argoproj.io/ignore-healthcheck leaves it out of Application ${app.name}'s health, not out of its sync: in ${stepName(step)}, before the last (${last}), the sync waits for it to be healthy and fails if it is Degraded; ${toLast}` });
        }
        const awaited = ignored ? undefined : isLoadBalancerService(t.object) ? 'is' : this.isChildApplication(app, t) ? this.loadBalancerInHealth(t.id.name, new Set()) : undefined;
        if (awaited !== undefined) {
          const what = awaited === 'is' ? `is a LoadBalancer Service${t.source.chart !== undefined ? ` (chart ${t.source.chart})` : ''}` : `its health includes ${awaited}`;
          out.push({ path: t.path, message: `${t.subject}: ${what}, Progressing until its cloud gives it an address: in ${stepName(step)}, before the last (${last}) of Application ${app.name}, the sync waits for that address, for good if it never comes (no failure, no retry, no newer commit applied meanwhile); ${toLast}${awaited === 'is' ? '' : ', or mark the Service argocd.argoproj.io/ignore-healthcheck'}` });
        }
        if (this.healthCheck && t.id.group === 'argoproj.io' && t.id.kind === 'Application' && t.id.name === app.name && t.namespace === this.argocd) {
          out.push({ path: t.path, message: `${t.subject}: applies itself in ${stepName(step)}, before its last (${last}): its sync would wait for its own health, which the running sync keeps Progressing; ${toLast}` });
        }
      }
    });
    return out;
  }

  /**
   * Hooks whose deletion takes away what others need: Argo CD deletes every hook it ran, before a later sync
   * runs it again or when a sync ends (hook-deletion.ts). A Namespace takes the objects in it along, a CRD its
   * custom resources (kubernetes.io docs: tasks/administer-cluster/namespaces "Deleting a namespace",
   * tasks/extend-kubernetes/custom-resources/custom-resource-definitions "Delete a CustomResourceDefinition"),
   * and Argo CD's own objects what Argo CD needs them for.
   */
  private deletedHooks(app: AppRuntime): Problem[] {
    if ('failure' in app.plan || !app.destination) return [];
    const server = app.destination.server;
    const out: Problem[] = [];
    for (const t of app.plan.targets) {
      if (t.role !== 'hook') continue;
      const loss = this.lossWith(t, server);
      if (loss === undefined) continue;
      const phase = syncTaskPhases(t.object)[0];
      out.push({ path: t.path, message: `${t.subject}: is a ${phase} hook, which Argo CD deletes ${whenHookIsDeleted(t.object)}, and ${loss}; make it a plain object of Application ${app.name} (no hook annotation), ordered by sync waves` });
    }
    return out;
  }

  /** What goes when a hook is deleted, in words, or undefined when nothing that the output applies needs it. */
  private lossWith(t: Target, server: string): string | undefined {
    const inside = (matches: (r: Target) => boolean): string | undefined => {
      for (const app of sortedValues(this.apps)) {
        if ('failure' in app.plan || app.destination?.server !== server) continue;
        const r = app.plan.targets.find((x) => inHealth(x) && matches(x));
        if (r) return `${r.subject} of Application ${app.name}`;
      }
      return undefined;
    };
    if (t.id.group === '' && t.id.kind === 'Namespace') {
      const r = inside((x) => x.namespaced && x.namespace === t.id.name);
      return r && `with it Kubernetes deletes the objects in namespace "${t.id.name}" (${r})`;
    }
    if (t.crd) {
      const crd = t.crd;
      const r = inside((x) => x.id.group === crd.group && x.id.kind === crd.kind);
      return r && `with it Kubernetes deletes every ${groupKind(crd.group, crd.kind)} (${r})`;
    }
    if (server !== IN_CLUSTER.server || t.namespace !== this.argocd) return undefined;
    if (isClusterSecret(withNamespace(t.object, t.namespace), this.argocd)) return 'with it the cluster it registers: Applications targeting it are invalid until it is back';
    if (t.id.group !== 'argoproj.io') return undefined;
    if (t.id.kind === 'AppProject') return `with it project "${t.id.name}": its Applications are invalid until it is back`;
    if (t.id.kind === 'Application') {
      // user-guide/app_deletion.md: the resources finalizer makes Argo CD delete what the Application deployed.
      const finalizers = isRecord(t.object.metadata) && Array.isArray(t.object.metadata.finalizers) ? t.object.metadata.finalizers : [];
      const cascades = finalizers.some((f: unknown) => typeof f === 'string' && f.startsWith('resources-finalizer.argocd.argoproj.io'));
      return cascades ? 'with it, through its resources finalizer, the objects it deployed' : 'nothing syncs the objects it deployed until it is created again';
    }
    // operator-manual/applicationset/Application-Deletion.md: the generated Applications go by their owner reference.
    if (t.id.kind === 'ApplicationSet') return 'with it the Applications it generated';
    return undefined;
  }

  /** Whether a parent's sync sees a target as a child Application with a health (the Lua check Argo CD is installed with). */
  private isChildApplication(app: AppRuntime, t: Target): boolean {
    return this.healthCheck && t.id.group === 'argoproj.io' && t.id.kind === 'Application' && t.id.name !== app.name && t.namespace === this.argocd && app.destination?.server === IN_CLUSTER.server;
  }

  /** The LoadBalancer Service an Application's health includes, through its child Applications, in words; undefined when none. */
  private loadBalancerInHealth(name: string, visiting: Set<string>): string | undefined {
    const app = this.apps.get(name);
    const plan = app?.plan ?? this.filePlans().get(name);
    if (!plan || 'failure' in plan || visiting.has(name)) return undefined;
    visiting.add(name);
    for (const t of plan.targets) {
      if (ignoresHealthCheck(t.object) || !inHealth(t)) continue;
      if (isLoadBalancerService(t.object)) return t.source.chart !== undefined ? `the LoadBalancer Service chart ${t.source.chart} brings` : `LoadBalancer Service ${t.id.name} (${t.path})`;
      if (app && this.isChildApplication(app, t)) {
        const inner = this.loadBalancerInHealth(t.id.name, visiting);
        if (inner !== undefined) return `Application ${t.id.name}'s, which includes ${inner}`;
      }
    }
    return undefined;
  }

  /** What creates the missing thing, when that explains why it never appears. */
  private needNote(app: AppRuntime, need: Need | undefined): string {
    if (!need) return '';
    const providers = this.providers(need);
    if (providers.length === 0) return `, and nothing in the output creates ${describeNeed(need)}`;
    if (providers.every((p) => p.app === app.name)) {
      return `: only Application ${app.name} itself applies ${describeNeed(need)}, so it can never sync (apply it first, e.g. in the bootstrap)`;
    }
    for (const parent of this.apps.values()) {
      // A parent waiting for it, or failed by it (Degraded in a wave it waited for).
      const w = parent.op?.waitingFor;
      const step = w && w.target.id.kind === 'Application' && w.target.id.name === app.name ? w.step : parent.failures?.find((f) => f.waitedIn !== undefined && f.subject === app.subject)?.waitedIn;
      if (step !== undefined) {
        const note = this.deadlockNote(parent, step, need);
        if (note !== '') return note;
      }
    }
    return '';
  }

  /**
   * Whether a sync that succeeded only on a retry had failed for nothing but its own destination
   * namespace. Nothing can order an Application after what another root applies: a fleet app on a
   * new cluster (generated by its ApplicationSet once the cluster is registered, or explicit, in the
   * root app's last wave) waits so for its namespace, which the cluster's bootstrap stage creates
   * under the cluster's own root. It is counted as converging: it does once the namespace exists, if
   * that comes within its retries (about half an hour with fleetsynth's; the README says what then).
   * Anything else it first lacked (a CRD, a project, another namespace) is still a race.
   */
  private waitedForOwnNamespace(app: AppRuntime): boolean {
    const own = destinationNamespaceOf(app.spec);
    return own !== '' && (app.firstFailures ?? []).every((f) => f.waitedIn === undefined && f.need?.type === 'namespace' && f.need.name === own);
  }

  /** A deadlock: what `parent` waits for in its step at `index` needs something `parent` only applies in a later step. */
  private deadlockNote(parent: AppRuntime, index: number, need: Need): string {
    if ('failure' in parent.plan) return '';
    const steps = parent.plan.steps;
    const stepOf = (name: string) => steps.findIndex((s) => s.tasks.some(({ target: t }) => t.id.group === 'argoproj.io' && t.id.kind === 'Application' && t.id.name === name));
    const what = steps[index].phase === 'Sync' ? 'that wave' : 'that step';
    for (const p of this.providers(need)) {
      if (p.app === parent.name && p.step > index) {
        return `: deadlock: ${describeNeed(need)} is only applied in ${stepName(steps[p.step])} of Application ${parent.name}, after ${what}`;
      }
      // The provider is an Application the parent itself applies later (a chart app bringing a CRD).
      const later = stepOf(p.app);
      if (p.app !== parent.name && later > index) {
        return `: deadlock: Application ${p.app}, which applies ${describeNeed(need)}, is only applied in ${stepName(steps[later])} of Application ${parent.name}, after ${what}`;
      }
    }
    return '';
  }

  /** The name of the step at `index` of an Application's sync. */
  private stepNameOf(app: AppRuntime, index: number): string {
    return 'failure' in app.plan ? '' : stepName(app.plan.steps[index]);
  }

  /** Who applies what `need` lacks, in which step (its index): every Application that exists, and every one written in a file. */
  private providers(need: Need): { app: string; target: Target; step: number }[] {
    const plans = new Map<string, Plan>();
    for (const app of sortedValues(this.apps)) plans.set(app.name, app.plan);
    for (const [name, plan] of this.filePlans()) if (!plans.has(name)) plans.set(name, plan);
    const out: { app: string; target: Target; step: number }[] = [];
    for (const [app, plan] of plans) {
      if ('failure' in plan) continue;
      plan.steps.forEach((step, index) => {
        for (const { target: t } of step.tasks) {
          if (provides(t, need, this.argocd)) out.push({ app, target: t, step: index });
        }
      });
    }
    return out;
  }

  // ---- the world ----------------------------------------------------------------------------------

  private commit(): void {
    const writes = this.pending;
    this.pending = [];
    for (const w of writes) {
      const state = this.cluster(w.server);
      const live = state.objects.get(w.key);
      // Every round applies each synced object again: the same object is unchanged; another is compared
      // by its JSON, made only then (most objects are written once). This holds because nothing here
      // changes an object once it is written or stored (withNamespace, renders and merges copy): keep it so.
      if (live?.object === w.object) continue;
      if (live) {
        live.json ??= JSON.stringify(live.object);
        const json = JSON.stringify(w.object);
        if (live.json === json) {
          state.objects.set(w.key, { json, object: w.object, namespace: live.namespace });
          continue;
        }
      }
      state.objects.set(w.key, { object: w.object, namespace: w.namespace });
      this.version++;
      if (!state.addressed.has(w.key) && isLoadBalancerService(w.object)) state.awaitingAddress.add(w.key);
      const id = identityOf(w.object);
      if (id.group === '' && id.kind === 'Namespace') state.namespaces.add(id.name);
      const crd = crdDefinedBy(w.object);
      if (crd) state.crds.set(`${crd.group}/${crd.kind}`, crd);
      if (w.server.server === IN_CLUSTER.server) {
        if ((id.group === 'argoproj.io' && id.kind === 'AppProject') || isClusterSecret(withNamespace(w.object, w.namespace), this.argocd)) this.argoVersion++;
        this.onManagementWrite(w, id);
      }
    }
  }

  /**
   * The clouds' load balancer controllers: a LoadBalancer Service written in one round is Progressing in the
   * next and has its address in the one after. That the address comes at all is not Git's to promise: a sync
   * waiting for one is reported (waitHazards), and the run goes on as if it came, to find what follows.
   */
  private assignAddresses(): void {
    for (const state of this.clusters.values()) {
      for (const key of state.noticed) if (state.objects.has(key)) state.addressed.add(key);
      if (state.noticed.size > 0 || state.awaitingAddress.size > 0) this.version++;
      state.noticed = state.awaitingAddress;
      state.awaitingAddress = new Set();
    }
  }

  /** gitops-engine pkg/health/health_service.go: a LoadBalancer Service is Healthy once it has an address, Progressing before. */
  private serviceHealth(cluster: ClusterState, t: Target): Health {
    return cluster.addressed.has(t.key) ? HEALTHY : { status: 'Progressing', reason: `${t.subject}: ${AWAITS_ADDRESS}` };
  }

  /** The controllers notice Argo CD objects in their namespace, and only there. */
  private onManagementWrite(w: Write, id: ObjectIdentity): void {
    if (id.group !== 'argoproj.io' || !['Application', 'ApplicationSet', 'AppProject'].includes(id.kind)) return;
    if (w.namespace !== this.argocd) {
      // Applications/ApplicationSets in any namespace are off by default (docs: operator-manual/app-any-namespace.md); projects are read from Argo CD's namespace only.
      this.ignored.set(w.path, { path: w.path, message: `${id.kind} ${id.name}: is in namespace "${w.namespace}", but Argo CD only reads ${id.kind} objects in its own namespace "${this.argocd}"` });
      return;
    }
    if (id.kind === 'Application') {
      const current = this.apps.get(id.name);
      if (current && JSON.stringify(current.object.spec) === JSON.stringify(w.object.spec)) return;
      const plan = this.plan(id.name, w.object, w.path);
      this.apps.set(id.name, new AppRuntime(id.name, w.object, w.path, w.generatedBy, plan));
      this.everApplications.set(id.name, [...(this.everApplications.get(id.name) ?? []), plan]);
    } else if (id.kind === 'ApplicationSet') {
      this.appSets.set(id.name, new AppSetRuntime(id.name, w.object, w.path));
    }
  }

  /** Projects (with `default`, which argocd-server creates) and registered clusters, as the controllers read them now. */
  private argoState(): { readonly projects: Map<string, ArgoProject>; readonly clusters: RegisteredCluster[] } {
    if (this.cache?.argoVersion === this.argoVersion) return this.cache;
    const projects = new Map<string, ArgoProject>([['default', this.defaultProject]]);
    const clusters: RegisteredCluster[] = [];
    const mgmt = this.cluster(IN_CLUSTER);
    for (const { object, namespace } of mgmt.objects.values()) {
      const id = identityOf(object);
      if (id.group === 'argoproj.io' && id.kind === 'AppProject' && namespace === this.argocd) {
        let project = this.projectsByObject.get(object);
        if (!project) {
          project = new ArgoProject(id.name, isRecord(object.spec) ? object.spec : {});
          this.projectsByObject.set(object, project);
        }
        projects.set(id.name, project);
      } else if (isClusterSecret(withNamespace(object, namespace), this.argocd)) {
        const c = clusterOfSecret(object);
        if (typeof c !== 'string') clusters.push(c);
      }
    }
    clusters.sort((a, b) => cmp(a.secretName, b.secretName));
    this.cache = { argoVersion: this.argoVersion, projects, clusters, scoped: new Map() };
    return this.cache;
  }

  /** The names of the registered clusters whose Secret names this project (project-scoped clusters). */
  private scopedClusters(project: string): string[] {
    const state = this.argoState() as NonNullable<Simulation['cache']>;
    let names = state.scoped.get(project);
    if (!names) {
      names = state.clusters.filter((c) => c.project === project).map((c) => c.name);
      state.scoped.set(project, names);
    }
    return names;
  }

  private cluster(address: ClusterAddress): ClusterState {
    let state = this.clusters.get(address.server);
    if (!state) {
      state = new ClusterState(address);
      this.clusters.set(address.server, state);
    }
    return state;
  }

  /**
   * Whether the cluster's API serves a kind now (sync_context.go getSyncTasks asks discovery,
   * ServerResourceForGroupVersionKind): built in, Argo CD's own (management cluster), or a CRD applied
   * (or applied earlier by `op`, which waits for it to be established: ensureCRDReady).
   */
  private served(cluster: ClusterState, group: string, kind: string, op?: Operation): boolean {
    if (builtInKind(group, kind)) return true;
    if (cluster.address.server === IN_CLUSTER.server && ARGO_CD_KINDS.some((k) => k.group === group && k.kind === kind)) return true;
    const gk = `${group}/${kind}`;
    return cluster.crds.has(gk) || (op?.crds.has(gk) ?? false);
  }

  /** Scope of a kind; a kind nobody defines counts as namespaced (gitops-engine kube.IsNamespacedOrUnknown). */
  private isNamespaced(group: string, kind: string): boolean {
    const builtIn = builtInKind(group, kind) ?? ARGO_CD_KINDS.find((k) => k.group === group && k.kind === kind);
    if (builtIn) return builtIn.namespaced;
    return this.crdScopes.get(`${group}/${kind}`) ?? true;
  }

  private resolution(spec: Record<string, any>): SourceResolution {
    // Asked every round for every Application: by the spec object first (never changed once written), then by its JSON.
    const known = this.resolutionsBySpec.get(spec);
    if (known) return known;
    const key = JSON.stringify([spec.source, spec.sources, destinationNamespaceOf(spec)]);
    let r = this.resolutions.get(key);
    if (!r) {
      r = resolveSources(spec, this.tree, this.charts);
      if ('targets' in r) {
        for (const t of r.targets) {
          const crd = crdDefinedBy(t.object);
          if (crd) this.crdScopes.set(`${crd.group}/${crd.kind}`, crd.namespaced);
        }
      }
      this.resolutions.set(key, r);
    }
    this.resolutionsBySpec.set(spec, r);
    return r;
  }

  /**
   * The objects an Application applies, namespaced as controller/state.go NormalizeTargetObjects
   * does (namespaced objects without one get the destination namespace, cluster-scoped ones lose
   * theirs), in sync order. A namespaced object left without a namespace is an InvalidSpecError.
   */
  private plan(name: string, object: Record<string, any>, path: string): Plan {
    let plan = this.plans.get(object);
    if (!plan) {
      plan = this.makePlan(name, object, path);
      this.plans.set(object, plan);
    }
    return plan;
  }

  private makePlan(name: string, object: Record<string, any>, path: string): Plan {
    const spec = isRecord(object.spec) ? object.spec : {};
    const resolution = this.resolution(spec);
    const subject = `Application ${name}`;
    if ('failure' in resolution) return { failure: { subject, path, reason: resolution.failure } };
    const destNs = destinationNamespaceOf(spec);
    const targets: Target[] = [];
    for (const source of resolution.targets) {
      const id = identityOf(source.object);
      const namespaced = source.standIn === true || this.isNamespaced(id.group, id.kind);
      const namespace = namespaced ? id.namespace || destNs : '';
      const at = source.chart !== undefined ? { subject, path } : { subject: `${id.kind} ${id.name}`, path: source.file ?? path };
      const role = manifestRole(source.object);
      // Checked over the objects Argo CD passes to its sync (controller/state.go CompareAppState).
      if (namespaced && namespace === '' && role !== 'none') {
        return { failure: { ...at, reason: `is namespaced but has no namespace, and Application ${name} has no destination namespace (Argo CD: Namespace for ${id.name} is missing)` } };
      }
      const crd = crdDefinedBy(source.object);
      const tasked = role !== 'none' && syncTaskPhases(source.object).length > 0;
      const key = source.standIn ? `chart:${source.chart}/${namespace}/${id.kind}` : objectKey(id, namespace);
      targets.push({ source, object: source.object, id, namespaced, namespace, key, ...at, role, tasked, ...(crd ? { crd } : {}) });
    }
    return { targets, steps: syncSteps(orderSyncTasks(targets, destNs)) };
  }

  private filePlans(): Map<string, Plan> {
    if (!this.staticPlans) {
      this.staticPlans = new Map();
      for (const f of this.input.files) {
        const id = identityOf(f.object);
        if (id.group === 'argoproj.io' && id.kind === 'Application' && !this.staticPlans.has(id.name)) this.staticPlans.set(id.name, this.plan(id.name, f.object, f.path));
      }
    }
    return this.staticPlans;
  }

  private fingerprint(): string {
    const parts = [String(this.version)];
    for (const app of sortedValues(this.apps)) {
      const op = app.op ? `${app.op.stepIndex}/${app.op.awaitingHealth}` : '-';
      // A limited retry count is state: once spent, the sync has failed for good, and the Lua check reads the child Degraded.
      const attempts = app.retryLimit >= 0 ? app.attempts : '';
      parts.push(`${app.name}:${app.status}:${op}:${app.retryPending}:${attempts}:${app.invalid?.reason ?? ''}:${(app.failures ?? []).map((f) => f.reason).join('|')}`);
    }
    for (const set of sortedValues(this.appSets)) parts.push(`${set.name}:${set.reconciled}:${set.errors.join('|')}`);
    return parts.join('\n');
  }
}

/** The object as the API server stores it, in its effective namespace. */
function withNamespace(object: Record<string, any>, namespace: string): Record<string, any> {
  if (identityOf(object).namespace === namespace) return object;
  return { ...object, metadata: { ...(isRecord(object.metadata) ? object.metadata : {}), namespace } };
}

/**
 * Whether an object counts in its Application's health: a managed resource a sync applies. Hooks are no
 * managed resources (gitops-engine pkg/sync/reconcile.go splitHooks), and controller/health.go
 * setApplicationHealth skips a hook and a skipped object, also for its Missing.
 */
function inHealth(t: Target): boolean {
  return t.role === 'resource' && t.tasked;
}

function objectKey(id: ObjectIdentity, namespace: string): string {
  return `${id.group}/${id.kind}/${namespace}/${id.name}`;
}

function provides(t: Target, need: Need, argocd: string): boolean {
  switch (need.type) {
    case 'project':
      return t.id.group === 'argoproj.io' && t.id.kind === 'AppProject' && t.id.name === need.name && t.namespace === argocd;
    case 'cluster': {
      if (!isClusterSecret(withNamespace(t.object, t.namespace), argocd)) return false;
      const c = clusterOfSecret(t.object);
      return typeof c !== 'string' && (need.by === 'name' ? c.name === need.value : c.server === need.value);
    }
    case 'crd':
      return t.crd !== undefined && t.crd.group === need.group && t.crd.kind === need.kind;
    case 'namespace':
      return t.id.group === '' && t.id.kind === 'Namespace' && t.id.name === need.name;
  }
}

function describeNeed(need: Need): string {
  switch (need.type) {
    case 'project':
      return `AppProject ${need.name}`;
    case 'cluster':
      return `a cluster Secret with ${need.by} "${need.value}"`;
    case 'crd':
      return `a CRD for ${groupKind(need.group, need.kind)}`;
    case 'namespace':
      return `namespace "${need.name}"`;
  }
}

function sortedValues<T extends { readonly name: string }>(map: ReadonlyMap<string, T>): T[] {
  return [...map.values()].sort((a, b) => cmp(a.name, b.name));
}
