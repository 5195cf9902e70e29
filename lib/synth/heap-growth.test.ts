import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { HEAP_GROWING_PERCENT } from './heap-growth';

// The fleetsynth command as a child process (build/, which jest's global setup keeps as new as lib/).
const ROOT = path.join(__dirname, '..', '..');
const VERSIONS = /^VERSIONS=\(([^)]*)\)$/m.exec(fs.readFileSync(path.join(ROOT, 'scripts', 'fetch-node.sh'), 'utf8'))![1].split(' ');

/**
 * The factors of the heap limits V8 set while `entry` ran, then a workload that keeps ~20 MiB and
 * churns through ~150 MiB more (so that full collections happen after the command's start-up).
 * `--trace-gc-verbose` prints each new limit with the factor it used: `Limit: old size: …, new limit: … (1.2)`.
 */
function limitFactors(entry: string, node = process.execPath): string[] {
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
  const r = spawnSync(node, ['--trace-gc-verbose', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const limits = [...r.stdout.matchAll(/\[HeapController\] Limit: .*\(([0-9.]+)\)$/gm)].map((m) => m[1]);
  // V8 13 (Node 24) no longer prints the factor after each limit, but on a line of its own once the flag
  // has replaced it (src/heap/heap-controller.cc, MemoryController::GrowingFactor); V8 11 and 12 (Node 20
  // and 22) print that line before the flag replaces it, so their limits' factors are the ones to read.
  return limits.length > 0 ? limits : [...r.stdout.matchAll(/\[HeapController\] factor ([0-9.]+) based on/gm)].map((m) => m[1]);
}

const FACTOR = (1 + HEAP_GROWING_PERCENT / 100).toFixed(1);

describe('the fleetsynth command limits how far V8 grows a heap before it collects', () => {
  test('the limits set once it runs use 1 + HEAP_GROWING_PERCENT %', () => {
    const factors = limitFactors('./bin/fleetsynth.js');
    expect(factors.length).toBeGreaterThan(1);
    expect(factors.slice(-2)).toEqual([FACTOR, FACTOR]);
  }, 60_000);

  // The releases users run (test/node-versions.test.ts): the flag exists in their V8 and takes effect at run time there too.
  test.each(VERSIONS)('with Node.js %s too', (version) => {
    const node = path.join(ROOT, 'node_modules', '.cache', 'fleetsynth-node', version, 'bin', 'node');
    if (!fs.existsSync(node)) return console.warn(`Node.js ${version} not checked: no ${path.relative(ROOT, node)} (scripts/fetch-node.sh)`);
    expect(limitFactors('./bin/fleetsynth.js', node).slice(-2)).toEqual([FACTOR, FACTOR]);
    expect(limitFactors('', node).slice(-2)).not.toEqual([FACTOR, FACTOR]);
  }, 60_000);

  test('a plain Node process, for contrast, picks its own factors (so the check above sees the setting)', () => {
    const factors = limitFactors('');
    expect(factors.length).toBeGreaterThan(0);
    expect(factors.slice(-2)).not.toEqual([FACTOR, FACTOR]);
  }, 60_000);
});

/**
 * What `collectGarbage()` does in a child process (build/), with or without `limitHeapGrowth()` first:
 * the full collections `--trace-gc` prints for a gc() call (reason "testing"), and whether a context
 * or a worker made afterwards has a `gc` of its own.
 */
function collections(command: boolean, node = process.execPath): { readonly full: number; readonly gcLeaks: string } {
  const script = `
    const heap = require('./build/lib/synth/heap-growth');
    ${command ? 'heap.limitHeapGrowth();' : ''}
    heap.collectGarbage();
    const { Worker } = require('worker_threads');
    const w = new Worker('require("worker_threads").parentPort.postMessage(typeof gc)', { eval: true });
    w.on('message', (inWorker) => console.log('LEAKS ' + [typeof gc, require('vm').runInNewContext('typeof gc'), inWorker].join(' ')));`;
  const r = spawnSync(node, ['--trace-gc', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { full: [...r.stdout.matchAll(/Mark-Compact.*testing/g)].length, gcLeaks: /^LEAKS (.*)$/m.exec(r.stdout)?.[1] ?? r.stderr };
}

describe('the fleetsynth command collects garbage once its checks are done', () => {
  test.each([process.versions.node, ...VERSIONS])('a full collection in the command, none in a program that imports fleetsynth, and no gc() left for other code (Node.js %s)', (version) => {
    const node = version === process.versions.node ? process.execPath : path.join(ROOT, 'node_modules', '.cache', 'fleetsynth-node', version, 'bin', 'node');
    if (!fs.existsSync(node)) return console.warn(`Node.js ${version} not checked: no ${path.relative(ROOT, node)} (scripts/fetch-node.sh)`);
    expect(collections(true, node)).toEqual({ full: 1, gcLeaks: 'undefined undefined undefined' });
    expect(collections(false, node)).toEqual({ full: 0, gcLeaks: 'undefined undefined undefined' });
  }, 60_000);
});

