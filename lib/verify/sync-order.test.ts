import { convergenceProblems } from './convergence';
import { manifestRole, orderSyncTasks, syncPhasesOf, syncSteps, syncTaskPhases, syncWaveOf } from './sync-order';
import {
  appFile,
  application,
  catalog,
  configMap,
  crd,
  fleetLike,
  folderSource,
  inputOf,
  ISTIO_CHARTS,
  ISTIO_REPO,
  ISTIO_VERSION,
  namespace,
  serviceEntry,
  serviceEntryFile,
  withFile,
} from './testing-objects';

/** The first phase a successful sync applies an object in. */
const syncPhaseOf = (object: Record<string, any>) => syncPhasesOf(object)[0];

const order = (objects: Record<string, any>[], destinationNamespace = '') =>
  orderSyncTasks(
    objects.map((object) => ({ object })),
    destinationNamespace,
  ).map((t) => `${t.phase}/${t.wave} ${t.target.object.kind} ${t.target.object.metadata.name}`);

describe('orderSyncTasks', () => {
  test('orders by phase, then wave, then kind, then name', () => {
    expect(order([serviceEntry('z', 'a'), configMap('b', 'a'), configMap('a', 'a', 1), namespace('a'), configMap('c', 'a')])).toEqual([
      'Sync/0 Namespace a',
      'Sync/0 ConfigMap b',
      'Sync/0 ConfigMap c',
      'Sync/0 ServiceEntry z',
      'Sync/1 ConfigMap a',
    ]);
  });

  test('a Namespace moves into the phase of a hook in it', () => {
    const hook = { ...configMap('pre', 'a'), metadata: { name: 'pre', namespace: 'a', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } } };
    expect(order([configMap('b', 'a'), namespace('a'), hook])).toEqual([
      'PreSync/0 Namespace a',
      'PreSync/0 ConfigMap pre',
      'Sync/0 ConfigMap b',
    ]);
  });

  test('a Namespace in a later wave is applied before the first object in it, in that object’s wave', () => {
    expect(order([configMap('settings', 'payments', 0), namespace('payments', 5)])).toEqual(['Sync/0 Namespace payments', 'Sync/0 ConfigMap settings']);
  });

  test('objects without a namespace refer to the destination namespace, cluster-scoped ones too', () => {
    expect(order([crd('example.com', 'Widget', 'widgets', 'Cluster', -1), namespace('dest', 3)], 'dest')).toEqual(['Sync/-1 Namespace dest', 'Sync/-1 CustomResourceDefinition widgets.example.com']);
  });

  test('a CRD is applied before the first resource of its kind, in that resource’s wave', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'a', annotations: { 'argocd.argoproj.io/sync-wave': '-2' } } };
    expect(order([widget, crd('example.com', 'Widget', 'widgets')])).toEqual(['Sync/-2 CustomResourceDefinition widgets.example.com', 'Sync/-2 Widget w']);
  });

  test('steps group one phase and wave each', () => {
    const steps = syncSteps(orderSyncTasks([configMap('a', 'x', 1), configMap('b', 'x', 1), configMap('c', 'x', 2)].map((object) => ({ object })), ''));
    expect(steps.map((s) => [s.wave, s.tasks.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  test('a hook of several phases runs in each (gitops-engine sync_phase.go syncPhases: a task per phase)', () => {
    const both = { ...configMap('check', 'a'), metadata: { name: 'check', namespace: 'a', annotations: { 'argocd.argoproj.io/hook': 'PostSync,PreSync,SyncFail' } } };
    expect(order([configMap('b', 'a'), both])).toEqual(['PreSync/0 ConfigMap check', 'Sync/0 ConfigMap b', 'PostSync/0 ConfigMap check']);
  });

  test('waves: integers only, else the Helm hook weight, else 0', () => {
    const at = (annotations: Record<string, string>) => syncWaveOf({ metadata: { annotations } });
    expect([at({ 'argocd.argoproj.io/sync-wave': '-3' }), at({ 'argocd.argoproj.io/sync-wave': ' 2' }), at({ 'helm.sh/hook-weight': '4' }), at({})]).toEqual([-3, 0, 4, 0]);
  });

  test('Skip and failure-only hooks are not applied by a successful sync', () => {
    const hooked = (hook: string) => syncPhaseOf({ metadata: { annotations: { 'argocd.argoproj.io/hook': hook } } });
    expect([hooked('Skip'), hooked('SyncFail'), hooked('PostSync'), syncPhaseOf({ metadata: { annotations: { 'helm.sh/hook': 'pre-install' } } })]).toEqual([undefined, undefined, 'PostSync', 'PreSync']);
  });

  test('a hook naming no phase of a sync is not applied by one: Helm test and delete hooks, a misspelt phase', () => {
    // gitops-engine (argo-cd v3.4.4) hook.go IsHook: Argo CD's hook annotation, or a Helm hook other than crd-install;
    // sync_phase.go syncPhases: only the phases it names. A Helm `test` hook is never run, `pre-delete` only on deletion.
    const helm = (hook: string) => syncPhaseOf({ metadata: { annotations: { 'helm.sh/hook': hook } } });
    const argo = (hook: string) => syncPhaseOf({ metadata: { annotations: { 'argocd.argoproj.io/hook': hook } } });
    expect([helm('test'), helm('test-success'), helm('pre-delete'), helm('post-rollback'), argo('Presync'), argo('')]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    // Helm's crd-install annotation makes no hook: the CRD is applied with the rest.
    expect([helm('crd-install'), helm('test,post-install'), syncPhaseOf({ metadata: {} })]).toEqual(['Sync', 'PostSync', 'Sync']);
  });

  test('an Argo CD hook annotation naming only deletion phases leaves the Helm hook to place the object, as Argo CD does', () => {
    // gitops-engine (argo-cd v3.4.4) common/types.go NewHookType knows PreSync, Sync, PostSync, SyncFail and Skip only,
    // so hook.go Types falls back to the Helm hook; controller/state.go partitionTargetObjsForSync keeps such a
    // PostDelete hook in the sync (hasGitOpsEngineSyncPhaseHook), where sync_phase.go places it in PreSync.
    const both = (argo: string) => syncPhaseOf({ metadata: { annotations: { 'argocd.argoproj.io/hook': argo, 'helm.sh/hook': 'pre-install' } } });
    expect([both('PostDelete'), both('PreDelete'), both('PostDelete,PostSync'), both('Skip')]).toEqual(['PreSync', 'PreSync', 'PostSync', undefined]);
    expect(syncPhaseOf({ metadata: { annotations: { 'argocd.argoproj.io/hook': 'PostDelete' } } })).toBeUndefined();
  });

  test('what Argo CD makes of an object: a managed resource, a hook, or neither; and the phases a sync makes tasks of it in', () => {
    // argo-cd v3.4.4: gitops-engine reconcile.go splitHooks (hooks are no managed resources; ignore.go drops a hook of no
    // known phase), controller/state.go partitionTargetObjsForSync (deletion hooks), sync_phase.go syncPhases.
    const of = (annotations: Record<string, string>) => {
      const object = { metadata: { annotations } };
      return `${manifestRole(object)} ${syncTaskPhases(object).join(',')}`;
    };
    expect([
      of({}),
      of({ 'argocd.argoproj.io/hook': 'Skip' }),
      of({ 'argocd.argoproj.io/hook': 'Skip, Skip' }), // GetAnnotationCSVs drops repeats: still only Skip
      of({ 'argocd.argoproj.io/hook': 'PreSync,SyncFail' }),
      of({ 'argocd.argoproj.io/hook': 'SyncFail' }),
      of({ 'helm.sh/hook': 'post-upgrade' }),
      of({ 'helm.sh/hook': 'crd-install' }),
      of({ 'argocd.argoproj.io/hook': 'PostDelete' }),
      of({ 'helm.sh/hook': 'pre-delete' }),
      of({ 'helm.sh/hook': 'test' }),
      of({ 'argocd.argoproj.io/hook': 'PostDelete', 'helm.sh/hook': 'pre-install' }),
    ]).toEqual(['resource Sync', 'resource ', 'resource ', 'hook PreSync,SyncFail', 'hook SyncFail', 'hook PostSync', 'resource Sync', 'none ', 'none ', 'none ', 'hook PreSync']);
  });
});

describe('custom resources and their CRDs', () => {
  const noIstioCrds = catalog({ ...ISTIO_CHARTS, [`${ISTIO_REPO} base ${ISTIO_VERSION}`]: { crds: [] } });

  test('fails when a ServiceEntry has no CRD anywhere', () => {
    const problems = convergenceProblems(inputOf(fleetLike({ skipDryRun: false }), { charts: noIstioCrds }));
    expect(problems).toContainEqual({
      path: serviceEntryFile('aws-prod'),
      message:
        'ServiceEntry api: custom resource networking.istio.io/ServiceEntry has no CRD on cluster "aws-prod" when Application aws-prod-platform syncs, and no SkipDryRunOnMissingResource, and nothing in the output creates a CRD for networking.istio.io/ServiceEntry',
    });
    expect(problems).toContainEqual({ path: serviceEntryFile('gcp-prod'), message: expect.stringContaining('ServiceEntry api: custom resource networking.istio.io/ServiceEntry has no CRD on cluster "gcp-prod"') });
  });

  test('fails when a ServiceEntry has no CRD anywhere, even with SkipDryRunOnMissingResource', () => {
    const problems = convergenceProblems(inputOf(fleetLike(), { charts: noIstioCrds }));
    expect(problems).toContainEqual({ path: serviceEntryFile('gcp-prod'), message: expect.stringContaining('ServiceEntry api: custom resource networking.istio.io/ServiceEntry still has no CRD on cluster "gcp-prod" when Application gcp-prod-platform applies wave 2') });
  });

  test('fails when the CRD chart comes in a later wave than the custom resource’s app: a deadlock', () => {
    // GIVEN platform folders without their Namespace, so the platform apps have nothing live until the ServiceEntry applies
    const files = fleetLike({ baseWave: 3, skipDryRun: false }).filter((f) => !f.path.endsWith('namespace_istio-system.yaml'));
    const problems = convergenceProblems(inputOf(files));
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringContaining('ServiceEntry api: custom resource networking.istio.io/ServiceEntry has no CRD on cluster "aws-prod" when Application aws-prod-platform syncs') });
    // Its retries spent, the child is Degraded ("its last sync failed", the installed health check), which fails the root's sync.
    expect(problems).toContainEqual({
      path: appFile('aws-prod-platform'),
      message:
        'Application aws-prod-platform: is Degraded when Application acme-root waits for wave 2, which fails its sync: its last sync failed: ServiceEntry api: custom resource networking.istio.io/ServiceEntry has no CRD on cluster "aws-prod" when Application aws-prod-platform syncs, and no SkipDryRunOnMissingResource: deadlock: Application aws-prod-istio-base, which applies a CRD for networking.istio.io/ServiceEntry, is only applied in wave 3 of Application acme-root, after that wave',
    });
  });

  // The Application health check reads a child whose sync (or a retry of it) runs as Progressing, so
  // the root waits in the platform app's wave while the CRDs it needs come in a later one: a deadlock.
  const deadlock = /deadlock: Application aws-prod-istio-base, which applies a CRD for networking\.istio\.io\/ServiceEntry, is only applied in wave 3 of Application acme-root, after that wave$/;

  test('fails when the CRD chart comes in a later wave of the parent: the parent waits for the child\'s retries, then fails, a deadlock', () => {
    const problems = convergenceProblems(inputOf(fleetLike({ baseWave: 3, skipDryRun: false })));
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringMatching(/^ServiceEntry api: custom resource .* has no CRD on cluster "aws-prod" .*and no SkipDryRunOnMissingResource: /) });
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringMatching(deadlock) });
    expect(problems).toContainEqual({ path: appFile('aws-prod-platform'), message: expect.stringMatching(/^Application aws-prod-platform: is Degraded when Application acme-root waits for wave 2, which fails its sync: its last sync failed: /) });
  });

  test('fails when the CRD chart comes in a later wave of the parent, SkipDryRunOnMissingResource or not: a deadlock', () => {
    const problems = convergenceProblems(inputOf(fleetLike({ baseWave: 3 })));
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringMatching(/^ServiceEntry api: custom resource .* still has no CRD .*\(SkipDryRunOnMissingResource only skips the dry run\): /) });
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringMatching(deadlock) });
  });

  test('with SkipDryRunOnMissingResource and the CRD chart in an earlier wave, it converges', () => {
    expect(convergenceProblems(inputOf(fleetLike({ baseWave: -1, skipDryRun: true })))).toEqual([]);
  });

  test('a CRD in the same sync needs no SkipDryRunOnMissingResource', () => {
    const files = withFile(fleetLike({ skipDryRun: false }), 'k8s/aws/aws-prod/_cluster/customresourcedefinition_serviceentries.yaml', crd('networking.istio.io', 'ServiceEntry', 'serviceentries', 'Namespaced', 5));
    const problems = convergenceProblems(inputOf(files, { charts: noIstioCrds }));
    expect(problems.filter((p) => p.path.startsWith('k8s/aws/aws-prod/') || p.message.includes('aws-prod-platform'))).toEqual([]);
  });
});

describe('namespaces', () => {
  const paymentsApp = (syncOptions: string[]) =>
    application('aws-prod-payments', { wave: 2, source: folderSource('k8s/aws/aws-prod-payments'), destination: { name: 'aws-prod', namespace: 'payments' }, syncOptions });
  const withPayments = (syncOptions: string[]) =>
    withFile(withFile(fleetLike(), appFile('aws-prod-payments'), paymentsApp(syncOptions)), 'k8s/aws/aws-prod-payments/payments/configmap_settings.yaml', configMap('settings', undefined));

  test('fails when a namespaced object’s namespace is created by nobody', () => {
    const files = withFile(fleetLike(), 'k8s/aws/aws-prod/payments/configmap_settings.yaml', configMap('settings', 'payments'));
    expect(convergenceProblems(inputOf(files))).toContainEqual({
      path: 'k8s/aws/aws-prod/payments/configmap_settings.yaml',
      message: expect.stringContaining('ConfigMap settings: namespace "payments" does not exist on cluster "aws-prod" when Application aws-prod-platform applies it in wave 0'),
    });
  });

  test('fails when the destination namespace does not exist and CreateNamespace is not set', () => {
    expect(convergenceProblems(inputOf(withPayments([])))).toContainEqual({
      path: 'k8s/aws/aws-prod-payments/payments/configmap_settings.yaml',
      message: expect.stringContaining('ConfigMap settings: namespace "payments" does not exist on cluster "aws-prod" when Application aws-prod-payments applies it in wave 0 (no Namespace object in the sync, no CreateNamespace=true)'),
    });
  });

  test('CreateNamespace=true creates the destination namespace', () => {
    expect(convergenceProblems(inputOf(withPayments(['CreateNamespace=true'])))).toEqual([]);
  });

  test('a Namespace object in the same folder, even in a later wave, comes first', () => {
    const files = withFile(withFile(fleetLike(), 'k8s/aws/aws-prod/payments/configmap_settings.yaml', configMap('settings', 'payments')), 'k8s/aws/aws-prod/_cluster/namespace_payments.yaml', namespace('payments', 5));
    expect(convergenceProblems(inputOf(files))).toEqual([]);
  });

  test('fails when a namespaced object has no namespace and its Application no destination namespace', () => {
    const files = withFile(fleetLike(), 'k8s/aws/aws-prod/default/configmap_loose.yaml', configMap('loose', undefined));
    expect(convergenceProblems(inputOf(files))).toContainEqual({
      path: 'k8s/aws/aws-prod/default/configmap_loose.yaml',
      message: expect.stringContaining('ConfigMap loose: is namespaced but has no namespace, and Application aws-prod-platform has no destination namespace'),
    });
  });
});
