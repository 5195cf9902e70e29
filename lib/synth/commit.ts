import * as fs from 'fs';
import * as path from 'path';

/*
 * Applies a plan to the output folder so that it is never left half-written.
 *
 * Everything is first written into a staging folder beside the output folder (same file system,
 * so moves are atomic renames). A journal then lists every move; each replaced or removed file is
 * moved into the staging folder's backup before its new version is moved in. If anything throws,
 * the moves are undone at once. If the process dies mid-way, the next synth finds the journal and
 * undoes them before it does anything else. Files not named in the plan are never touched.
 */

export interface CommitPlan {
  /** Files to write (added or changed), relative to the output folder. */
  readonly write: readonly { path: string; content: string }[];
  /** Files to remove (stale generated files). */
  readonly remove: readonly string[];
}

interface Journal {
  readonly state: 'applying';
  /** Paths that existed before and are moved into backup/ (replaced or removed). */
  readonly backedUp: readonly string[];
  /** Paths that did not exist before. */
  readonly created: readonly string[];
  /** Folders this commit creates, deepest last. */
  readonly createdDirs: readonly string[];
  /** Folders that may be empty after removals (removed again if so), deepest first. */
  readonly pruneDirs: readonly string[];
}

export function stagingDirFor(outDir: string): string {
  const abs = path.resolve(outDir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.fleetsynth-staging`);
}

const JOURNAL = 'journal.json';

/** Whether a commit was interrupted (its journal is still there) and not yet rolled back. */
export function hasInterruptedCommit(outDir: string): boolean {
  return fs.existsSync(path.join(stagingDirFor(outDir), JOURNAL));
}

/** Undoes an interrupted commit (if its journal is there) and deletes any leftover staging folder. */
export function recoverInterruptedCommit(outDir: string): 'rolled-back' | 'cleaned' | 'none' {
  const staging = stagingDirFor(outDir);
  if (!fs.existsSync(staging)) return 'none';
  const journalFile = path.join(staging, JOURNAL);
  let result: 'rolled-back' | 'cleaned' = 'cleaned';
  if (fs.existsSync(journalFile)) {
    rollBack(outDir, staging, JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal);
    result = 'rolled-back';
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return result;
}

function ancestors(rel: string): string[] {
  const dirs: string[] = [];
  for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) dirs.unshift(d);
  return dirs;
}

function writeAtomic(file: string, content: string): void {
  fs.writeFileSync(`${file}.tmp`, content);
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Applies the plan. `step` is a test hook called before each move, so that a failure can be
 * injected mid-commit.
 */
export function commitPlan(outDir: string, plan: CommitPlan, step?: (what: string) => void): void {
  recoverInterruptedCommit(outDir);
  const staging = stagingDirFor(outDir);
  const fresh = path.join(staging, 'new');
  const backup = path.join(staging, 'backup');
  fs.mkdirSync(fresh, { recursive: true });
  for (const file of plan.write) {
    const target = path.join(fresh, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }

  const exists = (rel: string) => fs.existsSync(path.join(outDir, rel));
  const createdDirs = [...new Set(['.', ...plan.write.flatMap((f) => ancestors(f.path))])].filter((d) => !exists(d)).sort((a, b) => a.length - b.length);
  const pruneDirs = [...new Set(plan.remove.flatMap((f) => ancestors(f)))].sort((a, b) => b.length - a.length);
  const journal: Journal = {
    state: 'applying',
    backedUp: [...plan.write.map((f) => f.path).filter(exists), ...plan.remove],
    created: plan.write.map((f) => f.path).filter((p) => !exists(p)),
    createdDirs,
    pruneDirs,
  };
  writeAtomic(path.join(staging, JOURNAL), JSON.stringify(journal));

  try {
    for (const dir of createdDirs) fs.mkdirSync(path.join(outDir, dir), { recursive: true });
    for (const rel of journal.backedUp) {
      step?.(`backup ${rel}`);
      fs.mkdirSync(path.dirname(path.join(backup, rel)), { recursive: true });
      fs.renameSync(path.join(outDir, rel), path.join(backup, rel));
    }
    for (const file of plan.write) {
      step?.(`write ${file.path}`);
      fs.mkdirSync(path.dirname(path.join(outDir, file.path)), { recursive: true });
      fs.renameSync(path.join(fresh, file.path), path.join(outDir, file.path));
    }
    for (const dir of pruneDirs) removeIfEmpty(path.join(outDir, dir));
  } catch (e) {
    rollBack(outDir, staging, journal);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  // The journal goes first: once it is gone the commit counts as done, whatever else is left.
  fs.rmSync(path.join(staging, JOURNAL));
  fs.rmSync(staging, { recursive: true, force: true });
}

function removeIfEmpty(dir: string): void {
  try {
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Puts every file back as it was before the commit began. Safe to run on a partly applied journal. */
function rollBack(outDir: string, staging: string, journal: Journal): void {
  const backup = path.join(staging, 'backup');
  for (const rel of journal.created) fs.rmSync(path.join(outDir, rel), { force: true });
  for (const rel of journal.backedUp) {
    const saved = path.join(backup, rel);
    if (fs.existsSync(saved)) {
      const target = path.join(outDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(saved, target);
    }
  }
  for (const dir of [...journal.createdDirs].reverse()) removeIfEmpty(path.join(outDir, dir));
}
