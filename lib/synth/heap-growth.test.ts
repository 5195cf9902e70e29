import { spawnSync } from 'child_process';
import * as path from 'path';
import { HEAP_GROWING_PERCENT } from './heap-growth';

// The fleetsynth command as a child process (build/, which jest's global setup keeps as new as lib/).
const ROOT = path.join(__dirname, '..', '..');

/**
 * The factors of the heap limits V8 set while `entry` ran, then a workload that keeps ~20 MiB and
 * churns through ~150 MiB more (so that full collections happen after the command's start-up).
 * `--trace-gc-verbose` prints each new limit with the factor it used: `Limit: old size: …, new limit: … (1.2)`.
 */
function limitFactors(entry: string): string[] {
  const script = `
    const run = () => {
      const live = [];
      for (let i = 0; i < 200000; i++) live.push({ i, s: 'live-' + i });
      const ring = new Array(200000);
      for (let i = 0; i < 2000000; i++) ring[i % ring.length] = { i, s: 'churn-' + i };
      return live.length + ring.length;
    };
    process.argv = [process.argv[0], ${JSON.stringify(entry)}, '--help'];
    const log = console.log;
    console.log = () => undefined;
    ${entry === '' ? '' : `require(${JSON.stringify(entry)});`}
    console.log = log;
    run();`;
  const r = spawnSync(process.execPath, ['--trace-gc-verbose', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...r.stdout.matchAll(/\[HeapController\] Limit: .*\(([0-9.]+)\)$/gm)].map((m) => m[1]);
}

const FACTOR = (1 + HEAP_GROWING_PERCENT / 100).toFixed(1);

describe('the fleetsynth command limits how far V8 grows a heap before it collects', () => {
  test('the limits set once it runs use 1 + HEAP_GROWING_PERCENT %', () => {
    const factors = limitFactors('./bin/fleetsynth.js');
    expect(factors.length).toBeGreaterThan(1);
    expect(factors.slice(-2)).toEqual([FACTOR, FACTOR]);
  }, 60_000);

  test('a plain Node process, for contrast, picks its own factors (so the check above sees the setting)', () => {
    const factors = limitFactors('');
    expect(factors.length).toBeGreaterThan(0);
    expect(factors.slice(-2)).not.toEqual([FACTOR, FACTOR]);
  }, 60_000);
});
