import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { toStableJson } from './serialize';

/**
 * `dist/fleetsynth-index.json`: every file fleetsynth generated, with its sha256. It is how synth
 * knows which files it may prune (only ones it wrote) and what `--check` compares against.
 */
export const INDEX_FILE = 'fleetsynth-index.json';

export interface OutputIndex {
  readonly generator: 'fleetsynth';
  readonly files: Readonly<Record<string, string>>;
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function buildIndex(files: readonly { path: string; content: string }[]): string {
  return toStableJson({ generator: 'fleetsynth', files: Object.fromEntries(files.map((f) => [f.path, sha256(f.content)])) });
}

/** The index of a previous synth, undefined when there is none; throws when it is not ours or is corrupt. */
export function readIndex(outDir: string): OutputIndex | undefined {
  const file = path.join(outDir, INDEX_FILE);
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); restore it from git or delete it`);
  }
  const index = parsed as OutputIndex;
  if (index?.generator !== 'fleetsynth' || typeof index.files !== 'object' || index.files === null) {
    throw new Error(`${file} is not a fleetsynth index; restore it from git or delete it`);
  }
  for (const p of Object.keys(index.files)) {
    if (path.isAbsolute(p) || p.split('/').includes('..')) throw new Error(`${file} lists a path outside the output folder: ${p}`);
  }
  return index;
}
