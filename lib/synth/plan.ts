import * as fs from 'fs';
import * as path from 'path';
import { buildIndex, INDEX_FILE, OutputIndex } from './output-index';

/** What synth would change in the output folder. */
export interface Plan {
  /** New files (not there yet), with content. */
  readonly added: readonly { path: string; content: string }[];
  /** Files there with other content. */
  readonly changed: readonly { path: string; content: string }[];
  readonly unchanged: readonly string[];
  /** Files a previous synth generated that this one does not: removed by synth, reported by --check. */
  readonly stale: readonly string[];
  /** Paths synth would write that hold a file it did not generate: never overwritten. */
  readonly foreign: readonly string[];
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Compares what was rendered (plus the index of it) with what is in `outDir`. */
export function planChanges(outDir: string, files: readonly { path: string; content: string }[], previous: OutputIndex | undefined): Plan {
  const all = [...files, { path: INDEX_FILE, content: buildIndex(files) }];
  const added: { path: string; content: string }[] = [];
  const changed: { path: string; content: string }[] = [];
  const unchanged: string[] = [];
  const foreign: string[] = [];
  const generatedBefore = new Set(Object.keys(previous?.files ?? {}));
  for (const file of all) {
    const current = readIfExists(path.join(outDir, file.path));
    if (current === undefined) added.push(file);
    else if (current.equals(Buffer.from(file.content))) unchanged.push(file.path);
    else if (file.path === INDEX_FILE || generatedBefore.has(file.path)) changed.push(file);
    else foreign.push(file.path);
  }
  const now = new Set(all.map((f) => f.path));
  const stale = [...generatedBefore].filter((p) => !now.has(p) && fs.existsSync(path.join(outDir, p))).sort();
  return { added, changed, unchanged, stale, foreign };
}
