import { fleet } from './full-fleet';
import { FleetError } from '../lib/fleet';
import { prepareFleet, renderChecked } from '../lib/synth';
import { SynthCache } from '../lib/synth/synth-cache';
import { tempDir } from './tree';

/*
 * Every field of the example fleet, replaced in turn by each of a few wrong values: validation
 * must either reject it (a FleetError naming fields) or accept something that renders cleanly.
 * Nothing may crash, and rendering must never be the first to find a problem (it would report
 * output paths instead of the fleet field to fix). test/fleet-corpus.test.ts does the same over
 * generated mutations (typos, holes, duplicates, credentials) of the test fleets.
 *
 * Each mutation is rendered as synth renders an edited fleet with its cache: the example fleet is
 * rendered once in full (cold cache), then every accepted mutation re-renders the units that read
 * the changed field and reuses the rest, and the schema check skips objects it has passed before
 * (test/render-engine.test.ts holds a cached render equal to a render without cache, over edits).
 */
const WRONG = [null, '', -1, 1.5, 'Bad Name', {}, []];

function fieldPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = path.length > 0 ? [path] : [];
  if (value === null || typeof value !== 'object') return here;
  return [...here, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...path, Array.isArray(value) ? Number(k) : k]))];
}

test('no single wrong field crashes synth or slips past validation into rendering', () => {
  const outcomes = { rejected: 0, rendered: 0, unitsReused: 0 };
  // Rendering is a function of the resolved fleet (test/synth.test.ts: same input, same bytes), and most
  // accepted values resolve to a fleet already rendered (a default put back): each distinct one renders once.
  const seen = new Set<string>();
  const slipped: string[] = [];
  const cache = new SynthCache(tempDir());
  const render = (definition: unknown, prepared: ReturnType<typeof prepareFleet>) =>
    renderChecked(prepared.fleet, { outputs: new Map(), stackOutputs: new Map(), addons: prepared.addons, definition, cache });
  // The example fleet as it is, in full: every unit rendered, every object schema-checked.
  const base = render(fleet, prepareFleet(fleet));
  expect(base.units.cached).toBe(0);
  for (const field of fieldPaths(fleet)) {
    for (const wrong of WRONG) {
      const f = structuredClone(fleet) as any;
      const parent = field.slice(0, -1).reduce((o, k) => o[k], f);
      parent[field[field.length - 1]] = wrong;
      let prepared;
      try {
        // What synth validates: the core's fields and every platform service's own.
        prepared = prepareFleet(f);
      } catch (e) {
        expect(e).toBeInstanceOf(FleetError);
        expect((e as FleetError).problems.length).toBeGreaterThan(0);
        // Every problem names a field a user can find: never an index standing for a missing name's "undefined".
        const unusable = (e as FleetError).problems.filter((p) => !p.path || /undefined|\[object/.test(p.path));
        if (unusable.length > 0) slipped.push(`${field.join('.')} = ${JSON.stringify(wrong)}: no usable path: ${unusable.map((p) => p.path).join(', ')}`);
        outcomes.rejected++;
        continue;
      }
      const key = JSON.stringify(prepared.fleet, (_, v) => (v === undefined ? '\u0000undefined' : v instanceof Map ? ['\u0000map', [...v]] : v));
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        // What synth checks before writing: every object against its schema, the convergence check.
        outcomes.unitsReused += render(f, prepared).units.cached;
        outcomes.rendered++;
      } catch (e) {
        slipped.push(`${field.join('.')} = ${JSON.stringify(wrong)}: ${(e as Error).message.split('\n')[1] ?? (e as Error).message}`);
      }
    }
  }
  expect(slipped).toEqual([]);
  expect(outcomes.rejected).toBeGreaterThan(1000);
  expect(outcomes.rendered).toBeGreaterThan(10);
  // The mutations were rendered incrementally (units that did not read the changed field came from the cache).
  expect(outcomes.unitsReused).toBeGreaterThan(outcomes.rendered);
});
