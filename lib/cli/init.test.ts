import * as fs from 'fs';
import * as path from 'path';
import { FleetError } from '../fleet';
import { readTree, tempDir, writeTree } from '../../test/tree';
import { initRepo, ownPackage } from './init';

/* `fleetsynth init`: what it writes, what it keeps, what it adds to. The installed round trip is test/package.test.ts. */

describe('fleetsynth init', () => {
  test('scaffolds package.json, tsconfig, jest config, a fleet, a snapshot test, .gitignore and a CI workflow', () => {
    const dir = path.join(tempDir(), 'acme-platform');
    const result = initRepo({ dir });
    expect(result.written).toEqual(['package.json', 'tsconfig.json', 'jest.config.cjs', 'apps/fleet.ts', 'test/fleet.test.ts', '.github/workflows/fleetsynth.yml', '.gitignore']);
    const tree = readTree(dir);
    const pkg = JSON.parse(tree['package.json']);
    const own = ownPackage();
    expect(pkg).toEqual({
      name: 'acme-platform',
      version: '0.1.0',
      private: true,
      scripts: { synth: 'fleetsynth synth', check: 'fleetsynth check --types', typecheck: 'tsc --noEmit', test: 'jest' },
      dependencies: { fleetsynth: `^${own.version}` },
      devDependencies: { typescript: own.devDependencies!.typescript, jest: own.devDependencies!.jest, 'ts-jest': own.devDependencies!['ts-jest'], '@types/jest': own.devDependencies!['@types/jest'], '@types/node': own.devDependencies!['@types/node'] },
    });
    expect(tree['apps/fleet.ts']).toContain("name: 'acme-platform'");
    expect(tree['apps/fleet.ts']).toContain("repoURL: 'https://github.com/acme/acme-platform-gitops.git'");
    expect(tree['test/fleet.test.ts']).toContain("from 'fleetsynth/testing'");
    const workflow = tree['.github/workflows/fleetsynth.yml'];
    expect(workflow).toContain('npm run check -- --diff');
    // the tests are type-checked too: jest only transpiles them
    expect(workflow).toContain('- run: npm run typecheck\n');
    expect(JSON.parse(tree['tsconfig.json']).include).toEqual(['apps', 'test']);
    // ^0.1.0 from a registry where fleetsynth is not published: npm install fails, or takes someone else's package
    expect(result.warnings).toEqual([`package.json: dependencies.fleetsynth is "^${own.version}", from the npm registry, where fleetsynth is not published: npm install fails (E404), or installs a package someone else published under that name; allowed the tarball inside the repository: mkdir -p vendor && cp <fleetsynth's folder>/fleetsynth-${own.version}.tgz vendor/ && npm install ./vendor/fleetsynth-${own.version}.tgz, and commit vendor/`]);
    expect(result.next).toBe(`next: cd ${dir} && npm install && npm run synth && npm test`);
  });

  test('writes package.json\'s dependencies in npm\'s order, so that the next npm install <package> moves none of them', () => {
    const dir = tempDir();
    writeTree(dir, { 'package.json': JSON.stringify({ name: 'acme', dependencies: { zod: '4.0.0' }, devDependencies: { vitest: '3.0.0' } }) });
    initRepo({ dir, name: 'acme' });
    const pkg = JSON.parse(readTree(dir)['package.json']);
    expect(Object.keys(pkg.dependencies)).toEqual(['fleetsynth', 'zod']);
    expect(Object.keys(pkg.devDependencies)).toEqual(['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript', 'vitest']);
  });

  test('keeps every file that exists, and adds to package.json and .gitignore only what they lack', () => {
    const dir = tempDir();
    writeTree(dir, {
      'package.json': JSON.stringify({ name: 'mine', scripts: { test: 'vitest' }, dependencies: { fleetsynth: 'file:../fleetsynth.tgz' } }),
      '.gitignore': 'node_modules/\n.env',
      'apps/fleet.ts': '// mine\n',
    });
    const result = initRepo({ dir, name: 'acme', repoURL: 'git@github.com:acme/gitops.git' });
    expect(result.kept).toEqual(['apps/fleet.ts']);
    expect(result.merged).toEqual(['package.json', '.gitignore']);
    const tree = readTree(dir);
    const pkg = JSON.parse(tree['package.json']);
    expect(pkg.scripts).toEqual({ synth: 'fleetsynth synth', check: 'fleetsynth check --types', typecheck: 'tsc --noEmit', test: 'vitest' });
    expect(pkg.dependencies).toEqual({ fleetsynth: 'file:../fleetsynth.tgz' });
    expect(tree['apps/fleet.ts']).toBe('// mine\n');
    expect(tree['.gitignore']).toBe('node_modules/\n.env\ncoverage/\ncdk8s.out/\ncdktf.out/\n.terraform/\n');
    expect(initRepo({ dir }).written).toEqual([]);
  });

  test.each([
    ['jest.config.js', { 'jest.config.js': 'module.exports = {};\n' }],
    ['jest.config.ts', { 'jest.config.ts': 'export default {};\n' }],
    ['jest.config.mjs', { 'jest.config.mjs': 'export default {};\n' }],
    ['a jest key in package.json', { 'package.json': JSON.stringify({ name: 'acme', jest: { testEnvironment: 'node' } }) }],
  ])('keeps the Jest configuration the repository has (%s): jest refuses to start with two', (_, files) => {
    const dir = tempDir();
    writeTree(dir, files);
    const result = initRepo({ dir, name: 'acme' });
    expect(result.written.filter((f) => f.startsWith('jest.config'))).toEqual([]);
    const own = Object.keys(files).find((f) => f.startsWith('jest.config'));
    if (own) expect(result.kept).toContain(own);
  });

  test('replaces npm init\'s placeholder test script (it always fails), and the scaffold checks what users write', () => {
    const dir = tempDir();
    writeTree(dir, { 'package.json': JSON.stringify({ name: 'acme', scripts: { test: 'echo "Error: no test specified" && exit 1' } }) });
    initRepo({ dir, name: 'acme' });
    const tree = readTree(dir);
    expect(JSON.parse(tree['package.json']).scripts.test).toBe('jest');
    // a fleet that does not parse fails the test (ts-jest's diagnostics on); Node's globals type-check
    expect(tree['jest.config.cjs']).not.toContain('diagnostics');
    expect(JSON.parse(tree['tsconfig.json']).compilerOptions.types).toEqual(['node', 'jest']);
    expect(tree['.github/workflows/fleetsynth.yml']).toContain('permissions:\n      contents: read');
  });

  test('warns when the fleetsynth dependency is a file outside the repository (a fresh clone cannot install it), not when it is inside', () => {
    const outside = tempDir();
    writeTree(outside, { 'package.json': JSON.stringify({ name: 'acme', dependencies: { fleetsynth: 'file:../fleetsynth/fleetsynth-0.1.0.tgz' } }) });
    expect(initRepo({ dir: outside, name: 'acme' }).warnings).toEqual([
      'package.json: dependencies.fleetsynth is "file:../fleetsynth/fleetsynth-0.1.0.tgz", outside this repository: a fresh clone (CI\'s npm ci) cannot install it; allowed a tarball inside the repository: mkdir -p vendor && cp ../fleetsynth/fleetsynth-0.1.0.tgz vendor/ && npm install ./vendor/fleetsynth-0.1.0.tgz, and commit vendor/',
    ]);
    const absolute = tempDir();
    writeTree(absolute, { 'package.json': JSON.stringify({ name: 'acme', dependencies: { fleetsynth: '/opt/fleetsynth-0.1.0.tgz' } }) });
    expect(initRepo({ dir: absolute, name: 'acme' }).warnings).toHaveLength(1);
    const inside = tempDir();
    writeTree(inside, { 'package.json': JSON.stringify({ name: 'acme', dependencies: { fleetsynth: 'file:vendor/fleetsynth-0.1.0.tgz' } }) });
    expect(initRepo({ dir: inside, name: 'acme' }).warnings).toEqual([]);
  });

  test('the default repository URL is a placeholder that does not double "-gitops"', () => {
    const dir = path.join(tempDir(), 'acme-gitops');
    initRepo({ dir });
    expect(readTree(dir)['apps/fleet.ts']).toContain("repoURL: 'https://github.com/acme/acme-gitops.git'");
  });

  test('fails when --name is not a DNS label, naming the option and what is allowed; nothing is written', () => {
    const dir = path.join(tempDir(), 'x');
    let error: unknown;
    try {
      initRepo({ dir, name: 'Acme Platform' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).problems[0]).toMatchObject({ path: '--name', given: '"Acme Platform"' });
    expect(fs.existsSync(dir)).toBe(false);
  });
});
