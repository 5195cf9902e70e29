import type * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../fleet';
import { buildIndex, contentHash, INDEX_FILE, OutputIndex, sha256 } from './output-index';
import { OutputFolder } from './output-folder';

/** A file a previous synth generated and this one does not, which synth leaves where it is. */
export interface KeptFile {
  readonly path: string;
  /** `edited`: its bytes no longer hash to what synth wrote; `not a regular file`: a folder, socket, … */
  readonly reason: 'edited' | 'not a regular file';
}

/** What synth would change in the output folder. */
export interface Plan {
  /** New files (not there yet), with content. */
  readonly added: readonly { path: string; content: string }[];
  /** Files there with other content. */
  readonly changed: readonly { path: string; content: string }[];
  readonly unchanged: readonly string[];
  /**
   * Files a previous synth generated that this one does not, still holding exactly the bytes the
   * index recorded: removed by synth, reported by --check.
   */
  readonly stale: readonly string[];
  /** Files a previous synth generated that this one does not, which it will not delete: reported, kept. */
  readonly kept: readonly KeptFile[];
  /** Paths synth would write that hold a file it did not generate: never overwritten. */
  readonly foreign: readonly string[];
  /** Paths synth refuses to write, read or delete through (symlinks, other file systems, a folder in the way). */
  readonly refused: readonly { readonly path: string; readonly message: string }[];
  /** What is in the output folder now, for every changed and stale file (for a diff). */
  readonly previous: ReadonlyMap<string, Buffer>;
  /** The stat of every unchanged file (and its sha256), as synth found it before it compared the bytes (see output-stamp.ts). */
  readonly unchangedStats?: ReadonlyMap<string, { readonly sha256: string; readonly stat: fs.Stats }>;
}

/** The sha256 of a file of the output folder that synth may take without reading it (see output-stamp.ts), or undefined. */
export type KnownHash = (rel: string, stat: fs.Stats) => string | undefined;

/**
 * Compares what was rendered (plus the index of it) with what is in `outDir` (the real path of the
 * output folder), never following a symlink inside it. `carried`: entries of the previous index
 * this synth leaves alone (`--cluster`: other clusters' files): kept in the new index as they were,
 * never stale.
 */
export function planChanges(outDir: string, files: readonly { path: string; content: string }[], previousIndex: OutputIndex | undefined, carried: Readonly<Record<string, string>> = {}, known: KnownHash = () => undefined): Plan {
  const folder = new OutputFolder(outDir);
  const all = [...files, { path: INDEX_FILE, content: buildIndex(files, carried) }];
  const unchangedStats = new Map<string, { sha256: string; stat: fs.Stats }>();
  const added: { path: string; content: string }[] = [];
  const changed: { path: string; content: string }[] = [];
  const unchanged: string[] = [];
  const foreign: string[] = [];
  const refused: { path: string; message: string }[] = [];
  const previous = new Map<string, Buffer>();
  const indexed = previousIndex?.files ?? {};
  for (const file of all) {
    const entry = folder.inspect(file.path);
    if (entry.kind === 'refused') refused.push({ path: entry.at, message: entry.message });
    else if (entry.kind === 'blocked') refused.push({ path: entry.by, message: `is a file where synth needs a folder (to write ${file.path})` });
    else if (entry.kind === 'folder' || entry.kind === 'other') refused.push({ path: file.path, message: `is a ${entry.kind === 'folder' ? 'folder' : 'special file'} where synth writes a file` });
    else if (entry.kind === 'missing') added.push(file);
    else {
      // Read only when the stamp cannot vouch for the bytes.
      const hash = contentHash(file);
      const current = known(file.path, entry.stat) === hash ? undefined : folder.read(file.path);
      if (current === undefined || current.equals(Buffer.from(file.content))) {
        unchanged.push(file.path);
        unchangedStats.set(file.path, { sha256: hash, stat: entry.stat });
      } else if (file.path === INDEX_FILE || Object.hasOwn(indexed, file.path)) {
        changed.push(file);
        previous.set(file.path, current);
      } else foreign.push(file.path);
    }
  }
  const now = new Set(all.map((f) => f.path));
  const stale: string[] = [];
  const kept: KeptFile[] = [];
  for (const p of Object.keys(indexed).filter((x) => !now.has(x) && !Object.hasOwn(carried, x)).sort()) {
    const entry = folder.inspect(p);
    if (entry.kind === 'refused') refused.push({ path: entry.at, message: entry.message });
    else if (entry.kind === 'folder' || entry.kind === 'other') kept.push({ path: p, reason: 'not a regular file' });
    else if (entry.kind === 'file') {
      const current = folder.read(p);
      if (sha256(current) === indexed[p]) {
        stale.push(p);
        previous.set(p, current);
      } else kept.push({ path: p, reason: 'edited' });
    }
    // missing, or below something that is not a folder: nothing to delete
  }
  return { added, changed, unchanged, stale, kept, foreign, refused: uniqueByPath(refused), previous, unchangedStats };
}

function uniqueByPath<T extends { path: string }>(list: T[]): T[] {
  return [...new Map(list.map((x) => [x.path, x])).values()];
}

/** Why synth writes nothing for this plan: files in the way and paths it refuses, as problems naming the path. */
export function planProblems(plan: Plan, shownAs: string): Problem[] {
  return [
    ...plan.refused.map((r) => ({ path: path.join(shownAs, r.path), message: r.message, allowed: 'move or delete it, then synth again' })),
    ...plan.foreign.map((p) => ({ path: path.join(shownAs, p), message: 'a file fleetsynth did not generate is in the way; it is never overwritten', allowed: 'move or delete it, then synth again' })),
  ];
}
