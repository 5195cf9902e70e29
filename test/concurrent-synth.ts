/*
 * A synth process for the concurrency test, started once and fed jobs, so that the library loads
 * once rather than once per synth:
 *   node -r ./test/built.js test/concurrent-synth.ts
 * (test/built.js: against the compiled library in build/, which jest's global setup keeps fresh)
 * Each stdin line is a job {out, fleet, delayMs, waitSeconds, slowStepMs, lockAtNs}; after delayMs it runs
 * the real synth (validate, render, schema check, lock, recover, plan, commit) and answers one
 * stdout line: {ok: true, committedAt, ownHash, lockMs, beforeLockMs} or {ok: false, locked | error}.
 * `committedAt` (the monotonic clock, the same for every process on the machine) and `ownHash`
 * (the output folder, synth's work folder left out) are taken after the commit, while the lock
 * is still held: what this synth left, and when.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { OutputLockedError, synth } from '../lib/synth';
import { FLEETS, treeHash } from './concurrency-fleets';
import { readTree } from './tree';

interface Job {
  readonly out: string;
  readonly fleet: 'a' | 'b';
  readonly delayMs: number;
  readonly waitSeconds: number;
  /** Each move of the commit sleeps up to this long: a slow disk, a wider window to collide in. */
  readonly slowStepMs: number;
  /** When to go for the lock (process.hrtime.bigint(), the machine's monotonic clock), if rendering is done by then. */
  readonly lockAtNs?: string;
}

const NO_OUTPUTS = path.join(__dirname, 'no-such-outputs-dir');
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const reply = (r: object) => process.stdout.write(`${JSON.stringify(r)}\n`);

function run(job: Job): object {
  let committedAt = '';
  let ownHash = '';
  try {
    const result = synth(FLEETS[job.fleet], {
      outDir: job.out,
      outputsDir: NO_OUTPUTS,
      waitSeconds: job.waitSeconds,
      // The fleets move the management cluster between regions, which really replaces its stack
      // (replacement-guard.ts), and b has t-aws, which a drops (removal-guard.ts): allowed, since what
      // is tested is who owns the folder, not the edit.
      allowReplace: ['t-mgmt'],
      allowClusterRemoval: ['t-aws'],
      hooks: {
        beforeLock: () => {
          const ms = job.lockAtNs ? Number(BigInt(job.lockAtNs) - process.hrtime.bigint()) / 1e6 : 0;
          if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
        },
        commitStep: () => void Atomics.wait(sleeper, 0, 0, Math.random() * job.slowStepMs),
        onCommitted: () => {
          committedAt = process.hrtime.bigint().toString();
          // Not .fleetsynth/: a synth waiting for the lock may be making and removing files in it.
          const tree: Record<string, string> = {};
          for (const top of fs.readdirSync(job.out).filter((n) => n !== '.fleetsynth')) {
            const at = path.join(job.out, top);
            if (!fs.lstatSync(at).isDirectory()) tree[top] = fs.readFileSync(at, 'utf8');
            else for (const [p, content] of Object.entries(readTree(at))) tree[`${top}/${p}`] = content;
          }
          ownHash = treeHash(tree);
        },
      },
    });
    const stages = result.timings.map((t) => t.stage);
    const beforeLockMs = result.timings.slice(0, stages.indexOf('lock')).reduce((sum, t) => sum + t.ms, 0);
    return { ok: true, committedAt, ownHash, lockMs: result.timings[stages.indexOf('lock')].ms, beforeLockMs };
  } catch (e) {
    return e instanceof OutputLockedError ? { ok: false, locked: true } : { ok: false, error: (e as Error).stack ?? String(e) };
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const job = JSON.parse(line) as Job;
  setTimeout(() => reply(run(job)), job.delayMs);
});
reply({ ready: true });
