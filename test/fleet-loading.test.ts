import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { transpileTypeScript } from '../lib/cli/load-fleet';
import { tempDir, writeTree } from './tree';

/*
 * A TypeScript fleet file as the fleetsynth command loads it (bin/fleetsynth.js, compiled, with the
 * sucrase require hook): what is wrong with it keeps its file, line and column. Run as a child
 * process, as users run it: under jest, jest's own module system would load the file instead.
 */

const ROOT = path.join(__dirname, '..');
const fleetsynth = (args: string[], cwd: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fleetsynth.js'), ...args], { cwd, encoding: 'utf8' });

/** A scratch repository where `fleetsynth` resolves to this package, as in a user's repository after npm install. */
function repo(files: Record<string, string>): string {
  const dir = tempDir();
  writeTree(dir, files);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'fleetsynth'), 'dir');
  return dir;
}

const VALID = `import type { Fleet } from 'fleetsynth';
export const fleet: Fleet = {
  name: 'loading',
  gitops: { repoURL: 'https://git.example.com/loading.git' },
  clusters: [
    { name: 'mgmt', cloud: 'aws', region: 'us-west-2', kubernetesVersion: '1.35', role: 'management', labels: { env: 'test' },
      network: { nodeCidr: '10.0.0.0/16', podCidr: '100.64.0.0/16', serviceCidr: '172.20.0.0/16' },
      nodePools: [{ name: 'system', machineType: 'm7i.large', minSize: 1, maxSize: 3 }] },
  ],
};
`;

describe('loading a TypeScript fleet file', () => {
  test('ESM-style imports of fleetsynth and of the user\'s own files load, and synth runs', () => {
    const dir = repo({ 'fleet.ts': VALID.replace("import type { Fleet } from 'fleetsynth';", "import { Fleet, FLEET_DOCUMENT_EXTENSIONS } from 'fleetsynth';\nimport { NAME } from './name';").replace("name: 'loading'", 'name: NAME'), 'name.ts': "export const NAME: string = 'loading';\n" });
    const r = fleetsynth(['synth', '--fleet', 'fleet.ts'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist', 'k8s', 'aws', 'mgmt'))).toBe(true);
  });

  test('an import naming the compiled file (`./name.js`, as TypeScript\'s nodenext resolution requires in ESM) loads its TypeScript source', () => {
    // typescript src/compiler/moduleNameResolver.ts tryAddingExtensions: .js → .ts, .mjs → .mts
    const dir = repo({
      'package.json': '{ "type": "module" }\n',
      'fleet.ts': VALID.replace("import type { Fleet } from 'fleetsynth';", "import type { Fleet } from 'fleetsynth';\nimport { NAME } from './name.js';").replace("name: 'loading'", 'name: NAME'),
      'name.ts': "import { SUFFIX } from './suffix.mjs';\nexport const NAME: string = `load${SUFFIX}`;\n",
      'suffix.mts': "export const SUFFIX = 'ing';\n",
    });
    const r = fleetsynth(['synth', '--fleet', 'fleet.ts'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist', 'k8s', 'aws', 'mgmt'))).toBe(true);
  });

  test('fails when the fleet file has a syntax error, naming file, line and column, and writes nothing', () => {
    const dir = repo({ 'fleet.ts': VALID.replace("    { name: 'mgmt',", "    { name: 'mgmt' cloud: 'x',") });
    const r = fleetsynth(['synth', '--fleet', 'fleet.ts'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ {2}- fleet\.ts:6:20: syntax error: unexpected token, expected ","; allowed TypeScript or JavaScript that parses: fix the code at that line and column$/m);
    expect(r.stderr).toContain('nothing was written');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('fails when the fleet file imports a package that is not installed, naming the line and the install', () => {
    const dir = repo({ 'fleet.ts': `${VALID}import { extra } from 'not-installed-here/sub';\nexport const more = extra;\n` });
    const r = fleetsynth(['check', '--fleet', 'fleet.ts'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ {2}- fleet\.ts:11:\d+: could not be loaded: cannot find module "not-installed-here\/sub"; allowed a package installed in the fleet's repository \(npm install not-installed-here\)/);
  });

  test('fails when the fleet file throws, naming the line and column where it threw (in a function without a name, after imports sucrase rewrites)', () => {
    const dir = repo({ 'fleet.ts': "import * as path from 'path';\nconst x: number = 1;\nexport const fleet = (() => { throw new Error('broke ' + path.sep + x); })();\n" });
    const r = fleetsynth(['check', '--fleet', 'fleet.ts'], dir);
    expect(r.status).toBe(1);
    // Column 37 is `new Error`: sucrase puts its import helpers on line 1 and keeps lines, not columns; its source map takes the column back.
    expect(r.stderr).toMatch(/^ {2}- fleet\.ts:3:37: could not be loaded: broke \/1$/m);
  });

  test('fails with --types when the fleet file has a type error, naming file, line, column and the fix TypeScript suggests, and the fleet\'s validation problems at once', () => {
    const dir = repo({ 'fleet.ts': VALID.replace("kubernetesVersion: '1.35'", "kubernetesVersoin: '1.35'").replace("minSize: 1", "minSize: -1") });
    const r = fleetsynth(['check', '--types', '--fleet', 'fleet.ts'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('fleet file (TypeScript types and the fleet\'s validation) has 4 problems');
    expect(r.stderr).toMatch(/ {2}- fleet\.ts:6:56: type error TS2561: object literal may only specify known properties, but 'kubernetesVersoin' does not exist in type 'Cluster'\. Did you mean to write 'kubernetesVersion'\?/);
    // TypeScript stops at one error per object literal: the fleet's validation, run as the file loaded, reports the rest.
    expect(r.stderr).toContain('  - clusters[mgmt].kubernetesVersoin: unknown field; did you mean "kubernetesVersion"?');
    expect(r.stderr).toContain('  - clusters[mgmt].nodePools[system].minSize: must be a whole number of nodes; given -1');
    // Without --types the fleet's own validation finds it too, with its field path.
    const plain = fleetsynth(['check', '--fleet', 'fleet.ts'], dir);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('clusters[mgmt].kubernetesVersoin: unknown field; did you mean "kubernetesVersion"?');
  });

  test('transpiling keeps every line where it was (runtime errors point at the fleet file\'s own lines)', () => {
    const source = "import type { Fleet } from 'fleetsynth';\nimport { a } from './a';\ninterface X {\n  y: number;\n}\nenum E { A, B }\nexport const x: X = { y: a as number };\nthrow new Error(String(E.B));\n";
    const lines = transpileTypeScript(source, 'f.ts').split('\n');
    expect(lines.findIndex((l) => l.includes('throw new Error'))).toBe(7);
  });
});
