import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './tree';

/*
 * scripts/build.js's stamp, which bin/fleetsynth.js and jest's global setup trust to say build/ holds
 * what lib/ says (test/built.js runs tests' helpers against build/). Run in a scratch copy of the
 * repository's layout, with a stand-in tsc (a real build takes 20-30 s of CPU), so the real build/
 * that other test files run is never touched.
 */

const BUILD_SCRIPT = path.join(__dirname, '..', 'scripts', 'build.js');

/** A scratch repository: scripts/build.js, a lib/ of one source written an hour ago, and a tsc that compiles it (and sees it saved again before it exits), or fails. */
function scratchRepository(tsc: 'compiles' | 'compiles-while-saved' | 'fails') {
  const root = tempDir('fleetsynth-build-');
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(BUILD_SCRIPT, path.join(root, 'scripts', 'build.js'));
  fs.mkdirSync(path.join(root, 'lib', 'synth'), { recursive: true });
  const source = path.join(root, 'lib', 'fleet.ts');
  fs.writeFileSync(source, 'export const minor = 34;\n');
  fs.writeFileSync(path.join(root, 'lib', 'synth', 'schema-worker.mjs'), '');
  const anHourAgo = Date.now() / 1000 - 3600;
  for (const f of [source, path.join(root, 'lib', 'synth', 'schema-worker.mjs')]) fs.utimesSync(f, anHourAgo, anHourAgo);
  fs.mkdirSync(path.join(root, 'node_modules', 'typescript', 'bin'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    `const fs = require('fs');
if (${JSON.stringify(tsc)} === 'fails') process.exit(2);
fs.mkdirSync('build/lib/synth', { recursive: true });
fs.writeFileSync('build/lib/fleet.js', fs.readFileSync('lib/fleet.ts', 'utf8'));
if (${JSON.stringify(tsc)} === 'compiles-while-saved') fs.writeFileSync('lib/fleet.ts', 'export const minor = 35;\\n');
`,
  );
  return root;
}

function run(root: string, args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { status: r.status, stale: r.stdout.trim() };
}
const build = (root: string) => run(root, ['scripts/build.js']);
const isStale = (root: string) => run(root, ['-e', "process.stdout.write(String(require('./scripts/build.js').isStale()))"]).stale;

describe('the build stamp (scripts/build.js)', () => {
  test('a build leaves build/ fresh: no rebuild until a source changes', () => {
    const root = scratchRepository('compiles');
    expect(isStale(root)).toBe('true');
    expect(build(root).status).toBe(0);
    expect(isStale(root)).toBe('false');
    fs.writeFileSync(path.join(root, 'lib', 'fleet.ts'), 'export const minor = 36;\n');
    expect(isStale(root)).toBe('true');
  });

  test('a source saved while tsc runs leaves build/ stale: the next run builds again, rather than run the code from before the save', () => {
    const root = scratchRepository('compiles-while-saved');
    expect(build(root).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'build', 'lib', 'fleet.js'), 'utf8')).toBe('export const minor = 34;\n');
    expect(isStale(root)).toBe('true');
  });

  test('a failed build leaves no stamp: still stale', () => {
    const root = scratchRepository('fails');
    expect(build(root).status).toBe(1);
    expect(fs.existsSync(path.join(root, 'build', '.built'))).toBe(false);
    expect(isStale(root)).toBe('true');
  });
});
