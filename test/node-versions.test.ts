import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { benchFleet, writeBenchOutputs } from '../bench/bench-fleet';
import { readTree, tempDir } from './tree';

/*
 * The Node.js releases users run (22 and 24; this repository's machines run 20, end of life): the
 * command synthesizes with each, as a user runs it, and writes the same bytes as the output committed
 * in dist/ (written with Node 20), with no warning of Node's own on stderr (a deprecation, an
 * experimental feature). A second fleet is large enough for render worker threads. The binaries are
 * those scripts/fetch-node.sh unpacks (CI runs it; offline there are none): without them each check
 * reports itself skipped, with the reason.
 */

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'fleetsynth.js');
const VERSIONS = /^VERSIONS=\(([^)]*)\)$/m.exec(fs.readFileSync(path.join(ROOT, 'scripts', 'fetch-node.sh'), 'utf8'))![1].split(' ');
const nodeBinary = (version: string) => path.join(ROOT, 'node_modules', '.cache', 'fleetsynth-node', version, 'bin', 'node');

/** Lines of Node's own warnings: `(node:<pid>) [DEP0044] DeprecationWarning: …`, `ExperimentalWarning`, … */
const nodeWarnings = (stderr: string) => stderr.split('\n').filter((l) => /^\(node:\d+\)|Warning: /.test(l) && !l.startsWith('fleetsynth: warning:'));

// Without what would silence Node's warnings (NODE_NO_WARNINGS=1, NODE_OPTIONS=--no-deprecation), under which no check below could fail.
const ENV = { ...process.env, NODE_NO_WARNINGS: undefined, NODE_OPTIONS: undefined, FLEETSYNTH_CACHE: 'off' };

function synthWith(node: string, args: readonly string[]) {
  const r = spawnSync(node, [BIN, 'synth', ...args], { cwd: ROOT, encoding: 'utf8', env: ENV });
  return { ...r, show: `exit ${r.status}\n${r.stderr.slice(-3000)}` };
}

describe.each(VERSIONS)('Node.js %s', (version) => {
  const node = nodeBinary(version);
  if (!fs.existsSync(node)) {
    const why = `no ${path.relative(ROOT, node)}: run scripts/fetch-node.sh (it needs the npm registry; CI runs it)`;
    // jest does not print the names of skipped tests in a wholly skipped file: say why here too.
    console.warn(`Node.js ${version} skipped: ${why}`);
    test.skip(`synthesizes the example as Node 20 does (skipped: ${why})`, () => undefined);
    return;
  }

  test('shows Node\'s own warnings where the synths run: util.isArray warns (DEP0044), and the check below sees it', () => {
    const r = spawnSync(node, ['-e', 'require("util").isArray([])'], { cwd: ROOT, encoding: 'utf8', env: ENV });
    expect(nodeWarnings(r.stderr)).toEqual([expect.stringContaining('[DEP0044] DeprecationWarning')]);
  });

  test('synthesizes the example: the bytes committed in dist/, and no warning of Node\'s own', () => {
    expect(spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(`v${version}`);
    const out = tempDir();
    const r = synthWith(node, ['--out', out]);
    expect([r.status, nodeWarnings(r.stderr)]).toEqual([0, []]);
    const committed = readTree(path.join(ROOT, 'dist'));
    const written = readTree(out);
    expect(Object.keys(written).sort()).toEqual(Object.keys(committed).sort());
    for (const [file, text] of Object.entries(committed)) expect([file, written[file] === text]).toEqual([file, true]);
  }, 120_000);

  // Over 32 units: two render worker threads on a machine of two cores or more (render-threads.ts autoThreads).
  test('synthesizes a fleet of 40 clusters, with no warning of Node\'s own', () => {
    const dir = tempDir();
    const fleet = benchFleet(40);
    fs.writeFileSync(path.join(dir, 'fleet.json'), JSON.stringify(fleet));
    writeBenchOutputs(fleet, path.join(dir, 'outputs'));
    const r = synthWith(node, ['--fleet', path.join(dir, 'fleet.json'), '--outputs', path.join(dir, 'outputs'), '--out', path.join(dir, 'dist')]);
    expect([r.status, nodeWarnings(r.stderr)]).toEqual([0, []]);
    expect(fs.existsSync(path.join(dir, 'dist', 'terraform', 'stacks', fleet.clusters[39].name, 'cdk.tf.json'))).toBe(true);
  }, 120_000);
});

describe('package.json engines (what npm checks on install, and refuses under engine-strict)', () => {
  // semver: npm's own range semantics (node-semver); the top-level copy is jest's, which has satisfies and minVersion.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lowest = semver.minVersion(own.engines.node)!.version;

  test('admits no Node.js a dependency refuses: the lowest it admits satisfies every runtime dependency\'s engines.node', () => {
    // A runtime dependency's engines, as the lockfile records them (npm ci reads them there); dev ones are not installed with the package.
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; engines?: { node?: string } }> };
    const refusing = Object.entries(lock.packages)
      .filter(([key, p]) => key !== '' && !p.dev && p.engines?.node && !semver.satisfies(lowest, p.engines.node))
      .map(([key, p]) => `${key.replace(/^.*node_modules\//, '')} (${p.engines!.node})`);
    expect(refusing).toEqual([]);
  });

  test('admits the releases the suite runs on', () => {
    for (const version of VERSIONS) expect(semver.satisfies(version, own.engines.node)).toBe(true);
  });
});
