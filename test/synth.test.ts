import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fleet } from './full-fleet';
import { FleetError } from '../lib/fleet';
import { INDEX_FILE, recoverInterruptedCommit, synth, SynthOptions } from '../lib/synth';
import { BAD_FLEETS } from './bad-fleets';
import { clusterOf, fullFleet, withoutCluster } from './fleet-fixture';
import { secretMaterial } from './fleets';
import { EXAMPLE_OUTPUTS, outputsDir } from './outputs-fixture';
import { readTree, tempDir, writeTree } from './tree';

const NO_OUTPUTS = path.join(__dirname, 'no-such-outputs-dir');

// Several cases drop azure-prod to have stale files: a removal these tests allow (removal-guard.ts; its
// refusal is tested below).
function synthInto(outDir: string, f: unknown = fleet, options: SynthOptions = {}) {
  return synth(f, { outDir, outputsDir: NO_OUTPUTS, allowClusterRemoval: ['azure-prod'], ...options });
}

let template: string | undefined;
/** A dist/ that already holds a previous synth plus a file the user put there (a copy of one made once). */
function existingDist(): string {
  if (!template) {
    template = path.join(tempDir(), 'dist');
    synthInto(template);
    writeTree(template, { 'README.md': 'ours, not fleetsynth\'s\n', 'k8s/azure/azure-prod/extra/hand-written.yaml': 'kind: Secret\n' });
  }
  const out = path.join(tempDir(), 'dist');
  fs.cpSync(template, out, { recursive: true });
  return out;
}

function errorOf(fn: () => unknown): FleetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e;
    throw e;
  }
  throw new Error('expected a FleetError');
}

describe('synth of the example fleet', () => {
  const out = path.join(tempDir(), 'dist');
  const result = synthInto(out);
  const tree = readTree(out);

  test('warns, without failing, where the stacks allocate more Elastic IPs than AWS\'s default quota: aws-prod\'s NAT gateways and ingress take 6 in its account', () => {
    expect(result.warnings).toEqual([expect.stringMatching(/^AWS account 111122223333, us-west-2: the stacks allocate 6 Elastic IPs \(aws-prod 6\), more than AWS's default quota of 5/)]);
  });

  test('warns, without failing, where an EKS cluster\'s node groups (pools × zones) pass EKS\'s default quota of 30', () => {
    const f = fullFleet();
    const c = clusterOf(f, 'aws-prod');
    c.nodePools = [...c.nodePools, ...Array.from({ length: 9 }, (_, i) => ({ ...c.nodePools[1], name: `p${i}` }))];
    const warned = synthInto(path.join(tempDir(), 'dist'), f).warnings;
    expect(warned).toEqual([expect.stringContaining('Elastic IPs'), expect.stringMatching(/^EKS cluster aws-prod: 11 pools × 3 zones are 33 managed node groups, more than EKS's default quota of 30/)]);
  });

  test('warns, without failing, where an EKS cluster is at a minor in extended support on the catalog\'s date (1.33: standard support ended 2026-07-29)', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').kubernetesVersion = '1.33';
    const warned = synthInto(path.join(tempDir(), 'dist'), f).warnings;
    expect(warned.filter((w) => w.includes('extended support'))).toEqual([expect.stringMatching(/^EKS cluster aws-prod: Kubernetes 1.33 is in EKS extended support \(its standard support ended 2026-07-29; .*\$0.60 per cluster per hour .* until 2027-07-29/)]);
  });

  // Synth reads every outputs file that names no cluster as a stack's (terraform-outputs-dir.ts): one left
  // from a destroyed cluster would be taken as that cluster's if one came back under its name.
  test('warns, without failing, about an outputs file that names no stack of the fleet, but not with --cluster', () => {
    const outputs = outputsDir();
    fs.writeFileSync(path.join(outputs, 'aws-old.json'), fs.readFileSync(path.join(outputs, 'aws-prod.json')));
    const warned = synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs, allowClusterRemoval: ['azure-prod'] }).warnings;
    expect(warned.filter((w) => w.includes('names no stack'))).toEqual([`${path.join(outputs, 'aws-old.json')} names no stack of the fleet (outputs of a destroyed cluster or stack?): delete it, or a cluster or stack added later as "aws-old" is taken as applied, with these outputs`]);
    expect(synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs, allowClusterRemoval: ['azure-prod'], clusters: ['aws-prod'] }).warnings.filter((w) => w.includes('names no stack'))).toEqual([]);
    expect(result.warnings.filter((w) => w.includes('names no stack'))).toEqual([]);
    // These outputs have no interconnect facts: every pair stack is held back, not written, and its file is still its own.
    fs.writeFileSync(path.join(outputs, 'interconnect-aws-gcp.json'), '{}');
    expect(synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs, allowClusterRemoval: ['azure-prod'] }).warnings.filter((w) => w.includes('names no stack'))).toEqual([expect.stringContaining('aws-old.json')]);
  });

  test('writes the layout of DESIGN.md: k8s/<cloud>/<cluster>, terraform/stacks/<cluster>, the index', () => {
    for (const c of fleet.clusters) {
      expect(Object.keys(tree).some((p) => p.startsWith(`k8s/${c.cloud}/${c.name}/`))).toBe(true);
      expect(tree[`terraform/stacks/${c.name}/cdk.tf.json`]).toBeDefined();
    }
    expect(JSON.parse(tree[INDEX_FILE]).files).toEqual(
      Object.fromEntries(Object.keys(tree).filter((p) => p !== INDEX_FILE).sort().map((p) => [p, expect.stringMatching(/^[0-9a-f]{64}$/)])),
    );
    expect(result.pending).toEqual(['aws-prod', 'azure-prod', 'gcp-prod', 'mgmt']);
  });

  test('matches the snapshot, file by file', () => {
    for (const [file, content] of Object.entries(tree)) expect(content).toMatchSnapshot(file);
  });

  test('every cluster has a cloud-config ConfigMap with the keys of the source article', () => {
    const cm = tree['k8s/gcp/gcp-prod/_bootstrap/kube-system/configmap_cloud-config.yaml'];
    expect(cm).toContain('aws-region: us-west-2\n');
    expect(cm).toContain('azure-region: eastus\n');
    expect(cm).toContain('cloud: gcp\n');
    expect(cm).not.toContain('gcp-region');
    expect(cm).not.toContain('cluster-endpoint');
  });

  test('is byte-stable: a second run writes the same bytes and changes nothing', () => {
    const again = synthInto(out);
    expect(again.upToDate).toBe(true);
    expect(again.plan.unchanged.length).toBe(Object.keys(tree).length);
    const elsewhere = path.join(tempDir(), 'dist');
    synthInto(elsewhere);
    expect(readTree(elsewhere)).toEqual(tree);
  });

  test('does not depend on the order clusters, pools, labels, apps, values and endpoints are written in', () => {
    const shuffled = fullFleet();
    shuffled.clusters.reverse();
    shuffled.apps.reverse();
    shuffled.apps[1].source.helm.values = { replicaCount: 2 };
    shuffled.meshServices[0].endpoints.reverse();
    for (const c of shuffled.clusters) {
      c.nodePools.reverse();
      c.labels = Object.fromEntries(Object.entries(c.labels).reverse());
      for (const p of c.nodePools) if (p.labels) p.labels = Object.fromEntries(Object.entries(p.labels).reverse());
    }
    const other = path.join(tempDir(), 'dist');
    synthInto(other, shuffled);
    expect(readTree(other)).toEqual(tree);
  });

  test('leaks no absolute path, user, host or time into the output', () => {
    const all = Object.values(tree).join('\n');
    for (const leak of [process.cwd(), os.tmpdir(), os.homedir(), path.dirname(out)]) expect(all).not.toContain(leak);
    expect(all).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
    expect(all).not.toMatch(/\bundefined\b|\[object Object\]|\bNaN\b/);
  });

  test('does not depend on CDK8S_DISABLE_SORT in the environment', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const other = path.join(tempDir(), 'dist');
      synthInto(other);
      expect(readTree(other)).toEqual(tree);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });
});

describe('bad input', () => {
  test.each(BAD_FLEETS)('fails when %s, names the field and leaves dist/ exactly as it was', (_, breakIt, fieldPath) => {
    const out = existingDist();
    const before = readTree(out);
    const f = fullFleet();
    const input = breakIt(f) ?? f;
    const error = errorOf(() => synthInto(out, input));
    expect(error.problems.map((p) => p.path)).toContain(fieldPath);
    expect(readTree(out)).toEqual(before);
  });

  test('fails when a Terraform outputs file is malformed, and names file and field', () => {
    const out = existingDist();
    const before = readTree(out);
    const outputs = tempDir();
    writeTree(outputs, { 'aws-prod.json': JSON.stringify({ cluster_name: { value: 'aws-prod' }, cluster_endpoint: { value: '' } }) });
    const error = errorOf(() => synth(fleet, { outDir: out, outputsDir: outputs }));
    expect(error.problems.map((p) => p.path)).toContain(`${path.basename(outputs)}/aws-prod.json: cluster_endpoint.value`);
    expect(readTree(out)).toEqual(before);
  });

  test.each<[string, string, string, (json: Record<string, { value: unknown }>) => void]>([
    ['AKS outputs lack the tenant id', 'azure-prod', 'tenant_id', (json) => { delete json.tenant_id; }],
    ['a GKE project number is not a number', 'gcp-prod', 'gcp_project_number', (json) => { json.gcp_project_number.value = 'acme-platform-prod'; }],
    ['what a workload trusts is neither an issuer nor a role', 'aws-prod', 'argocd_trusts', (json) => { json.argocd_trusts.value = 'mgmt-argocd-controller'; }],
  ])('fails when %s', (_, cluster, output, breakIt) => {
    const out = existingDist();
    const before = readTree(out);
    const outputs = outputsDir();
    const file = path.join(outputs, `${cluster}.json`);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    breakIt(json);
    fs.writeFileSync(file, JSON.stringify(json));
    const error = errorOf(() => synth(fleet, { outDir: out, outputsDir: outputs }));
    expect(error.problems.map((p) => p.path)).toEqual([`terraform-outputs/${cluster}.json: ${output}.value`]);
    expect(readTree(out)).toEqual(before);
  });

  test('fails when a generated value would be a placeholder, naming the file and field', () => {
    const out = existingDist();
    const before = readTree(out);
    const outputs = tempDir();
    writeTree(outputs, {
      'aws-prod.json': JSON.stringify({
        cluster_name: { value: 'aws-prod' },
        cluster_endpoint: { value: 'https://undefined' },
        cluster_ca_certificate: { value: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64') },
        oidc_issuer_url: { value: 'https://oidc.example' },
        argocd_identity: { value: 'arn:aws:iam::111122223333:role/aws-prod-argocd' },
      }),
    });
    const error = errorOf(() => synth(fleet, { outDir: out, outputsDir: outputs }));
    expect(error.problems.map((p) => p.path)).toContain('k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml: data[cluster-endpoint]');
    expect(readTree(out)).toEqual(before);
  });

  test('fails when a file fleetsynth did not write is where it would write, and never overwrites it', () => {
    const out = path.join(tempDir(), 'dist');
    writeTree(out, { 'k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml': 'mine\n' });
    const error = errorOf(() => synthInto(out));
    expect(error.problems.map((p) => p.path)).toEqual([path.join(out, 'k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml')]);
    expect(readTree(out)).toEqual({ 'k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml': 'mine\n' });
  });

  test('--strict fails on pending clusters, naming each', () => {
    const out = existingDist();
    const before = readTree(out);
    const error = errorOf(() => synthInto(out, fleet, { strict: true }));
    expect(error.problems.map((p) => p.path)).toEqual(['clusters[aws-prod]', 'clusters[azure-prod]', 'clusters[gcp-prod]', 'clusters[mgmt]']);
    expect(readTree(out)).toEqual(before);
  });
});

describe('pruning', () => {
  test('fails when a cluster the previous synth wrote is gone without --allow-cluster-removal, at clusters, writing nothing', () => {
    const out = existingDist();
    const before = readTree(out);
    const f = fullFleet();
    withoutCluster(f, 'azure-prod');
    let error: unknown;
    try {
      synth(f, { outDir: out, outputsDir: NO_OUTPUTS });
    } catch (e) {
      error = e;
    }
    expect((error as FleetError).problems).toEqual([expect.objectContaining({ path: 'clusters', given: 'no cluster "azure-prod"' })]);
    expect(readTree(out)).toEqual(before);
  });

  test('removes files a previous synth generated and this one does not; keeps foreign files', () => {
    const out = existingDist();
    const before = Object.keys(JSON.parse(readTree(out)[INDEX_FILE]).files);
    const f = fullFleet();
    withoutCluster(f, 'azure-prod');
    // WHEN
    const result = synthInto(out, f);
    // THEN every generated file of azure-prod is gone (its folder, its stack, its Argo CD apps) ...
    const tree = readTree(out);
    const azureFiles = before.filter((p) => p.includes('azure-prod'));
    expect(azureFiles).toEqual(expect.arrayContaining(['k8s/azure/azure-prod/_bootstrap/kube-system/configmap_cloud-config.yaml', 'terraform/stacks/azure-prod/cdk.tf.json', 'k8s/azure/azure-prod/istio-system/serviceentry.networking.istio.io_api.yaml']));
    expect(result.plan.stale).toEqual(azureFiles);
    // ... but the file the user put in its folder stays
    expect(Object.keys(tree).filter((p) => p.includes('azure-prod'))).toEqual(['k8s/azure/azure-prod/extra/hand-written.yaml']);
    expect(tree['README.md']).toBe('ours, not fleetsynth\'s\n');
    expect(Object.keys(JSON.parse(tree[INDEX_FILE]).files).some((p) => p.includes('azure-prod'))).toBe(false);
  });
});

describe('--check', () => {
  test('passes on an up-to-date folder', () => {
    expect(synthInto(existingDist(), fleet, { check: true }).upToDate).toBe(true);
  });

  test('fails when a file was edited, one is missing and one is stale; lists each and writes nothing', () => {
    const out = existingDist();
    fs.appendFileSync(path.join(out, 'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml'), 'edited: true\n');
    fs.rmSync(path.join(out, 'terraform/stacks/gcp-prod/cdk.tf.json'));
    const f = fullFleet();
    withoutCluster(f, 'azure-prod');
    const before = readTree(out);
    // WHEN
    const result = synthInto(out, f, { check: true });
    // THEN
    expect(result.upToDate).toBe(false);
    // mgmt was edited; aws-prod and gcp-prod lose their azure peer region; the AppProjects lose a destination;
    // the mesh services' failover loses the azure region; Argo CD's pods no longer need a token for Azure
    // (its values, in the bootstrap file and its own Application); the diagram and the dashboard lose a cluster;
    // Vault loses azure-prod's CA and policies; istiod (only mgmt's: no workload cluster is registered without
    // outputs) loses azure-prod's network, the internal east-west gateways no longer admit its ranges, and
    // Mimir's and Loki's tenant limits (per cluster) shrink
    const failoverRules = (folder: string) => ['api', 'podinfo'].map((s) => `${folder}/istio-system/destinationrule.networking.istio.io_${s}.yaml`);
    const internalGateway = (folder: string) => `${folder}/istio-system/service_istio-eastwestgateway-private.yaml`;
    expect(result.plan.changed.map((c) => c.path)).toEqual([
      'bootstrap/argocd-values.yaml',
      'fleet.md',
      'k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml',
      ...failoverRules('k8s/aws/aws-prod'),
      internalGateway('k8s/aws/aws-prod'),
      'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml',
      'k8s/aws/mgmt/argocd/application.argoproj.io_argocd.yaml',
      'k8s/aws/mgmt/argocd/appproject.argoproj.io_acme-platform-app-checkout.yaml',
      'k8s/aws/mgmt/argocd/appproject.argoproj.io_acme-platform-app-podinfo.yaml',
      'k8s/aws/mgmt/argocd/appproject.argoproj.io_acme-platform-platform.yaml',
      'k8s/aws/mgmt/argocd/clusters/mgmt/application.argoproj.io_mgmt-istiod.yaml',
      'k8s/aws/mgmt/argocd/clusters/mgmt/application.argoproj.io_mgmt-loki.yaml',
      'k8s/aws/mgmt/argocd/clusters/mgmt/application.argoproj.io_mgmt-mimir.yaml',
      'k8s/aws/mgmt/grafana/configmap_fleet-dashboard.yaml',
      ...failoverRules('k8s/aws/mgmt'),
      internalGateway('k8s/aws/mgmt'),
      'k8s/gcp/gcp-prod/_bootstrap/kube-system/configmap_cloud-config.yaml',
      ...failoverRules('k8s/gcp/gcp-prod'),
      internalGateway('k8s/gcp/gcp-prod'),
      'terraform/stacks/vault/cdk.tf.json',
      INDEX_FILE,
    ]);
    expect(result.plan.added.map((c) => c.path)).toEqual(['terraform/stacks/gcp-prod/cdk.tf.json']);
    expect(result.plan.stale).toContain('k8s/azure/azure-prod/_bootstrap/kube-system/configmap_cloud-config.yaml');
    expect(result.plan.stale).toContain('terraform/stacks/azure-prod/cdk.tf.json');
    expect(result.plan.stale.every((p) => p.includes('azure-prod'))).toBe(true);
    expect(readTree(out)).toEqual(before);
  });
});

describe('failures mid-synth', () => {
  test('a throw while rendering leaves dist/ untouched', () => {
    const out = existingDist();
    const before = readTree(out);
    const f = fullFleet();
    clusterOf(f, 'aws-prod').kubernetesVersion = '1.34';
    expect(() => synthInto(out, f, { hooks: { onClusterRendered: (c) => { if (c === 'gcp-prod') throw new Error('boom'); } } })).toThrow('boom');
    expect(readTree(out)).toEqual(before);
  });

  test('rendering gives back the stack-trace hook it lifts, even when it throws', () => {
    const hook = Error.prepareStackTrace;
    expect(() => synthInto(existingDist(), fleet, { hooks: { onClusterRendered: () => { throw new Error('boom'); } } })).toThrow('boom');
    expect(Error.prepareStackTrace).toBe(hook);
  });

  test('a throw while swapping files in leaves dist/ untouched', () => {
    const out = existingDist();
    const before = readTree(out);
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].maxSize += 1;
    withoutCluster(f, 'azure-prod');
    let steps = 0;
    expect(() => synthInto(out, f, { hooks: { commitStep: () => { if (++steps === 3) throw new Error('disk full'); } } })).toThrow('disk full');
    expect(readTree(out)).toEqual(before);
  });

  const killedSynth = (out: string, when: 'render' | 'commit') =>
    spawnSync(process.execPath, ['-r', path.join(__dirname, 'built.js'), path.join(__dirname, 'kill-synth.ts'), out, NO_OUTPUTS, when], { encoding: 'utf8' });

  test('a process killed while rendering leaves dist/ untouched', () => {
    const out = existingDist();
    fs.rmSync(path.join(out, 'terraform/stacks/mgmt/cdk.tf.json'));
    const before = readTree(out);
    const run = killedSynth(out, 'render');
    expect(run.signal).toBe('SIGKILL');
    expect(readTree(out)).toEqual(before);
  });

  test('a process killed mid-swap is rolled back before anything else happens', () => {
    const out = existingDist();
    fs.rmSync(path.join(out, 'terraform/stacks/mgmt/cdk.tf.json'));
    fs.appendFileSync(path.join(out, 'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml'), 'edited: true\n');
    const before = readTree(out);
    const run = killedSynth(out, 'commit');
    expect(run.signal).toBe('SIGKILL');
    // the dead synth's lock is left behind, naming a process that is gone
    expect(JSON.parse(fs.readFileSync(path.join(out, '.fleetsynth/lock'), 'utf8')).pid).toBe(run.pid);
    // --check takes the stale lock over, and refuses to judge a folder with a commit in flight
    expect(() => synthInto(out, fleet, { check: true })).toThrow('interrupted');
    // WHEN the next synth starts, it first undoes the interrupted one
    expect(recoverInterruptedCommit(out)).toBe('rolled-back');
    // THEN
    expect(readTree(out)).toEqual(before);
  });

  test('the synth after a kill mid-swap takes over the stale lock, rolls back, then writes its own output', () => {
    const out = existingDist();
    fs.rmSync(path.join(out, 'terraform/stacks/mgmt/cdk.tf.json'));
    fs.appendFileSync(path.join(out, 'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml'), 'edited: true\n');
    const expected = readTree(existingDist());
    expect(killedSynth(out, 'commit').signal).toBe('SIGKILL');
    const result = synthInto(out, fleet, { waitSeconds: 0 });
    expect(result.recovered).toBe('rolled-back');
    expect(readTree(out)).toEqual(expected);
  });
});

describe('with Terraform outputs (clusters created)', () => {
  const out = path.join(tempDir(), 'dist');
  const result = synth(fleet, { outDir: out, outputsDir: outputsDir() });
  const tree = readTree(out);

  test('nothing is pending; --strict passes', () => {
    expect(result.pending).toEqual([]);
    expect(synth(fleet, { outDir: out, outputsDir: outputsDir(), strict: true, check: true }).upToDate).toBe(true);
  });

  test('every workload cluster is registered, with its endpoint and CA, and its cloud-config has its endpoint', () => {
    for (const name of ['aws-prod', 'gcp-prod', 'azure-prod']) {
      const secret = tree[`k8s/aws/mgmt/argocd/secret_cluster-${name}.yaml`];
      expect(secret).toContain(`server: ${EXAMPLE_OUTPUTS[name].endpoint}`);
    }
    expect(tree['k8s/gcp/gcp-prod/_bootstrap/kube-system/configmap_cloud-config.yaml']).toContain('cluster-endpoint: https://34.70.1.2\n');
  });

  test('GKE and AKS stacks federate Argo CD\'s identity with the management cluster\'s OIDC issuer', () => {
    expect(tree['terraform/stacks/gcp-prod/cdk.tf.json']).toContain(EXAMPLE_OUTPUTS.mgmt.oidcIssuer);
    expect(tree['terraform/stacks/azure-prod/cdk.tf.json']).toContain(EXAMPLE_OUTPUTS.mgmt.oidcIssuer);
  });

  test('fails, writing nothing, when registered clusters would lose their registration because the management cluster\'s outputs went missing', () => {
    const registered = path.join(tempDir(), 'dist');
    synth(fleet, { outDir: registered, outputsDir: outputsDir() });
    const before = readTree(registered);
    const error = errorOf(() => synth(fleet, { outDir: registered, outputsDir: outputsDir(['aws-prod', 'gcp-prod', 'azure-prod']) }));
    expect(error.problems.map((p) => p.path)).toEqual(['clusters[aws-prod]', 'clusters[azure-prod]', 'clusters[gcp-prod]']);
    expect(error.problems[0].given).toContain('stack mgmt');
    expect(readTree(registered)).toEqual(before);
  });

  test('holds no secret material: no tokens, passwords or private keys anywhere, manifests and stacks alike', () => {
    // With every output, the remote secrets (token kubeconfigs, as templates) and the Vault stack are all there.
    expect(Object.keys(tree).filter((f) => f.includes('istio-remote-secret-') && f.includes('externalsecret'))).toHaveLength(12);
    expect(tree['terraform/stacks/vault/cdk.tf.json']).toContain('vault_jwt_auth_backend');
    for (const [file, content] of Object.entries(tree)) expect([file, secretMaterial(content)]).toEqual([file, []]);
  });
});
