import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/*
 * How far V8 lets a heap grow past what its last full collection kept before it collects again. V8
 * picks a factor between 1.1 and 4 from how fast collection is against allocation
 * (src/heap/heap-controller.cc, MemoryController::GrowingFactor; Node 20's V8 11.3): while synth
 * renders, allocation is fast and collection cheap, so the main thread's heap went from the ~56 MiB
 * its first full collection kept to ~212 MiB of mostly garbage (the constructs of units long
 * rendered) before its next one (`--trace-gc`, 300 clusters). The flag `--heap-growing-percent`
 * replaces that factor, and GrowingFactor reads it at every collection, so it takes effect when set
 * at run time. It is process-wide: the render workers and the schema worker follow it too. Measured
 * on the 300-cluster bench fleet (alternating runs, /usr/bin/time's max RSS): ~372 → ~333 MiB alone
 * (10 % and 30 % alike, 50 % and 100 % ~335 MiB with the units' tokens forgotten, 20 % ~310 MiB:
 * unit-tokens.ts, which alone moved nothing); CPU time 2–5 % more, wall time within the noise
 * (README, Performance).
 */
export const HEAP_GROWING_PERCENT = 20;

/** Sets V8's heap growing factor for this process (the CLI's: not a program that imports fleetsynth, whose heap is its own). */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // V8's gc extension is installed in a context created while --expose-gc is set (src/init/bootstrapper.cc,
  // Genesis::InstallExtensions), so a context made now holds a `gc` for this process; the flag is unset
  // again, so that no later context (a worker's, the fleet file's) gets one.
  setFlagsFromString('--expose-gc');
  try {
    fullCollection = runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

let fullCollection: (() => void) | undefined;

/**
 * The command's: a full collection of this thread's heap now; nothing in a program that imports
 * fleetsynth. Synth calls it once the convergence check is done: at 600 clusters that check leaves
 * ~40 MiB of garbage (every object parsed, the simulation) in a heap V8 would not collect before the
 * plan and the write added theirs on top, which is where a 600-cluster synth peaked (~306 → ~292 MiB,
 * README, Performance). Costs one full collection (tens of milliseconds).
 */
export function collectGarbage(): void {
  fullCollection?.();
}
