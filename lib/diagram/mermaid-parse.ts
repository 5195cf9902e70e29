import { spawnSync } from 'child_process';
import * as path from 'path';

/** Test helper: Mermaid's own parser on each text (in a child process: mermaid is ESM-only). */
export function parseMermaid(texts: readonly string[]): { ok: boolean; diagramType?: string; error?: string }[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'mermaid-parse.mjs')], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`mermaid could not run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
