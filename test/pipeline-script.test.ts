import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fleetAddons } from '../lib/addons/fleet-addons';
import { initRepo } from '../lib/cli/init';
import { loadFleet } from '../lib/cli/load-fleet';
import { resolveFleet, stackOutputJson, terraformOutputJson } from '../lib/fleet';
import { completeFleetOutputs } from '../lib/synth/fake-outputs';
import { testCluster } from './fleets';
import { fullTestFleet } from './full-fleet';
import { TerraformCall, TerraformStandIn } from './terraform-stand-in';
import { readmeBlock } from './readme-block';
import { tempDir } from './tree';

/*
 * The README's Terraform pipeline script (the sh block between `<!-- pipeline-script:begin -->` and
 * `<!-- pipeline-script:end -->`, under "Applying them from a pipeline"), run as written with bash in
 * repositories `fleetsynth init` scaffolded (their `fleetsynth` command is this repository's build/),
 * with a stand-in `terraform` on the path (test/terraform-stand-in.ts: it records every call and prints
 * fleetsynth's fake outputs for `output -json`) and a bare repository as `origin`. Offline: no cloud,
 * registry or real Terraform. The README's stand-alone outputs command ("Terraform outputs (the
 * handoff back)", between `<!-- save-outputs:begin -->` and `<!-- save-outputs:end -->`) runs too.
 */

const ROOT = path.join(__dirname, '..');
const STACKS = path.join('dist', 'terraform', 'stacks');

interface Run {
  readonly status: number | null;
  readonly output: string;
  readonly calls: readonly TerraformCall[];
}

const gitEnv = { GIT_AUTHOR_NAME: 'pipeline', GIT_AUTHOR_EMAIL: 'pipeline@example.com', GIT_COMMITTER_NAME: 'pipeline', GIT_COMMITTER_EMAIL: 'pipeline@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A repository as a user has it before the first pipeline run: scaffolded, synthesized, committed and pushed. */
class Project {
  readonly work = tempDir('fleetsynth-pipeline-');
  readonly dir = path.join(this.work, 'gitops');
  private readonly bin = path.join(this.work, 'bin');
  private readonly terraform: TerraformStandIn;

  /** `fleet`: the fleet file's data (default: the scaffold's own fleet); `files`: files committed with it. */
  static async create(fleet?: unknown, files: Record<string, string> = {}): Promise<Project> {
    const project = new Project(fleet, files);
    await project.terraform.start(project.bin);
    const synth = await project.run('fleetsynth synth');
    if (synth.status !== 0) throw new Error(`synth: ${synth.output}`);
    git(project.work, 'init', '--quiet', '--bare', '--initial-branch=main', 'origin.git');
    git(project.dir, 'init', '--quiet', '--initial-branch=main');
    git(project.dir, 'add', '-A');
    git(project.dir, 'commit', '--quiet', '-m', 'fleet');
    git(project.dir, 'remote', 'add', 'origin', path.join(project.work, 'origin.git'));
    git(project.dir, 'push', '--quiet', 'origin', 'main');
    return project;
  }

  private constructor(fleet: unknown, files: Record<string, string>) {
    initRepo({ dir: this.dir, name: 'acme', repoURL: 'https://github.com/acme/acme-gitops.git' });
    const fleetFile = path.join(this.dir, 'apps', 'fleet.ts');
    if (fleet !== undefined) fs.writeFileSync(fleetFile, `export const fleet = ${JSON.stringify(fleet, null, 2)};\n`);
    // The scaffold's scripts run `fleetsynth`: this repository's, as an install would link it.
    fs.mkdirSync(path.join(this.dir, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'bin', 'fleetsynth.js'), path.join(this.dir, 'node_modules', '.bin', 'fleetsynth'));
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, rel), content);
    }

    // What each stack's `terraform output -json` prints once applied: fleetsynth's fake outputs.
    const definition = loadFleet(fleetFile);
    const { outputs, stackOutputs } = completeFleetOutputs(resolveFleet(definition), new Map(), new Map(), fleetAddons(definition).addons);
    this.terraform = new TerraformStandIn(
      new Map([...[...outputs].map(([name, o]) => [name, terraformOutputJson(o)] as const), ...[...stackOutputs].map(([name, v]) => [name, stackOutputJson(v)] as const)]),
    );
  }

  /** Runs a script with bash here, the stand-in terraform first on the path (its `output` failing for `failOutput`); resolves with what it printed and the terraform calls. */
  run(script: string, failOutput?: string, env: Record<string, string> = {}): Promise<Run> {
    const tmp = fs.mkdtempSync(path.join(this.work, 'tmp-'));
    this.terraform.calls.splice(0);
    this.terraform.failOutput = failOutput;
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', script], {
        cwd: this.dir,
        env: { ...process.env, ...gitEnv, PATH: [this.bin, path.join(this.dir, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter), TMPDIR: tmp, npm_config_update_notifier: 'false', ...env },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, output, calls: [...this.terraform.calls] }));
    });
  }

  close(): Promise<void> {
    return this.terraform.close();
  }

  /** The stack folders in dist/, and whether each holds a configuration. */
  stackFolders(): { name: string; configured: boolean }[] {
    return fs.readdirSync(path.join(this.dir, STACKS)).sort().map((name) => ({ name, configured: fs.existsSync(path.join(this.dir, STACKS, name, 'cdk.tf.json')) }));
  }
}

const show = (r: Run) => `exit ${r.status}\n${r.output.slice(-6000)}`;
const applied = (r: Run) => r.calls.filter((c) => c.command === 'apply').map((c) => c.stack);

/** The lines of synth's summary under "held back until the values they need exist:". */
function heldBack(summary: string): string[] {
  const lines = summary.split('\n');
  const at = lines.findIndex((l) => l.startsWith('held back until'));
  if (at < 0) return [];
  const rest = lines.slice(at + 1);
  // Each entry is `  <subject>: <what> (waiting for <what>)` (lib/cli/cli.ts summarize).
  const end = rest.findIndex((l) => !(l.startsWith('  ') && l.includes('(waiting for ')));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Whether a stack's configuration holds interconnect links: it outputs `interconnect_links` (the pair stacks; not told by name, which a cluster's may share). */
const holdsLinks = (config: { output?: Record<string, unknown> }) => 'interconnect_links' in (config.output ?? {});

/** Where the script saves a stack's outputs: a link stack's wait in unchecked/ until someone checks it (README). */
const savedAs = (name: string, config: { output?: Record<string, unknown> }) => path.join('terraform-outputs', ...(holdsLinks(config) ? ['unchecked'] : []), `${name}.json`);

/**
 * What every run of the script must leave: exit 0; each stack folder with a configuration applied,
 * its last apply being its configuration as it ends (nothing left to apply: the order converges); no
 * terraform call for a folder without one; each applied stack's outputs saved; the last synth with
 * nothing pending or held back but the links nobody checked yet; the commits pushed; no working files left.
 */
function expectConverged(project: Project, r: Run, lastCommit = 'clusters created'): void {
  expect(show(r)).toMatch(/^exit 0\n/);
  const folders = project.stackFolders();
  const configs = new Map<string, { output?: Record<string, unknown> }>();
  for (const { name, configured } of folders) {
    const calls = r.calls.filter((c) => c.stack === name);
    if (!configured) {
      expect({ name, calls }).toEqual({ name, calls: [] });
      continue;
    }
    const config = path.join(project.dir, STACKS, name, 'cdk.tf.json');
    const last = calls.filter((c) => c.command === 'apply').pop();
    expect({ name, applied: last?.sha }).toEqual({ name, applied: sha256(config) });
    // Saved from the last terraform output: every output the stack declares.
    configs.set(name, JSON.parse(fs.readFileSync(config, 'utf8')));
    const declared = Object.keys(configs.get(name)!.output ?? {});
    const saved = JSON.parse(fs.readFileSync(path.join(project.dir, savedAs(name, configs.get(name)!)), 'utf8'));
    expect({ name, outputs: Object.keys(saved).sort() }).toEqual({ name, outputs: declared.sort() });
  }
  expect(r.calls.flatMap((c) => c.missing ?? [])).toEqual([]);
  const lastSynth = r.output.slice(r.output.lastIndexOf('\nclusters: '));
  expect(lastSynth).toMatch(/^\nclusters: \d+\n/);
  // Held back, if anything: only mesh traffic over links (their outputs are unchecked).
  expect(heldBack(lastSynth).filter((l) => !/over link/.test(l))).toEqual([]);
  const linkStacks = [...configs].filter(([, config]) => holdsLinks(config)).map(([name]) => `${name}.json`);
  expect(fs.readdirSync(path.join(project.dir, 'terraform-outputs')).filter((f) => linkStacks.includes(f))).toEqual([]);
  // Pushed: the outputs and the lock files reached origin; nothing of Terraform's working files stayed.
  const pushed = git(path.join(project.work, 'origin.git'), 'ls-tree', '-r', '--name-only', 'main').split('\n');
  for (const { name } of folders.filter((f) => f.configured)) {
    expect(pushed).toEqual(expect.arrayContaining([savedAs(name, configs.get(name)!), `${STACKS}/${name}/.terraform.lock.hcl`]));
  }
  expect(git(path.join(project.work, 'origin.git'), 'log', '-1', '--format=%s', 'main')).toBe(`${lastCommit}\n`);
  expect(git(project.dir, 'status', '--porcelain')).toBe('');
  for (const c of r.calls) expect(fs.existsSync(c.dataDir)).toBe(false);
}

const script = readmeBlock('pipeline-script');

describe('the README pipeline script', () => {
  test('sets no Git identity of its own (the job gives it one)', () => {
    expect(script).not.toMatch(/git config|user\.name|user\.email|GIT_(AUTHOR|COMMITTER)/);
  });

  // The three fleets run at once: synth is most of each run, and each renders in its own process.
  let scaffold: Project;
  let scaffoldHadOutputsFolder: boolean;
  let full: Project;
  let oidc: Project;
  let failed: Run;
  let scaffoldRun: Run;
  let fullRun: Run;
  let oidcRun: Run;
  let savedBefore: string | undefined;
  beforeAll(async () => {
    // The full fleet, after fleetsynth moved a provider pin (the lock file holds the old version) and
    // after stacks were removed: their folders kept only their committed lock files.
    const lock = (version: string) => `provider "registry.terraform.io/hashicorp/aws" {\n  version     = "${version}"\n  constraints = "${version}"\n}\n`;
    const removed = {
      [`${STACKS}/mgmt/.terraform.lock.hcl`]: lock('6.0.0'),
      [`${STACKS}/old-prod/.terraform.lock.hcl`]: lock('6.25.0'),
      [`${STACKS}/interconnect-aws-old/.terraform.lock.hcl`]: lock('6.25.0'),
      [`${STACKS}/argocd-oidc-444455556666/.terraform.lock.hcl`]: lock('6.25.0'),
    };
    // Management on GKE with an EKS workload cluster: Argo CD's OIDC provider stack in the workload's account.
    // The workload's name starts like an interconnect pair stack's: its outputs are still a cluster's.
    const gkeManaged = { name: 'acme', gitops: { repoURL: 'https://github.com/acme/acme-gitops.git' }, clusters: [testCluster('mgmt', 'gcp', 1, 'management'), testCluster('interconnect-edge', 'aws', 2)] };
    [scaffold, full, oidc] = await Promise.all([Project.create(), Project.create(fullTestFleet(), removed), Project.create(gkeManaged)]);
    scaffoldHadOutputsFolder = fs.existsSync(path.join(scaffold.dir, 'terraform-outputs'));
    // The full fleet's pipeline mints the vault stack's JWT with VAULT_JWT_COMMAND: one numbered token per call.
    const mint = 'n=$(( $(cat "$TMPDIR/jwt-count" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$TMPDIR/jwt-count"; echo "jwt-$n"';
    [scaffoldRun, fullRun, oidcRun] = await Promise.all([scaffold.run(script), full.run(script, undefined, { VAULT_JWT_COMMAND: mint }), oidc.run(script, undefined, { TF_WORKSPACE: 'ci' })]);
    // Then a run whose `terraform output` fails: it stops there.
    const saved = path.join(scaffold.dir, 'terraform-outputs', 'mgmt.json');
    savedBefore = fs.existsSync(saved) ? fs.readFileSync(saved, 'utf8') : undefined;
    failed = await scaffold.run(script, 'mgmt');
  }, 120_000);
  afterAll(() => Promise.all([scaffold, full, oidc].map((p) => p?.close())));

  test('a failed terraform output stops the script and leaves the saved outputs file as it was', () => {
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('Error: Failed to load state');
    expect(applied(failed)).toEqual(['mgmt']);
    expect(savedBefore).toContain('"cluster_endpoint"');
    expect(fs.readFileSync(path.join(scaffold.dir, 'terraform-outputs', 'mgmt.json'), 'utf8')).toBe(savedBefore);
    for (const c of failed.calls) expect(fs.existsSync(c.dataDir)).toBe(false);
  });

  test('the scaffold (no platform services, no terraform-outputs/ folder of its own): management, synth, workload, synth', () => {
    expect(scaffoldHadOutputsFolder).toBe(false);
    expect(applied(scaffoldRun)).toEqual(['mgmt', 'prod']);
    expectConverged(scaffold, scaffoldRun);
  });

  test('every platform service: clusters, the clusters again and vault for the mesh, then interconnect and global-dns; stacks without a configuration skipped', () => {
    const clusters = ['aws-prod', 'azure-prod', 'gcp-prod', 'mgmt'];
    expect(applied(fullRun)).toEqual(['mgmt', 'aws-prod', 'azure-prod', 'gcp-prod', ...clusters, 'vault', 'interconnect-aws-azure', 'interconnect-aws-gcp', 'interconnect-azure-gcp', 'global-dns']);
    expectConverged(full, fullRun, 'fleet-wide stacks applied');
    // The clusters were pushed before any fleet-wide stack was applied.
    const commits = git(path.join(full.work, 'origin.git'), 'log', '--format=%s', 'main').split('\n').filter(Boolean);
    expect(commits.slice(0, 2)).toEqual(['fleet-wide stacks applied', 'clusters created']);
    // The links wait for someone to check them: synth holds their mesh traffic back, on the public gateways.
    expect(fullRun.output.slice(fullRun.output.lastIndexOf('\nclusters: '))).toMatch(/over link/);
    const left = full.stackFolders().filter((f) => !f.configured).map((f) => f.name);
    expect(left).toEqual(['argocd-oidc-444455556666', 'interconnect-aws-old', 'old-prod']);
    // and synth said so
    for (const name of left) expect(fullRun.output).toContain(`  left:    terraform/stacks/${name}/ (no stack any more`);
    // init -upgrade: the lock file's older selection gave way to the configuration's pin.
    const pin = JSON.parse(fs.readFileSync(path.join(full.dir, STACKS, 'mgmt', 'cdk.tf.json'), 'utf8')).terraform.required_providers.aws.version;
    expect(fs.readFileSync(path.join(full.dir, STACKS, 'mgmt', '.terraform.lock.hcl'), 'utf8')).toContain(`version     = "${pin}"`);
  });

  test('the vault stack\'s plan and apply each log in with a JWT minted just before (VAULT_JWT_COMMAND): a CI\'s OIDC token lives minutes', () => {
    const vault = fullRun.calls.filter((c) => c.stack === 'vault' && (c.command === 'plan' || c.command === 'apply'));
    expect(vault.map((c) => [c.command, c.vaultJwt])).toEqual([['plan', 'jwt-1'], ['apply', 'jwt-2']]);
    // No stack before it is given one, and no other stack mints one.
    const first = fullRun.calls.findIndex((c) => c.stack === 'vault');
    expect(fullRun.calls.slice(0, first).filter((c) => c.vaultJwt !== undefined)).toEqual([]);
    // Without the command, the script leaves the environment as the job set it: no JWT.
    expect(scaffoldRun.calls.filter((c) => c.vaultJwt !== undefined)).toEqual([]);
  });

  test('a VAULT_JWT_COMMAND that fails anywhere in its pipeline, or prints no token (jq\'s null), stops the script before Terraform logs in with nothing', () => {
    const fn = /^vault_login\(\) \{[\s\S]*?^\}$/m.exec(script)![0];
    const login = (command: string, stack = 'vault') => spawnSync('bash', ['-c', `set -euo pipefail\n${fn}\nvault_login ${stack}\necho "jwt=$TERRAFORM_VAULT_AUTH_JWT"`], { encoding: 'utf8', env: { PATH: process.env.PATH, VAULT_JWT_COMMAND: command } });
    expect(login('echo eyJ.token').stdout).toBe('jwt=eyJ.token\n');
    // curl -sSf failing prints nothing, and jq -r .value of nothing exits 0: only pipefail sees the failure.
    expect(login('false | cat').status).not.toBe(0);
    // jq -r .value of a reply without the field prints null.
    expect(login('echo null').status).not.toBe(0);
    const empty = login('true');
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('VAULT_JWT_COMMAND printed no token');
    // Another stack: the command is not run.
    expect(login('exit 1', 'mgmt').status).toBe(1); // set -u: TERRAFORM_VAULT_AUTH_JWT was never set
    expect(login('exit 1', 'mgmt').stderr).toContain('TERRAFORM_VAULT_AUTH_JWT: unbound variable');
  });

  test('management cluster not on EKS: Argo CD\'s OIDC provider stack after the first synth, before the workload clusters; a cluster named interconnect-… saves its outputs where synth reads them', () => {
    expect(applied(oidcRun)).toEqual(['mgmt', 'argocd-oidc-100000000002', 'interconnect-edge']);
    expect(fs.existsSync(path.join(oidc.dir, 'terraform-outputs', 'interconnect-edge.json'))).toBe(true);
    expectConverged(oidc, oidcRun);
  });

  test('taking a checked link\'s outputs in (README block): synth moves its mesh traffic onto it, and nothing is held back once every pair is in', async () => {
    const promote = readmeBlock('promote-links');
    expect(promote).toMatch(/^pair=aws-gcp\b/m);
    for (const pair of ['aws-azure', 'aws-gcp', 'azure-gcp']) {
      const r = await full.run(promote.replace(/^pair=aws-gcp\b/m, `pair=${pair}`));
      expect(show(r)).toMatch(/^exit 0\n/);
      expect(r.calls).toEqual([]);
      expect(git(path.join(full.work, 'origin.git'), 'log', '-1', '--format=%s', 'main')).toBe(`mesh traffic over interconnect-${pair}\n`);
      const held = heldBack(r.output.slice(r.output.lastIndexOf('\nclusters: ')));
      if (pair === 'azure-gcp') expect(held).toEqual([]);
      else expect(held.length).toBeGreaterThan(0);
    }
    const istiod = fs.readdirSync(path.join(full.dir, 'dist', 'k8s'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('mgmt-istiod.yaml'))!;
    expect(fs.readFileSync(path.join(full.dir, 'dist', 'k8s', istiod), 'utf8')).toContain('istio-eastwestgateway-private.istio-system.svc.cluster.local');
  });

  test('the stand-alone outputs command saves a stack\'s outputs, and leaves the saved file as it was when terraform output fails', async () => {
    const save = readmeBlock('save-outputs');
    expect(save).toMatch(/^s=aws-prod\b/m);
    const file = path.join(full.dir, 'terraform-outputs', 'aws-prod.json');
    const saved = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, '{}\n');
    const failing = await full.run(save, 'aws-prod');
    expect(failing.status).not.toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('{}\n');
    const ok = await full.run(save);
    expect(show(ok)).toMatch(/^exit 0\n/);
    expect(ok.calls.map((c) => c.command)).toEqual(['init', 'output']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(JSON.parse(saved));
  });
});
