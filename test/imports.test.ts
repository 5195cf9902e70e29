import * as fs from 'fs';
import * as path from 'path';

/*
 * Import rules: each provider package only from its deep paths, and only in lib/infra/providers;
 * cdktf only in lib/infra/cdktf.ts; cdk8s-plus-28 only in lib/k8s/plus.ts. The root of a provider
 * package loads ~2,000 modules (seconds, hundreds of MiB); the one-module rule keeps a switch of
 * CDKTF (archived) or cdk8s-plus-28 (no more releases) to one file.
 */
const root = path.join(__dirname, '..');
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === '__snapshots__' ? [] : sourceFiles(rel);
    return /\.(ts|js)$/.test(e.name) ? [rel] : [];
  });
}

// examples/ is users' code (README examples): users import cdk8s-plus and provider classes themselves, deep paths only.
const userCode = (file: string) => file.startsWith('examples/');
const imports = ['lib', 'apps', 'test', 'bench', 'examples'].flatMap(sourceFiles).flatMap((file) =>
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(IMPORT)].map((m) => ({ file, module: m[1] })),
);

test('the scan sees the project\'s imports (it can fail)', () => {
  expect(imports.some((i) => i.file === 'lib/infra/providers/aws.ts' && i.module === '@cdktf/provider-aws/lib/eks-cluster')).toBe(true);
});

test('no file imports a provider package root', () => {
  expect(imports.filter((i) => /^@cdktf\/provider-[a-z]+\/?$/.test(i.module))).toEqual([]);
});

test('provider packages are imported only in lib/infra/providers/<provider>.ts', () => {
  expect(imports.filter((i) => i.module.startsWith('@cdktf/provider-') && !i.file.startsWith('lib/infra/providers/') && !userCode(i.file))).toEqual([]);
});

test('cdktf is imported only in lib/infra/cdktf.ts', () => {
  // deferred-archiver.test.ts and inline-source-maps.test.ts load cdktf in a child process or thread to see how Node loads it.
  expect(imports.filter((i) => /^cdktf(\/|$)/.test(i.module) && !['lib/infra/cdktf.ts', 'lib/infra/deferred-archiver.test.ts', 'lib/synth/inline-source-maps.test.ts'].includes(i.file))).toEqual([]);
});

test('cdk8s-plus-28 is imported only in lib/k8s/plus.ts', () => {
  expect(imports.filter((i) => i.module.startsWith('cdk8s-plus') && i.file !== 'lib/k8s/plus.ts' && !userCode(i.file))).toEqual([]);
});

test('lib/fleet imports neither cdk8s nor CDKTF', () => {
  expect(imports.filter((i) => i.file.startsWith('lib/fleet/') && !i.file.endsWith('.test.ts') && /^(cdk8s|cdktf|@cdktf|constructs)/.test(i.module))).toEqual([]);
});
