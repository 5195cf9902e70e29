import { Cloud, resolveFleet } from '../lib/fleet';
import { completeOutputs, convergenceCheck, Rendered, renderFleet, RenderedFile } from '../lib/synth';
import { fakeOutputs, outputsFolder, testFleet, testSecrets } from './fleets';
import { synth } from '../lib/synth';
import { tempDir } from './tree';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import type { FleetAddon } from '../lib/addons';
import { fleetAddons } from '../lib/addons/fleet-addons';

/*
 * The convergence check inside synth (lib/synth/convergence-check.ts over lib/verify): our own output
 * converges, pending and complete, and each way of breaking it is caught, naming the object and why.
 */

function render(management: Cloud = 'aws', complete = false): { fleet: ReturnType<typeof resolveFleet>; rendered: Rendered } {
  const fleet = resolveFleet({
    ...testFleet(management),
    apps: [{ name: 'shop', namespace: 'shop', source: { helm: { repoURL: 'https://charts.example.com', chart: 'shop', version: '1.0.0' } } }],
    meshServices: [
      { name: 'cart', namespace: 'shop', clusters: ['t-aws', 't-gcp'] },
      { name: 'api', host: 'api.example.com', ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS', endpoints: [{ address: 'api.t-gcp.example.com', cluster: 't-gcp' }, { address: 'api.t-aws.example.com', cluster: 't-aws' }] },
    ],
  });
  const outputs = complete ? completeOutputs(fleet, new Map()) : new Map();
  return { fleet, rendered: renderFleet(fleet, { outputs, kubernetesOnly: true }) };
}

const withFiles = (r: Rendered, change: (files: RenderedFile[]) => RenderedFile[]): Rendered => ({ ...r, files: change([...r.files]) });
const file = (path: string, object: any): RenderedFile => ({ path, content: '', objects: [object] });
const messages = (fleet: any, r: Rendered) => convergenceCheck(fleet, r).map((p) => `${p.path}: ${p.message}`);

describe('the convergence check on our own output', () => {
  test.each([['pending', false], ['with every cluster\'s outputs', true]])('converges %s', (_, complete) => {
    const { fleet, rendered } = render('aws', complete as boolean);
    expect(convergenceCheck(fleet, rendered)).toEqual([]);
  });

  test('fails when the bootstrap applies only the root app, whose project the root itself would create', () => {
    const { fleet, rendered } = render();
    const broken = { ...rendered, bootstrap: { kubectlApply: rendered.bootstrap.kubectlApply.filter((p) => p.includes('application.argoproj.io_')) } };
    expect(messages(fleet, broken)).toContainEqual(expect.stringMatching(/^k8s\/aws\/t-mgmt\/argocd\/application\.argoproj\.io_test-fleet-root\.yaml: Application test-fleet-root: project "test-fleet-platform" does not exist/));
  });

  test('fails when an Application targets a cluster that is not registered, and names the parent whose sync it fails (Degraded by the Application health check)', () => {
    const { fleet, rendered } = render('aws', true);
    const app = rendered.files.find((f) => f.path.endsWith('application.argoproj.io_t-gcp-istiod.yaml'))!;
    const ghost = JSON.parse(JSON.stringify(app.objects![0]));
    ghost.metadata.name = 'ghost-istiod';
    ghost.spec.destination = { name: 'ghost', namespace: 'istio-system' };
    const broken = withFiles(rendered, (fs) => [...fs, file('k8s/aws/t-mgmt/argocd/application.argoproj.io_ghost-istiod.yaml', ghost)]);
    const found = messages(fleet, broken);
    expect(found).toContainEqual(expect.stringMatching(/application\.argoproj\.io_ghost-istiod\.yaml: Application ghost-istiod: .*cluster "ghost"/));
    expect(found).toContainEqual(expect.stringMatching(/application\.argoproj\.io_ghost-istiod\.yaml: Application ghost-istiod: is Degraded when Application test-fleet-root waits for wave -4, which fails its sync: .*cluster "ghost"/));
  });

  test('fails when Istio\'s CRDs are never installed, naming the ServiceEntry and the other mesh resources', () => {
    const { fleet, rendered } = render('aws', true);
    const broken = { ...rendered, charts: rendered.charts.map((c) => (c.chart === 'base' ? { ...c, contents: { crds: [] } } : c)) };
    const found = messages(fleet, broken);
    expect(found).toContainEqual(expect.stringMatching(/^k8s\/gcp\/t-gcp\/istio-system\/serviceentry\.networking\.istio\.io_api\.yaml: ServiceEntry api: .*(CRD|not served)/));
    expect(found).toContainEqual(expect.stringMatching(/^k8s\/gcp\/t-gcp\/istio-system\/destinationrule\.networking\.istio\.io_cart\.yaml: DestinationRule cart: .*(CRD|not served)/));
  });

  test('fails when a namespaced object\'s namespace is never created', () => {
    const { fleet, rendered } = render('aws', true);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lost', namespace: 'nowhere' }, data: { a: 'b' } };
    const broken = withFiles(rendered, (fs) => [...fs, file('k8s/gcp/t-gcp/nowhere/configmap_lost.yaml', cm)]);
    expect(messages(fleet, broken)).toContainEqual(expect.stringMatching(/^k8s\/gcp\/t-gcp\/nowhere\/configmap_lost\.yaml: ConfigMap (nowhere\/)?lost: .*namespace "nowhere"/));
  });

  test('fails when a file sits where no Application reads it (an orphan)', () => {
    const { fleet, rendered } = render('aws', true);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stray', namespace: 'default' }, data: { a: 'b' } };
    const broken = withFiles(rendered, (fs) => [...fs, file('k8s/gcp/t-gpc/default/configmap_stray.yaml', cm)]);
    expect(messages(fleet, broken)).toContainEqual(expect.stringMatching(/^k8s\/gcp\/t-gpc\/default\/configmap_stray\.yaml: ConfigMap stray: no Application's source reads this file \(an orphan\)/));
  });

  test('fails when two Applications own one folder', () => {
    const { fleet, rendered } = render('aws', true);
    const platform = rendered.files.find((f) => f.path.endsWith('application.argoproj.io_t-gcp-platform.yaml'))!;
    const twin = JSON.parse(JSON.stringify(platform.objects![0]));
    twin.metadata.name = 't-gcp-platform-twin';
    const broken = withFiles(rendered, (fs) => [...fs, file('k8s/aws/t-mgmt/argocd/application.argoproj.io_t-gcp-platform-twin.yaml', twin)]);
    expect(messages(fleet, broken)).toContainEqual(expect.stringMatching(/^k8s\/gcp\/t-gcp\/istio-system\/gateway\.networking\.istio\.io_cross-network-gateway\.yaml: Gateway cross-network-gateway: 2 Applications read this file \(t-gcp-platform, t-gcp-platform-twin\)/));
  });

  test('a pending cluster\'s folder is written but not an orphan: nothing targets it until it is registered', () => {
    const { fleet, rendered } = render();
    expect(rendered.files.some((f) => f.path.startsWith('k8s/gcp/t-gcp/'))).toBe(true);
    expect(rendered.files.some((f) => f.path.includes('application.argoproj.io_t-gcp-'))).toBe(false);
    expect(convergenceCheck(fleet, rendered)).toEqual([]);
  });
});

describe('any management cloud manages every cloud', () => {
  // Management on EKS, GKE or AKS, one workload cluster on each cloud, apps, a mesh service and the
  // secrets service: synth succeeds (its convergence check included) pending and with every output.
  test.each(['aws', 'gcp', 'azure'] as const)('management on %s: synth converges pending and once every stack is applied', (management) => {
    const fleet = {
      ...testFleet(management),
      apps: [{ name: 'shop', namespace: 'shop', source: { helm: { repoURL: 'https://charts.example.com', chart: 'shop', version: '1.0.0' } } }],
      meshServices: [{ name: 'cart', namespace: 'shop', clusters: ['t-aws', 't-gcp', 't-azure'] }],
      platform: { secrets: testSecrets() },
    };
    const pending = synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: path.join(tempDir(), 'none') });
    expect(pending.pending).toEqual(['t-aws', 't-azure', 't-gcp', 't-mgmt']);
    const applied = synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(fleet)) });
    expect(applied.pending).toEqual([]);
    // Every workload cluster is registered: nothing is held back for Argo CD.
    expect(applied.heldBack.filter((h) => h.what.includes('Argo CD'))).toEqual([]);
  });
});

describe('hooks a user add-on emits', () => {
  // argo-cd v3.4.4: hooks are no managed resources (gitops-engine pkg/sync/reconcile.go splitHooks), and a
  // PostDelete hook is left out of every sync (controller/state.go partitionTargetObjsForSync).
  const job = (name: string, hook: string, namespace?: string) =>
    ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, ...(namespace ? { namespace } : {}), annotations: { 'argocd.argoproj.io/hook': hook, 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' } },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name, image: 'ghcr.io/acme/tools:1.0.0' }] } } },
    });
  const hooks: FleetAddon = {
    name: 'db-hooks',
    manifests(scope) {
      new ApiObject(scope, 'migrate', job('migrate', 'PreSync', 'default'));
      // no namespace: the cluster's platform Application has no destination namespace, and none is needed, as no sync applies it
      new ApiObject(scope, 'cleanup', job('cleanup', 'PostDelete'));
    },
  };

  test('a PreSync Job and a namespace-less PostDelete Job in every cluster\'s folder converge', () => {
    const fleet = { ...testFleet('aws'), addons: [hooks] };
    const { addons } = fleetAddons(fleet);
    const resolved = resolveFleet(fleet as any);
    const rendered = renderFleet(resolved, { outputs: completeOutputs(resolved, new Map()), kubernetesOnly: true, addons });
    expect(rendered.files.map((f) => f.path).filter((p) => p.includes('job.batch_'))).toContainEqual(expect.stringMatching(/cleanup/));
    expect(messages(resolved, rendered)).toEqual([]);
  });
});
