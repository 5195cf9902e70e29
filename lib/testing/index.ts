/*
 * fleetsynth/testing: render a fleet as synth does, in memory, and assert on it (README, "Testing
 * your fleet"). Importing it under jest registers the matchers.
 */
// First: cdktf loads a zip library fleetsynth never uses; see deferred-archiver.ts.
import '../infra/deferred-archiver';
import { setupJest } from './matchers';

export * from './render-for-test';
export { fleetMatchers, matchesPartial, setupJest } from './matchers';

if (typeof (globalThis as { expect?: { extend?: unknown } }).expect?.extend === 'function') setupJest();
