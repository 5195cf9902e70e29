import * as path from 'path';
import { tempDir } from './tree';

/*
 * A synth cache (SynthOptions.cache) of this test file's own, for tests whose subject is a guard's
 * decision over an edited fleet (a refused synth, then the same edit allowed): the render of what the
 * edit leaves alone, the schema check's and the convergence check's passes come from the cache
 * instead of being done again (a synth of the edited full fleet: ~0.3 s of CPU without, 0.07-0.08 s
 * with; README, Performance: `npm test`). Each test file its own folder, made at its first use and
 * removed with the file's temporary folders (tempDir): no test file reads what another wrote.
 *
 * The cold path (no cache) stays covered where it is the subject: test/render-engine.test.ts compares
 * renders with the cache and without, byte for byte, over random edits; test/dist.test.ts checks a
 * synth of the example fleet without one against the committed dist/; the guards' files under
 * lib/synth/ but stack-removal-guard.test.ts judge without one. Two guards keep what they parsed of
 * the previous output under its bytes' hash (previous-istiod.ts, app-removal-guard.ts): their tests
 * show they judge as without the cache.
 */

/** The synth options that name a test file's cache. */
export interface FileCache {
  readonly cache: string;
  readonly hooks: Record<string, never>;
}

let options: FileCache | undefined;

/**
 * Synth options with this test file's cache folder. With (empty) test hooks, which no synth takes for
 * granted: a synth never stops early at the up-to-date stamp of the output folder (output-stamp.ts),
 * so every synth runs every guard, as without a cache.
 */
export function fileCache(): FileCache {
  options ??= { cache: path.join(tempDir(), 'cache'), hooks: {} };
  return options;
}
