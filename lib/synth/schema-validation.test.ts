import { tempDir } from '../../test/tree';
import { testFleet } from '../../test/fleets';
import { fleetAddons } from '../addons/fleet-addons';
import { resolveFleet } from '../fleet';
import { renderUnits } from './render-fleet';
import { uncachedRenderThreads } from './render-threads';
import { kindsToWarm, SCHEMA_BATCH, SchemaInput, schemaProblems, schemaWorkerForTests, startSchemaCheck, USUAL_KINDS } from './schema-validation';
import { SynthCache } from './synth-cache';
import { synth } from './synth';

// The module object itself, so that a spy on it sees synth's calls (an `import * as` would be a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemaModule: typeof import('./schema-validation') = require('./schema-validation');

const app = () => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'x', namespace: 'argocd' },
  spec: {
    project: 'p',
    source: { repoURL: 'https://r', targetRevision: 'main', path: 'a', helm: { valuesObject: { anything: { goes: ['here'] } } } },
    destination: { name: 'c', namespace: 'n' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  },
});
const dr = () => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'api', namespace: 'istio-system' },
  spec: { host: 'api.example.com', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
});
const check = (object: any) => schemaProblems([{ file: 'f.yaml', object }]);

describe('upstream schema validation (kubernetes-models, strict)', () => {
  test('passes valid objects, free-form Helm values included', () => {
    expect(check(app())).toEqual([]);
    expect(check(dr())).toEqual([]);
    expect(check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { a: 'b' } })).toEqual([]);
  });

  test('checks any top-level kind the packages serve, found through its model file, not a fixed list', () => {
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
    expect(check(policy)).toEqual([]);
    expect(check({ ...policy, spec: { ...policy.spec, podSelecter: {} } }).map((p) => p.path)).toEqual(['f.yaml: spec.podSelecter']);
    // A nested type of the package is not a kind: DeploymentSpec has a schema but no model file.
    expect(check({ apiVersion: 'apps/v1', kind: 'DeploymentSpec', metadata: { name: 'x' } })[0].message).toContain('no upstream schema');
    // The apiVersion must be the one the kind is served at.
    expect(check({ ...policy, apiVersion: 'networking.k8s.io/v1beta1' })[0].message).toContain('no upstream schema');
  });

  test('fails when a field has the wrong type, naming file, object and field', () => {
    const o = app();
    (o.spec.syncPolicy.automated as any).prune = 'yes';
    expect(check(o)).toEqual([expect.objectContaining({ path: 'f.yaml: spec.syncPolicy.automated.prune', message: 'Application argocd/x: must be of type boolean', given: '"yes"' })]);
  });

  test('fails when a required field is missing', () => {
    const o = app();
    delete (o.spec as any).destination;
    expect(check(o).map((p) => p.path)).toContain('f.yaml: spec.destination');
  });

  test('fails when an enum value is not allowed', () => {
    const o = dr();
    (o.spec.trafficPolicy.tls as any).mode = 'MUTUAL_TLS';
    expect(check(o)).toEqual([expect.objectContaining({ path: 'f.yaml: spec.trafficPolicy.tls.mode', message: 'DestinationRule istio-system/api: not an allowed value' })]);
  });

  test('fails when a field is unknown (strict mode), at any depth', () => {
    const o = app();
    (o.spec.syncPolicy as any).syncOption = ['CreateNamespace=true'];
    (o.spec.destination as any).cluster = 'c';
    expect(check(o).map((p) => p.path).sort()).toEqual(['f.yaml: spec.destination.cluster', 'f.yaml: spec.syncPolicy.syncOption']);
  });

  test('fails when every key of an object is undeclared (not mistaken for a free-form object)', () => {
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: { podSelecter: { matchLabels: { a: 'b' } } } };
    expect(check(policy).map((p) => p.path)).toEqual(['f.yaml: spec.podSelecter']);
    // ... while Helm values stay free-form.
    expect(check(app())).toEqual([]);
  });

  test('fails when a kind has no upstream schema here', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })[0]).toMatchObject({ path: 'f.yaml', message: 'Widget w: no upstream schema for example.com/v1/Widget' });
  });

  test('a started check answers later, while this thread works; a check nobody waited for never answers for the next one', () => {
    const bad = app();
    (bad.spec as any).destination = { name: 7 };
    const first = startSchemaCheck([{ file: 'bad.yaml', object: bad }]);
    // never waited for: the next check must still get its own answer, not this one's
    void first;
    const second = startSchemaCheck([{ file: 'good.yaml', object: app() }]);
    const third = startSchemaCheck([{ file: 'also-bad.yaml', object: bad }]);
    expect(third().map((p) => p.path)).toEqual(['also-bad.yaml: spec.destination.name']);
    expect(second()).toEqual([]);
    // and an answer read twice is the same answer
    expect(third().map((p) => p.path)).toEqual(['also-bad.yaml: spec.destination.name']);
  });

  test('a check that could not run says so each time it is read, at once; the checks after it are their own', () => {
    const objects: SchemaInput[] = Array.from({ length: SCHEMA_BATCH + 10 }, (_, i) => (i === SCHEMA_BATCH + 5 ? { file: `broken-${i}.yaml`, json: '{', kind: 'v1/ConfigMap' } : { file: `ok-${i}.yaml`, object: app() }));
    const broken = startSchemaCheck(objects);
    expect(() => broken()).toThrow(/schema validation could not run: .*JSON/);
    const started = Date.now();
    // Read again (a caller's retry, a finally): before, it waited for a reply already taken, for ten minutes.
    expect(() => broken()).toThrow(/schema validation could not run: .*JSON/);
    expect(Date.now() - started).toBeLessThan(5000);
    const bad = app();
    (bad.spec as any).destination = { name: 7 };
    expect(schemaProblems([{ file: 'next.yaml', object: bad }, { file: 'ok.yaml', object: app() }]).map((p) => p.path)).toEqual(['next.yaml: spec.destination.name']);
  });

  test('a worker that stops (out of memory, terminated) fails the check once it has checked nothing for a while, not after ten minutes; the next check has a worker of its own', () => {
    const dying = schemaWorkerForTests(1500);
    dying.kill();
    const started = Date.now();
    const answer = dying.check([app()]);
    expect(() => answer()).toThrow(/schema validation could not run: its worker stopped \(nothing checked for 2 s; out of memory\?\)/);
    expect(Date.now() - started).toBeLessThan(30_000);
    const bad = app();
    (bad.spec as any).destination = { name: 7 };
    expect(schemaProblems([{ file: 'next.yaml', object: bad }]).map((p) => p.path)).toEqual(['next.yaml: spec.destination.name']);
  });

  test('a check started while a stopped worker\'s check is still unread goes to a new worker: one stall, not two', () => {
    // As synth's early check (started while the fleet-wide stacks render) when the render's files turn out
    // others: the next check waits for the unread one first, which finds the worker dead and stops it.
    const dying = schemaWorkerForTests(1500);
    dying.kill();
    const early = dying.check([app()]);
    const bad = app();
    (bad.spec as any).destination = { name: 7 };
    const started = Date.now();
    const next = startSchemaCheck([{ file: 'next.yaml', object: bad }]);
    expect(next().map((p) => p.path)).toEqual(['next.yaml: spec.destination.name']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(() => early()).toThrow(/its worker stopped/);
  });

  test('objects go to the worker in batches: each problem is its own object\'s, in order, and one check\'s batches are never another\'s', () => {
    const bad = app();
    (bad.spec as any).destination = { name: 7 };
    const many = (name: string, badAt: readonly number[]) => Array.from({ length: 2 * SCHEMA_BATCH + 3 }, (_, i) => ({ file: `${name}-${i}.yaml`, object: badAt.includes(i) ? bad : app() }));
    const at = [0, SCHEMA_BATCH - 1, SCHEMA_BATCH, 2 * SCHEMA_BATCH + 2];
    const first = startSchemaCheck(many('first', at));
    void first;
    const second = startSchemaCheck(many('second', [1, 2 * SCHEMA_BATCH + 1]));
    expect(second().map((p) => p.path)).toEqual([1, 2 * SCHEMA_BATCH + 1].map((i) => `second-${i}.yaml: spec.destination.name`));
    expect(schemaProblems(many('third', at)).map((p) => p.path)).toEqual(at.map((i) => `third-${i}.yaml: spec.destination.name`));
  });
});

describe('USUAL_KINDS (what a cold synth loads ahead)', () => {
  test.each(USUAL_KINDS.map((k) => [k]))('%s is a kind the schema packages serve', (key) => {
    const at = key.lastIndexOf('/');
    const problems = check({ apiVersion: key.slice(0, at), kind: key.slice(at + 1), metadata: { name: 'x', namespace: 'n' } });
    expect(problems.filter((p) => /no upstream schema/.test(p.message))).toEqual([]);
  });
});

describe('what the worker loads ahead of a synth\'s check (kindsToWarm)', () => {
  test('a fleet rendered in this thread: the usual kinds, so that its check can start as soon as the clusters are rendered', () => {
    expect(kindsToWarm(undefined, testFleet(), { threads: 1 })).toEqual(USUAL_KINDS);
    // Not plain data (a user add-on is code): it renders in this thread, whatever the threads asked.
    expect(kindsToWarm(undefined, { ...testFleet(), addons: [{ name: 'mine' }] }, { threads: 2 })).toEqual(USUAL_KINDS);
  });

  test('a fleet rendered in worker threads with nothing cached: none (the check comes after the render; loaded ahead, they were held through its peak of memory)', () => {
    expect(kindsToWarm(undefined, testFleet(), { threads: 2 })).toEqual([]);
  });

  test('a cache that remembers a check: that check\'s kinds, whatever the render', () => {
    const cache = new SynthCache(tempDir());
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } };
    expect(schemaProblems([{ file: 'c.yaml', object: configMap }], { cache })).toEqual([]);
    expect(kindsToWarm(cache, testFleet(), { threads: 2 })).toEqual(['v1/ConfigMap']);
  });

  test('the threads are counted from no more units than the render makes: a cluster each, and three of the fleet\'s at least', () => {
    const definition = testFleet();
    const units = renderUnits(resolveFleet(definition), fleetAddons(definition).addons);
    expect(units.length).toBeGreaterThanOrEqual(definition.clusters.length + 3);
    const selected = [definition.clusters[1].name];
    expect(renderUnits(resolveFleet(definition), fleetAddons(definition).addons, { clusters: selected }).length).toBeGreaterThanOrEqual(selected.length + 3);
    // Asked for a number of threads, that number; a fleet that is not plain data, one.
    expect(uncachedRenderThreads(definition, 2)).toBe(2);
    expect(uncachedRenderThreads({ ...definition, addons: [{ name: 'mine' }] }, 2)).toBe(1);
  });

  test('a cold synth of a fleet rendered in worker threads loads no validator ahead', () => {
    const asked: string[][] = [];
    const spy = jest.spyOn(schemaModule, 'warmSchemaCheck').mockImplementation((kinds = []) => {
      asked.push([...kinds]);
      // What synth does before its first warm is all this test is about.
      throw new Error('stop here');
    });
    try {
      const definition = testFleet();
      expect(() => synth(definition, { cache: false, threads: 2, outDir: tempDir() })).toThrow('stop here');
      expect(() => synth(definition, { cache: false, threads: 1, outDir: tempDir() })).toThrow('stop here');
    } finally {
      spy.mockRestore();
    }
    expect(asked).toEqual([[], USUAL_KINDS]);
  });
});
