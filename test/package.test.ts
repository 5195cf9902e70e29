import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { linkInstalledPackages, scratchLockfile } from './scratch-project';
import { diskTmpDir, tempDir } from './tree';

/*
 * The package as a user gets it: `npm pack`, installed offline into a scratch project, then
 * `fleetsynth init`, `npm run synth`, `npm run check` (with the fleet's type check) and the
 * scaffolded snapshot test, in that project. The install uses only the npm cache (which this
 * repository's `npm ci` fills): where the cache cannot provide a package, the test reports itself
 * skipped with the reason; it never passes without installing. See scratch-project.ts for why the
 * scratch project gets a lockfile.
 */

const ROOT = path.join(__dirname, '..');
const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
const run = (cmd: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const output = (r: SpawnSyncReturns<string>) => `exit ${r.status}\n${`${r.stdout}\n${r.stderr}`.slice(-4000)}`;

// On the disk: the scratch project hard-links this repository's installed packages (see below).
const work = tempDir('fleetsynth-pack-', diskTmpDir());
const project = path.join(work, 'gitops');
fs.mkdirSync(project);

// The tarball, as `npm pack` makes it (build/ is fresh: jest's global setup built it; prepare would rebuild it).
const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
const packed = pack.status === 0 ? (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0] : undefined;
const tarball = packed ? path.join(work, packed.filename) : '';

// The scratch project: fleetsynth from the tarball kept inside it (vendor/, as the README says: a fresh
// clone has it), and what `fleetsynth init` adds (at the versions it pins).
const devDependencies = Object.fromEntries(['typescript', 'jest', 'ts-jest', '@types/jest', '@types/node'].map((p) => [p, own.devDependencies[p]]));
const spec = `file:vendor/${packed?.filename}`;
let skip: string | undefined;
let install: SpawnSyncReturns<string> | undefined;
let linked = false;
/** The scratch lockfile as written (npm rewrites package-lock.json as it installs). */
let scratchLock: { packages: Record<string, { optional?: boolean }> } | undefined;
if (packed) {
  fs.mkdirSync(path.join(project, 'vendor'));
  fs.copyFileSync(tarball, path.join(project, 'vendor', packed.filename));
  fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'gitops', version: '0.1.0', private: true, dependencies: { fleetsynth: spec }, devDependencies }, null, 2)}\n`);
  const { lock, missing } = scratchLockfile(path.join(ROOT, 'package-lock.json'), tarball, spec, own, devDependencies, 'gitops');
  if (missing.length > 0) throw new Error(`the package's dependencies are not in this repository's lockfile: ${missing.join(', ')}`);
  fs.writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  scratchLock = structuredClone(lock) as typeof scratchLock;
  // The dependencies hard-linked from this repository's node_modules (what `npm ci` would unpack from
  // the cache, byte for byte), then `npm install` from the lockfile unpacks the tarball; where hard
  // links are impossible, `npm ci` unpacks everything (scratch-project.ts).
  linked = linkInstalledPackages(ROOT, project, lock);
  install = run('npm', [linked ? 'install' : 'ci', '--offline', '--no-audit', '--no-fund'], project);
  // With the dependencies linked, npm needs nothing from the cache: ENOTCACHED there is a lockfile npm re-resolved, a failure.
  if (!linked && install.status !== 0 && /ENOTCACHED/.test(install.stderr)) skip = `the npm cache cannot provide every package offline (run npm ci in this repository first): ${/ENOTCACHED[^\n]*\n[^\n]*/.exec(install.stderr)?.[0] ?? ''}`;
}

describe('the package, installed into a scratch project', () => {
  test('npm pack: compiled JavaScript with declarations, the command and the schema; no sources, tests, snapshots, dist/ or apps/', () => {
    expect(output(pack)).toMatch(/^exit 0/);
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/fleetsynth.js', 'build/lib/index.js', 'build/lib/index.d.ts', 'build/lib/testing/index.js', 'build/lib/testing/index.d.ts', 'build/lib/cli/index.js', 'build/lib/synth/schema-worker.mjs', 'build/schema/fleet.schema.json', 'schema/fleet.schema.json']));
    const unwanted = files.filter((f) => /\.test\.|__snapshots__|^dist\/|^apps\/|^test\/|^bench\/|^examples\/|^scripts\/|tsbuildinfo|\.built$|^lib\/|(?<!\.d)\.ts$/.test(f));
    expect(unwanted).toEqual([]);
  });

  if (skip) {
    // jest does not print the names of skipped tests in a wholly skipped block: say why here too.
    console.warn(`package round trip skipped: ${skip}`);
    test.skip(`npm ci --offline, fleetsynth init, npm run synth, npm run check, npm test (skipped: ${skip})`, () => undefined);
    return;
  }

  test('installs offline from its lockfile: the tarball unpacked, exactly the packages the lockfile names', () => {
    expect(output(install!)).toMatch(/^exit 0/);
    expect(fs.existsSync(path.join(project, 'node_modules', '.bin', 'fleetsynth'))).toBe(true);
    // the package came from the tarball (a fresh copy, not a link into this repository)
    const entry = path.join(project, 'node_modules', 'fleetsynth', 'build', 'lib', 'index.js');
    expect(fs.readFileSync(entry, 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'build', 'lib', 'index.js'), 'utf8'));
    expect(fs.statSync(entry).ino).not.toBe(fs.statSync(path.join(ROOT, 'build', 'lib', 'index.js')).ino);
    // The tree holds exactly the packages of the lockfile written before the install: nothing missing, nothing
    // more (a forgotten dependency stays missing). Read from node_modules itself, not from npm's own records.
    const installedPackages = (dir: string, at: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).flatMap((e) => {
        if (e.name.startsWith('@')) return installedPackages(path.join(dir, e.name), `${at}${e.name}/`);
        const key = `${at}${e.name}`;
        const nested = path.join(dir, e.name, 'node_modules');
        return [key, ...(fs.existsSync(nested) ? installedPackages(nested, `${key}/node_modules/`) : [])];
      });
    const installed = installedPackages(path.join(project, 'node_modules'), 'node_modules/').sort();
    const expected = Object.keys(scratchLock!.packages).filter((k) => k !== '');
    expect(installed.filter((k) => !expected.includes(k))).toEqual([]);
    // optional: fsevents, for macOS only
    expect(expected.filter((k) => !installed.includes(k) && !scratchLock!.packages[k].optional)).toEqual([]);
  }, 300_000);

  test('npx fleetsynth init scaffolds the repository around the installed package', () => {
    const r = run('npx', ['--offline', 'fleetsynth', 'init'], project);
    expect(output(r)).toMatch(/^exit 0/);
    for (const f of ['tsconfig.json', 'jest.config.cjs', 'apps/fleet.ts', 'test/fleet.test.ts', '.gitignore', '.github/workflows/fleetsynth.yml']) expect(r.stdout).toContain(`  wrote:   ${f}`);
    expect(r.stdout).toContain('  updated: package.json');
    // the tarball is inside the repository: nothing to warn about
    expect(r.stderr).not.toContain('warning');
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({ synth: 'fleetsynth synth', check: 'fleetsynth check --types', typecheck: 'tsc --noEmit', test: 'jest' });
    expect(pkg.dependencies).toEqual({ fleetsynth: spec });
  }, 300_000);

  test('npm run synth writes dist/ from the scaffolded fleet, through the installed package', () => {
    const r = run('npm', ['run', 'synth', '--silent'], project);
    expect(output(r)).toMatch(/^exit 0/);
    expect(r.stdout).toMatch(/^files: \d+ written, 0 unchanged, 0 removed/m);
    expect(fs.existsSync(path.join(project, 'dist', 'k8s', 'aws', 'mgmt', 'argocd'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'dist', 'terraform', 'stacks', 'prod', 'cdk.tf.json'))).toBe(true);
  }, 300_000);

  test('npm run check (with the fleet\'s type check) finds dist/ up to date, and its hint names the package script', () => {
    const r = run('npm', ['run', 'check', '--silent'], project);
    expect(output(r)).toMatch(/^exit 0/);
    expect(r.stdout).toContain('dist/ is up to date');
    fs.appendFileSync(path.join(project, 'dist', 'fleet.md'), 'edited\n');
    // --cluster judges only that cluster's files (the installed command; the type check above is not repeated).
    const stale = run('npx', ['--offline', 'fleetsynth', 'check', '--cluster', 'prod'], project);
    expect(stale.status).toBe(0);
    const all = run('npm', ['run', 'check', '--silent'], project);
    expect(all.status).toBe(3);
    expect(all.stdout).toContain('dist/ is out of date: 0 added, 1 changed, 0 stale; run npm run synth\n');
  }, 300_000);

  test('npm run typecheck (the workflow runs it) type-checks the tests too, which jest only transpiles', () => {
    const ok = run('npm', ['run', 'typecheck', '--silent'], project);
    expect(output(ok)).toMatch(/^exit 0/);
    const testFile = path.join(project, 'test', 'fleet.test.ts');
    const original = fs.readFileSync(testFile, 'utf8');
    try {
      fs.appendFileSync(testFile, "export const notANumber: number = 'oops' as string;\n");
      const bad = run('npm', ['run', 'typecheck', '--silent'], project);
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/test\/fleet\.test\.ts\(\d+,\d+\): error TS2322/);
    } finally {
      fs.writeFileSync(testFile, original);
    }
  }, 300_000);

  test('the scaffolded snapshot test passes: snapshots written on the first run, matched on the next', () => {
    const first = run('npm', ['test', '--silent', '--', '--ci=false'], project);
    expect(output(first)).toMatch(/^exit 0/);
    expect(first.stderr).toMatch(/\d+ snapshots? written/);
    const second = run('npm', ['test', '--silent', '--', '--ci'], project);
    expect(output(second)).toMatch(/^exit 0/);
    expect(second.stderr).toMatch(/Snapshots:\s+\d+ passed, \d+ total/);
  }, 300_000);

  test('in a "type": "module" package too: the tests (jest.config.cjs stays CommonJS), the type check (node16 reads the files as ESM) and check --types', () => {
    const pkgFile = path.join(project, 'package.json');
    const original = fs.readFileSync(pkgFile, 'utf8');
    fs.writeFileSync(pkgFile, `${JSON.stringify({ ...JSON.parse(original), type: 'module' }, null, 2)}\n`);
    try {
      expect(output(run('npm', ['run', 'typecheck', '--silent'], project))).toMatch(/^exit 0/);
      const tests = run('npm', ['test', '--silent', '--', '--ci'], project);
      expect(output(tests)).toMatch(/^exit 0/);
      expect(tests.stderr).toMatch(/Snapshots:\s+\d+ passed, \d+ total/);
      // the fleet loaded and type-checked as ESM (fleet.md is stale since the check above: --cluster leaves it aside)
      expect(output(run('npx', ['--offline', 'fleetsynth', 'check', '--types', '--cluster', 'prod'], project))).toMatch(/^exit 0/);
    } finally {
      fs.writeFileSync(pkgFile, original);
    }
  }, 300_000);
});
