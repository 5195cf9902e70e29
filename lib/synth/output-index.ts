import { createHash } from 'crypto';
import * as path from 'path';
import { FleetError, Problem } from '../fleet';
import { isSafeRelativePath, OutputFolder } from './output-folder';
import { toStableJson } from './serialize';

/**
 * `dist/fleetsynth-index.json`: every file fleetsynth generated, with its sha256. It is how synth
 * knows which files it may prune (only ones it wrote, and only while they still hold what it
 * wrote) and what `--check` compares against.
 */
export const INDEX_FILE = 'fleetsynth-index.json';

export interface OutputIndex {
  readonly generator: 'fleetsynth';
  readonly files: Readonly<Record<string, string>>;
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

const hashes = new WeakMap<object, string>();

/** The sha256 of a file's content: the one rendering computed, else computed once per file object (the plan, the index and `--cluster` all ask). */
export function contentHash(file: { readonly content: string; readonly sha256?: string }): string {
  if (file.sha256 !== undefined) return file.sha256;
  let hash = hashes.get(file);
  if (hash === undefined) {
    hash = sha256(file.content);
    hashes.set(file, hash);
  }
  return hash;
}

/** The index of `files`, plus `carried` entries (path → sha256) of files this synth leaves as they are (`--cluster`). */
export function buildIndex(files: readonly { path: string; content: string }[], carried: Readonly<Record<string, string>> = {}): string {
  return toStableJson({ generator: 'fleetsynth', files: { ...carried, ...Object.fromEntries(files.map((f) => [f.path, contentHash(f)])) } });
}

const FIX = 'restore it from git or delete it';

/**
 * The index of a previous synth, undefined when there is none. Throws a FleetError when it is not
 * ours, is corrupt, is not a regular file (a symlink is never followed), or names a path that is
 * not a plain relative path inside the output folder.
 * @param shownAs how the output folder is named in messages @default outDir
 */
export function readIndex(outDir: string, shownAs: string = outDir): OutputIndex | undefined {
  const shown = path.join(shownAs, INDEX_FILE);
  const fail = (problems: Problem[]) => new FleetError(problems, 'output folder');
  const folder = new OutputFolder(outDir);
  const entry = folder.inspect(INDEX_FILE);
  if (entry.kind === 'missing') return undefined;
  if (entry.kind === 'refused') throw fail([{ path: shown, message: entry.message, allowed: 'a regular file' }]);
  if (entry.kind !== 'file') throw fail([{ path: shown, message: 'is not a regular file', allowed: FIX }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(folder.read(INDEX_FILE).toString('utf8'));
  } catch (e) {
    throw fail([{ path: shown, message: `is not valid JSON (${(e as Error).message})`, allowed: FIX }]);
  }
  const index = parsed as OutputIndex;
  if (index?.generator !== 'fleetsynth' || typeof index.files !== 'object' || index.files === null || Array.isArray(index.files)) {
    throw fail([{ path: shown, message: 'is not a fleetsynth index', allowed: FIX }]);
  }
  const problems: Problem[] = [];
  for (const [p, hash] of Object.entries(index.files)) {
    if (!isSafeRelativePath(p) || p === INDEX_FILE) {
      problems.push({ path: `${shown}: files[${JSON.stringify(p)}]`, message: 'names a path synth never writes', given: JSON.stringify(p), allowed: 'a "/"-separated relative path inside the output folder, outside .fleetsynth/' });
    } else if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
      problems.push({ path: `${shown}: files[${JSON.stringify(p)}]`, message: 'is not a sha256', given: JSON.stringify(hash), allowed: '64 lowercase hex digits' });
    }
  }
  if (problems.length > 0) throw fail(problems);
  return index;
}
