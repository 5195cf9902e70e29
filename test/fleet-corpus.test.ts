import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { FleetError } from '../lib/fleet';
import { prepareFleet, renderChecked, synth } from '../lib/synth';
import { fakeOutputs, richTestFleet, testFleet } from './fleets';
import { fullTestFleet } from './full-fleet';
import { tempDir } from './tree';

/*
 * A generated corpus of bad input: valid fleets (test/fleets.ts) mutated one field at a time —
 * a wrong value, a misspelt or deleted key, an unknown key, a hole in a list, a duplicated item.
 * Each mutant must either be rejected (a FleetError, every problem with a path, no credential shown,
 * nothing written) or be a fleet that synth accepts whole: rendered with its platform services, every
 * object schema-checked and the GitOps convergence check passed (renderChecked, what synth runs).
 * Deterministic in CI: a fixed seed and a bounded number of runs (~25 s on this project's machine).
 * To explore further locally: FLEET_CORPUS_SEED=<n> FLEET_CORPUS_RUNS=<n> npx jest test/fleet-corpus.
 */

const SECRET = 'S3CRETt0ken';
const WRONG_VALUES: unknown[] = [
  null, undefined, '', ' ', -1, 0, 1.5, NaN, Infinity, true, {}, [], 'Bad Name', 'x'.repeat(300),
  '10.010.0.0/16', '10.0.0.0/8', 'us-west-2d', '1.34.2', 'kubernetes.io/role', 'fleetsynth.io/cloud',
  `https://user:${SECRET}@charts.example.com`, `https://git.example.com/a.git?private_token=${SECRET}`,
  'platform', 'istiod', '443', 443, 'aws', 'gcp', 'azure', 'management', 'workload',
];

type Key = string | number;
type Mutation =
  | { kind: 'set'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'typo'; at: number }
  | { kind: 'unknown-key' }
  | { kind: 'hole' }
  | { kind: 'duplicate' };

// The full fleet has every platform service on (secrets, observability, interconnect, global DNS); the last one
// sizes Argo CD with every field of `argoCd`.
const ARGOCD_SIZING = {
  controller: { replicas: 2, shardingAlgorithm: 'legacy', statusProcessors: 40, operationProcessors: 20, resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } } },
  repoServer: { replicas: 2, resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: 2, memory: '1Gi' } } },
};
const FLEETS = [() => fullTestFleet(), () => richTestFleet(), () => testFleet('gcp'), () => ({ ...testFleet('azure'), argoCd: structuredClone(ARGOCD_SIZING) })];

function fieldPaths(value: unknown, at: Key[] = []): Key[][] {
  const here = at.length > 0 ? [at] : [];
  if (value === null || typeof value !== 'object') return here;
  return [...here, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...at, Array.isArray(value) ? Number(k) : k]))];
}

/** Applies the mutation to a fresh fleet; returns a description for the failure report. */
function mutate(fleet: any, field: Key[], m: Mutation): string {
  const parent = field.slice(0, -1).reduce((o, k) => o[k], fleet);
  const key = field[field.length - 1];
  const where = field.join('.');
  switch (m.kind) {
    case 'set':
      parent[key] = m.value;
      return `${where} = ${String(JSON.stringify(m.value))}`;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `delete ${where}`;
    case 'typo': {
      if (Array.isArray(parent)) return mutate(fleet, field, { kind: 'hole' });
      const name = String(key);
      const i = m.at % name.length;
      const typo = i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : `${name}s`;
      if (typo === name) return `(no typo for ${where})`;
      parent[typo] = parent[name];
      delete parent[name];
      return `rename ${where} to ${typo}`;
    }
    case 'unknown-key': {
      const target = parent[key];
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return mutate(fleet, field, { kind: 'set', value: { surprise: 1 } });
      target.surprise = 1;
      return `${where}.surprise = 1`;
    }
    case 'hole':
      if (!Array.isArray(parent)) return mutate(fleet, field, { kind: 'delete' });
      delete parent[Number(key)];
      return `hole at ${where}`;
    case 'duplicate':
      if (!Array.isArray(parent)) return mutate(fleet, field, { kind: 'set', value: parent[key] === undefined ? null : structuredClone(parent[key]) });
      parent.push(structuredClone(parent[Number(key)]));
      return `duplicate ${where}`;
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WRONG_VALUES).map((value) => ({ kind: 'set' as const, value })) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double()).map((value) => ({ kind: 'set' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 2, arbitrary: fc.nat(40).map((at) => ({ kind: 'typo' as const, at })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown-key' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hole' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'duplicate' as const }) },
);

const cases = fc.nat(FLEETS.length - 1).chain((which) => {
  const paths = fieldPaths(FLEETS[which]());
  return fc.record({ which: fc.constant(which), field: fc.constantFrom(...paths), mutation });
});

test('every single-field mutation of a valid fleet is rejected with paths and nothing written, or passes every check synth runs before writing', () => {
  const outcomes = { rejected: 0, rendered: 0 };
  const checked = new Set<string>();
  const out = path.join(tempDir(), 'dist');
  fc.assert(
    fc.property(cases, ({ which, field, mutation: m }) => {
      const fleet: any = FLEETS[which]();
      const what = mutate(fleet, field, m);
      let prepared;
      try {
        // What synth validates: the core's fields and every platform service's own.
        prepared = prepareFleet(fleet);
      } catch (e) {
        if (!(e instanceof FleetError)) throw new Error(`${what}: crashed instead of a fleet problem: ${(e as Error).stack}`);
        if (e.problems.length === 0 || e.problems.some((p) => !p.path || /undefined|\[object/.test(p.path))) throw new Error(`${what}: a problem without a usable path: ${e.message}`);
        if (e.message.includes(SECRET)) throw new Error(`${what}: a credential is shown: ${e.message}`);
        // The CLI's path: synth validates before it touches the output folder.
        let thrown: unknown;
        try {
          synth(fleet, { outDir: out, outputsDir: path.join(out, 'none'), cache: false });
        } catch (err) {
          thrown = err;
        }
        if (!(thrown instanceof FleetError) || fs.existsSync(out)) throw new Error(`${what}: synth did not fail cleanly before writing`);
        outcomes.rejected++;
        return;
      }
      // Each distinct accepted fleet is checked once (synth's output is a function of it).
      const key = JSON.stringify(prepared.fleet, (_, v) => (v === undefined ? '\u0000undefined' : v));
      if (checked.has(key)) return;
      checked.add(key);
      try {
        // As synth checks before writing: rendered with its platform services (clusters with fake outputs),
        // every object against its upstream schema, the convergence check as it is and once complete.
        renderChecked(prepared.fleet, { outputs: fakeOutputs(prepared.fleet), stackOutputs: new Map(), addons: prepared.addons });
      } catch (e) {
        throw new Error(`${what}: validation accepted it, synth's checks failed: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
      }
      outcomes.rendered++;
    }),
    { seed: Number(process.env.FLEET_CORPUS_SEED ?? 20261126), numRuns: Number(process.env.FLEET_CORPUS_RUNS ?? 200), endOnFailure: true },
  );
  // The corpus must exercise both outcomes, or it proves nothing.
  expect(outcomes.rejected).toBeGreaterThan(100);
  expect(outcomes.rendered).toBeGreaterThan(10);
});
