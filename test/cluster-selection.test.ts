import * as path from 'path';
import { FleetError } from '../lib/fleet';
import { INDEX_FILE, sha256, synth, SynthResult } from '../lib/synth';
import * as fs from 'fs';
import { fakeOutputs, outputsFolder, synthesizedFullFleet, testFleet } from './fleets';
import { fullFleet } from './fleet-fixture';
import { outputsDir } from './outputs-fixture';
import { readTree, tempDir } from './tree';

/*
 * `--cluster`: only the selected clusters' files (their folders, their stacks, the Argo CD objects
 * that concern them) are rendered, compared, written and pruned; every other file, the fleet's
 * shared ones included, keeps its bytes and its index entry.
 */

const MGMT_ARGOCD = 'k8s/aws/t-mgmt/argocd/';
const errorOf = (fn: () => unknown): FleetError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e;
    throw e;
  }
  throw new Error('expected a FleetError');
};

/** A fleet whose every workload cluster differs from testFleet(): each cluster's stack and objects change, and so does fleet.md. */
function changedFleet(): any {
  const f: any = testFleet();
  for (const c of f.clusters.filter((x: any) => x.role === 'workload')) c.nodePools[0].maxSize = 5;
  f.clusters.find((c: any) => c.name === 't-aws').labels.team = 'payments';
  f.clusters.find((c: any) => c.name === 't-gcp').labels.team = 'search';
  return f;
}

/** The cluster a written path belongs to, for these tests: by folder, by stack, or by the Argo CD object's name. */
function owner(p: string): string {
  // A cluster's root's folder is the cluster's; so is an Argo CD object named after it.
  const m = /^k8s\/[a-z]+\/(t-[a-z]+)\/(?:argocd\/(?:clusters\/(t-[a-z]+)\/|[a-z.]+_(?:cluster-)?(t-[a-z]+)))?/.exec(p);
  if (m) return m[2] ?? m[3] ?? m[1];
  return /^terraform\/stacks\/(t-[a-z]+)\//.exec(p)?.[1] ?? 'fleet';
}

describe('synth --cluster', () => {
  const outputs = outputsFolder(fakeOutputs(testFleet()));
  const fresh = () => {
    const out = path.join(tempDir(), 'dist');
    synth(testFleet(), { outDir: out, outputsDir: outputs });
    return out;
  };

  test('writes only the selected cluster\'s files: its folder, its stack and the Argo CD objects that concern it', () => {
    const out = fresh();
    const before = readTree(out);
    const result = synth(changedFleet(), { outDir: out, outputsDir: outputs, clusters: ['t-aws'] });
    const after = readTree(out);
    const changed = Object.keys(after).filter((p) => p !== INDEX_FILE && after[p] !== before[p]);
    expect(changed.length).toBeGreaterThan(0);
    expect([...new Set(changed.map(owner))]).toEqual(['t-aws']);
    expect(changed).toContain('terraform/stacks/t-aws/cdk.tf.json');
    expect(changed).toContain(`${MGMT_ARGOCD}secret_cluster-t-aws.yaml`);
    // The other clusters' changes and the shared files (fleet.md shows the pools) are left as they
    // are; what synth rendered of them anyway (shared files, Argo CD objects) and found different is named.
    expect(after['terraform/stacks/t-gcp/cdk.tf.json']).toBe(before['terraform/stacks/t-gcp/cdk.tf.json']);
    expect(result.selected).toEqual(['t-aws']);
    expect(result.notSelected).toEqual(['fleet.md', `${MGMT_ARGOCD}secret_cluster-t-gcp.yaml`]);
  });

  test('the index stays the full index: every generated file, each with the hash of what is on disk', () => {
    const out = fresh();
    synth(changedFleet(), { outDir: out, outputsDir: outputs, clusters: ['t-aws', 't-azure'] });
    const tree = readTree(out);
    const index = JSON.parse(tree[INDEX_FILE]).files as Record<string, string>;
    const generated = Object.keys(tree).filter((p) => p !== INDEX_FILE).sort();
    expect(Object.keys(index).sort()).toEqual(generated);
    for (const p of generated) expect([p, index[p]]).toEqual([p, sha256(tree[p])]);
  });

  test('a synth of the whole fleet afterwards writes the rest, and nothing of the selected clusters', () => {
    const out = fresh();
    synth(changedFleet(), { outDir: out, outputsDir: outputs, clusters: ['t-aws'] });
    const rest = synth(changedFleet(), { outDir: out, outputsDir: outputs, check: true });
    const differing = [...rest.plan.changed.map((f) => f.path), ...rest.plan.added.map((f) => f.path)].filter((p) => p !== INDEX_FILE);
    expect(differing).toContain('terraform/stacks/t-gcp/cdk.tf.json');
    expect(differing.map(owner)).not.toContain('t-aws');
  });

  test('--check --cluster compares only the selected clusters\' files', () => {
    const out = fresh();
    const before = readTree(out);
    const aws: SynthResult = synth(changedFleet(), { outDir: out, outputsDir: outputs, clusters: ['t-aws'], check: true });
    expect(aws.upToDate).toBe(false);
    expect([...new Set([...aws.plan.changed, ...aws.plan.added].map((f) => f.path).filter((p) => p !== INDEX_FILE).map(owner))]).toEqual(['t-aws']);
    // t-azure's own files do not change (only t-aws and t-gcp got new labels), so it is up to date
    // although the fleet as a whole is not: its pools changed, t-aws's and t-gcp's labels too.
    const f = changedFleet();
    f.clusters.find((c: any) => c.name === 't-azure').nodePools[0].maxSize = 3;
    expect(synth(f, { outDir: out, outputsDir: outputs, clusters: ['t-azure'], check: true }).upToDate).toBe(true);
    expect(readTree(out)).toEqual(before);
  });

  test('prunes what the selected cluster no longer has, and nothing of the others', () => {
    const out = path.join(tempDir(), 'dist');
    const withApp = () => ({ ...testFleet(), apps: [{ name: 'checkout', namespace: 'checkout', source: { git: { path: 'apps/checkout' } }, deployAs: 'applications' }] });
    synth(withApp(), { outDir: out, outputsDir: outputs });
    const apps = Object.keys(readTree(out)).filter((p) => p.includes('application.argoproj.io_t-') && p.endsWith('-checkout.yaml'));
    expect(apps.length).toBeGreaterThan(1);
    // Removing the app deletes what it deployed there (app-removal-guard.ts): allowed.
    const result = synth(testFleet(), { outDir: out, outputsDir: outputs, clusters: ['t-gcp'], allowAppRemoval: ['checkout'] });
    // Its last app gone, the cluster loses the app's namespace and the sidecar policy that guarded it.
    expect(result.plan.stale).toEqual([
      `${MGMT_ARGOCD}application.argoproj.io_t-gcp-checkout.yaml`,
      'k8s/gcp/t-gcp/_bootstrap/_cluster/namespace_checkout.yaml',
      'k8s/gcp/t-gcp/_bootstrap/_cluster/validatingadmissionpolicy.admissionregistration.k8s.io_fleetsynth-sidecar-required.yaml',
      'k8s/gcp/t-gcp/_bootstrap/_cluster/validatingadmissionpolicybinding.admissionregistration.k8s.io_fleetsynth-sidecar-required.yaml',
    ]);
    const left = Object.keys(readTree(out)).filter((p) => apps.includes(p));
    expect(left).toEqual(apps.filter((p) => !p.includes('t-gcp')));
  });

  test('selecting the management cluster: its ApplicationSets meet the other clusters\' files as they are (an app\'s namespace in their _bootstrap), so an unchanged fleet converges', () => {
    // The full fixture: podinfo through an ApplicationSet on every workload cluster, its namespace from each one's _bootstrap.
    const out = path.join(tempDir(), 'dist');
    const outputs = outputsDir();
    synth(fullFleet(), { outDir: out, outputsDir: outputs });
    const before = readTree(out);
    const result = synth(fullFleet(), { outDir: out, outputsDir: outputs, clusters: ['mgmt'] });
    expect(result.selected).toEqual(['mgmt']);
    expect(readTree(out)).toEqual(before);
  });

  test('fails when --cluster names no cluster of the fleet, suggesting the closest', () => {
    const error = errorOf(() => synth(testFleet(), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs, clusters: ['t-asw'] }));
    expect(error.problems).toEqual([{ path: '--cluster', message: 'no cluster is called "t-asw"; did you mean "t-aws"?', given: '"t-asw"', allowed: 't-aws, t-azure, t-gcp, t-mgmt' }]);
  });

  test('fails when what the selection writes would not converge with the files left as they are, naming the shared files that differ', () => {
    // A new cluster: its Applications need the AppProject to allow it, and the AppProject is the fleet's.
    const out = fresh();
    const f: any = testFleet();
    f.clusters.push({ ...f.clusters.find((c: any) => c.name === 't-aws'), name: 't-new', network: { nodeCidr: '10.60.0.0/16', podCidr: '10.64.0.0/16', serviceCidr: '172.30.0.0/16' }, accountId: '100000000009' });
    const more = outputsFolder(fakeOutputs(f));
    const error = errorOf(() => synth(f, { outDir: out, outputsDir: more, clusters: ['t-new'] }));
    expect(error.message).toContain('GitOps convergence check');
    expect(error.problems.every((p) => owner(p.path.split(': ')[0]) === 't-new')).toBe(true);
    expect(error.problems[0].message).toMatch(/--cluster leaves the fleet's shared files as they are; \d+ differ from what a synth of the whole fleet writes: .*appproject/);
  });

  test('what a selected cluster\'s new outputs change in the other clusters\' folders (the mesh peers\' remote secrets) is neither written nor reported; check without --cluster finds it', () => {
    // The full test fleet: mgmt, aws-prod, gcp-prod and azure-prod in one mesh, each holding the others' remote secrets.
    const { fleet, out, outputsDir: outs } = synthesizedFullFleet();
    const file = path.join(outs, 'gcp-prod.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('https://10.250.0.').join('https://10.251.0.'));
    const before = readTree(out);
    const result = synth(fleet, { outDir: out, outputsDir: outs, cache: false, clusters: ['gcp-prod'] });
    const peers = ['k8s/aws/mgmt', 'k8s/aws/aws-prod', 'k8s/azure/azure-prod'].map((c) => `${c}/istio-system/externalsecret.external-secrets.io_istio-remote-secret-gcp-prod.yaml`);
    for (const p of peers) expect(readTree(out)[p]).toBe(before[p]);
    expect(result.notSelected).toEqual([]);
    const check = synth(fleet, { outDir: out, outputsDir: outs, cache: false, check: true });
    expect(check.upToDate).toBe(false);
    expect(check.plan.changed.map((c: any) => c.path ?? c)).toEqual(expect.arrayContaining(peers));
  });
});
