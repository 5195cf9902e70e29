import * as fs from 'fs';
import * as path from 'path';
import { tempDir, writeTree } from '../../test/tree';
import { CACHE_FORMAT, folderFingerprint, MAX_AGE_MS, packageRoot, SynthCache } from './synth-cache';

describe('packageRoot: whose package.json names the dependencies that key the cache', () => {
  const root = tempDir();
  writeTree(root, {
    'repo/package.json': '{}',
    'repo/lib/synth/x.js': '',
    'repo/build/lib/synth/x.js': '',
    'app/node_modules/fleetsynth/package.json': '{}',
    'app/node_modules/fleetsynth/build/lib/synth/x.js': '',
    'loose/lib/synth/x.js': '',
  });

  test.each([
    ['the sources', 'repo/lib', 'repo'],
    // build/ has no package.json of its own: the repository's (it used to take build/, and no dependency keyed the cache)
    ['the build in this repository', 'repo/build/lib', 'repo'],
    ['the installed package', 'app/node_modules/fleetsynth/build/lib', 'app/node_modules/fleetsynth'],
  ])('from %s', (_, lib, expected) => {
    expect(packageRoot(path.join(root, lib))).toBe(path.join(root, expected));
  });

  test('a copy of lib/ alone: its parent (no package.json above it in the scratch tree)', () => {
    const lone = tempDir();
    fs.mkdirSync(path.join(lone, 'lib'));
    // the temporary folder's ancestors hold no package.json
    expect(packageRoot(path.join(lone, 'lib'))).toBe(lone);
  });
});

describe('SynthCache', () => {
  test('an entry reads back whole; an altered one is deleted and reads as missing', () => {
    const dir = tempDir();
    const cache = new SynthCache(dir);
    cache.write('unit/a.result', 'payload');
    expect(cache.read('unit/a.result')).toBe('payload');
    const file = path.join(dir, fs.readdirSync(dir)[0], 'unit', 'a.result');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('payload', 'paylaod'));
    expect(cache.read('unit/a.result')).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
    expect(cache.stats.corrupt).toBe(1);
  });
});

describe('folderFingerprint: the code that keys the cache', () => {
  test('changes with any file that runs, not with type declarations or source maps', () => {
    const dir = tempDir();
    writeTree(dir, { 'synth/a.js': 'a', 'synth/a.d.ts': 'd', 'synth/a.js.map': 'm', 'synth/w.mjs': 'w', 'synth/b.ts': 'b' });
    const before = folderFingerprint(dir);
    for (const [file, same] of [['synth/a.d.ts', true], ['synth/a.js.map', true], ['synth/a.js', false], ['synth/w.mjs', false], ['synth/b.ts', false]] as const) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      fs.writeFileSync(path.join(dir, file), `${text}!`);
      expect([file, folderFingerprint(dir) === before]).toEqual([file, same]);
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
});

describe('codeIdentity: everything of fleetsynth that runs', () => {
  // In a child process (the identity is computed once per process), from a copy of the build.
  const identityOf = (root: string) =>
    require('child_process').execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(path.join(root, 'lib/synth/synth-cache.js'))}).codeIdentity())`], { encoding: 'utf8' });

  test('changes when only the fleet\'s JSON Schema changes (read at run time by the unknown-field check)', () => {
    const build = path.join(__dirname, '..', '..', 'build');
    const root = path.join(tempDir(), 'build');
    fs.cpSync(path.join(build, 'lib'), path.join(root, 'lib'), { recursive: true });
    fs.cpSync(path.join(build, 'schema'), path.join(root, 'schema'), { recursive: true });
    const before = identityOf(root);
    expect(identityOf(root)).toBe(before);
    const file = path.join(root, 'schema', 'fleet.schema.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"mesh"', '"mesh2"'));
    expect(identityOf(root)).not.toBe(before);
  });
});

describe('prune: what no synth will read again leaves the cache', () => {
  const DAY = 24 * 3_600_000;
  const age = (file: string, ms: number, now: number) => fs.utimesSync(file, (now - ms) / 1000, (now - ms) / 1000);

  test('other formats, entries written more than 30 days ago, stale temporary files and empty folders go; the rest stays readable', () => {
    const dir = tempDir();
    const cache = new SynthCache(dir);
    const now = Date.now();
    cache.write('units/a/fresh.result', 'fresh');
    cache.write('units/a/old.result', 'old');
    cache.write('units/b/old.result', 'old');
    const v = path.join(dir, `v${CACHE_FORMAT}`);
    age(path.join(v, 'units/a/old.result'), MAX_AGE_MS + DAY, now);
    age(path.join(v, 'units/b/old.result'), MAX_AGE_MS + DAY, now);
    writeTree(dir, { 'v1/units/x.result': 'an older format', [`v${CACHE_FORMAT}/units/a/e.123.abcd.tmp`]: 'left by a killed synth', [`v${CACHE_FORMAT}/units/a/f.456.abcd.tmp`]: 'being written' });
    age(path.join(v, 'units/a/e.123.abcd.tmp'), 2 * 3_600_000, now);
    expect(cache.prune(now).removed).toBe(5); // v1, two old entries, a stale temporary file, units/b left empty
    expect(fs.existsSync(path.join(dir, 'v1'))).toBe(false);
    expect(fs.existsSync(path.join(v, 'units/b'))).toBe(false);
    expect(fs.existsSync(path.join(v, 'units/a/f.456.abcd.tmp'))).toBe(true);
    expect([cache.read('units/a/fresh.result'), cache.read('units/a/old.result')]).toEqual(['fresh', undefined]);
  });

  test('at most once a day', () => {
    const dir = tempDir();
    const cache = new SynthCache(dir);
    const now = Date.now();
    cache.write('units/a/old.result', 'old');
    cache.prune(now);
    age(path.join(dir, `v${CACHE_FORMAT}`, 'units/a/old.result'), MAX_AGE_MS + DAY, now);
    expect(cache.prune(now + 3_600_000).removed).toBe(0);
    expect(cache.read('units/a/old.result')).toBe('old');
    expect(cache.prune(now + DAY + 1).removed).toBe(3); // the entry, then units/a and units/ left empty
    expect(cache.read('units/a/old.result')).toBeUndefined();
  });

  test('a cache folder that does not exist or cannot be walked is no error', () => {
    expect(new SynthCache(path.join(tempDir(), 'missing')).prune().removed).toBe(0);
  });
});
