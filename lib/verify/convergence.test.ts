import { convergenceProblems } from './convergence';
import {
  acmeProject,
  appFile,
  crd,
  APPSET_FILE,
  application,
  chartSource,
  configMap,
  fleetLike,
  folderSource,
  inputOf,
  IN_CLUSTER_SERVER,
  ISTIO_VERSION,
  namespace,
  objectAt,
  PROJECT_FILE,
  ROOT_FILE,
  rootApplication,
  serviceEntryFile,
  withFile,
} from './testing-objects';

const summary = (problems: { path: string; message: string }[]) => problems.map((p) => `${p.path}: ${p.message}`);

describe('convergenceProblems', () => {
  test('a fleet-like output converges: project, registrations, chart apps in waves, platform folders, ApplicationSet', () => {
    expect(convergenceProblems(inputOf(fleetLike()))).toEqual([]);
  });

  test('fails when an object marked ignore-healthcheck is not in its Application\'s last wave: the sync still waits for it (gitops-engine sync_context.go)', () => {
    const file = 'k8s/aws/aws-prod/istio-system/service_waits-on-a-cloud.yaml';
    const annotations = (wave: number) => ({ 'argocd.argoproj.io/sync-wave': String(wave), 'argocd.argoproj.io/ignore-healthcheck': 'true' });
    // A Service has a health (gitops-engine's built-in check: a LoadBalancer is Progressing until it has an address).
    const service = (wave: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'waits-on-a-cloud', namespace: 'istio-system', annotations: annotations(wave) }, spec: { type: 'LoadBalancer', ports: [{ port: 443 }] } });
    // wave 1, before the folder's last (2)
    expect(convergenceProblems(inputOf(withFile(fleetLike(), file, service(1))))).toEqual([
      { path: file, message: 'Service waits-on-a-cloud: argocd.argoproj.io/ignore-healthcheck leaves it out of Application aws-prod-platform\'s health, not out of its sync: in wave 1, before the last (wave 2), the sync waits for it to be healthy and fails if it is Degraded; put it in the last wave' },
    ]);
    // in the last wave, nothing waits for it
    expect(convergenceProblems(inputOf(withFile(fleetLike(), file, service(2))))).toEqual([]);
    // a kind without a health check (a ConfigMap) is done once applied, in any wave
    const cm = { ...configMap('no-health', 'istio-system', 1), metadata: { name: 'no-health', namespace: 'istio-system', annotations: annotations(1) } };
    expect(convergenceProblems(inputOf(withFile(fleetLike(), 'k8s/aws/aws-prod/istio-system/configmap_no-health.yaml', cm)))).toEqual([]);
  });

  test('fails when an Application sets managedNamespaceMetadata on a namespace another Application applies as an object (argo-cd controller/sync_namespace.go)', () => {
    // aws-prod-platform applies Namespace istio-system; istiod's Application would label it too
    const istiod = fleetLike().find((f) => f.path === appFile('aws-prod-istiod'))!.object;
    const labelled = { ...istiod, spec: { ...istiod.spec, syncPolicy: { ...istiod.spec.syncPolicy, managedNamespaceMetadata: { labels: { 'topology.istio.io/network': 'aws-prod-net' } } } } };
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), appFile('aws-prod-istiod'), labelled))))).toEqual([
      `${appFile('aws-prod-istiod')}: Application aws-prod-istiod: sets managedNamespaceMetadata on namespace "istio-system", which Application aws-prod-platform applies as a Namespace object: both apply it server-side as Argo CD's controller, so each sync drops the fields the other set; label the Namespace object instead`,
    ]);
    // Argo CD applies the metadata only with CreateNamespace=true (controller/sync.go)
    const withoutOption = { ...labelled, spec: { ...labelled.spec, syncPolicy: { ...labelled.spec.syncPolicy, syncOptions: labelled.spec.syncPolicy.syncOptions.filter((o: string) => o !== 'CreateNamespace=true') } } };
    expect(withoutOption.spec.syncPolicy.syncOptions).not.toContain('CreateNamespace=true');
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), appFile('aws-prod-istiod'), withoutOption))))).toEqual([]);
  });

  test('fails when the root applies itself before its folder\'s last wave: it would wait for its own health', () => {
    const early = withFile(fleetLike(), ROOT_FILE, rootApplication(0));
    expect(summary(convergenceProblems(inputOf(early)))).toEqual([
      `${ROOT_FILE}: Application acme-root: applies itself in wave 0, before its last (wave 3): its sync would wait for its own health, which the running sync keeps Progressing; put it in the last wave`,
    ]);
    // Without the Application health check an Application has no health: nothing waits for it.
    expect(summary(convergenceProblems(inputOf(early, { applicationHealthCheck: false })))).not.toContainEqual(expect.stringContaining('applies itself'));
  });

  test('fails when the root Application is in a project only it creates', () => {
    // GIVEN the bootstrap applies only the root
    const input = inputOf(fleetLike(), { kubectlApply: [ROOT_FILE] });
    // WHEN
    const problems = convergenceProblems(input);
    // THEN nothing syncs: the root waits for its project, which is in its own folder
    expect(summary(problems)).toEqual([
      `${ROOT_FILE}: Application acme-root: project "acme" does not exist: only Application acme-root itself applies AppProject acme, so it can never sync (apply it first, e.g. in the bootstrap)`,
    ]);
  });

  test('fails when an Application targets an unregistered cluster: the installed health check reads it Degraded, so its parent\'s sync fails in that wave', () => {
    // GIVEN an istiod app for azure-prod, which no cluster Secret registers
    const files = withFile(
      fleetLike(),
      appFile('azure-prod-istiod'),
      application('azure-prod-istiod', { wave: 0, source: chartSource('istiod', ISTIO_VERSION), destination: { name: 'azure-prod', namespace: 'istio-system' } }),
    );
    // WHEN
    const problems = convergenceProblems(inputOf(files));
    // THEN sync status Unknown with an InvalidSpecError (argo-cd controller/appcontroller.go processAppRefreshQueueItem):
    // Degraded by the Lua check (argocd-install.ts APPLICATION_HEALTH_CHECK), not a wait; the root's retries end the same way.
    expect(problems).toEqual([
      { path: appFile('azure-prod-istiod'), message: 'Application azure-prod-istiod: destination cluster "azure-prod" is not registered (no cluster Secret with that name), and nothing in the output creates a cluster Secret with name "azure-prod"' },
      {
        path: appFile('azure-prod-istiod'),
        message: 'Application azure-prod-istiod: is Degraded when Application acme-root waits for wave 0, which fails its sync: Argo CD cannot compare it with its spec: destination cluster "azure-prod" is not registered (no cluster Secret with that name)',
      },
    ]);
    // Without the health check an Application has no health: the root does not wait for it at all.
    expect(summary(convergenceProblems(inputOf(files, { applicationHealthCheck: false })))).not.toContainEqual(expect.stringContaining('is Degraded'));
  });

  test('fails when the bootstrap applies a file fleetsynth does not generate', () => {
    const problems = convergenceProblems(inputOf(fleetLike(), { kubectlApply: ['k8s/aws/mgmt/argocd/nope.yaml', PROJECT_FILE, ROOT_FILE] }));
    expect(problems).toEqual([{ path: 'k8s/aws/mgmt/argocd/nope.yaml', message: expect.stringContaining('not among the generated files') }]);
  });

  test('the root may manage the files the bootstrap applied (self-management)', () => {
    const problems = convergenceProblems(inputOf(fleetLike()));
    expect(problems.filter((p) => p.path === ROOT_FILE || p.path === PROJECT_FILE)).toEqual([]);
  });

  test('an ApplicationSet in the last wave is not waited for, but its errors are reported', () => {
    // GIVEN the ApplicationSet's template uses a function
    const files = fleetLike();
    const appSet = files.find((f) => f.path === APPSET_FILE)!.object;
    appSet.spec.template.metadata.name = '{{ .name | lower }}-podinfo';
    // WHEN
    const problems = convergenceProblems(inputOf(files));
    // THEN
    expect(problems).toEqual([{ path: APPSET_FILE, message: expect.stringContaining('ApplicationSet podinfo: {{ .name | lower }} cannot be evaluated offline') }]);
    expect(serviceEntryFile('aws-prod')).toBeDefined();
  });

  test('an ApplicationSet in a middle wave that turns Degraded fails its parent’s sync', () => {
    const files = fleetLike();
    const appSet = files.find((f) => f.path === APPSET_FILE)!.object;
    appSet.metadata.annotations['argocd.argoproj.io/sync-wave'] = '1';
    appSet.spec.template.spec.project = 'nope';
    const problems = convergenceProblems(inputOf(files));
    expect(summary(problems)).toEqual([
      expect.stringContaining(`${APPSET_FILE}: ApplicationSet podinfo: generated Application aws-prod-podinfo references project "nope", which does not exist`),
      expect.stringContaining(`${APPSET_FILE}: ApplicationSet podinfo: generated Application gcp-prod-podinfo references project "nope"`),
      expect.stringContaining(`${APPSET_FILE}: ApplicationSet podinfo: is Degraded when Application acme-root waits for wave 1, which fails its sync`),
    ]);
  });

  test('a destination by server resolves to the in-cluster address', () => {
    const files = withFile(
      fleetLike(),
      appFile('mgmt-istiod'),
      application('mgmt-istiod', { wave: 0, source: chartSource('istiod', ISTIO_VERSION), destination: { server: IN_CLUSTER_SERVER, namespace: 'istio-system' } }),
    );
    expect(convergenceProblems(inputOf(files))).toEqual([]);
  });

  test('fails when an Application has no automated sync', () => {
    const platform = objectAt(fleetLike(), appFile('aws-prod-platform'));
    delete platform.spec.syncPolicy.automated;
    const problems = convergenceProblems(inputOf(withFile(fleetLike(), appFile('aws-prod-platform'), platform)));
    // Its parent does not wait: one of its objects (Namespace istio-system, made by the base app's CreateNamespace)
    // exists, and an Application's health leaves missing objects out (controller/health.go, Argo CD ≥ 3.5).
    expect(problems).toEqual([{ path: appFile('aws-prod-platform'), message: 'Application aws-prod-platform: has no syncPolicy.automated: Argo CD never syncs it without a human' }]);
  });

  test('fails when an Application has no automated sync and nothing of it exists: its parent stalls on it', () => {
    const platform = objectAt(fleetLike(), appFile('aws-prod-platform'));
    delete platform.spec.syncPolicy.automated;
    const files = withFile(fleetLike(), appFile('aws-prod-platform'), platform).filter((f) => f.path !== 'k8s/aws/aws-prod/_cluster/namespace_istio-system.yaml');
    expect(convergenceProblems(inputOf(files))).toEqual([
      { path: ROOT_FILE, message: 'Application acme-root: waits forever in wave 2 for Application aws-prod-platform: has no syncPolicy.automated: Argo CD never syncs it without a human' },
      { path: appFile('aws-prod-platform'), message: 'Application aws-prod-platform: has no syncPolicy.automated: Argo CD never syncs it without a human' },
    ]);
  });

  test('fails when an Application is outside Argo CD’s namespace', () => {
    const files = withFile(fleetLike(), appFile('stray'), application('stray', { namespace: 'default', source: chartSource('istiod', ISTIO_VERSION), destination: { name: 'aws-prod', namespace: 'x' } }));
    expect(convergenceProblems(inputOf(files))).toEqual([{ path: appFile('stray'), message: 'Application stray: is in namespace "default", but Argo CD only reads Application objects in its own namespace "argocd"' }]);
  });

  test('fails when the bootstrap applies an object into a namespace that does not exist yet', () => {
    const files = withFile(withFile(fleetLike(), 'k8s/aws/mgmt/tools/configmap_x.yaml', configMap('x', 'tools')), 'k8s/aws/mgmt/_cluster/namespace_tools.yaml', namespace('tools'));
    const problems = convergenceProblems(inputOf(files, { kubectlApply: [PROJECT_FILE, 'k8s/aws/mgmt/tools/configmap_x.yaml', ROOT_FILE] }));
    expect(problems).toEqual([{ path: 'k8s/aws/mgmt/tools/configmap_x.yaml', message: 'ConfigMap x: kubectl apply fails in the bootstrap: namespace "tools" does not exist on the management cluster' }]);
    // applied after its Namespace, it is fine
    const ordered = convergenceProblems(inputOf(files, { kubectlApply: [PROJECT_FILE, 'k8s/aws/mgmt/_cluster/namespace_tools.yaml', 'k8s/aws/mgmt/tools/configmap_x.yaml', ROOT_FILE] }));
    expect(ordered).toEqual([]);
  });

  describe('without the Application health check', () => {
    // Argo CD has no built-in health for Application (docs/operator-manual/health.md): a parent's wave
    // counts its child Applications healthy at once, so all of them are created together and sync side by
    // side. What one needs from another (here: Istio's CRDs) is there only if a retry comes late enough.
    test('fails: a child that needs another child’s CRDs converges only by retrying, a race', () => {
      const problems = convergenceProblems(inputOf(fleetLike(), { applicationHealthCheck: false }));
      expect(problems).toEqual(
        ['aws-prod', 'gcp-prod'].map((c) => ({
          path: serviceEntryFile(c),
          message: expect.stringContaining(
            `ServiceEntry api: custom resource networking.istio.io/ServiceEntry still has no CRD on cluster "${c}" when Application ${c}-platform applies wave 2 (SkipDryRunOnMissingResource only skips the dry run); Application ${c}-platform syncs only on retry 1 of 10, so convergence depends on timing: without the Application health check`,
          ),
        })),
      );
    });

    test('fails for good when the child may not retry (retry without a limit means no retries)', () => {
      let files = fleetLike();
      for (const c of ['aws-prod', 'gcp-prod']) {
        const platform = objectAt(files, appFile(`${c}-platform`));
        platform.spec.syncPolicy.retry = {};
        files = withFile(files, appFile(`${c}-platform`), platform);
      }
      const problems = convergenceProblems(inputOf(files, { applicationHealthCheck: false }));
      expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringMatching(/^ServiceEntry api: custom resource networking.istio.io\/ServiceEntry still has no CRD on cluster "aws-prod" when Application aws-prod-platform applies wave 2 \(SkipDryRunOnMissingResource only skips the dry run\)$/) });
    });

    test('a child that retries without end (limit -1) converges whenever the CRDs come: not a race', () => {
      let files = fleetLike();
      for (const c of ['aws-prod', 'gcp-prod']) {
        const platform = objectAt(files, appFile(`${c}-platform`));
        platform.spec.syncPolicy.retry = { ...platform.spec.syncPolicy.retry, limit: -1 };
        files = withFile(files, appFile(`${c}-platform`), platform);
      }
      expect(convergenceProblems(inputOf(files, { applicationHealthCheck: false }))).toEqual([]);
      // …but one that needs what no one ever applies still never converges.
      const orphaned = files.filter((f) => !f.path.endsWith('-istio-base.yaml'));
      expect(convergenceProblems(inputOf(orphaned, { applicationHealthCheck: false }))).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringContaining('still has no CRD on cluster "aws-prod"') });
    });

    test('a child whose sync first fails only for its own destination namespace, which another Application creates, converges on a retry: counted', () => {
      // aws-prod-shop and aws-prod-platform (which creates namespace "shop") are in one wave of the root: nothing orders them.
      const shop = (ns: string) => [
        { path: appFile('aws-prod-shop'), object: application('aws-prod-shop', { wave: 2, source: folderSource('k8s/shop'), destination: { name: 'aws-prod', namespace: 'shop' }, syncOptions: [] }) },
        { path: 'k8s/shop/configmap_x.yaml', object: configMap('x', ns) },
        { path: 'k8s/aws/aws-prod/_cluster/namespace_shop.yaml', object: namespace('shop', 2) },
        { path: 'k8s/aws/aws-prod/_cluster/namespace_other.yaml', object: namespace('other', 2) },
      ];
      const base = fleetLike().filter((f) => !f.path.includes('serviceentry'));
      expect(convergenceProblems(inputOf([...base, ...shop('shop')]))).toEqual([]);
      // Another namespace than its own is still a race.
      expect(convergenceProblems(inputOf([...base, ...shop('other')]))).toContainEqual({ path: 'k8s/shop/configmap_x.yaml', message: expect.stringContaining('namespace "other" does not exist on cluster "aws-prod"') });
    });

    test('objects that do not depend on another Application still converge', () => {
      const files = fleetLike().filter((f) => !f.path.includes('serviceentry'));
      expect(convergenceProblems(inputOf(files, { applicationHealthCheck: false }))).toEqual([]);
    });
  });

  test('an automated sync without a retry policy is retried 5 times', () => {
    let files = fleetLike();
    const platform = objectAt(files, appFile('aws-prod-platform'));
    delete platform.spec.syncPolicy.retry;
    files = withFile(files, appFile('aws-prod-platform'), platform);
    const problems = convergenceProblems(inputOf(files, { applicationHealthCheck: false }));
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringContaining('Application aws-prod-platform syncs only on retry 1 of 5') });
  });

  test('a directory Application in the default project, bootstrapped alone, converges', () => {
    const files = [
      { path: 'k8s/mgmt/argocd/application.argoproj.io_root.yaml', object: application('root', { project: 'default', source: folderSource('k8s/mgmt'), destination: { server: IN_CLUSTER_SERVER, namespace: 'argocd' } }) },
      { path: 'k8s/mgmt/tools/configmap_x.yaml', object: configMap('x', 'tools') },
      { path: 'k8s/mgmt/_cluster/namespace_tools.yaml', object: namespace('tools', 1) },
    ];
    expect(convergenceProblems(inputOf(files, { kubectlApply: ['k8s/mgmt/argocd/application.argoproj.io_root.yaml'] }))).toEqual([]);
  });
});

/*
 * Hooks, as a user add-on would emit them into a cluster's folder (aws-prod's, which aws-prod-platform
 * syncs in wave 2 of the root). Argo CD (argo-cd v3.4.4) splits them off the managed resources
 * (gitops-engine pkg/sync/reconcile.go splitHooks), runs them in their phases, checks them before the sync
 * like any task (sync_context.go getSyncTasks, controller/sync.go validateSyncPermissions), waits for them
 * to complete and fails the sync when one fails (getOperationPhase), and leaves them out of the
 * Application's health (controller/health.go setApplicationHealth).
 */
describe('hooks', () => {
  const job = (name: string, annotations: Record<string, string>, ns = 'istio-system') => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: ns, annotations },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name, image: 'ghcr.io/acme/tools:1.0.0' }] } } },
  });
  const jobFile = (name: string) => `k8s/aws/aws-prod/istio-system/job.batch_${name}.yaml`;
  const noJobs = () => withFile(fleetLike(), PROJECT_FILE, acmeProject({ namespaceResourceBlacklist: [{ group: 'batch', kind: 'Job' }] }));

  test('fails when a hook\'s kind is not permitted by the project: Argo CD checks every task before the sync, a hook\'s too, SyncFail\'s included', () => {
    for (const hook of ['PreSync', 'PostSync', 'SyncFail']) {
      const files = withFile(noJobs(), jobFile('migrate'), job('migrate', { 'argocd.argoproj.io/hook': hook }));
      expect(summary(convergenceProblems(inputOf(files)))).toContainEqual(
        `${jobFile('migrate')}: Job migrate: resource batch:Job is not permitted in project acme (namespaceResourceBlacklist), when Application aws-prod-platform syncs`,
      );
    }
  });

  test('objects Argo CD makes no sync task of are not checked: a skipped object, a deletion hook, a Helm test hook', () => {
    // controller/state.go partitionTargetObjsForSync drops deletion hooks, splitHooks drops a hook of no known phase
    // (ignore.go Ignore), sync_phase.go syncPhases gives a skipped object no phase.
    const files = [
      ['cleanup', { 'argocd.argoproj.io/hook': 'PostDelete' }],
      ['drain', { 'helm.sh/hook': 'pre-delete' }],
      ['smoke-test', { 'helm.sh/hook': 'test' }],
      ['manual', { 'argocd.argoproj.io/hook': 'Skip' }],
    ].reduce((fs, [name, annotations]) => withFile(fs, jobFile(name as string), job(name as string, annotations as Record<string, string>)), noJobs());
    expect(summary(convergenceProblems(inputOf(files)))).toEqual([]);
    // nor needs a namespace (aws-prod-platform has no destination namespace): CompareAppState checks the objects it syncs
    const teardown = { ...job('teardown', { 'argocd.argoproj.io/hook': 'PostDelete' }), metadata: { name: 'teardown', annotations: { 'argocd.argoproj.io/hook': 'PostDelete' } } };
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), 'k8s/aws/aws-prod/_cluster/job.batch_teardown.yaml', teardown))))).toEqual([]);
    // nor is a kind the cluster does not serve
    const custom = { apiVersion: 'cleanup.example.com/v1', kind: 'Cleanup', metadata: { name: 'all', namespace: 'istio-system', annotations: { 'argocd.argoproj.io/hook': 'PostDelete' } } };
    const file = 'k8s/aws/aws-prod/istio-system/cleanup.cleanup.example.com_all.yaml';
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), file, custom))))).toEqual([]);
    // which a hook that runs is, like any task
    const preSync = { ...custom, metadata: { ...custom.metadata, annotations: { 'argocd.argoproj.io/hook': 'PreSync' } } };
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), file, preSync))))).toContainEqual(expect.stringMatching(/^k8s\/aws\/aws-prod\/istio-system\/cleanup\.cleanup\.example\.com_all\.yaml: Cleanup all: custom resource cleanup\.example\.com\/Cleanup has no CRD on cluster "aws-prod"/));
  });

  test('an Application whose objects are only hooks is Healthy: hooks are no managed resources, so its parent does not wait for them', () => {
    // GIVEN a cleanup Application, in wave 1 of the root, whose folder holds a PostDelete hook only: no sync ever runs it
    const files = [
      ...fleetLike(),
      { path: appFile('aws-prod-cleanup'), object: application('aws-prod-cleanup', { wave: 1, source: folderSource('k8s/aws-cleanup/aws-prod'), destination: { name: 'aws-prod', namespace: 'cleanup' } }) },
      { path: 'k8s/aws-cleanup/aws-prod/cleanup/job.batch_cleanup.yaml', object: job('cleanup', { 'argocd.argoproj.io/hook': 'PostDelete' }, 'cleanup') },
    ];
    // THEN it is Healthy once synced (health.go: no resources, no Missing), and the root goes on
    expect(summary(convergenceProblems(inputOf(files)))).toEqual([]);
  });

  test('fails when a hook is a Namespace with objects in it, a CRD with resources of its kind, or an Argo CD object: Argo CD deletes its hooks, and these take others with them', () => {
    const hooked = (object: Record<string, any>, annotations: Record<string, string>) => ({ ...object, metadata: { ...object.metadata, annotations } });
    const nsFile = 'k8s/aws/aws-prod/_cluster/namespace_jobs.yaml';
    const preSyncNs = hooked(namespace('jobs'), { 'argocd.argoproj.io/hook': 'PreSync' });
    // a Job hook alone in it goes with it, as meant
    const onlyHooks = withFile(withFile(fleetLike(), nsFile, preSyncNs), 'k8s/aws/aws-prod/jobs/job.batch_migrate.yaml', job('migrate', { 'argocd.argoproj.io/hook': 'PreSync' }, 'jobs'));
    expect(summary(convergenceProblems(inputOf(onlyHooks)))).toEqual([]);
    // a plain object in it goes too: before every later sync (BeforeHookCreation, the default: sync_context.go runTasks)
    const withObject = withFile(onlyHooks, 'k8s/aws/aws-prod/jobs/configmap_settings.yaml', configMap('settings', 'jobs'));
    expect(summary(convergenceProblems(inputOf(withObject)))).toEqual([
      `${nsFile}: Namespace jobs: is a PreSync hook, which Argo CD deletes before each later sync creates it again (BeforeHookCreation, the default hook-delete-policy), and with it Kubernetes deletes the objects in namespace "jobs" (ConfigMap settings of Application aws-prod-platform); make it a plain object of Application aws-prod-platform (no hook annotation), ordered by sync waves`,
    ]);
    // a CRD whose custom resources go with it once the sync succeeds (HookSucceeded: sync_context.go deleteHooks)
    const crdFile = 'k8s/aws/aws-prod/_cluster/customresourcedefinition.apiextensions.k8s.io_widgets.example.com.yaml';
    const widgets = withFile(
      withFile(fleetLike(), crdFile, hooked(crd('example.com', 'Widget', 'widgets'), { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-delete-policy': 'hook-succeeded' })),
      'k8s/aws/aws-prod/istio-system/widget.example.com_w.yaml',
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'istio-system' } },
    );
    expect(summary(convergenceProblems(inputOf(widgets)))).toEqual([
      `${crdFile}: CustomResourceDefinition widgets.example.com: is a PreSync hook, which Argo CD deletes once a sync succeeds (hook-delete-policy HookSucceeded), and with it Kubernetes deletes every example.com/Widget (Widget w of Application aws-prod-platform); make it a plain object of Application aws-prod-platform (no hook annotation), ordered by sync waves`,
    ]);
    // an AppProject, even deleted only when a sync fails
    const projectHook = hooked(objectAt(fleetLike(), PROJECT_FILE), { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'HookFailed' });
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), PROJECT_FILE, projectHook))))).toEqual([
      `${PROJECT_FILE}: AppProject acme: is a PreSync hook, which Argo CD deletes once a sync fails (hook-delete-policy HookFailed), and with it project "acme": its Applications are invalid until it is back; make it a plain object of Application acme-root (no hook annotation), ordered by sync waves`,
    ]);
    // an Application, whose resources finalizer deletes what it deployed
    const istiod = objectAt(fleetLike(), appFile('aws-prod-istiod'));
    const istiodHook = hooked({ ...istiod, metadata: { ...istiod.metadata, finalizers: ['resources-finalizer.argocd.argoproj.io'] } }, { 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' });
    expect(summary(convergenceProblems(inputOf(withFile(fleetLike(), appFile('aws-prod-istiod'), istiodHook))))).toEqual([
      `${appFile('aws-prod-istiod')}: Application aws-prod-istiod: is a Sync hook, which Argo CD deletes once a sync succeeds (hook-delete-policy HookSucceeded), and with it, through its resources finalizer, the objects it deployed; make it a plain object of Application acme-root (no hook annotation), ordered by sync waves`,
    ]);
  });

  test('fails when a LoadBalancer Service is in the last Sync wave of an Application with PostSync hooks: its hooks\' phase comes after, so the sync waits for it', () => {
    const lbFile = 'k8s/aws/aws-prod/istio-system/service_lb.yaml';
    const lb = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'istio-system', annotations: { 'argocd.argoproj.io/sync-wave': '2' } }, spec: { type: 'LoadBalancer', ports: [{ port: 443 }] } };
    const waits = `${lbFile}: Service lb: is a LoadBalancer Service, Progressing until its cloud gives it an address: in wave 2, before the last (PostSync wave 0) of Application aws-prod-platform, the sync waits for that address, for good if it never comes (no failure, no retry, no newer commit applied meanwhile); put it in the last wave, with no PostSync hook after it`;
    for (const hook of ['PostSync', 'PreSync,PostSync']) {
      const files = withFile(withFile(fleetLike(), lbFile, lb), jobFile('smoke'), job('smoke', { 'argocd.argoproj.io/hook': hook }));
      expect(summary(convergenceProblems(inputOf(files)))).toContainEqual(waits);
    }
  });

  test('a deadlock is told by the order of the steps, phases first: a PostSync hook of wave -5 comes after wave 1', () => {
    // GIVEN the root waits in wave 1 for an Application whose Widget needs a CRD the root applies as a PostSync hook
    const widgetCrd = crd('example.com', 'Widget', 'widgets', 'Namespaced', -5);
    widgetCrd.metadata.annotations['argocd.argoproj.io/hook'] = 'PostSync';
    const files = [
      ...fleetLike(),
      { path: 'k8s/aws/mgmt/_cluster/customresourcedefinition.apiextensions.k8s.io_widgets.example.com.yaml', object: widgetCrd },
      { path: appFile('mgmt-widgets'), object: application('mgmt-widgets', { wave: 1, source: folderSource('k8s/aws-widgets/mgmt'), destination: { server: IN_CLUSTER_SERVER, namespace: 'widgets' } }) },
      { path: 'k8s/aws-widgets/mgmt/widgets/widget.example.com_w.yaml', object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'widgets' } } },
    ];
    // THEN the root's failure names the deadlock
    expect(summary(convergenceProblems(inputOf(files)))).toContainEqual(
      expect.stringMatching(/^k8s\/aws-widgets\/mgmt\/widgets\/widget\.example\.com_w\.yaml: Widget w: custom resource example\.com\/Widget has no CRD .*: deadlock: a CRD for example\.com\/Widget is only applied in PostSync wave -5 of Application acme-root, after that wave$/),
    );
  });

  test('fails when a hook fails, in the last wave too: the sync waits for its hooks to complete (sync_context.go)', () => {
    // GIVEN a PostSync hook of the root: an Application whose project does not exist (Degraded by the installed health check)
    const smoke = application('aws-prod-smoke', { project: 'smoke', source: folderSource('k8s/aws-smoke/aws-prod'), destination: { name: 'aws-prod', namespace: 'smoke' } });
    smoke.metadata.annotations = { 'argocd.argoproj.io/hook': 'PostSync' };
    const files = [...fleetLike(), { path: appFile('aws-prod-smoke'), object: smoke }, { path: 'k8s/aws-smoke/aws-prod/smoke/configmap_a.yaml', object: configMap('a', 'smoke') }];
    // THEN the root's sync fails on it, although it is in its last phase and wave
    expect(summary(convergenceProblems(inputOf(files)))).toContainEqual(
      expect.stringMatching(/^k8s\/aws\/mgmt\/argocd\/application\.argoproj\.io_aws-prod-smoke\.yaml: Application aws-prod-smoke: a PostSync hook, is Degraded when Application acme-root waits for PostSync wave 0, which fails its sync: .*project "smoke" does not exist/),
    );
  });
});
