import * as fs from 'fs';
import * as path from 'path';
import { FleetError } from '../fleet/fleet-error';
import { isSafeRelativePath, OutputFolder, WORK_DIR } from './output-folder';

/*
 * Applies a plan to the output folder so that it is never left half-written.
 *
 * Everything is first written into a staging folder inside the output folder's own work folder
 * (`<out>/.fleetsynth/staging`: the same file system as the output, even when the output folder is
 * a mount point, so every move is an atomic rename). A journal then lists every move; each
 * replaced or removed file is moved into the staging folder's backup before its new version is
 * moved in. If anything throws, the moves are undone at once. If the process dies mid-way, the
 * next synth finds the journal and undoes them before it does anything else. Files not named in
 * the plan are never touched. The caller holds the output folder's lock (see output-lock.ts).
 */

export interface CommitPlan {
  /** Files to write (added or changed), relative to the output folder. */
  readonly write: readonly { path: string; content: string }[];
  /** Files to remove (stale generated files, already checked to be regular files synth wrote). */
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

/**
 * The output folder is left half-applied: a roll-back failed (its journal is kept, and the next
 * synth tries again before anything else), or `--check` found an interrupted synth's commit.
 */
export class HalfAppliedError extends Error {
  constructor(
    /** The journal file, kept so that the next synth can finish the roll-back. */
    readonly journal: string,
    /** Files that may be in their new state, or missing (relative to the output folder). */
    readonly unrestored: readonly string[],
    readonly reason: 'roll-back failed' | 'interrupted',
    /** What made the commit fail in the first place (roll-back failed). */
    readonly cause?: unknown,
  ) {
    super(
      reason === 'interrupted'
        ? `an interrupted synth left a half-applied commit (up to ${unrestored.length} files); its journal is ${journal}; run synth (without --check) to roll it back`
        : `roll-back failed: ${unrestored.length} file${unrestored.length === 1 ? '' : 's'} may be half-applied; the journal is kept at ${journal}; run synth again to finish the roll-back${cause ? ` (the commit failed first: ${(cause as Error).message ?? String(cause)})` : ''}`,
    );
    this.name = 'HalfAppliedError';
  }
}

export function stagingDirFor(outDir: string): string {
  return path.join(path.resolve(outDir), WORK_DIR, 'staging');
}

const JOURNAL = 'journal.json';

export function journalFileFor(outDir: string): string {
  return path.join(stagingDirFor(outDir), JOURNAL);
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Whether a commit was interrupted (its journal is still there) and not yet rolled back. */
export function hasInterruptedCommit(outDir: string): boolean {
  return exists(journalFileFor(outDir));
}

/** The paths an interrupted commit's journal names (empty when it cannot be read). */
export function interruptedCommitPaths(outDir: string): string[] {
  try {
    const journal = JSON.parse(fs.readFileSync(journalFileFor(outDir), 'utf8')) as Journal;
    return [...journal.created, ...journal.backedUp];
  } catch {
    return [];
  }
}

/**
 * Undoes an interrupted commit (if its journal is there) and deletes any leftover staging folder.
 * Throws HalfAppliedError, keeping the journal, when the roll-back cannot be completed.
 */
export function recoverInterruptedCommit(outDir: string): 'rolled-back' | 'cleaned' | 'none' {
  const staging = stagingDirFor(outDir);
  const stat = fs.lstatSync(staging, { throwIfNoEntry: false });
  if (!stat) return 'none';
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new FleetError([{ path: staging, message: `is ${stat.isSymbolicLink() ? 'a symlink' : 'not a folder'}; synth keeps its staging area there and never follows symlinks`, allowed: 'delete it' }], 'output folder');
  }
  const journalFile = path.join(staging, JOURNAL);
  let result: 'rolled-back' | 'cleaned' = 'cleaned';
  if (exists(journalFile)) {
    let journal: Journal;
    try {
      journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
      const named = [...journal.created, ...journal.backedUp, ...journal.createdDirs.filter((d) => d !== '.'), ...journal.pruneDirs];
      const bad = named.find((p) => !isSafeRelativePath(p));
      if (bad !== undefined) throw new Error(`the journal names ${JSON.stringify(bad)}, which is not a path inside the output folder`);
    } catch (e) {
      throw new HalfAppliedError(journalFile, [], 'roll-back failed', e);
    }
    const unrestored = rollBack(outDir, staging, journal);
    if (unrestored.length > 0) throw new HalfAppliedError(journalFile, unrestored, 'roll-back failed');
    result = 'rolled-back';
  }
  fs.rmSync(staging, { recursive: true, force: true });
  removeWorkDirIfIdle(outDir);
  return result;
}

/** Removes synth's work folder when nothing but its .gitignore is left (no lock, no staging). */
export function removeWorkDirIfIdle(outDir: string): void {
  const work = path.join(outDir, WORK_DIR);
  try {
    const entries = fs.readdirSync(work);
    if (entries.length === 1 && entries[0] === '.gitignore') {
      fs.rmSync(path.join(work, '.gitignore'), { force: true });
      fs.rmdirSync(work);
    }
  } catch {
    // gone already, or another synth just began using it
  }
}

/** The folders a relative path is in, outermost first (`a/b/c` → `a`, `a/b`). */
function ancestors(rel: string): string[] {
  const dirs: string[] = [];
  for (let cut = rel.indexOf('/'); cut > 0; cut = rel.indexOf('/', cut + 1)) dirs.push(rel.slice(0, cut));
  return dirs;
}

function writeAtomic(file: string, content: string): void {
  fs.writeFileSync(`${file}.tmp`, content);
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Synth's work folder inside the output folder, created with a `.gitignore` that hides it (and itself)
 * from git. `gitignore: false` (a synth still waiting for the lock): the folder only, so that a synth
 * that does not get the lock leaves nothing behind when the holder cleans up as it lets go.
 */
export function ensureWorkDir(outDir: string, options: { readonly gitignore?: boolean } = {}): string {
  const work = path.join(outDir, WORK_DIR);
  try {
    fs.mkdirSync(work);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const stat = fs.lstatSync(work);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new FleetError([{ path: work, message: `is ${stat.isSymbolicLink() ? 'a symlink' : 'not a folder'}; synth keeps its lock and staging area there and never follows symlinks`, allowed: 'delete it' }], 'output folder');
  }
  if (options.gitignore === false) return work;
  try {
    // 'wx' never follows a symlink, and leaves an existing file alone.
    fs.writeFileSync(path.join(work, '.gitignore'), "# fleetsynth's lock and staging area while a synth runs: never commit them\n*\n", { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return work;
}

/** Where a commit's time went (milliseconds), and how many renames it took to swap its files in. */
export interface CommitTimings {
  /** Checking every path it writes or removes (no symlink, no file in the way) and planning the moves. */
  readonly checkMs: number;
  /** Writing every new file into the staging folder. */
  readonly stageMs: number;
  /** Writing the journal. */
  readonly journalMs: number;
  /** Moving replaced and removed files to the backup, and new ones (whole new folders at once) into place. */
  readonly swapMs: number;
  /** Removing the staging folder (its backup) and emptied folders. */
  readonly cleanupMs: number;
  readonly renames: number;
}

/**
 * Applies the plan. `step` is a test hook called before each move, so that a failure can be
 * injected mid-commit. Throws the failure when the commit was rolled back (nothing written), or
 * HalfAppliedError when the roll-back failed too.
 *
 * A folder that is new in the output folder (a new cluster's, or every folder of a first synth) is
 * staged whole and moved into place with one rename, not one per file: its files are in the
 * journal as created files like any other, so a roll-back removes them file by file as before.
 */
export function commitPlan(outDir: string, plan: CommitPlan, step?: (what: string) => void): CommitTimings {
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  recoverInterruptedCommit(outDir);
  let start = clock();
  const folder = new OutputFolder(outDir);
  // Whether each path is there now, from the one check of it.
  const present = new Map<string, boolean>();
  for (const rel of [...plan.write.map((f) => f.path), ...plan.remove]) {
    const entry = folder.inspect(rel);
    if (entry.kind === 'refused') throw new Error(`${path.join(outDir, entry.at)} ${entry.message}`);
    if (entry.kind === 'blocked') throw new Error(`${path.join(outDir, entry.by)} is a file where synth needs a folder`);
    present.set(rel, entry.kind !== 'missing');
  }
  const there = (rel: string) => present.get(rel) ?? (rel === '.' ? exists(outDir) : folder.inspect(rel).kind !== 'missing');
  // Each written file's folders, worked out once (thousands of files share a few hundred folders).
  const foldersOf = new Map(plan.write.map((f) => [f.path, ancestors(f.path)] as const));
  const createdDirs = [...new Set(['.', ...[...foldersOf.values()].flat()])].filter((d) => !there(d)).sort((a, b) => a.length - b.length);
  const pruneDirs = [...new Set(plan.remove.flatMap((f) => ancestors(f)))].sort((a, b) => b.length - a.length);
  const journal: Journal = {
    state: 'applying',
    backedUp: [...plan.write.map((f) => f.path).filter(there), ...plan.remove],
    created: plan.write.map((f) => f.path).filter((p) => !there(p)),
    createdDirs,
    pruneDirs,
  };
  // New folders whose parent is there already: each moves into place whole. Files elsewhere move one by one.
  const newDirs = new Set(createdDirs.filter((d) => d !== '.'));
  const movedWhole = [...newDirs].filter((d) => !newDirs.has(path.posix.dirname(d)));
  const movedAlone = plan.write.filter((f) => !foldersOf.get(f.path)!.some((d) => newDirs.has(d)));
  const checkMs = clock() - start;

  start = clock();
  fs.mkdirSync(outDir, { recursive: true });
  const staging = path.join(ensureWorkDir(outDir), 'staging');
  const fresh = path.join(staging, 'new');
  const backup = path.join(staging, 'backup');
  const journalFile = path.join(staging, JOURNAL);
  let stageMs = 0;
  let journalMs = 0;
  try {
    fs.mkdirSync(fresh, { recursive: true });
    const made = new Set<string>();
    for (const file of plan.write) {
      const target = path.join(fresh, file.path);
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.writeFileSync(target, file.content);
    }
    stageMs = clock() - start;
    start = clock();
    writeAtomic(journalFile, JSON.stringify(journal));
    journalMs = clock() - start;
  } catch (e) {
    // Nothing in the output folder has been touched yet.
    fs.rmSync(staging, { recursive: true, force: true });
    removeWorkDirIfIdle(outDir);
    throw e;
  }

  const undo = (e: unknown): never => {
    const unrestored = rollBack(outDir, staging, journal);
    if (unrestored.length > 0) throw new HalfAppliedError(journalFile, unrestored, 'roll-back failed', e);
    fs.rmSync(staging, { recursive: true, force: true });
    removeWorkDirIfIdle(outDir);
    throw e;
  };
  start = clock();
  let renames = 0;
  try {
    const backupDirs = new Set<string>();
    for (const rel of journal.backedUp) {
      step?.(`backup ${rel}`);
      const saved = path.join(backup, rel);
      if (!backupDirs.has(path.dirname(saved))) {
        fs.mkdirSync(path.dirname(saved), { recursive: true });
        backupDirs.add(path.dirname(saved));
      }
      fs.renameSync(path.join(outDir, rel), saved);
      renames++;
    }
    for (const dir of movedWhole) {
      step?.(`write ${dir}/`);
      fs.renameSync(path.join(fresh, dir), path.join(outDir, dir));
      renames++;
    }
    for (const file of movedAlone) {
      step?.(`write ${file.path}`);
      fs.renameSync(path.join(fresh, file.path), path.join(outDir, file.path));
      renames++;
    }
    for (const dir of pruneDirs) removeIfEmpty(path.join(outDir, dir));
    step?.('done');
    // The journal goes first: once it is gone the commit counts as done, whatever else is left.
    fs.rmSync(journalFile);
  } catch (e) {
    undo(e);
  }
  const swapMs = clock() - start;
  start = clock();
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    removeWorkDirIfIdle(outDir);
  } catch {
    // The commit is done; a staging folder without a journal is deleted by the next synth.
  }
  return { checkMs, stageMs, journalMs, swapMs, cleanupMs: clock() - start, renames };
}

function removeIfEmpty(dir: string): void {
  try {
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Puts every file back as it was before the commit began. Safe to run on a partly applied journal.
 * Best effort: it goes on past a failure and returns the paths it could not restore.
 */
function rollBack(outDir: string, staging: string, journal: Journal): string[] {
  const backup = path.join(staging, 'backup');
  const unrestored: string[] = [];
  const attempt = (rel: string, fn: () => void) => {
    try {
      fn();
    } catch {
      unrestored.push(rel);
    }
  };
  // A symlink that appeared on the way since the commit began is not followed: that file stays unrestored.
  const guard = (rel: string) => {
    const entry = new OutputFolder(outDir).inspect(rel);
    if (entry.kind === 'refused' || entry.kind === 'blocked') throw new Error(`cannot restore ${rel}`);
  };
  for (const rel of journal.created) {
    attempt(rel, () => {
      guard(rel);
      fs.rmSync(path.join(outDir, rel), { force: true });
    });
  }
  for (const rel of journal.backedUp) {
    const saved = path.join(backup, rel);
    if (!exists(saved)) continue;
    attempt(rel, () => {
      guard(rel);
      const target = path.join(outDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(saved, target);
    });
  }
  // An empty folder left behind is harmless (git does not see it): not counted as unrestored.
  for (const dir of [...journal.createdDirs].reverse()) {
    try {
      if (dir !== '.') removeIfEmpty(path.join(outDir, dir));
    } catch {
      // left behind
    }
  }
  return unrestored;
}
