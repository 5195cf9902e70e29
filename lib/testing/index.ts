/*
 * fleetsynth/testing: render a fleet as synth does, in memory, and assert on it (README, "Testing
 * your fleet"). Importing it under jest registers the matchers.
 */
import { setupJest } from './matchers';

export * from './render-for-test';
export { fleetMatchers, matchesPartial, setupJest } from './matchers';

if (typeof (globalThis as { expect?: { extend?: unknown } }).expect?.extend === 'function') setupJest();
