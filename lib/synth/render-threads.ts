import * as os from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import type { ClusterOutputs, StackOutputValues } from '../fleet';
import { FleetError } from '../fleet';
import type { RenderUnit, UnitResult } from './render-fleet';
import { cacheableDefinition, UsedEntry } from './render-cache';
import { WORKER_RESOURCE_LIMITS } from './worker-heap';

/*
 * Rendering in several threads. Units (render-fleet.ts) depend on nothing but the inputs, so any
 * thread may render any of them: this thread and `threads - 1` worker threads take the next unit
 * from a shared counter until none is left, and the results are put together in unit order,
 * exactly as if one thread had rendered them all. The synth API stays synchronous: this thread
 * renders too, and waits for the workers with Atomics.wait.
 *
 * A worker cannot be handed the fleet's add-ons (functions do not cross threads), so it makes them
 * again, with the fleet, from the fleet as written (`definition`): only a fleet that is plain data
 * (no user add-on) is rendered in threads; any other renders in this thread alone.
 *
 * A worker loads cdk8s, cdktf and fleetsynth once (~0.7 s compiled; from TypeScript sources
 * several seconds), so workers are started only for enough units, and not at all when fleetsynth
 * runs from its TypeScript sources unless asked for.
 */

/** What a worker needs to render units: everything crosses as data. */
export interface RenderJob {
  readonly definition: unknown;
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  readonly stackOutputs: ReadonlyMap<string, StackOutputValues>;
  readonly kubernetesOnly: boolean;
  readonly units: readonly RenderUnit[];
  /** Indices into `units` to render, in the order to take them (the biggest first). */
  readonly order: readonly number[];
  /** The cache folder workers store their units in (none: no cache). */
  readonly cacheDir?: string;
  /** Tests: this thread renders nothing, so that the workers render every unit. @default false */
  readonly workersOnly?: boolean;
}

/** An error as it crosses threads: a FleetError keeps its problems. */
export type SentError = { readonly name: string; readonly message: string; readonly stack?: string; readonly problems?: FleetError['problems'] };

export function sendableError(e: unknown): SentError {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(e instanceof FleetError ? { problems: e.problems } : {}) };
  return { name: 'Error', message: String(e) };
}

/** The error again, in this thread: a FleetError with the same problems and message, or an Error with the same message and stack. */
export function receivedError(sent: SentError): Error {
  const error = Object.create(sent.problems ? FleetError.prototype : Error.prototype) as Error & { problems?: unknown };
  Object.defineProperty(error, 'message', { value: sent.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: sent.name, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', { value: sent.stack ?? `${sent.name}: ${sent.message}`, writable: true, configurable: true });
  if (sent.problems) Object.defineProperty(error, 'problems', { value: sent.problems, enumerable: true });
  return error;
}

/** Slots of the shared counters: the next place in `order` to take, the first unit that failed, units reported. */
export const NEXT = 0;
export const FIRST_ERROR = 1;
export const REPORTED = 2;
export const NO_ERROR = 0x7fffffff;

/** Lowers the shared first failure to `unit` if it is before it. */
export function recordFailure(shared: Int32Array, unit: number): void {
  for (let seen = Atomics.load(shared, FIRST_ERROR); unit < seen; seen = Atomics.load(shared, FIRST_ERROR)) {
    if (Atomics.compareExchange(shared, FIRST_ERROR, seen, unit) === seen) return;
  }
}

/** What a worker sends for each unit it took: its result, its error, or that it skipped it (a unit before it failed). */
export type WorkerReport = { readonly unit: number; readonly result?: UnitResult; readonly used?: UsedEntry; readonly error?: SentError; readonly skipped?: true } | { readonly fatal: SentError };

/** How long to wait with no unit reported before giving up on the workers. */
const STALL_MS = 10 * 60_000;

/** Whether fleetsynth runs from its TypeScript sources (jest, ts-node): workers would compile it again. */
export const runningFromSources = (): boolean => __filename.endsWith('.ts');

/**
 * How many threads to render `units` units in: one per core, but none beyond this one for fewer
 * than `minUnitsPerWorker` units each (a worker costs its start-up), and one when fleetsynth runs from
 * its TypeScript sources.
 */
export function autoThreads(units: number, minUnitsPerWorker = 16): number {
  if (runningFromSources()) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.floor(units / minUnitsPerWorker)));
}

/** The threads to render `units` units in, as asked (RenderOptions.threads): 'auto' or a number. */
export function renderThreads(units: number, threads: number | 'auto' | undefined): number {
  return threads === 'auto' ? autoThreads(units) : Math.max(1, Math.floor(threads ?? 1));
}

/**
 * The threads a render of the fleet as written takes when no unit comes from a cache, known before
 * the fleet is validated and before cdk8s and CDKTF load. Its units (render-fleet.ts, renderUnits)
 * are a cluster each (the selected ones, with `--cluster`) and three of the fleet's at least (the
 * OIDC provider stacks, the fleet's files, the diagram). A fleet that is not plain data renders in
 * this thread (RenderOptions.threads).
 */
export function uncachedRenderThreads(definition: unknown, threads: number | 'auto' | undefined, selected?: readonly string[]): number {
  if (!cacheableDefinition(definition)) return 1;
  const clusters = (definition as { clusters?: unknown }).clusters;
  return renderThreads((selected ?? (Array.isArray(clusters) ? clusters : [])).length + 3, threads);
}

/** The code a worker runs: fleetsynth's render-worker, compiled or (from sources) through a TypeScript loader. */
function workerSource(): string {
  const worker = path.join(__dirname, `render-worker${path.extname(__filename)}`);
  return `
const file = ${JSON.stringify(worker)};
if (file.endsWith('.ts')) {
  let sucrase;
  try { sucrase = require('sucrase'); } catch {}
  if (sucrase) {
    const fs = require('fs');
    const load = (module, filename) => module._compile(sucrase.transform(fs.readFileSync(filename, 'utf8'), { transforms: ['typescript', 'imports'], filePath: filename, production: true }).code, filename);
    for (const ext of ['.ts', '.cts', '.mts']) require.extensions[ext] = load;
  } else {
    require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  }
}
require(file);
`;
}

/**
 * Renders the units `job.order` names in `threads` threads (this one included), calling `report`
 * for each as it is done, in no particular order. `renderHere` renders a unit in this thread.
 * After a unit fails, units after it (in unit order) are skipped; those before it are rendered,
 * so that the first failure in unit order is known, as a render in one thread would find it.
 */
export function renderInThreads(job: RenderJob, threads: number, renderHere: (unit: number) => UnitResult, report: (unit: number, outcome: { result: UnitResult; used?: UsedEntry } | { error: unknown }) => void): { readonly inWorkers: number } {
  const shared = new Int32Array(new SharedArrayBuffer(3 * 4));
  shared[FIRST_ERROR] = NO_ERROR;
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < threads - 1; w++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData: { fleetsynthRenderWorker: true, job, shared, port: port2 },
      transferList: [port2],
      // The worker's own output (an add-on's console.log) goes where this thread's goes.
      stdout: false,
      stderr: false,
      resourceLimits: WORKER_RESOURCE_LIMITS,
    });
    worker.on('error', () => undefined);
    port1.unref();
    ports.push(port1);
    workers.push(worker);
  }
  let outcomes = 0;
  let inWorkers = 0;
  const drain = () => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const r = m.message as WorkerReport;
        // A worker that could not start took no unit: this thread rendered them.
        if ('fatal' in r) continue;
        outcomes++;
        if (!r.skipped) inWorkers++;
        if (r.result) report(r.unit, { result: r.result, ...(r.used ? { used: r.used } : {}) });
        else if (r.error) report(r.unit, { error: receivedError(r.error) });
      }
    }
  };
  try {
    for (;;) {
      drain();
      if (job.workersOnly) break;
      const k = Atomics.add(shared, NEXT, 1);
      if (k >= job.order.length) break;
      const unit = job.order[k];
      outcomes++;
      if (unit > Atomics.load(shared, FIRST_ERROR)) continue;
      let result: UnitResult;
      try {
        result = renderHere(unit);
      } catch (e) {
        recordFailure(shared, unit);
        report(unit, { error: e });
        continue;
      }
      report(unit, { result });
    }
    let seen = Atomics.load(shared, REPORTED);
    let quietSince = Date.now();
    while (outcomes < job.order.length) {
      drain();
      if (outcomes >= job.order.length) break;
      Atomics.wait(shared, REPORTED, seen, 1000);
      const now = Atomics.load(shared, REPORTED);
      if (now !== seen) [seen, quietSince] = [now, Date.now()];
      else if (Date.now() - quietSince > STALL_MS) throw new Error(`rendering stalled: the render workers reported no unit for ${STALL_MS / 60_000} minutes`);
    }
  } finally {
    for (const w of workers) void w.terminate();
  }
  return { inWorkers };
}
