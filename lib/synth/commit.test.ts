import * as fs from 'fs';
import * as path from 'path';
import { readTree, tempDir, writeTree } from '../../test/tree';
import { commitPlan, recoverInterruptedCommit, stagingDirFor } from './commit';

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

function setup(): string {
  const out = path.join(tempDir(), 'dist');
  writeTree(out, before);
  return out;
}

describe('commitPlan', () => {
  test('writes, replaces and removes exactly what the plan names, and prunes emptied folders', () => {
    const out = setup();
    commitPlan(out, plan);
    expect(readTree(out)).toEqual({
      'k8s/a/keep.yaml': 'old keep\n',
      'k8s/a/change.yaml': 'new change\n',
      'k8s/b/new.yaml': 'new\n',
      'README.md': 'foreign\n',
    });
    expect(fs.existsSync(stagingDirFor(out))).toBe(false);
  });

  test('creates the output folder when there is none', () => {
    const out = path.join(tempDir(), 'nested', 'dist');
    commitPlan(out, { write: [{ path: 'a/b.yaml', content: 'x\n' }], remove: [] });
    expect(readTree(out)).toEqual({ 'a/b.yaml': 'x\n' });
  });

  test.each(['backup k8s/a/change.yaml', 'backup k8s/gone/stale.yaml', 'write k8s/a/change.yaml', 'write k8s/b/new.yaml'])(
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

  test('an interrupted commit (process gone mid-way) is rolled back by the next run', () => {
    const out = setup();
    const expected = readTree(out);
    // Simulate a process that dies after its second move: the step hook escapes without rollback
    // by freezing the staging folder's journal before the catch block runs.
    let steps = 0;
    const staging = stagingDirFor(out);
    const frozen = `${staging}.frozen`;
    expect(() => commitPlan(out, plan, () => {
      if (++steps === 3) {
        fs.cpSync(staging, frozen, { recursive: true });
        fs.cpSync(out, `${out}.frozen`, { recursive: true });
        throw new Error('killed');
      }
    })).toThrow('killed');
    // Put back the half-applied state the dead process would have left.
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(`${out}.frozen`, out);
    fs.renameSync(frozen, staging);
    expect(readTree(out)).not.toEqual(expected);
    // WHEN
    expect(recoverInterruptedCommit(out)).toBe('rolled-back');
    // THEN
    expect(readTree(out)).toEqual(expected);
    expect(fs.existsSync(staging)).toBe(false);
  });
});
