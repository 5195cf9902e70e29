import * as fs from 'fs';
import * as path from 'path';
import { fleet } from './full-fleet';
import { FleetError } from '../lib/fleet';
import { HalfAppliedError, INDEX_FILE, lockOutputFolder, OutputLockedError, synth, SynthOptions } from '../lib/synth';
import { mountSkip, remount, withTmpfs } from './mount';
import { fullFleet, withoutCluster } from './fleet-fixture';
import { otherFileSystemDir, readTree, tempDir, writeTree } from './tree';

/*
 * The output folder as a closed world, end to end through synth: the lock, symlinks, hand-edited
 * and non-file index entries, and output folders on another file system than their parent.
 */
const NO_OUTPUTS = path.join(__dirname, 'no-such-outputs-dir');
// Several cases drop azure-prod to have stale files: a removal these tests allow (removal-guard.ts).
const synthInto = (outDir: string, f: unknown = fleet, options: SynthOptions = {}) => synth(f, { outDir, outputsDir: NO_OUTPUTS, allowClusterRemoval: ['azure-prod'], ...options });

let template: Record<string, string> | undefined;
/** A dist/ as synth of the example fleet writes it. */
function existingDist(): string {
  const out = path.join(tempDir(), 'dist');
  if (!template) {
    synthInto(out);
    template = readTree(out);
  } else writeTree(out, template);
  return out;
}

const withoutAzure = () => {
  const f = fullFleet();
  withoutCluster(f, 'azure-prod');
  return f;
};

function problemPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e.problems.map((p) => p.path);
    throw e;
  }
  throw new Error('expected a FleetError');
}

describe('one synth at a time', () => {
  test('fails when another synth holds the output folder\'s lock, and writes nothing (--check too)', () => {
    const out = existingDist();
    fs.rmSync(path.join(out, 'terraform/stacks/mgmt/cdk.tf.json'));
    const other = lockOutputFolder(out, { mode: 'write' });
    const before = readTree(out);
    try {
      expect(() => synthInto(out, fleet, { waitSeconds: 0 })).toThrow(OutputLockedError);
      expect(() => synthInto(out, fleet, { waitSeconds: 0, check: true })).toThrow(OutputLockedError);
      expect(readTree(out)).toEqual(before);
    } finally {
      other.release();
    }
    // once it is let go, synth goes ahead and leaves no lock behind
    synthInto(out, fleet, { waitSeconds: 0 });
    expect(readTree(out)).toEqual(template);
  });

  test('an error after the lock was taken still lets go of it', () => {
    const out = existingDist();
    writeTree(out, { 'k8s/aws/aws-prod/_bootstrap/kube-system/configmap_cloud-config.yaml': 'someone else\'s\n' });
    fs.writeFileSync(path.join(out, INDEX_FILE), '{}');
    expect(() => synthInto(out)).toThrow(FleetError);
    expect(fs.existsSync(path.join(out, '.fleetsynth'))).toBe(false);
  });
});

describe('when writing fails', () => {
  test('a failed roll-back says which files may be half-applied, keeps the journal out of git\'s sight, and the next synth finishes it', () => {
    const out = existingDist();
    const blocked = 'k8s/azure/azure-prod/_bootstrap/kube-system/configmap_cloud-config.yaml';
    let error: unknown;
    try {
      synthInto(out, withoutAzure(), {
        hooks: {
          commitStep: (step) => {
            if (step.startsWith('write ')) {
              // the stale file is in the backup by now; a folder where it was blocks putting it back
              fs.mkdirSync(path.join(out, blocked, 'in-the-way'), { recursive: true });
              throw new Error('injected I/O error');
            }
          },
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HalfAppliedError);
    expect((error as HalfAppliedError).unrestored).toEqual([blocked]);
    // the lock is gone, the journal and its .gitignore stay
    expect(fs.readdirSync(path.join(out, '.fleetsynth')).sort()).toEqual(['.gitignore', 'staging']);
    // WHEN the obstacle is gone, the next synth rolls back first, then writes
    fs.rmSync(path.join(out, blocked), { recursive: true });
    const result = synthInto(out);
    expect(result.recovered).toBe('rolled-back');
    expect(readTree(out)).toEqual(template);
  });

  (mountSkip ? test.skip : test)(`a read-only output folder: synth fails naming it and writes nothing; --check still reads it${mountSkip ? ` (skipped: ${mountSkip})` : ''}`, () => {
    const out = path.join(tempDir(), 'dist');
    withTmpfs(out, () => {
      synthInto(out);
      remount(out, 'ro');
      try {
        expect(synthInto(out, fleet, { check: true }).upToDate).toBe(true);
        expect(problemPaths(() => synthInto(out, withoutAzure()))).toEqual([out]);
        expect(readTree(out)).toEqual(template);
      } finally {
        remount(out, 'rw');
      }
    });
  });
});

describe('symlinks inside the output folder', () => {
  test('fails when a cluster folder is a symlink out of the output folder, naming it; nothing is written or deleted on either side', () => {
    const out = existingDist();
    const outside = path.join(tempDir(), 'aws-prod');
    fs.renameSync(path.join(out, 'k8s/aws/aws-prod'), outside);
    fs.symlinkSync(outside, path.join(out, 'k8s/aws/aws-prod'));
    fs.appendFileSync(path.join(outside, '_bootstrap/kube-system/configmap_cloud-config.yaml'), 'edited: true\n');
    const [inside, there] = [readTree(out), readTree(outside)];
    // WHEN synth would rewrite a file in it (and prune the azure cluster elsewhere)
    expect(problemPaths(() => synthInto(out, withoutAzure()))).toEqual([path.join(out, 'k8s/aws/aws-prod')]);
    // THEN
    expect(readTree(out)).toEqual(inside);
    expect(readTree(outside)).toEqual(there);
  });

  test('fails when a stale file\'s folder is a symlink, and deletes nothing through it', () => {
    const out = existingDist();
    const outside = path.join(tempDir(), 'azure-prod');
    fs.renameSync(path.join(out, 'k8s/azure/azure-prod'), outside);
    fs.symlinkSync(outside, path.join(out, 'k8s/azure/azure-prod'));
    const there = readTree(outside);
    expect(problemPaths(() => synthInto(out, withoutAzure()))).toEqual([path.join(out, 'k8s/azure/azure-prod')]);
    expect(readTree(outside)).toEqual(there);
  });
});

describe('pruning only what synth wrote, as it wrote it', () => {
  test('a stale file edited by hand is kept and reported; the rest of the stale files go', () => {
    const out = existingDist();
    const edited = 'k8s/azure/azure-prod/_bootstrap/kube-system/configmap_cloud-config.yaml';
    fs.appendFileSync(path.join(out, edited), '# keep: mine now\n');
    // --check reports it too
    expect(synthInto(out, withoutAzure(), { check: true }).plan.kept).toEqual([{ path: edited, reason: 'edited' }]);
    const result = synthInto(out, withoutAzure());
    expect(result.plan.kept).toEqual([{ path: edited, reason: 'edited' }]);
    expect(result.plan.stale).not.toContain(edited);
    const tree = readTree(out);
    expect(Object.keys(tree).filter((p) => p.includes('azure-prod'))).toEqual([edited]);
    expect(tree[edited]).toMatch(/# keep: mine now\n$/);
    // it is the user's file now: no longer in the index
    expect(JSON.parse(tree[INDEX_FILE]).files[edited]).toBeUndefined();
  });

  test('an index entry naming a folder never deletes it, nor anything in it', () => {
    const out = existingDist();
    writeTree(out, { 'k8s/aws/team/theirs.yaml': 'foreign\n', 'k8s/aws/team/deep/more.yaml': 'foreign\n' });
    const index = JSON.parse(fs.readFileSync(path.join(out, INDEX_FILE), 'utf8'));
    index.files['k8s/aws/team'] = 'f'.repeat(64);
    fs.writeFileSync(path.join(out, INDEX_FILE), JSON.stringify(index));
    const result = synthInto(out);
    expect(result.plan.kept).toEqual([{ path: 'k8s/aws/team', reason: 'not a regular file' }]);
    expect(readTree(out)['k8s/aws/team/theirs.yaml']).toBe('foreign\n');
    expect(readTree(out)['k8s/aws/team/deep/more.yaml']).toBe('foreign\n');
  });
});

describe('an output folder on another file system than its parent', () => {
  const other = otherFileSystemDir();
  (other ? test : test.skip)(`a symlink into another file system (${other ?? 'none here'}) is written like any folder`, () => {
    const real = path.join(other!, 'dist');
    fs.mkdirSync(real);
    const link = path.join(tempDir(), 'dist');
    fs.symlinkSync(real, link);
    synthInto(link, withoutAzure());
    synthInto(link);
    expect(readTree(real)).toEqual(template ?? readTree(existingDist()));
    expect(synthInto(link, fleet, { check: true }).upToDate).toBe(true);
  });

  (mountSkip ? test.skip : test)(`a mount point is written like any folder${mountSkip ? ` (skipped: ${mountSkip})` : ''}`, () => {
    const out = path.join(tempDir(), 'dist');
    withTmpfs(out, () => {
      synthInto(out, withoutAzure());
      synthInto(out);
      expect(readTree(out)).toEqual(template ?? readTree(existingDist()));
    });
  });
});
