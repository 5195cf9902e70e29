import * as fs from 'fs';
import * as path from 'path';
import { mountSkip, withTmpfs } from '../../test/mount';
import { readTree, tempDir, writeTree } from '../../test/tree';
import { buildIndex, INDEX_FILE, OutputIndex, sha256 } from './output-index';
import { planChanges, planProblems } from './plan';

const generated = { 'k8s/aws/mgmt/a.yaml': 'a\n', 'k8s/aws/mgmt/b.yaml': 'b\n', 'terraform/stacks/mgmt/cdk.tf.json': '{}\n' };
const files = Object.entries(generated).map(([p, content]) => ({ path: p, content }));

/** An output folder as a previous synth left it, which also generated `extra`. */
function previousSynth(extra: Record<string, string> = {}): { out: string; index: OutputIndex } {
  const out = path.join(tempDir(), 'dist');
  const all = { ...generated, ...extra };
  const index = buildIndex(Object.entries(all).map(([p, content]) => ({ path: p, content })));
  writeTree(out, { ...all, [INDEX_FILE]: index });
  return { out, index: JSON.parse(index) };
}

describe('planChanges', () => {
  test('an up-to-date folder: every file unchanged, nothing to do', () => {
    const { out, index } = previousSynth();
    const plan = planChanges(out, files, index);
    expect([...plan.unchanged].sort()).toEqual([...Object.keys(generated), INDEX_FILE].sort());
    expect([plan.added, plan.changed, plan.stale, plan.kept, plan.foreign, plan.refused]).toEqual([[], [], [], [], [], []]);
  });

  test('a stale file that still holds what synth wrote is removed, and its old bytes are kept for the diff', () => {
    const { out, index } = previousSynth({ 'k8s/aws/old/c.yaml': 'c\n' });
    const plan = planChanges(out, files, index);
    expect(plan.stale).toEqual(['k8s/aws/old/c.yaml']);
    expect(plan.previous.get('k8s/aws/old/c.yaml')?.toString()).toBe('c\n');
    expect(plan.kept).toEqual([]);
  });

  test('a stale file edited by hand since synth wrote it is kept and reported', () => {
    const { out, index } = previousSynth({ 'k8s/aws/old/c.yaml': 'c\n' });
    fs.appendFileSync(path.join(out, 'k8s/aws/old/c.yaml'), '# mine now\n');
    const plan = planChanges(out, files, index);
    expect(plan.stale).toEqual([]);
    expect(plan.kept).toEqual([{ path: 'k8s/aws/old/c.yaml', reason: 'edited' }]);
  });

  test('an index entry naming a folder is reported as not a regular file, never removed', () => {
    const { out } = previousSynth();
    writeTree(out, { 'k8s/aws/team/theirs.yaml': 'foreign\n' });
    const index = { generator: 'fleetsynth' as const, files: { ...Object.fromEntries(files.map((f) => [f.path, sha256(f.content)])), 'k8s/aws/team': sha256('x') } };
    const plan = planChanges(out, files, index);
    expect(plan.stale).toEqual([]);
    expect(plan.kept).toEqual([{ path: 'k8s/aws/team', reason: 'not a regular file' }]);
  });

  test('fails when a cluster folder is a symlink out of the output folder, naming it, and reads nothing through it', () => {
    const { out, index } = previousSynth();
    const outside = tempDir();
    writeTree(outside, { 'a.yaml': 'a\n' });
    fs.rmSync(path.join(out, 'k8s/aws/mgmt'), { recursive: true });
    fs.symlinkSync(outside, path.join(out, 'k8s/aws/mgmt'));
    const plan = planChanges(out, files, index);
    expect(plan.refused).toEqual([{ path: 'k8s/aws/mgmt', message: 'is a symlink; synth never follows symlinks inside the output folder' }]);
    expect(plan.unchanged).not.toContain('k8s/aws/mgmt/a.yaml');
    expect(planProblems(plan, 'dist').map((p) => p.path)).toEqual(['dist/k8s/aws/mgmt']);
  });

  test.each([
    ['a generated file is a symlink', 'k8s/aws/mgmt/a.yaml', {}],
    ['a stale file is a symlink', 'k8s/aws/old/c.yaml', { 'k8s/aws/old/c.yaml': 'c\n' }],
    ['the index is a symlink', INDEX_FILE, {}],
  ])('fails when %s, naming it', (_, link, extra) => {
    const { out, index } = previousSynth(extra);
    const target = path.join(tempDir(), 'target');
    fs.copyFileSync(path.join(out, link), target);
    fs.rmSync(path.join(out, link));
    fs.symlinkSync(target, path.join(out, link));
    expect(planChanges(out, files, index).refused.map((r) => r.path)).toEqual([link]);
  });

  test('fails when a folder is where synth writes a file, or a file where it needs a folder', () => {
    const { out, index } = previousSynth();
    fs.rmSync(path.join(out, 'k8s/aws/mgmt/a.yaml'));
    fs.mkdirSync(path.join(out, 'k8s/aws/mgmt/a.yaml'));
    fs.rmSync(path.join(out, 'terraform/stacks/mgmt'), { recursive: true });
    fs.writeFileSync(path.join(out, 'terraform/stacks/mgmt'), 'a file\n');
    expect(planChanges(out, files, index).refused).toEqual([
      { path: 'k8s/aws/mgmt/a.yaml', message: 'is a folder where synth writes a file' },
      { path: 'terraform/stacks/mgmt', message: 'is a file where synth needs a folder (to write terraform/stacks/mgmt/cdk.tf.json)' },
    ]);
  });

  test('a file synth did not generate where it would write is foreign', () => {
    const out = path.join(tempDir(), 'dist');
    writeTree(out, { 'k8s/aws/mgmt/a.yaml': 'mine\n' });
    expect(planChanges(out, files, undefined).foreign).toEqual(['k8s/aws/mgmt/a.yaml']);
  });

  test('never looks into synth\'s own work folder', () => {
    const { out, index } = previousSynth();
    writeTree(out, { '.fleetsynth/staging/new/k8s/aws/mgmt/a.yaml': 'half\n', '.fleetsynth/lock': '{}' });
    const plan = planChanges(out, files, index);
    expect(plan.unchanged.length).toBe(files.length + 1);
    expect(readTree(out)['.fleetsynth/lock']).toBe('{}');
  });

  // A real mount point needs root (mount -t tmpfs); elsewhere this reports itself skipped, with the reason.
  (mountSkip ? test.skip : test)(`fails when a folder inside the output folder is another file system (a mount point), naming it${mountSkip ? ` (skipped: ${mountSkip})` : ''}`, () => {
    const { out, index } = previousSynth();
    const refused = withTmpfs(path.join(out, 'k8s/aws/mgmt'), () => planChanges(out, files, index).refused);
    expect(refused.map((r) => r.path)).toEqual(['k8s/aws/mgmt']);
  });
});
