import * as fs from 'fs';
import * as path from 'path';
import { otherFileSystemDir, readTree, tempDir, writeTree } from '../../test/tree';
import { commitPlan, HalfAppliedError, hasInterruptedCommit, journalFileFor, recoverInterruptedCommit, stagingDirFor } from './commit';

const before = {
  'k8s/a/keep.yaml': 'old keep\n',
  'k8s/a/change.yaml': 'old change\n',
  'k8s/gone/stale.yaml': 'stale\n',
  'README.md': 'foreign\n',
};
const plan = {
  write: [
    { path: 'k8s/a/change.yaml', content: 'new change\n' },
    { path: 'k8s/b/new.yaml', content: 'new\n' },
  ],
  remove: ['k8s/gone/stale.yaml'],
};
const after = {
  'k8s/a/keep.yaml': 'old keep\n',
  'k8s/a/change.yaml': 'new change\n',
  'k8s/b/new.yaml': 'new\n',
  'README.md': 'foreign\n',
};

function setup(root = tempDir()): string {
  const out = path.join(root, 'dist');
  writeTree(out, before);
  return out;
}

describe('commitPlan', () => {
  test('writes, replaces and removes exactly what the plan names, prunes emptied folders and leaves no work folder', () => {
    const out = setup();
    commitPlan(out, plan);
    expect(readTree(out)).toEqual(after);
    expect(fs.existsSync(stagingDirFor(out))).toBe(false);
  });

  test('creates the output folder when there is none', () => {
    const out = path.join(tempDir(), 'nested', 'dist');
    commitPlan(out, { write: [{ path: 'a/b.yaml', content: 'x\n' }], remove: [] });
    expect(readTree(out)).toEqual({ 'a/b.yaml': 'x\n' });
  });

  test('stages inside the output folder, in a folder git ignores (a .gitignore of "*")', () => {
    const out = setup();
    let seen: string[] = [];
    let gitignore = '';
    commitPlan(out, plan, () => {
      seen = fs.readdirSync(path.join(out, '.fleetsynth'));
      gitignore = fs.readFileSync(path.join(out, '.fleetsynth', '.gitignore'), 'utf8');
    });
    expect(stagingDirFor(out)).toBe(path.join(out, '.fleetsynth', 'staging'));
    expect(seen.sort()).toEqual(['.gitignore', 'staging']);
    expect(gitignore.split('\n')).toContain('*');
  });

  const other = otherFileSystemDir();
  (other ? test : test.skip)(`works when the output folder is a symlink into another file system (${other ?? 'none here'})`, () => {
    const real = path.join(other!, 'dist');
    writeTree(real, before);
    const link = path.join(tempDir(), 'dist');
    fs.symlinkSync(real, link);
    // GIVEN the folder beside the link is on another file system than the output
    expect(fs.statSync(path.dirname(link)).dev).not.toBe(fs.statSync(real).dev);
    // WHEN
    commitPlan(fs.realpathSync(link), plan);
    // THEN
    expect(readTree(real)).toEqual(after);
    fs.rmSync(other!, { recursive: true, force: true });
  });

  test.each(['backup k8s/a/change.yaml', 'backup k8s/gone/stale.yaml', 'write k8s/a/change.yaml', 'write k8s/b/', 'done'])(
    'fails when a step throws (%s), and leaves the folder exactly as it was',
    (failAt) => {
      const out = setup();
      const expected = readTree(out);
      expect(() => commitPlan(out, plan, (step) => {
        if (step === failAt) throw new Error('injected');
      })).toThrow('injected');
      expect(readTree(out)).toEqual(expected);
      expect(fs.existsSync(stagingDirFor(out))).toBe(false);
    },
  );

  test('fails with HalfAppliedError when the roll-back fails too, keeps the journal, and the next run finishes the roll-back', () => {
    const out = setup();
    const expected = readTree(out);
    // GIVEN a commit that fails after moving change.yaml to its backup, where something then blocks putting it back
    let error: unknown;
    try {
      commitPlan(out, plan, (step) => {
        if (step === 'write k8s/b/') {
          fs.mkdirSync(path.join(out, 'k8s/gone/stale.yaml/blocker'), { recursive: true });
          throw new Error('disk full');
        }
      });
    } catch (e) {
      error = e;
    }
    // THEN the error says what state the folder is in
    expect(error).toBeInstanceOf(HalfAppliedError);
    const half = error as HalfAppliedError;
    expect(half.unrestored).toEqual(['k8s/gone/stale.yaml']);
    expect(half.journal).toBe(journalFileFor(out));
    expect(half.message).toBe(`roll-back failed: 1 file may be half-applied; the journal is kept at ${journalFileFor(out)}; run synth again to finish the roll-back (the commit failed first: disk full)`);
    expect(hasInterruptedCommit(out)).toBe(true);
    // WHEN the obstacle is gone and the next run recovers
    fs.rmSync(path.join(out, 'k8s/gone/stale.yaml'), { recursive: true });
    expect(recoverInterruptedCommit(out)).toBe('rolled-back');
    // THEN
    expect(readTree(out)).toEqual(expected);
  });

  test('an interrupted commit (process gone mid-way) is rolled back by the next run', () => {
    const out = setup();
    const expected = readTree(out);
    // Simulate a process that dies after its second move: copy the output folder (its staging
    // folder and journal inside) as it is at that moment, then put that copy back.
    let steps = 0;
    const frozen = `${out}.frozen`;
    expect(() => commitPlan(out, plan, () => {
      if (++steps === 3) {
        fs.cpSync(out, frozen, { recursive: true });
        throw new Error('killed');
      }
    })).toThrow('killed');
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(frozen, out);
    expect(hasInterruptedCommit(out)).toBe(true);
    expect(readTree(out)).not.toEqual(expected);
    // WHEN
    expect(recoverInterruptedCommit(out)).toBe('rolled-back');
    // THEN
    expect(readTree(out)).toEqual(expected);
  });

  test('a new folder moves in whole (one rename for its files), and a commit interrupted after that move is rolled back file by file', () => {
    const out = setup();
    const expected = readTree(out);
    const bigger = { ...plan, write: [...plan.write, { path: 'k8s/b/deep/one.yaml', content: '1\n' }, { path: 'k8s/b/deep/two.yaml', content: '2\n' }] };
    const steps: string[] = [];
    const frozen = `${out}.frozen`;
    // GIVEN a process that dies right after the new folder moved in
    expect(() => commitPlan(out, bigger, (step) => {
      steps.push(step);
      if (step === 'write k8s/a/change.yaml') {
        expect(readTree(path.join(out, 'k8s/b'))).toEqual({ 'new.yaml': 'new\n', 'deep/one.yaml': '1\n', 'deep/two.yaml': '2\n' });
        fs.cpSync(out, frozen, { recursive: true });
        throw new Error('killed');
      }
    })).toThrow('killed');
    expect(steps).toEqual(['backup k8s/a/change.yaml', 'backup k8s/gone/stale.yaml', 'write k8s/b/', 'write k8s/a/change.yaml']);
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(frozen, out);
    // WHEN the next run recovers
    expect(recoverInterruptedCommit(out)).toBe('rolled-back');
    // THEN
    expect(readTree(out)).toEqual(expected);
    // and uninterrupted, it takes one rename per replaced, removed or lone new file, and one for the new folder
    const again = setup();
    expect(commitPlan(again, bigger).renames).toBe(2 + 1 + 1);
    expect(readTree(again)).toEqual({ ...after, 'k8s/b/deep/one.yaml': '1\n', 'k8s/b/deep/two.yaml': '2\n' });
  });

  test('fails when a journal names a path outside the output folder, and touches nothing', () => {
    const out = setup();
    const outside = path.join(path.dirname(out), 'victim.txt');
    fs.writeFileSync(outside, 'mine\n');
    writeTree(stagingDirFor(out), { 'journal.json': JSON.stringify({ state: 'applying', backedUp: [], created: ['../victim.txt'], createdDirs: [], pruneDirs: [] }) });
    expect(() => recoverInterruptedCommit(out)).toThrow(HalfAppliedError);
    expect(fs.readFileSync(outside, 'utf8')).toBe('mine\n');
    expect(hasInterruptedCommit(out)).toBe(true);
  });

  test('fails when a path it would write goes through a symlink, before writing anything', () => {
    const out = setup();
    const elsewhere = tempDir();
    fs.symlinkSync(elsewhere, path.join(out, 'k8s/b'));
    const expected = readTree(out);
    expect(() => commitPlan(out, plan)).toThrow(`${path.join(out, 'k8s/b')} is a symlink`);
    expect(readTree(elsewhere)).toEqual({});
    expect(readTree(out)).toEqual(expected);
  });
});
