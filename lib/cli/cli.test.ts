import * as fs from 'fs';
import * as path from 'path';
import { HalfAppliedError, lockOutputFolder, OutputLockedError } from '../synth';
import { readTree, tempDir, writeTree } from '../../test/tree';
import { CliArgs, describeFailure, main, parseArgs, synthInvocation, USAGE } from './cli';
import { INIT_USAGE } from './init';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const FLEET = path.join(__dirname, '..', '..', 'test', 'full-fleet.ts');
const NO_OUTPUTS = ['--outputs', path.join(tempDir(), 'none')];

describe('parseArgs', () => {
  test('has the documented defaults', () => {
    expect(parseArgs([])).toEqual({ command: 'synth', fleet: 'apps/fleet.ts', out: 'dist', outputs: 'terraform-outputs', check: false, diff: false, strict: false, types: false, clusters: [], allowDeployAsChange: [],
      allowApplicationMove: false, allowClusterRemoval: [], allowAppRemoval: [], allowGitopsPathChange: false, allowReplace: [], allowMeshTrustChange: false, allowObservabilityTenantChange: false, allowChanges: [], waitSeconds: 10, help: false, version: false, given: [] });
  });

  test('takes values as separate words or after =, and remembers what was given', () => {
    expect(parseArgs(['--fleet', 'f.ts', '--out=o', '--check', '--strict', '--wait', '2.5'])).toMatchObject({ fleet: 'f.ts', out: 'o', check: true, strict: true, waitSeconds: 2.5, given: ['--fleet', 'f.ts', '--out', 'o', '--strict', '--wait', '2.5'] });
  });

  test('--allow-cluster-removal is repeatable', () => {
    expect(parseArgs(['--allow-cluster-removal', 'a', '--allow-cluster-removal=b', '--allow-cluster-removal', 'a'])).toMatchObject({ allowClusterRemoval: ['a', 'b'] });
    expect(parseArgs(['--allow-cluster-removal='])).toBe('--allow-cluster-removal needs a value');
  });

  test('--allow-app-removal is repeatable; --allow-gitops-path-change is given to synth', () => {
    expect(parseArgs(['--allow-app-removal', 'podinfo', '--allow-app-removal=checkout', '--allow-app-removal', 'podinfo'])).toMatchObject({ allowAppRemoval: ['podinfo', 'checkout'] });
    expect(parseArgs(['--allow-app-removal='])).toBe('--allow-app-removal needs a value');
    expect(parseArgs(['--allow-gitops-path-change'])).toMatchObject({ allowGitopsPathChange: true, given: ['--allow-gitops-path-change'] });
    expect(USAGE).toContain('--allow-app-removal APP');
  });

  test('--allow-deploy-as-change is repeatable and given to synth', () => {
    expect(parseArgs(['--allow-deploy-as-change', 'podinfo', '--allow-deploy-as-change=checkout'])).toMatchObject({ allowDeployAsChange: ['podinfo', 'checkout'] });
  });

  test('--allow-replace is repeatable, given once per stack, and kept in the hint to run synth', () => {
    expect(parseArgs(['--allow-replace', 'aws-prod', '--allow-replace=vault', '--allow-replace', 'aws-prod'])).toMatchObject({ allowReplace: ['aws-prod', 'vault'], given: ['--allow-replace', 'aws-prod', '--allow-replace', 'vault', '--allow-replace', 'aws-prod'] });
    expect(USAGE).toContain('--allow-replace STACK');
  });

  test('--allow-mesh-trust-change is given to synth', () => {
    expect(parseArgs(['--allow-mesh-trust-change'])).toMatchObject({ allowMeshTrustChange: true, given: ['--allow-mesh-trust-change'] });
  });

  test('--allow-observability-tenant-change is given to synth', () => {
    expect(parseArgs(['--allow-observability-tenant-change'])).toMatchObject({ allowObservabilityTenantChange: true, given: ['--allow-observability-tenant-change'] });
  });

  test('--allow-change names changes a guard refuses, each once (repeatable)', () => {
    expect(parseArgs(['--allow-change', 'bucket-move', '--allow-change', 'observability-tenant-change', '--allow-change', 'bucket-move'])).toMatchObject({ allowChanges: ['bucket-move', 'observability-tenant-change'] });
  });

  test('--diff implies --check', () => {
    expect(parseArgs(['--diff'])).toMatchObject({ check: true, diff: true });
  });

  test.each([
    [['--bogus'], 'unknown option "--bogus"'],
    [['--clusters', 'prod'], 'unknown option "--clusters"; did you mean "--cluster"?'],
    [['--out'], '--out needs a value'],
    [['--out='], '--out needs a value'],
    [['--fleet', '--check'], '--fleet needs a value'],
    [['--check=yes'], '--check takes no value'],
    [['dist'], 'unknown command "dist"; the commands are synth, check, init'],
    [['synht'], 'unknown command "synht"; did you mean "synth"?'],
    [['chek', '--diff'], 'unknown command "chek"; did you mean "check"?'],
    [['synth', 'dist'], 'unexpected argument "dist"; every value follows its option'],
    [['check', '--cluster'], '--cluster needs a value'],
    [['--allow-deploy-as-change='], '--allow-deploy-as-change needs a value'],
    [['--allow-replace'], '--allow-replace needs a value'],
    [['--allow-replace='], '--allow-replace needs a value'],
    [['--wait', '-1'], '--wait takes a number of seconds, 0 or more; given "-1"'],
    [['--wait', 'soon'], '--wait takes a number of seconds, 0 or more; given "soon"'],
  ])('fails when given %j', (argv, message) => {
    expect(parseArgs(argv)).toBe(message);
  });
});

describe('synthInvocation (the synth command a hint names)', () => {
  // npm 11.19.1 sets npm_command to "run" under npm run and "exec" under npx, npm_package_json under both
  const packageJson = path.join(tempDir(), 'package.json');
  fs.writeFileSync(packageJson, JSON.stringify({ scripts: { synth: 'fleetsynth synth', check: 'fleetsynth check --types' } }));
  test.each([
    ['npm run check', { npm_command: 'run', npm_package_json: packageJson }, 'npm run synth --'],
    ['npx fleetsynth check', { npm_command: 'exec', npm_package_json: packageJson }, 'npx fleetsynth synth'],
    ['fleetsynth check', {}, 'fleetsynth synth'],
  ])('under %s, a hint names that command', (_, env, command) => {
    expect(synthInvocation(env)).toBe(command);
  });
});

describe('main', () => {
  test('--help prints usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--check');
    expect(r.stdout).toContain('exit codes');
  });

  test('a bad option exits 2 with usage on stderr', () => {
    const r = run(['--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "--nope"');
  });

  test('fails when --out names a file: exit 2, the option named, nothing written (it was an unexpected failure, exit 4)', () => {
    const file = path.join(tempDir(), 'out.txt');
    fs.writeFileSync(file, 'mine\n');
    const r = run(['--fleet', FLEET, '--out', file, ...NO_OUTPUTS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`  - --out: not a folder; given ${JSON.stringify(file)}; allowed the output folder (it may not exist yet), or a symlink to one`);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine\n');
  });

  test('fails when --fleet names a folder, saying so (it failed as a module not found at its absolute path)', () => {
    const dir = tempDir();
    const r = run(['--fleet', dir, '--out', path.join(tempDir(), 'dist'), ...NO_OUTPUTS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`  - ${dir}: a folder, not a fleet file; allowed a .ts, .js, .json or .yaml fleet file (--fleet FILE)`);
  });

  test('a bad init option exits 2 with init\'s usage on stderr, not synth\'s', () => {
    const r = run(['init', '--nmae', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "--nmae"; did you mean "--name"?');
    expect(r.stderr).toContain(INIT_USAGE);
    expect(r.stderr).not.toContain('--allow-replace');
  });

  test('writes the output and prints a summary with clusters, files and stage times', () => {
    const out = path.join(tempDir(), 'dist');
    const r = run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^clusters: 4 \(4 pending, no Terraform outputs yet: aws-prod, azure-prod, gcp-prod, mgmt\)$/m);
    expect(r.stdout).toMatch(/^files: \d+ written, 0 unchanged, 0 removed/m);
    expect(r.stdout).toMatch(/^time: validate fleet \d+ ms, render/m);
    expect(run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]).stdout).toMatch(/^files: 0 written, \d+ unchanged, 0 removed/m);
  });

  test('--check exits 3, lists the difference and repeats the given options in its hint', () => {
    const out = path.join(tempDir(), 'dist');
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    writeTree(out, { 'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml': 'edited\n' });
    const before = readTree(out);
    const r = run(['--fleet', FLEET, '--out', out, '--check', ...NO_OUTPUTS]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('  changed: k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml');
    expect(r.stdout).toContain(`; run npm run synth -- --fleet ${FLEET} --out ${out} --outputs ${NO_OUTPUTS[1]}\n`);
    expect(r.stdout).not.toContain('--- a/');
    expect(readTree(out)).toEqual(before);
  });

  test('--diff prints what would change as a unified diff, and writes nothing', () => {
    const out = path.join(tempDir(), 'dist');
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    const cm = 'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml';
    const original = fs.readFileSync(path.join(out, cm), 'utf8');
    fs.writeFileSync(path.join(out, cm), original.replace('cloud: aws', 'cloud: gcp'));
    fs.rmSync(path.join(out, 'terraform/stacks/mgmt/cdk.tf.json'));
    const before = readTree(out);
    const r = run(['--fleet', FLEET, '--out', out, '--diff', ...NO_OUTPUTS]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`--- a/${cm}\n+++ b/${cm}\n@@ `);
    expect(r.stdout).toContain('\n-  cloud: gcp\n+  cloud: aws\n');
    expect(r.stdout).toContain('--- /dev/null\n+++ b/terraform/stacks/mgmt/cdk.tf.json\n@@ -0,0 +1,');
    expect(readTree(out)).toEqual(before);
  });

  test('check --cluster --diff compares only that cluster\'s files, and its hint repeats --cluster', () => {
    const out = path.join(tempDir(), 'dist');
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    const gcp = 'k8s/gcp/gcp-prod/_bootstrap/kube-system/configmap_cloud-config.yaml';
    const aws = 'k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml';
    for (const f of [gcp, aws]) fs.appendFileSync(path.join(out, f), 'edited: true\n');
    const before = readTree(out);
    const r = run(['check', '--fleet', FLEET, '--out', out, '--cluster', 'gcp-prod', '--diff', ...NO_OUTPUTS]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`  changed: ${gcp}`);
    expect(r.stdout).toContain(`--- a/${gcp}\n+++ b/${gcp}\n`);
    expect(r.stdout).not.toContain(aws);
    expect(r.stdout).toContain('selected: gcp-prod (--cluster');
    expect(r.stdout).toContain("the other clusters' folders are not rendered: what this changes in them (a mesh peer's remote secret or DestinationRule, the management cluster's fleet alerts) waits for a synth of the whole fleet; check without --cluster lists it");
    expect(r.stdout).toContain(`; run npm run synth -- --fleet ${FLEET} --out ${out} --cluster gcp-prod --outputs ${NO_OUTPUTS[1]}\n`);
    expect(readTree(out)).toEqual(before);
    expect(run(['synth', '--fleet', FLEET, '--out', out, '--cluster', 'gcp-prod', ...NO_OUTPUTS]).code).toBe(0);
    const after = readTree(out);
    expect(after[gcp]).not.toContain('edited');
    expect(after[aws]).toContain('edited: true');
  });

  test('a stale file edited by hand is reported as kept, by --check and by synth', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const fixture = JSON.stringify(path.join(__dirname, '..', '..', 'test', 'fleet-fixture'));
    writeTree(dir, { 'two.ts': `import { fullFleet, withoutCluster } from ${fixture};\nconst f = fullFleet();\nwithoutCluster(f, 'azure-prod');\nexport const fleet = f;\n` });
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    fs.appendFileSync(path.join(out, 'terraform/stacks/azure-prod/cdk.tf.json'), '\n');
    const kept = '  kept:    terraform/stacks/azure-prod/cdk.tf.json (no longer generated, but edited since synth wrote it: left in place, and no longer synth\'s)';
    const check = run(['--fleet', path.join(dir, 'two.ts'), '--out', out, '--check', '--allow-cluster-removal', 'azure-prod', ...NO_OUTPUTS]);
    // Nothing on stderr but the fixture's Elastic IP warning (aws-regional-quota.ts): no error, no other warning.
    expect(check.stderr.split('\n').filter((l) => l && !/^fleetsynth: warning: AWS account \d+, [a-z0-9-]+: the stacks allocate \d+ Elastic IPs/.test(l))).toEqual([]);
    expect(check.stdout).toContain(kept);
    const r = run(['--fleet', path.join(dir, 'two.ts'), '--out', out, '--allow-cluster-removal', 'azure-prod', ...NO_OUTPUTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(kept);
    expect(r.stdout).toMatch(/^files: \d+ written, \d+ unchanged, \d+ removed, 1 kept/m);
  });

  test('an app removed is refused at apps, nothing written, until --allow-app-removal names it', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const fixture = JSON.stringify(path.join(__dirname, '..', '..', 'test', 'fleet-fixture'));
    writeTree(dir, { 'one-app.ts': `import { fullFleet } from ${fixture};\nconst f = fullFleet();\nf.apps = f.apps.filter((a: { name: string }) => a.name !== 'podinfo');\n` +
      // The global endpoint routed to podinfo's namespace: it moves to checkout's, or synth refuses at its backend (backend-guard.ts).
      `f.platform.globalDns.endpoints[0].backend = { service: 'checkout', namespace: 'checkout', port: 8080 };\nexport const fleet = f;\n` });
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    const before = readTree(out);
    const refused = run(['--fleet', path.join(dir, 'one-app.ts'), '--out', out, ...NO_OUTPUTS]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('apps: app podinfo, which the previous synth deployed, is no longer in the fleet');
    expect(readTree(out)).toEqual(before);
    const r = run(['--fleet', path.join(dir, 'one-app.ts'), '--out', out, '--allow-app-removal', 'podinfo', ...NO_OUTPUTS]);
    expect(r.code).toBe(0);
    // The app's own files are gone (the mesh service and global DNS endpoint of the same name are the fleet's, and stay).
    expect(Object.keys(readTree(out)).filter((p) => /_podinfo\.yaml$|app-podinfo/.test(p) && !p.includes('networking.istio.io'))).toEqual([]);
  });

  test('a removed stack\'s folder left with only its lock file is reported as left, and kept, by synth and --check', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const fixture = JSON.stringify(path.join(__dirname, '..', '..', 'test', 'fleet-fixture'));
    writeTree(dir, { 'three.ts': `import { fullFleet, withoutCluster } from ${fixture};\nconst f = fullFleet();\nwithoutCluster(f, 'azure-prod');\nexport const fleet = f;\n` });
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    const lock = 'terraform/stacks/azure-prod/.terraform.lock.hcl';
    writeTree(out, { [lock]: '# committed by the pipeline\n' });
    const left = '  left:    terraform/stacks/azure-prod/ (no stack any more, only files synth did not write, such as its lock file: once the stack is destroyed, git rm -r it)';
    const r = run(['--fleet', path.join(dir, 'three.ts'), '--out', out, '--allow-cluster-removal', 'azure-prod', ...NO_OUTPUTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${left}\n`);
    expect(fs.existsSync(path.join(out, 'terraform/stacks/azure-prod/cdk.tf.json'))).toBe(false);
    expect(fs.readFileSync(path.join(out, lock), 'utf8')).toBe('# committed by the pipeline\n');
    const check = run(['--fleet', path.join(dir, 'three.ts'), '--out', out, '--check', '--allow-cluster-removal', 'azure-prod', ...NO_OUTPUTS]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`${left}\n`);
    expect(run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]).stdout).not.toContain('left:');
  });

  test('fails with exit 5 when another synth holds the output folder, and says nothing was written', () => {
    const out = path.join(tempDir(), 'dist');
    const other = lockOutputFolder(out, { mode: 'write' });
    try {
      const r = run(['--fleet', FLEET, '--out', out, '--wait', '0', ...NO_OUTPUTS]);
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(new RegExp(`^fleetsynth: ${out}/ is locked by another synth \\(pid ${process.pid} on .+; lock file ${out}/.fleetsynth/lock\\); waited 0 s.\nnothing was written. Run npm run synth -- .*--wait 0.* again once it has finished, or wait longer with --wait SECONDS.\n$`));
      expect(readTree(out)).toEqual({ '.fleetsynth/.gitignore': expect.any(String), '.fleetsynth/lock': expect.any(String) });
    } finally {
      other.release();
    }
  });

  test('--check fails with exit 6 on an interrupted synth\'s half-applied commit, and says how to finish it', () => {
    const out = path.join(tempDir(), 'dist');
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    writeTree(out, { '.fleetsynth/staging/journal.json': JSON.stringify({ state: 'applying', backedUp: ['a.yaml'], created: [], createdDirs: [], pruneDirs: [] }) });
    const r = run(['--out', out, '--fleet', FLEET, '--check', ...NO_OUTPUTS]);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(`fleetsynth: ${out}/ holds a half-applied commit of an interrupted synth (up to 1 file; journal ${out}/.fleetsynth/staging/journal.json); --check cannot judge it.\nnothing was written. Run npm run synth -- --out ${out} --fleet ${FLEET}`);
  });

  test('fails with exit 1 when the fleet is invalid, listing each problem on stderr', () => {
    const dir = tempDir();
    writeTree(dir, { 'bad-fleet.ts': "export const fleet = { name: 'Bad Name', gitops: { repoURL: 'x' }, clusters: [] };\n" });
    const out = path.join(dir, 'dist');
    const r = run(['--fleet', path.join(dir, 'bad-fleet.ts'), '--out', out, ...NO_OUTPUTS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  - name: fleet name must be a DNS-1123 label');
    expect(r.stderr).toContain('  - gitops.repoURL: must be a git URL');
    expect(r.stderr).toContain('  - clusters: a fleet needs at least one cluster');
    expect(r.stderr).toContain('nothing was written');
    expect(readTree(out)).toEqual({});
  });

  test.each([
    // The line where it threw; its column is the transpiler's (in this process jest's, which loads the file: test/fleet-loading.test.ts runs the command).
    ['throws', "throw new Error('fleet file broke');\n", ':1:\\d+: could not be loaded: fleet file broke'],
    ['exports no fleet', 'export const notAFleet = 1;\n', ': exports no fleet'],
  ])('fails with exit 1 when the fleet file %s, naming the file (and the line where it threw)', (_, source, message) => {
    const dir = tempDir();
    const file = path.join(dir, 'fleet.ts');
    writeTree(dir, { 'fleet.ts': source });
    const r = run(['--fleet', file, '--out', path.join(dir, 'dist'), ...NO_OUTPUTS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ {2}- ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${message}`, 'm'));
  });

  test('fails with exit 2 when --cluster names no cluster of the fleet: a command-line problem, at --cluster', () => {
    const out = path.join(tempDir(), 'dist');
    const r = run(['--fleet', FLEET, '--out', out, '--cluster', 'aws-prd', ...NO_OUTPUTS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fleetsynth: command line has 1 problem:\n  - --cluster: no cluster is called "aws-prd"; did you mean "aws-prod"?');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('fails with exit 2 when --outputs is a file, naming --outputs; nothing is written', () => {
    const dir = tempDir();
    writeTree(dir, { 'outputs.json': '{}\n' });
    const out = path.join(dir, 'dist');
    const r = run(['--fleet', FLEET, '--out', out, '--outputs', path.join(dir, 'outputs.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`  - --outputs: not a folder; given ${JSON.stringify(path.join(dir, 'outputs.json'))}`);
    expect(r.stderr).not.toContain('unexpected failure');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('says in the summary when the --outputs folder given does not exist (every cluster pending)', () => {
    const r = run(['check', '--fleet', FLEET, '--out', path.join(tempDir(), 'dist'), ...NO_OUTPUTS]);
    expect(r.stdout).toContain(`--outputs ${NO_OUTPUTS[1]} does not exist: no cluster has Terraform outputs`);
  });

  test('fails with exit 4 on an unexpected failure, and says nothing was written', () => {
    const dir = tempDir();
    // a file where a folder above the output folder should be (a file at --out itself is a command-line error, exit 2)
    writeTree(dir, { parent: 'a file\n' });
    const r = run(['--fleet', FLEET, '--out', path.join(dir, 'parent', 'dist'), ...NO_OUTPUTS]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('unexpected failure, nothing was written');
  });
});

describe('describeFailure', () => {
  const args = parseArgs(['--out', 'out dir']) as CliArgs;

  test('a failed roll-back: exit 6, the files that may be half-applied, the journal, and how to finish', () => {
    const e = new HalfAppliedError('out dir/.fleetsynth/staging/journal.json', ['k8s/a.yaml', 'k8s/b.yaml'], 'roll-back failed', new Error('ENOSPC: no space left on device'));
    expect(describeFailure(e, args)).toEqual({
      code: 6,
      text: [
        'fleetsynth: writing out dir/ failed (ENOSPC: no space left on device) and so did its roll-back: 2 files may be half-applied',
        '  - k8s/a.yaml',
        '  - k8s/b.yaml',
        "the journal is kept at out dir/.fleetsynth/staging/journal.json. Run npm run synth -- --out 'out dir' again to finish the roll-back (it does that before anything else); do not commit out dir/ until then.",
      ].join('\n'),
    });
  });

  test('a lock held on another host: exit 5, and the file to delete if that synth is gone', () => {
    const e = new OutputLockedError('out dir', 'out dir/.fleetsynth/lock', { pid: 7, host: 'ci-3', startedAt: '2026-01-01T00:00:00.000Z', token: 't' }, 10, false);
    const { code, text } = describeFailure(e, args);
    expect(code).toBe(5);
    expect(text).toContain('(pid 7 on ci-3, since 2026-01-01T00:00:00.000Z; lock file out dir/.fleetsynth/lock); waited 10 s.\nnothing was written.');
    expect(text).toContain('If it is not, delete out dir/.fleetsynth/lock.');
  });

  test('never says nothing was written when a roll-back failed', () => {
    const e = new HalfAppliedError('j', ['a'], 'roll-back failed');
    expect(describeFailure(e, args).text).not.toContain('nothing was written');
  });
});
