import { spawnSync } from 'child_process';
import * as path from 'path';

/** Test helper: a CEL expression evaluated with `object` bound to each object (see cel-evaluate.mjs). */
export function evaluateCel(expression: string, objects: readonly unknown[]): ({ value: unknown } | { error: string })[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'cel-evaluate.mjs')], { input: JSON.stringify({ expression, objects }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`CEL could not run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
