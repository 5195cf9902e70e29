import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { treeHash } from './concurrency-fleets';
import { readTree, tempDir, writeTree } from './tree';

/*
 * Two real synth processes, with two different fleets, against one output folder at once, with
 * random start offsets: the folder must end byte-identical to exactly one of the two complete
 * outputs, every synth that succeeded must have left its own output while it held the lock, and
 * the last one to commit owns the folder. A synth waiting for the lock either gets it (--wait 10)
 * or fails with the lock error having written nothing (--wait 0).
 *
 * Each synth spends ~0.3 s validating and rendering (more, and more variable, on a busy machine)
 * before it reaches the output folder, and its commit takes milliseconds: left alone, most runs
 * would take turns instead of colliding. So each synth starts after a random 0-100 ms, and then,
 * once it has rendered, goes for the lock at a random moment within the same 80 ms window (unless
 * its rendering ran past it); every move of a commit sleeps up to 6 ms (a slow disk). The test
 * also checks that at least a fifth of the runs really collided (one synth waited for the other).
 *
 * CONCURRENCY_RUNS sets the number of runs: 50 by default (`npm test` and `npm run test:concurrency`,
 * ~18 s here), more to explore.
 */
const RUNS = Number(process.env.CONCURRENCY_RUNS ?? 50);
const ROOT = path.join(__dirname, '..');

interface Reply {
  readonly ok: boolean;
  readonly locked?: boolean;
  readonly error?: string;
  readonly committedAt?: string;
  readonly ownHash?: string;
  readonly lockMs?: number;
  /** How long it took to reach the lock (validate, render, schema check), not counting the wait for lockAtNs. */
  readonly beforeLockMs?: number;
}

/** One long-lived synth process (test/concurrent-synth.ts), fed one job at a time. */
class SynthProcess {
  private readonly child: ChildProcess;
  private readonly waiting: ((r: Reply) => void)[] = [];
  readonly ready: Promise<void>;

  constructor(readonly fleet: 'a' | 'b') {
    this.child = spawn(process.execPath, ['-r', path.join(__dirname, 'built.js'), path.join(__dirname, 'concurrent-synth.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let started: () => void;
    this.ready = new Promise((resolve) => (started = resolve));
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const reply = JSON.parse(line);
      if (reply.ready) started();
      else this.waiting.shift()?.(reply);
    });
  }

  synth(job: { out: string; delayMs: number; waitSeconds: number; slowStepMs: number }): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin!.write(`${JSON.stringify({ ...job, fleet: this.fleet })}\n`);
    });
  }

  stop(): void {
    this.child.stdin!.end();
    this.child.kill();
  }
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

describe('two synths on one output folder at once', () => {
  const procs = { a: new SynthProcess('a'), b: new SynthProcess('b') };
  const expected: Record<'a' | 'b', Record<string, string>> = { a: {}, b: {} };
  const hashes = { a: '', b: '' };
  afterAll(() => Object.values(procs).forEach((p) => p.stop()));

  beforeAll(async () => {
    await Promise.all(Object.values(procs).map((p) => p.ready));
    for (const id of ['a', 'b'] as const) {
      const out = path.join(tempDir(), 'dist');
      const r = await procs[id].synth({ out, delayMs: 0, waitSeconds: 0, slowStepMs: 0 });
      expect(r).toMatchObject({ ok: true });
      expected[id] = readTree(out);
      hashes[id] = treeHash(expected[id]);
    }
    expect(hashes.a).not.toBe(hashes.b);
  }, 60_000);

  test(`end wholly one of the two outputs, ${RUNS} runs in a row with random start offsets`, async () => {
    const failures: string[] = [];
    let contended = 0;
    let toLockMs = 400;
    for (let run = 0; run < RUNS; run++) {
      const out = path.join(tempDir('fleetsynth-race-'), 'dist');
      // GIVEN a folder that is empty, holds one fleet's output, or holds that and a dead synth's lock
      const start = pick(['empty', 'a', 'b', 'stale lock'] as const);
      if (start === 'a' || start === 'b') writeTree(out, expected[start]);
      if (start === 'stale lock') {
        const dead = spawnSync('true').pid;
        writeTree(out, { ...expected[pick(['a', 'b'] as const)], '.fleetsynth/.gitignore': '*\n', '.fleetsynth/lock': JSON.stringify({ pid: dead, host: os.hostname(), startedAt: new Date().toISOString(), token: 'dead' }) });
      }
      const waitSeconds = pick([0, 10]);
      const window = process.hrtime.bigint() + BigInt(Math.round((100 + 1.2 * toLockMs) * 1e6));
      const job = () => ({ out, delayMs: Math.random() * 100, waitSeconds, slowStepMs: 6, lockAtNs: String(window + BigInt(Math.round(Math.random() * 80e6))) });
      // WHEN both start, each after a random delay, and go for the lock at random moments close together
      const [ra, rb] = await Promise.all([procs.a.synth(job()), procs.b.synth(job())]);
      const rendered = [ra, rb].map((r) => r.beforeLockMs ?? 0);
      toLockMs = 0.7 * toLockMs + 0.3 * Math.max(...rendered);
      // THEN
      const tree = readTree(out);
      const final = treeHash(tree);
      const ok = [['a', ra], ['b', rb]].filter(([, r]) => (r as Reply).ok) as ['a' | 'b', Reply][];
      const last = ok.sort(([, x], [, y]) => (BigInt(x.committedAt!) < BigInt(y.committedAt!) ? -1 : 1)).at(-1);
      const problems = [
        ...[ra, rb].filter((r) => !r.ok && !(r.locked && waitSeconds === 0)).map((r) => `a synth failed: ${r.error ?? 'locked'}`),
        ...(ok.length === 0 ? ['neither synth succeeded'] : []),
        ...(final !== hashes.a && final !== hashes.b ? [`the folder is neither output (${Object.keys(tree).length} files${Object.keys(tree).some((p) => p.startsWith('.fleetsynth')) ? `, left behind: ${Object.keys(tree).filter((p) => p.startsWith('.fleetsynth')).join(' ')}` : ''})`] : []),
        ...ok.filter(([id, r]) => r.ownHash !== hashes[id]).map(([id]) => `synth ${id} exited 0 over output that was not its own`),
        ...(last && final !== hashes[last[0]] ? [`synth ${last[0]} committed last but the folder is not its output`] : []),
      ];
      if (problems.length > 0) failures.push(`run ${run} (start: ${start}, --wait ${waitSeconds}): ${problems.join('; ')}`);
      if ([ra, rb].some((r) => r.locked || (r.lockMs ?? 0) >= 15)) contended++;
    }
    // The runs must really collide: otherwise this test would prove nothing.
    expect({ failures, collided: contended >= Math.ceil(RUNS / 5) ? 'at least a fifth of the runs' : `${contended} of ${RUNS} runs` }).toEqual({ failures: [], collided: 'at least a fifth of the runs' });
  }, 30_000 + RUNS * 2_000);

  test('two `npm run synth` command lines at once: both exit 0 and the folder is one of the outputs', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    for (const id of ['a', 'b']) writeTree(dir, { [`${id}.ts`]: `import { FLEETS } from ${JSON.stringify(path.join(__dirname, 'concurrency-fleets'))};\nexport const fleet = FLEETS.${id};\n` });
    const cli = (id: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/fleetsynth.js', 'synth', '--fleet', path.join(dir, `${id}.ts`), '--out', out, '--outputs', path.join(dir, 'none'), '--allow-replace', 't-mgmt', '--allow-cluster-removal', 't-aws'], { cwd: ROOT }); // the fleets move t-mgmt's region and a drops t-aws (see concurrent-synth.ts)
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([cli('a'), cli('b')]);
    expect(results).toEqual([{ code: 0, stderr: '' }, { code: 0, stderr: '' }]);
    expect([hashes.a, hashes.b]).toContain(treeHash(readTree(out)));
    expect(fs.existsSync(path.join(out, '.fleetsynth'))).toBe(false);
  }, 60_000);
});
