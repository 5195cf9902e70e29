import * as fs from 'fs';
import * as path from 'path';
import { FleetError } from '../fleet';
import { tempDir, writeTree } from '../../test/tree';
import { buildIndex, INDEX_FILE, readIndex } from './output-index';

function withIndex(content: string): string {
  const out = path.join(tempDir(), 'dist');
  writeTree(out, { [INDEX_FILE]: content });
  return out;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a FleetError');
}

const HASH = 'a'.repeat(64);

describe('readIndex', () => {
  test('reads what buildIndex wrote', () => {
    const out = withIndex(buildIndex([{ path: 'k8s/a.yaml', content: 'a\n' }]));
    expect(Object.keys(readIndex(out)!.files)).toEqual(['k8s/a.yaml']);
  });

  test('no index: undefined', () => {
    expect(readIndex(path.join(tempDir(), 'dist'))).toBeUndefined();
  });

  test('fails when an entry is not a plain relative path inside the output folder, or its hash is not a sha256', () => {
    const files = { '/etc/passwd': HASH, '../outside.yaml': HASH, 'k8s/../../x': HASH, 'k8s//a.yaml': HASH, './a.yaml': HASH, '.fleetsynth/lock': HASH, [INDEX_FILE]: HASH, 'k8s/ok.yaml': 'abc' };
    const out = withIndex(JSON.stringify({ generator: 'fleetsynth', files }));
    expect(problemsOf(() => readIndex(out, 'dist'))).toEqual([
      ...Object.keys(files).slice(0, -1).map((p) => `dist/${INDEX_FILE}: files[${JSON.stringify(p)}]: names a path synth never writes`),
      `dist/${INDEX_FILE}: files["k8s/ok.yaml"]: is not a sha256`,
    ]);
  });

  test.each([['not JSON', '{', 'is not valid JSON'], ['not ours', '{"files":{}}', 'is not a fleetsynth index']])('fails when the index is %s', (_, content, message) => {
    expect(problemsOf(() => readIndex(withIndex(content), 'dist'))[0]).toMatch(new RegExp(`^dist/${INDEX_FILE}: ${message}`));
  });

  test('fails when the index is a symlink, and never reads through it', () => {
    const out = path.join(tempDir(), 'dist');
    fs.mkdirSync(out);
    const target = path.join(tempDir(), 'index.json');
    fs.writeFileSync(target, buildIndex([]));
    fs.symlinkSync(target, path.join(out, INDEX_FILE));
    expect(problemsOf(() => readIndex(out, 'dist'))).toEqual([`dist/${INDEX_FILE}: is a symlink; synth never follows symlinks inside the output folder`]);
  });
});
