import * as path from 'path';
import { stringify } from 'yaml';
import { fakeOutputs, outputsFolder, refused, testFleet, testFleetWithSecrets } from '../../test/fleets';
import { readTree, tempDir } from '../../test/tree';
import { synth } from './synth';
import { resolveFleet } from '../fleet';
import { fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { meshTrustChanges } from './mesh-trust-guard';
import { OutputIndex } from './output-index';
import { previousIstiods } from './previous-istiod';

// The full test fleet (management cluster mgmt on AWS; mesh acme-mesh, trust domain cluster.local, platform.secrets on).
const VAULT = 'terraform/stacks/vault/cdk.tf.json';
const ISTIOD = 'k8s/aws/mgmt/argocd/clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml';
/** istio-csr's Service, the CA of every istiod with platform.secrets on (lib/addons/secrets/mesh-trust/istio-csr-chart.ts). */
const ISTIO_CSR = 'cert-manager-istio-csr.cert-manager.svc:443';
const istiod = (trustDomain: string, meshID: string, caAddress: string | null = ISTIO_CSR) =>
  stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'aws-prod-istiod' }, spec: { source: { chart: 'istiod', helm: { valuesObject: { global: { meshID, ...(caAddress ? { caAddress } : {}) }, meshConfig: { trustDomain } } } } } });
const index = (...files: string[]): OutputIndex => ({ generator: 'fleetsynth', files: Object.fromEntries(files.map((f) => [f, 'x'])) });
const PREVIOUS = index(VAULT, ISTIOD, 'k8s/aws/mgmt/argocd/clusters/aws-prod/application.argoproj.io_aws-prod-external-secrets.yaml');
const onDisk = (text: string) => (p: string) => (p === ISTIOD ? text : undefined);
const AS_BEFORE = onDisk(istiod('cluster.local', 'acme-mesh'));
// As synth calls it: the previous output's istiod Applications read first (previous-istiod.ts).
const judge = (fleet: ReturnType<typeof resolveFleet>, secrets: boolean, previous: OutputIndex | undefined, read: (path: string) => string | undefined, allowed: boolean, pending: readonly string[] = []) =>
  meshTrustChanges(fleet, secrets, previous, previousIstiods(previous, read), allowed, pending);
const changed = (edit: (f: LooseFleet) => void) => {
  const f = fullFleet();
  edit(f);
  return resolveFleet(f);
};

describe('meshTrustChanges', () => {
  test('nothing without a previous synth, when nothing changes, or when the previous output had neither Vault nor istiod', () => {
    const fleet = resolveFleet(fullFleet());
    expect(judge(fleet, true, undefined, AS_BEFORE, false)).toEqual([]);
    expect(judge(fleet, true, PREVIOUS, AS_BEFORE, false)).toEqual([]);
    expect(judge(changed((f) => (f.mesh.trustDomain = 'acme.example')), false, index('k8s/aws/mgmt/argocd/application.argoproj.io_argocd.yaml'), AS_BEFORE, false)).toEqual([]);
  });

  test('fails when platform.secrets is removed while the previous output had the vault stack, at platform.secrets, with the way out', () => {
    expect(judge(resolveFleet(fullFleet()), false, PREVIOUS, AS_BEFORE, false)).toEqual([
      {
        path: 'platform.secrets',
        message: expect.stringContaining(`the previous synth's output has it (${VAULT}): removing it prunes External Secrets' ExternalSecrets, PushSecrets and ClusterSecretStores, whose finalizers only a running External Secrets controller removes`),
        given: 'nothing',
        allowed: 'platform.secrets as before; or take the mesh off Vault first (README, Secrets, "Turning platform.secrets off") and synth with --allow-mesh-trust-change',
      },
    ]);
  });

  test('fails when platform.secrets comes to a running fleet whose istiods are their clusters\' CAs, at platform.secrets, with the way through', () => {
    const ownCa = onDisk(istiod('cluster.local', 'acme-mesh', null));
    expect(judge(resolveFleet(fullFleet()), true, index(ISTIOD), ownCa, false)).toEqual([
      {
        path: 'platform.secrets',
        message: expect.stringMatching(new RegExp(`^the previous synth's output has istiod as its cluster's CA \\(${ISTIOD.replace(/\./g, '\\.')}: no global\\.caAddress\\): .*cannot talk, and the old ones lose their certificates within 24 hours, until every pod has restarted$`)),
        given: '{ vault: … }',
        allowed: 'nothing, as before; or turn it on as README, Secrets, "Turning platform.secrets on in a running fleet" describes and synth with --allow-mesh-trust-change',
      },
    ]);
    // Still off, or istio-csr already the CA, or allowed: nothing.
    expect(judge(resolveFleet(fullFleet()), false, index(ISTIOD), ownCa, false)).toEqual([]);
    expect(judge(resolveFleet(fullFleet()), true, index(ISTIOD), AS_BEFORE, false)).toEqual([]);
    expect(judge(resolveFleet(fullFleet()), true, index(ISTIOD), ownCa, true)).toEqual([]);
  });

  test('platform.secrets coming while the cluster of that istiod is pending is still refused (a lost outputs file looks the same), saying that the flag alone is enough if it was never applied', () => {
    const problems = judge(resolveFleet(fullFleet()), true, index(ISTIOD), onDisk(istiod('cluster.local', 'acme-mesh', null)), false, ['aws-prod']);
    expect(problems.map((p) => p.path)).toEqual(['platform.secrets']);
    expect(problems[0].allowed).toMatch(/; aws-prod has no Terraform outputs: if never applied, nothing runs there yet and --allow-mesh-trust-change alone is enough \(if the outputs file was only lost, pods run: follow the procedure\)$/);
    // A running cluster's istiod gets no such hint.
    expect(judge(resolveFleet(fullFleet()), true, index(ISTIOD), onDisk(istiod('cluster.local', 'acme-mesh', null)), false, [])[0].allowed).not.toMatch(/no Terraform outputs/);
  });

  test('a trust domain change while the cluster of that istiod is pending is still refused, saying that the flag alone is enough if it was never applied', () => {
    const edited = changed((f) => (f.mesh.trustDomain = 'acme.example'));
    expect(judge(edited, true, PREVIOUS, AS_BEFORE, false)[0].allowed).not.toMatch(/no Terraform outputs/);
    const pending = judge(edited, true, PREVIOUS, AS_BEFORE, false, ['aws-prod']);
    expect(pending.map((p) => p.path)).toEqual(['mesh.trustDomain']);
    expect(pending[0].allowed).toMatch(/; aws-prod has no Terraform outputs: if never applied, nothing runs there yet and --allow-mesh-trust-change alone is enough/);
  });

  test('platform.secrets coming to a fleet never applied, through synth: refused with the hint (the management cluster\'s istiod Application is written without outputs all the same), and the flag alone lets it through', () => {
    const out = path.join(tempDir(), 'dist');
    const none = outputsFolder(new Map());
    synth(testFleet(), { outDir: out, outputsDir: none, cache: false });
    expect(Object.keys(readTree(out)).filter((f) => f.endsWith('-istiod.yaml'))).toEqual(['k8s/aws/t-mgmt/argocd/clusters/t-mgmt/application.argoproj.io_t-mgmt-istiod.yaml']);
    expect(() => synth(testFleetWithSecrets(), { outDir: out, outputsDir: none, cache: false })).toThrow(/t-mgmt has no Terraform outputs: if never applied/);
    expect(() => synth(testFleetWithSecrets(), { outDir: out, outputsDir: none, cache: false, allowMeshTrustChange: true })).not.toThrow();
    // Once the management cluster exists, its istiod is its CA: refused.
    const applied = path.join(tempDir(), 'dist');
    const managementOnly = outputsFolder(new Map([...fakeOutputs(testFleet())].filter(([name]) => name === 't-mgmt')));
    synth(testFleet(), { outDir: applied, outputsDir: managementOnly, cache: false });
    expect(refused(applied, () => synth(testFleetWithSecrets(), { outDir: applied, outputsDir: managementOnly, cache: false }))).toEqual([expect.objectContaining({ path: 'platform.secrets' })]);
  });

  test('fails when mesh.trustDomain differs from the one the previous istiod Application has, at mesh.trustDomain, naming the file', () => {
    const problems = judge(changed((f) => (f.mesh.trustDomain = 'acme.example')), true, PREVIOUS, AS_BEFORE, false);
    expect(problems.map((p) => [p.path, p.given])).toEqual([['mesh.trustDomain', '"acme.example"']]);
    expect(problems[0].message).toContain(`the previous synth's output uses trust domain "cluster.local" (${ISTIOD})`);
    expect(problems[0].allowed).toContain('"cluster.local" as before; or migrate with mesh.trustDomainAliases');
  });

  test('fails when mesh.trustDomain changes without platform.secrets too (istiod is then the CA), and reads the Applications of the older argocd/ layout', () => {
    const old = 'k8s/aws/mgmt/argocd/application.argoproj.io_aws-prod-istiod.yaml';
    const problems = judge(changed((f) => (f.mesh.trustDomain = 'acme.example')), false, index(old), (p) => (p === old ? istiod('cluster.local', 'acme-mesh') : undefined), false);
    expect(problems.map((p) => p.path)).toEqual(['mesh.trustDomain']);
  });

  test('fails when mesh.meshID changes with platform.secrets on (it names the root CA), at mesh.meshID; without secrets it only labels telemetry and passes', () => {
    const fleet = changed((f) => (f.mesh.meshID = 'acme-mesh-2'));
    const problems = judge(fleet, true, PREVIOUS, AS_BEFORE, false);
    expect(problems.map((p) => [p.path, p.given])).toEqual([['mesh.meshID', '"acme-mesh-2"']]);
    expect(problems[0].message).toContain('names the mesh\'s root CA in Vault ("acme-mesh root CA", stack vault): a new name replaces the root CA');
    expect(judge(fleet, false, index(ISTIOD), AS_BEFORE, false)).toEqual([]);
  });

  test('an istiod Application that does not read as one is skipped', () => {
    const fleet = changed((f) => (f.mesh.trustDomain = 'acme.example'));
    expect(judge(fleet, true, PREVIOUS, onDisk(': not yaml ['), false)).toEqual([]);
    expect(judge(fleet, true, PREVIOUS, onDisk(stringify({ spec: { source: { chart: 'podinfo' } } })), false)).toEqual([]);
  });

  test('every change passes when allowed (after the README\'s procedure)', () => {
    const fleet = changed((f) => {
      f.mesh.trustDomain = 'acme.example';
      f.mesh.meshID = 'acme-mesh-2';
    });
    expect(judge(fleet, false, PREVIOUS, AS_BEFORE, false).map((p) => p.path)).toEqual(['platform.secrets', 'mesh.trustDomain']);
    expect(judge(fleet, true, PREVIOUS, AS_BEFORE, true)).toEqual([]);
  });
});
