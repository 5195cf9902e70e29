import { convergenceProblems } from './convergence';
import {
  appFile,
  APPSET_FILE,
  application,
  chartSource,
  fleetLike,
  inputOf,
  IN_CLUSTER_SERVER,
  ISTIO_VERSION,
  PROJECT_FILE,
  ROOT_FILE,
  serviceEntryFile,
  withFile,
} from './testing-objects';

const summary = (problems: { path: string; message: string }[]) => problems.map((p) => `${p.path}: ${p.message}`);

describe('convergenceProblems', () => {
  test('a fleet-like output converges: project, registrations, chart apps in waves, platform folders, ApplicationSet', () => {
    expect(convergenceProblems(inputOf(fleetLike()))).toEqual([]);
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

  test('fails when an Application targets an unregistered cluster, and its parent stalls in that wave', () => {
    // GIVEN an istiod app for azure-prod, which no cluster Secret registers
    const files = withFile(
      fleetLike(),
      appFile('azure-prod-istiod'),
      application('azure-prod-istiod', { wave: 0, source: chartSource('istiod', ISTIO_VERSION), destination: { name: 'azure-prod', namespace: 'istio-system' } }),
    );
    // WHEN
    const problems = convergenceProblems(inputOf(files));
    // THEN
    expect(problems).toEqual([
      { path: ROOT_FILE, message: expect.stringContaining('Application acme-root: waits forever in wave 0 for Application azure-prod-istiod: destination cluster "azure-prod" is not registered') },
      { path: appFile('azure-prod-istiod'), message: expect.stringContaining('Application azure-prod-istiod: destination cluster "azure-prod" is not registered') },
    ]);
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
      expect.stringContaining(`${APPSET_FILE}: ApplicationSet podinfo: Application aws-prod-podinfo: application references project "nope" which does not exist`),
      expect.stringContaining(`${APPSET_FILE}: ApplicationSet podinfo: Application gcp-prod-podinfo: application references project "nope"`),
      expect.stringContaining(`${APPSET_FILE}: ApplicationSet podinfo: is Degraded when Application acme-root waits for wave 1`),
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
});
