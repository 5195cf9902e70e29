import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { synth } from '../lib/synth';
import { fullTestFleet } from './full-fleet';
import { outputsDir } from './outputs-fixture';
import { tempDir } from './tree';

/** A JSON merge patch (RFC 7386, what `kubectl patch --type merge` sends): null removes a key. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export interface KubectlStandInOptions {
  /** Calls (their arguments joined by spaces) that fail, as for an object that does not exist. */
  readonly fails?: readonly string[];
  /** What calls starting with `prefix` (their arguments joined by spaces) print: the API server's answer. */
  readonly prints?: readonly { readonly prefix: string; readonly stdout: string }[];
}

/** The full test fleet's output, synthesized once per test file: each stand-in gets a copy (synth is deterministic). */
let synthesizedOnce: string | undefined;

/**
 * A folder synth wrote for the full test fleet (`dist/`, a copy of one synth per test file), with a
 * stand-in `kubectl` on the path that records each call's arguments as a line, fails the calls
 * `fails` names and prints what `prints` says; `run` runs a README block there, as a user's shell runs
 * it: no startup file (BASH_ENV) or inherited shell options (SHELLOPTS).
 */
export function kubectlStandIn(options: KubectlStandInOptions = {}) {
  const work = tempDir('fleetsynth-kubectl-');
  if (!synthesizedOnce) {
    const out = path.join(tempDir(), 'dist');
    synth(fullTestFleet(), { outDir: out, outputsDir: outputsDir(), cache: false });
    synthesizedOnce = out;
  }
  fs.cpSync(synthesizedOnce, path.join(work, 'dist'), { recursive: true, verbatimSymlinks: true });
  const bin = path.join(work, 'bin');
  const log = path.join(work, 'kubectl.log');
  fs.mkdirSync(bin);
  // bash, not node: it starts in milliseconds, and a procedure may call it ~50 times. Each argument ends with the unit separator (0x1f).
  const answers = [
    ...(options.fails ?? []).map((call) => `[[ "$*" == ${JSON.stringify(call)} ]] && exit 1`),
    // Each answer from a file, byte for byte (newlines included: a bash string would keep `\n` as two characters).
    ...(options.prints ?? []).map((p, i) => {
      const answer = path.join(work, `answer-${i}`);
      fs.writeFileSync(answer, p.stdout);
      return `[[ "$*" == ${JSON.stringify(p.prefix)}* ]] && { cat ${JSON.stringify(answer)}; exit 0; }`;
    }),
  ];
  fs.writeFileSync(
    path.join(bin, 'kubectl'),
    `#!/bin/bash\nprintf '%s\\x1f' "$@" >> ${JSON.stringify(log)}\necho >> ${JSON.stringify(log)}\n${answers.join('\n')}\nexit 0\n`,
    { mode: 0o755 },
  );
  const { BASH_ENV, SHELLOPTS, ...env } = process.env;
  return {
    work,
    run(script: string) {
      const r = spawnSync('bash', ['-c', script], { cwd: work, encoding: 'utf8', env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
      expect(`${r.status}\n${r.stderr}`).toBe('0\n');
    },
    calls: () => fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\x1f').slice(0, -1)),
  };
}
