import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FleetError } from '../fleet/fleet-error';
import { ensureWorkDir, stagingDirFor } from './commit';
import { WORK_DIR } from './output-folder';

/*
 * One synth at a time per output folder.
 *
 * The lock is the file `<out>/.fleetsynth/lock`, created exclusively (O_CREAT|O_EXCL: atomic on
 * local file systems, and on NFS v3+) and holding who took it: pid, host name, start time, and on
 * Linux the boot id, the pid namespace and the process's start tick, which tell a live holder from
 * a pid the kernel gave to someone else since. It is taken after rendering (which touches no file)
 * and released after the commit, in a `finally`: a normal exit or an error never leaves it. A
 * process killed while holding it (SIGKILL, OOM, power loss) does; the next synth finds it stale
 * and takes it over:
 *
 *   stale  = same host name, and the holder's process is gone: the machine rebooted since (other
 *            boot id), no process has its pid, or the process with its pid started at another
 *            tick (the pid was reused). A lock file with no readable owner is stale after 5 s
 *            (its creator died between creating and writing it).
 *   live   = anything else, including every lock taken on another host or in another pid
 *            namespace (a container sharing the folder): synth cannot see those processes, so it
 *            never breaks their lock; the message names the holder and the file to delete.
 *
 * A stale lock is broken under a second, short-lived exclusive file (`lock.break`), so that two
 * synths that both find it stale cannot both take it. The work folder holds a `.gitignore` of
 * `*`, so neither the lock nor a staging folder left by a killed synth ever shows in `git status`.
 */

/** @default the time a second synth waits for the first one to finish */
export const DEFAULT_LOCK_WAIT_SECONDS = 10;
const POLL_MS = 20;
const UNWRITTEN_LOCK_GRACE_MS = 5000;
const STALE_BREAKER_MS = 10_000;

/** Who holds an output folder's lock, as written in the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When it took the lock (ISO 8601). */
  readonly startedAt: string;
  /** Unique per taking, so that a synth only ever removes its own lock. */
  readonly token: string;
  /** Linux: /proc/sys/kernel/random/boot_id. */
  readonly bootId?: string;
  /** Linux: the pid namespace (`pid:[…]`), to tell containers apart. */
  readonly pidNamespace?: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  readonly processStart?: string;
}

/** Another synth holds the output folder's lock, and did not let go within the wait. Nothing was written. */
export class OutputLockedError extends Error {
  constructor(
    /** The output folder as the user named it. */
    readonly outDir: string,
    readonly lockFile: string,
    /** Undefined when the lock file holds no readable owner. */
    readonly holder: LockHolder | undefined,
    readonly waitedSeconds: number,
    /** False when synth cannot tell whether the holder is alive (another host or pid namespace). */
    readonly holderVisible: boolean,
  ) {
    super(`${outDir} is locked by another synth (${holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : 'owner unreadable'}; lock file ${lockFile}); waited ${waitedSeconds} s`);
    this.name = 'OutputLockedError';
  }
}

export interface OutputLock {
  /** The real path of the output folder (symlinks resolved), where synth works. */
  readonly dir: string;
  /** False only for `check` on a folder that does not exist or cannot be written (nothing to lock against). */
  readonly held: boolean;
  /** Lets go of the lock; never throws. Returns a warning when the lock file could not be removed. */
  release(): string | undefined;
}

export interface LockOptions {
  /** `check` takes the same lock (so it never reads a folder mid-commit) but never creates the output folder. */
  readonly mode: 'write' | 'check';
  /** How long to wait for another synth's lock. 0: fail at once. @default DEFAULT_LOCK_WAIT_SECONDS */
  readonly waitSeconds?: number;
}

function readProc(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** /proc/<pid>/stat field 22 (starttime); the command name (field 2) may hold spaces and parentheses. */
function processStartTick(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function pidNamespace(): string | undefined {
  try {
    return fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

function me(): Omit<LockHolder, 'token' | 'startedAt'> {
  const bootId = readProc('/proc/sys/kernel/random/boot_id')?.trim();
  const ns = pidNamespace();
  const start = processStartTick(process.pid);
  return { pid: process.pid, host: os.hostname(), ...(bootId ? { bootId } : {}), ...(ns ? { pidNamespace: ns } : {}), ...(start ? { processStart: start } : {}) };
}

/** Whether the lock's holder is alive, gone, or out of sight (another host or pid namespace). */
export function holderState(holder: LockHolder, self = me()): 'alive' | 'gone' | 'unknown' {
  if (holder.host !== self.host) return 'unknown';
  if (holder.bootId && self.bootId && holder.bootId !== self.bootId) return 'gone';
  if (holder.pidNamespace && self.pidNamespace && holder.pidNamespace !== self.pidNamespace) return 'unknown';
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    // EPERM: a process of another user has that pid; it is alive.
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
  }
  if (holder.processStart) {
    const now = processStartTick(holder.pid);
    if (now !== undefined && now !== holder.processStart) return 'gone';
  }
  return 'alive';
}

function parseHolder(text: string | undefined): LockHolder | undefined {
  if (!text) return undefined;
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h?.pid) && typeof h.host === 'string' && typeof h.token === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function ageMs(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? Date.now() - stat.mtimeMs : 0;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Removes `lockFile` if it still holds exactly `staleText`, under a short-lived exclusive breaker file. */
function breakStaleLock(lockFile: string, staleText: string | undefined): boolean {
  const breaker = `${lockFile}.break`;
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A breaker older than this belongs to a synth that died while breaking (held for microseconds otherwise).
    if (ageMs(breaker) > STALE_BREAKER_MS) fs.rmSync(breaker, { force: true });
    return false;
  }
  try {
    if (readText(lockFile) !== staleText) return false;
    fs.rmSync(lockFile, { force: true });
    return true;
  } finally {
    fs.closeSync(fd);
    fs.rmSync(breaker, { force: true });
  }
}

const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * Takes the output folder's lock, waiting up to `waitSeconds` for another synth to let go;
 * throws OutputLockedError when it does not. `shownAs` names the folder in messages.
 */
export function lockOutputFolder(outDir: string, options: LockOptions, shownAs: string = outDir): OutputLock {
  const waitSeconds = options.waitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS;
  const unheld = (dir: string): OutputLock => ({ dir, held: false, release: () => undefined });
  const cannotWrite = (e: unknown) =>
    new FleetError([{ path: shownAs, message: `cannot be written (${(e as Error).message})`, allowed: 'a folder this user can write, on a file system mounted read-write' }], 'output folder');
  let createdOutDir = false;
  if (!fs.existsSync(outDir)) {
    if (options.mode === 'check') return unheld(path.resolve(outDir));
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch (e) {
      throw READ_ONLY.has((e as NodeJS.ErrnoException).code ?? '') ? cannotWrite(e) : e;
    }
    createdOutDir = true;
  }
  const dir = fs.realpathSync.native(outDir);
  const lockFile = path.join(dir, WORK_DIR, 'lock');
  const shownLock = path.join(shownAs, WORK_DIR, 'lock');
  const self = me();
  const ours = `${JSON.stringify({ ...self, startedAt: new Date().toISOString(), token: randomBytes(16).toString('hex') })}\n`;
  const deadline = Date.now() + waitSeconds * 1000;

  for (;;) {
    let fd: number | undefined;
    try {
      // The folder only: its .gitignore is written once the lock is ours (below).
      ensureWorkDir(dir, { gitignore: false });
      fd = fs.openSync(lockFile, 'wx', 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      // A folder synth cannot write cannot be changed by a synth of this user either: --check reads it as it is.
      if (READ_ONLY.has(code)) {
        if (options.mode === 'check') return unheld(dir);
        throw cannotWrite(e);
      }
      // ENOENT: a synth that just let go removed the work folder between our two calls; try again
      // (unless the output folder itself is gone).
      if (code !== 'EEXIST' && !(code === 'ENOENT' && fs.existsSync(dir))) throw e;
    }
    if (fd !== undefined) {
      try {
        fs.writeSync(fd, ours);
      } finally {
        fs.closeSync(fd);
      }
      // Now ours: the .gitignore (written by the holder only: a waiting synth writing it could leave it
      // behind when the holder lets go at that instant, the folder then not empty to remove).
      ensureWorkDir(dir);
      let released = false;
      return {
        dir,
        held: true,
        release: () => {
          if (released) return undefined;
          released = true;
          return release(dir, lockFile, ours, createdOutDir);
        },
      };
    }

    const text = readText(lockFile);
    if (text === undefined) continue;
    const holder = parseHolder(text);
    const stale = holder ? holderState(holder, self) === 'gone' : ageMs(lockFile) > UNWRITTEN_LOCK_GRACE_MS;
    if (stale && breakStaleLock(lockFile, text)) continue;
    const left = deadline - Date.now();
    if (left <= 0) throw new OutputLockedError(shownAs, shownLock, holder, waitSeconds, holder ? holderState(holder, self) !== 'unknown' : true);
    sleep(Math.min(POLL_MS + Math.random() * POLL_MS, left));
  }
}

function release(dir: string, lockFile: string, ours: string, createdOutDir: boolean): string | undefined {
  try {
    if (readText(lockFile) !== ours) return `the lock ${lockFile} was no longer this synth's; left it alone`;
    const work = path.dirname(lockFile);
    // The .gitignore goes while the lock is still ours, and stays when a half-applied commit's journal is kept.
    if (!fs.existsSync(stagingDirFor(dir))) fs.rmSync(path.join(work, '.gitignore'), { force: true });
    fs.rmSync(lockFile);
    for (const folder of createdOutDir ? [work, dir] : [work]) {
      try {
        fs.rmdirSync(folder);
      } catch {
        // Not empty (another synth's lock, a kept journal, files): it stays.
      }
    }
    return undefined;
  } catch (e) {
    return `could not remove the lock ${lockFile} (${(e as Error).message}); the next synth will find this process gone and take it over`;
  }
}
