import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Plan } from './plan';
import type { SynthOptions, SynthResult } from './synth';
import { WORK_DIR } from './output-folder';
import { definitionFingerprint } from './render-cache';
import { codeIdentity, SynthCache } from './synth-cache';

/*
 * The output stamp: what synth knows of an output folder it left, kept in its cache (outside the
 * output folder) so that the next synth need not read every file again.
 *
 *  - Files: each file's sha256 with the stat it had when synth knew its bytes (size, mtime, ctime,
 *    inode). A file whose stat is the same later holds the same bytes (as git's index trusts it):
 *    any write changes its ctime, which no user can set back. Only stats of files that had not
 *    changed for `stampTiming.settledMs` when synth looked are kept: a file system clock ticks
 *    coarsely (Linux: a few ms; FAT: 2 s), and a second write within the tick of the first would
 *    leave the stat as it was. A file synth has just written is read once more by the next synth.
 *  - Result: what a synth of the same inputs would report, stored with a fingerprint of every
 *    input (the fleet as written, every Terraform outputs file, fleetsynth's code and
 *    dependencies' versions, the options that change the output or the report). When the inputs
 *    are the same and every file, every folder on the way to it, and the output folder itself are
 *    as stamped (and no synth is at work in it: no `.fleetsynth/`), synth returns that result and
 *    does nothing else: a full synth would render the same bytes, find every file unchanged and
 *    write nothing.
 */

/** How long a file must have been left alone for its stat to vouch for its bytes (FAT's clock ticks every 2 s). */
export const stampTiming = { settledMs: 2000 };

/** What a synth's result depends on besides the output folder (see SynthOptions). */
export interface StampKey {
  /** The fleet as written: its file's bytes (a JSON or YAML fleet) or the definition's data (see definitionFingerprint). */
  readonly fleet: string;
  readonly outDir: string;
  readonly outputsDir: string;
  readonly strict: boolean;
  readonly clusters?: readonly string[];
}

/** What the result of a synth with these options depends on besides the output folder, or undefined when it cannot be fingerprinted. */
export function stampKey(fleetDefinition: unknown, options: SynthOptions): StampKey | undefined {
  const fleet = options.fleetFingerprint ?? definitionFingerprint(fleetDefinition);
  if (fleet === undefined) return undefined;
  return { fleet, outDir: options.outDir ?? 'dist', outputsDir: options.outputsDir ?? 'terraform-outputs', strict: options.strict ?? false, ...(options.clusters ? { clusters: options.clusters } : {}) };
}

/** One file as stamped: path, sha256, size, mtime, ctime (ms), inode. */
type StampedFile = [string, string, number, number, number, number];
/** One folder as stamped: path ('.': the output folder), inode, device. */
type StampedFolder = [string, number, number];

interface FilesStamp {
  /** Names this stamp: a result names the stamp of the folder it was stored with. */
  readonly id: string;
  /** The output folder's real path. */
  readonly dir: string;
  readonly folders: readonly StampedFolder[];
  readonly files: readonly StampedFile[];
  /** Whether every file of the output folder's index (and the index) is stamped. */
  readonly complete: boolean;
}

/** The parts of a result a synth of the same inputs reports (its plan: every file unchanged). */
interface StoredResult {
  readonly files: string;
  readonly clusters: readonly string[];
  readonly pending: readonly string[];
  readonly heldBack: SynthResult['heldBack'];
  readonly unchanged: readonly string[];
  readonly selected?: readonly string[];
  readonly notSelected?: readonly string[];
  /** What the render warned about (aws-regional-quota.ts and the other quota warnings), said again by a synth that stops early. */
  readonly warnings?: readonly string[];
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The stamp's folder of entries for an output folder (by its path as resolved from here). */
const stampFolder = (outDir: string) => `outputs/${sha256(path.resolve(outDir)).slice(0, 40)}`;

/**
 * Every Terraform outputs file synth reads (`<dir>/*.json`), by name and content; undefined when
 * one cannot be read (synth then reports it).
 */
function outputsFingerprint(dir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : undefined;
  }
  const hash = createHash('sha256');
  try {
    for (const name of names) hash.update(`${name}\0${sha256(fs.readFileSync(path.join(dir, name)))}\0`);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/**
 * A fingerprint of everything a synth's result depends on, besides the output folder; undefined when
 * it cannot be known. Synth takes it before it reads its inputs and stores its result under it only
 * if it is still the same afterwards (recordStamp): a result never lands under inputs it did not read.
 */
export function inputsFingerprint(key: StampKey): string | undefined {
  const outputs = outputsFingerprint(key.outputsDir);
  if (outputs === undefined) return undefined;
  // CDK8S_DISABLE_SORT changes cdk8s's output (the render cache keys it too).
  return sha256(JSON.stringify(['fleetsynth-stamp', codeIdentity(), key.fleet, outputs, key.outputsDir, key.strict, key.clusters ?? null, process.env.CDK8S_DISABLE_SORT ?? null]));
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

const sameFile = (stat: fs.Stats | undefined, f: StampedFile) => stat !== undefined && stat.isFile() && stat.size === f[2] && stat.mtimeMs === f[3] && stat.ctimeMs === f[4] && stat.ino === f[5];

function readFilesStamp(cache: SynthCache, outDir: string): FilesStamp | undefined {
  const text = cache.read(`${stampFolder(outDir)}/files`);
  if (text === undefined) return undefined;
  try {
    const stamp = JSON.parse(text) as FilesStamp;
    return Array.isArray(stamp.files) && Array.isArray(stamp.folders) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the output folder (its real path `dir`) is as stamped: no synth at work in it, every folder and file the same. */
function asStamped(stamp: FilesStamp, dir: string): boolean {
  const idle = () => lstat(path.join(dir, WORK_DIR)) === undefined;
  if (stamp.dir !== dir || !idle()) return false;
  // Paths joined by hand: they are the stamp's own, plain relative paths (path.join normalizes each, a third of the time).
  for (const [rel, ino, dev] of stamp.folders) {
    const stat = lstat(`${dir}/${rel}`);
    if (!stat?.isDirectory() || stat.ino !== ino || stat.dev !== dev) return false;
  }
  for (const f of stamp.files) if (!sameFile(lstat(`${dir}/${f[0]}`), f)) return false;
  // A synth that began meanwhile may have moved files: judged by the folder as it is now.
  return idle();
}

/**
 * What a synth with these inputs would report, when the output folder is as the last synth with
 * them left it (see above); undefined otherwise, and when there is no cache.
 */
export function upToDateResult(cache: SynthCache | undefined, key: StampKey): SynthResult | undefined {
  const start = process.hrtime.bigint();
  if (!cache) return undefined;
  const inputs = inputsFingerprint(key);
  if (inputs === undefined) return undefined;
  const text = cache.read(`${stampFolder(key.outDir)}/result-${inputs.slice(0, 40)}`);
  if (text === undefined) return undefined;
  let stored: StoredResult;
  let dir: string;
  try {
    stored = JSON.parse(text) as StoredResult;
    dir = fs.realpathSync.native(key.outDir);
  } catch {
    return undefined;
  }
  const files = readFilesStamp(cache, key.outDir);
  if (!files || files.id !== stored.files || !files.complete || !asStamped(files, dir)) return undefined;
  const plan: Plan = { added: [], changed: [], unchanged: stored.unchanged, stale: [], kept: [], foreign: [], refused: [], previous: new Map() };
  return {
    clusters: stored.clusters,
    pending: stored.pending,
    heldBack: stored.heldBack,
    plan,
    upToDate: true,
    recovered: 'none',
    warnings: stored.warnings ?? [],
    timings: [{ stage: 'up-to-date check', ms: Number(process.hrtime.bigint() - start) / 1e6 }],
    ...(stored.selected ? { selected: stored.selected, notSelected: stored.notSelected ?? [] } : {}),
  };
}

/**
 * The sha256 of a file of the output folder (its real path `dir`) that synth may take without
 * reading it: the one stamped, when its stat is the stamp's.
 */
export function stampedHashes(cache: SynthCache | undefined, outDir: string, dir: string): (rel: string, stat: fs.Stats) => string | undefined {
  const stamp = cache && readFilesStamp(cache, outDir);
  if (!stamp || stamp.dir !== dir) return () => undefined;
  const byPath = new Map(stamp.files.map((f) => [f[0], f]));
  return (rel, stat) => {
    const f = byPath.get(rel);
    return f && sameFile(stat, f) ? f[1] : undefined;
  };
}

export interface StampRecord {
  /** The output folder's real path. */
  readonly dir: string;
  /** Every path of the output folder's index, and the index itself. */
  readonly indexed: readonly string[];
  /** Files whose bytes synth knows (their sha256), with the stat they had before it looked: the unchanged ones. */
  readonly known: ReadonlyMap<string, { readonly sha256: string; readonly stat: fs.Stats }>;
  /** When synth began looking at the files (ms since the epoch): stats of files changed since shortly before are not kept. */
  readonly lookedAt: number;
  /** The stamp as synth found it (stampedHashes), for files not in `known`. */
  readonly stamped: (rel: string, stat: fs.Stats) => string | undefined;
  /** The result a synth of the same inputs would report, when this synth's output is what is in the folder now. */
  readonly result?: Omit<StoredResult, 'files'>;
  /** inputsFingerprint(key) taken before synth read its inputs: the result is stored under it, if the inputs still give it. */
  readonly inputs?: string;
}

/**
 * Records what synth knows of the output folder after it wrote (or found up to date) what it
 * rendered; called while synth holds the output folder's lock. Files not in `known` keep their
 * stamp when their stat is still the stamped one. Never throws: a stamp not written is a slower
 * next synth.
 */
export function recordStamp(cache: SynthCache | undefined, key: StampKey | undefined, record: StampRecord): void {
  if (!cache) return;
  try {
    const folder = stampFolder(key?.outDir ?? record.dir);
    const settled = (stat: fs.Stats, at: number) => Math.max(stat.mtimeMs, stat.ctimeMs) <= at - stampTiming.settledMs;
    const files: StampedFile[] = [];
    const now = Date.now();
    for (const rel of record.indexed) {
      const known = record.known.get(rel);
      if (known) {
        if (settled(known.stat, record.lookedAt)) files.push([rel, known.sha256, known.stat.size, known.stat.mtimeMs, known.stat.ctimeMs, known.stat.ino]);
        continue;
      }
      const stat = lstat(path.join(record.dir, rel));
      const sha = stat && record.stamped(rel, stat);
      if (stat && sha !== undefined && settled(stat, now)) files.push([rel, sha, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino]);
    }
    const folders: StampedFolder[] = [];
    for (const rel of ['.', ...foldersOf(record.indexed)]) {
      const stat = lstat(path.join(record.dir, rel));
      if (!stat?.isDirectory()) return;
      folders.push([rel, stat.ino, stat.dev]);
    }
    const id = randomBytes(16).toString('hex');
    const complete = files.length === record.indexed.length;
    cache.write(`${folder}/files`, JSON.stringify({ id, dir: record.dir, folders, files, complete }));
    // Inputs that changed while synth ran (an outputs file saved meanwhile) store no result.
    const inputs = key && record.result && complete && record.inputs !== undefined && inputsFingerprint(key) === record.inputs ? record.inputs : undefined;
    const name = inputs && `${folder}/result-${inputs.slice(0, 40)}`;
    // One result per output folder: the last synth's.
    for (const old of cache.list(folder)) if (old !== `${folder}/files` && old !== name) cache.remove(old);
    if (name) cache.write(name, JSON.stringify({ files: id, ...record.result }));
  } catch {
    // no stamp: the next synth reads the files
  }
}

/** Every folder on the way to the paths (each once: a folder seen, its parents were too). */
function foldersOf(paths: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const p of paths) {
    for (let i = p.lastIndexOf('/'); i > 0 && !folders.has(p.slice(0, i)); i = p.lastIndexOf('/', i - 1)) folders.add(p.slice(0, i));
  }
  return folders;
}
