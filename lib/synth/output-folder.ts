import * as fs from 'fs';
import * as path from 'path';

/*
 * The output folder is a closed world: synth reads, writes and deletes only through paths checked
 * here, component by component from the output folder down. A symlink anywhere below the output
 * folder, or a folder on another file system (which a rename into it could not reach), is refused
 * with its path. The output folder itself may be a symlink or a mount point: callers resolve it
 * once (`fs.realpathSync`) and work inside the real folder.
 */

/** Synth's own folder inside the output folder: the lock and the staging area. Never indexed, never pruned. */
export const WORK_DIR = '.fleetsynth';

/** What a relative path inside the output folder is. */
export type Entry =
  | { readonly kind: 'missing' }
  | { readonly kind: 'file' | 'folder' | 'other'; readonly stat: fs.Stats }
  /** A parent component is a file (or other non-folder): nothing can be below it. */
  | { readonly kind: 'blocked'; readonly by: string }
  /** Synth will not go there: a symlink, or another file system. */
  | { readonly kind: 'refused'; readonly at: string; readonly message: string };

/**
 * A relative path synth may name inside the output folder: "/"-separated, no empty, "." or ".."
 * segment, not absolute, and not inside synth's own work folder.
 */
export function isSafeRelativePath(rel: string): boolean {
  if (typeof rel !== 'string' || rel === '' || rel.startsWith('/') || rel.includes('\\') || rel.includes('\0')) return false;
  const segments = rel.split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..') && segments[0] !== WORK_DIR;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** Looks at paths inside one output folder, caching what it saw (a plan is one snapshot). */
export class OutputFolder {
  private readonly seen = new Map<string, fs.Stats | undefined>();
  private readonly rootStat: fs.Stats | undefined;

  /** @param root the real (symlink-free) path of the output folder; it need not exist */
  constructor(readonly root: string) {
    this.rootStat = lstatOrUndefined(root);
  }

  private lstat(rel: string): fs.Stats | undefined {
    // Joined by hand: `rel` is a plain relative path (checked), and path.join's normalizing is a third of a plan's time.
    if (!this.seen.has(rel)) this.seen.set(rel, lstatOrUndefined(`${this.root}/${rel}`));
    return this.seen.get(rel);
  }

  /** Walks `rel` from the output folder down without following anything. */
  inspect(rel: string): Entry {
    if (!isSafeRelativePath(rel)) return { kind: 'refused', at: rel, message: 'not a plain relative path inside the output folder' };
    return this.walk(rel);
  }

  /** What the folders on the way to a path make of it, judged once per folder (a plan asks for thousands of files in a few folders). */
  private readonly folders = new Map<string, Entry | undefined>();

  /** `inspect` of a checked path: its folders' verdict (undefined: all folders), then its own. */
  private walk(rel: string): Entry {
    if (!this.rootStat) return { kind: 'missing' };
    const slash = rel.lastIndexOf('/');
    if (slash >= 0) {
      const folder = rel.slice(0, slash);
      let verdict = this.folders.get(folder);
      if (verdict === undefined && !this.folders.has(folder)) {
        const entry = this.walk(folder);
        verdict = entry.kind === 'folder' ? undefined : entry.kind === 'file' || entry.kind === 'other' ? { kind: 'blocked', by: folder } : entry;
        this.folders.set(folder, verdict);
      }
      if (verdict) return verdict;
    }
    const stat = this.lstat(rel);
    if (!stat) return { kind: 'missing' };
    if (stat.isSymbolicLink()) return { kind: 'refused', at: rel, message: 'is a symlink; synth never follows symlinks inside the output folder' };
    if (stat.dev !== this.rootStat.dev) return { kind: 'refused', at: rel, message: 'is on another file system than the output folder; synth moves files by renames, which cannot cross file systems' };
    return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other', stat };
  }


  /** The bytes of a regular file `inspect` found, opened without following a symlink. */
  read(rel: string): Buffer {
    const fd = fs.openSync(path.join(this.root, rel), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
