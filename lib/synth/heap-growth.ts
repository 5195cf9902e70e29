import { setFlagsFromString } from 'v8';

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
}
