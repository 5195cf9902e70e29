import type { ResourceLimits } from 'worker_threads';

/*
 * The young generation of synth's worker threads (the render workers and the schema check). V8 gives
 * each isolate one sized for a whole process (up to 16 MiB per semi-space on 64-bit, three times that
 * in all), and a synth runs three isolates at its peak (this thread, a render worker, the schema
 * worker): the workers' young generations alone were ~25 MiB of a 300-cluster synth's ~375 MiB peak
 * (measured with /usr/bin/time alternating runs: 376 → 352 MiB median). Their objects are short-lived
 * (a unit's constructs, a batch of parsed objects), so a smaller nursery costs a few more scavenges.
 * The main thread's cannot be set from inside the process (only by a Node option at its start).
 */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
