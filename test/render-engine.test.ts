import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fleetAddons } from '../lib/addons/fleet-addons';
import { ClusterOutputs, FleetError, resolveFleet } from '../lib/fleet';
import { Lazy, Token } from '../lib/infra/cdktf';
import { cacheableDefinition, RenderCache, tracedInputs } from '../lib/synth/render-cache';
import { Rendered, renderFleet, RenderInputs } from '../lib/synth/render-fleet';
import { receivedError, sendableError } from '../lib/synth/render-threads';
import { SynthCache } from '../lib/synth/synth-cache';
import { fakeOutputs, richTestFleet, testCluster, testSecrets, TEST_OBSERVABILITY_STORAGE } from './fleets';
import { tempDir } from './tree';

/*
 * The render engine's promises: rendering in several threads, or from the cache, gives the bytes
 * (and everything else a render returns) of a render in one thread with no cache. The cache follows
 * every edit, fleet-wide ones included, survives deletion and never trusts a corrupt entry.
 *
 * The random-edit series is sized for `npm test` (a fixed seed, RENDER_CACHE_EDITS edits, 12 by
 * default); run it longer with another seed:
 *   RENDER_CACHE_EDITS=200 RENDER_CACHE_SEED=7 npx jest test/render-engine
 */
const EDITS = Number(process.env.RENDER_CACHE_EDITS ?? 12);
const SEED = Number(process.env.RENDER_CACHE_SEED ?? 20260127);

/** A fleet with every kind of unit: four clouds' clusters, apps, mesh services, secrets (remote secrets per pair) and observability. */
function engineFleet(): any {
  const f = richTestFleet();
  f.clusters.push(testCluster('t-aws2', 'aws', 5), testCluster('t-gcp2', 'gcp', 6));
  f.platform = { secrets: testSecrets(), observability: { storage: TEST_OBSERVABILITY_STORAGE } };
  return f;
}

/** Everything a render returns, as one digest: every file's path, bytes, object and add-on, and the rest of the result. */
function digest(r: Rendered): string {
  const h = createHash('sha256');
  for (const f of r.files) h.update(`${f.path}\0${f.content}\0${JSON.stringify(f.objects ?? null)}\0${f.addon ?? ''}\0`);
  const { files: _, timings: __, units: ___, ...rest } = r;
  h.update(JSON.stringify(rest));
  return h.digest('hex');
}

interface Setup {
  readonly definition: any;
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
}

function render(setup: Setup, extra: { cache?: RenderCache; threads?: number; workersOnly?: boolean } = {}): Rendered {
  const { addons, problems } = fleetAddons(setup.definition);
  if (problems.length > 0) throw new FleetError(problems);
  return renderFleet(resolveFleet(setup.definition), { outputs: setup.outputs, addons, definition: setup.definition, ...extra });
}

/** A render's outcome: its digest, or the error it threw (class, message, problems). */
function outcome(fn: () => Rendered): string {
  try {
    return digest(fn());
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message} ${JSON.stringify((e as FleetError).problems ?? null)}`;
  }
}

/** A deterministic pseudo-random number generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS: Record<string, string[]> = { aws: ['eu-west-1', 'us-east-1', 'ap-southeast-2'], gcp: ['europe-west4', 'us-central1'], azure: ['westeurope', 'eastus'] };

/**
 * Edits that a cache key missing a dependency would get wrong: a cluster's own fields, fields other
 * clusters read (regions in every peer's cloud-config, labels the apps and Argo CD select by), the
 * clusters themselves (added, removed), apps, mesh services, platform settings, and the outputs
 * (a cluster applied, one gone, a value changed).
 */
const EDIT_KINDS: ((s: { definition: any; outputs: Map<string, ClusterOutputs> }, pick: <T>(xs: readonly T[]) => T, n: () => number) => string)[] = [
  ({ definition }, pick) => {
    const c = pick(definition.clusters as any[]);
    c.nodePools[0].maxSize += 1;
    return `${c.name}: node pool maxSize`;
  },
  ({ definition }, pick) => {
    const c = pick(definition.clusters as any[]);
    c.kubernetesVersion = c.kubernetesVersion === '1.35' ? '1.34' : '1.35';
    return `${c.name}: kubernetesVersion`;
  },
  ({ definition }, pick) => {
    const c = pick(definition.clusters as any[]);
    c.region = pick(REGIONS[c.cloud].filter((r) => r !== c.region));
    return `${c.name}: region ${c.region} (every peer's cloud-config reads it)`;
  },
  ({ definition }, pick) => {
    const c = pick((definition.clusters as any[]).filter((x) => x.role === 'workload'));
    c.labels = c.labels.env === 'test' ? { env: 'staging' } : { env: 'test' };
    return `${c.name}: labels (apps and Argo CD select by them)`;
  },
  ({ definition, outputs }, pick) => {
    const c = pick((definition.clusters as any[]).filter((x) => x.role === 'workload' && !['t-aws', 't-gcp'].includes(x.name)));
    definition.clusters = definition.clusters.filter((x: any) => x !== c);
    outputs.delete(c.name);
    return `remove ${c.name}`;
  },
  ({ definition }, pick, n) => {
    const cloud = pick(['aws', 'gcp', 'azure'] as const);
    const name = `t-${cloud}-x${n()}`;
    if (definition.clusters.some((c: any) => c.name === name)) return 'no change';
    definition.clusters.push(testCluster(name, cloud, 7 + (n() % 20)));
    if (definition.clusters.filter((c: any) => JSON.stringify(c.network) === JSON.stringify(definition.clusters.at(-1).network)).length > 1) definition.clusters.pop();
    return `add ${name}`;
  },
  ({ definition }, pick) => {
    const app = pick(definition.apps as any[]);
    if (app.source.helm) app.source.helm.values = { ...app.source.helm.values, replicaCount: (app.source.helm.values?.replicaCount ?? 1) + 1 };
    else app.source.git.values = { image: { tag: `1.4.${definition.clusters.length}` } };
    return `app ${app.name}: values`;
  },
  ({ definition }) => {
    const s = definition.meshServices[0];
    s.failover.order = [...s.failover.order].reverse();
    return 'mesh service failover order';
  },
  ({ definition }) => {
    const o = definition.platform.observability;
    o.logs = o.logs === false ? undefined : false;
    if (o.logs === undefined) delete o.logs;
    return 'platform.observability.logs';
  },
  ({ definition, outputs }, pick) => {
    const c = pick(definition.clusters as any[]);
    if (outputs.has(c.name)) outputs.delete(c.name);
    else outputs.set(c.name, fakeOutputs(definition).get(c.name)!);
    return `${c.name}: outputs ${outputs.has(c.name) ? 'appear' : 'gone'}`;
  },
  ({ definition, outputs }, pick) => {
    const c = pick((definition.clusters as any[]).filter((x) => outputs.has(x.name)));
    if (!c) return 'no change';
    outputs.set(c.name, { ...outputs.get(c.name)!, endpoint: `${outputs.get(c.name)!.endpoint.replace(/:\d+$/, '')}:4${outputs.size}3` });
    return `${c.name}: endpoint output changed`;
  },
];

describe('rendering in threads', () => {
  test('gives the same bytes, objects, held-back items and order as one thread; its workers store in the cache what they render', () => {
    const definition = engineFleet();
    const outputs = fakeOutputs(definition);
    outputs.delete('t-gcp2');
    const one = render({ definition, outputs });
    // a worker renders every unit (this thread only puts them together)
    const cache = new RenderCache(new SynthCache(tempDir()));
    const threaded = render({ definition, outputs }, { threads: 2, workersOnly: true, cache });
    expect(threaded.units).toEqual({ ...one.units, inWorkers: one.units.rendered });
    expect(digest(threaded)).toBe(digest(one));
    const again = render({ definition, outputs }, { cache });
    // every unit but fleet.md's, which is not worth caching (worthCaching)
    expect(again.units).toEqual({ rendered: 1, cached: one.units.rendered - 1, inWorkers: 0 });
    expect(digest(again)).toBe(digest(one));
  }, 120_000);

  test('an error crosses threads as it was: a FleetError keeps its class, message and problems', () => {
    const sent = sendableError(new FleetError([{ path: 'clusters[x].region', message: 'not offered', given: '"mars-1"' }], 'cdk8s validation'));
    const received = receivedError(JSON.parse(JSON.stringify(sent)));
    expect(received).toBeInstanceOf(FleetError);
    expect(received.message).toBe('cdk8s validation has 1 problem:\n  - clusters[x].region: not offered; given "mars-1"');
    expect((received as FleetError).problems).toEqual([{ path: 'clusters[x].region', message: 'not offered', given: '"mars-1"' }]);
    const other = receivedError(sendableError(new TypeError('boom')));
    expect([other.name, other.message, other instanceof FleetError]).toEqual(['TypeError', 'boom', false]);
  });
});

describe('rendering in this thread', () => {
  test('hands every Kubernetes file to onKubernetesFiles once, when the clusters are rendered and before the fleet-wide stacks', () => {
    const seen: string[] = [];
    // An add-on of its own (code): rendered in this thread; its stacks hook tells when the fleet-wide stacks render.
    const definition = { ...engineFleet(), addons: [{ name: 'order', stacks: () => (seen.push('fleet-wide stacks'), []) }] };
    let handed: readonly { path: string; sha256?: string }[] = [];
    const { addons } = fleetAddons(definition);
    const rendered = renderFleet(resolveFleet(definition), {
      outputs: fakeOutputs(definition),
      addons,
      onClusterRendered: (c) => seen.push(`cluster ${c}`),
      onKubernetesFiles: (files) => {
        seen.push('kubernetes files');
        handed = files;
      },
    });
    expect(seen.filter((s) => s === 'kubernetes files')).toHaveLength(1);
    const lastCluster = Math.max(...seen.flatMap((s, i) => (s.startsWith('cluster ') ? [i] : [])));
    expect(seen.indexOf('kubernetes files')).toBeGreaterThan(lastCluster);
    expect(seen.indexOf('kubernetes files')).toBeLessThan(seen.indexOf('fleet-wide stacks'));
    const objectFiles = rendered.files.filter((f) => f.objectSha256 !== undefined);
    expect(objectFiles.length).toBeGreaterThan(100);
    expect(handed.map((f) => [f.path, f.sha256])).toEqual(objectFiles.map((f) => [f.path, f.sha256]));
  });
});

describe('the render cache', () => {
  test(`gives what a render without it gives, over ${EDITS} random edits (seed ${SEED}): fleet-wide facts, peers, clusters, apps, platform, outputs`, () => {
    const next = random(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    let counter = 0;
    const state = { definition: engineFleet(), outputs: fakeOutputs(engineFleet()) };
    state.outputs.delete('t-azure');
    const cache = new RenderCache(new SynthCache(tempDir()));
    const log: string[] = [];
    for (let step = 0; step <= EDITS; step++) {
      const what = step === 0 ? 'cold' : pick(EDIT_KINDS)(state, pick, () => ++counter);
      const expected = outcome(() => render(state));
      const warm = outcome(() => render(state, { cache }));
      if (warm !== expected) log.push(`after edit ${step} (${what}): the cached render differs`);
    }
    expect(log).toEqual([]);
    // The series used the cache, and its shortcut past the records (most units read no edit), or it proved nothing.
    expect(cache.stats.hits).toBeGreaterThan(EDITS);
    expect(cache.stats.shortcuts).toBeGreaterThan(EDITS);
  }, 300_000);

  test('re-renders only what read an edit: a node pool of one workload cluster leaves the other clusters and stacks to the cache', () => {
    const setup = { definition: engineFleet(), outputs: fakeOutputs(engineFleet()) };
    const cache = new RenderCache(new SynthCache(tempDir()));
    const units = render(setup, { cache }).units.rendered;
    setup.definition.clusters.find((c: any) => c.name === 't-aws2').nodePools[0].maxSize = 7;
    const again = render(setup, { cache });
    // its own unit, and fleet.md (rendered every time: not worth caching); not the management
    // cluster's Argo CD objects nor the Vault stack, which do not read it
    expect(again.units).toEqual({ rendered: 2, cached: units - 2, inWorkers: 0 });
    expect(digest(again)).toBe(digest(render(setup)));
  }, 120_000);

  test('survives deletion, and ignores and deletes corrupt entries (truncated, altered, swapped, garbage) without trusting any', () => {
    const setup = { definition: engineFleet(), outputs: fakeOutputs(engineFleet()) };
    const dir = tempDir();
    const expected = digest(render(setup));
    render(setup, { cache: new RenderCache(new SynthCache(dir)) });
    // deleted whole
    fs.rmSync(dir, { recursive: true, force: true });
    expect(digest(render(setup, { cache: new RenderCache(new SynthCache(dir)) }))).toBe(expected);
    // corrupted: each entry file damaged in one of several ways
    const entries: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : entries.push(path.join(d, e.name))));
    walk(dir);
    const units = entries.filter((e) => e.endsWith('.result')).length;
    expect(units).toBeGreaterThan(6);
    // Every file of the cache: each unit's reads, result, paths and bytes, and the last render's snapshot.
    const ofKind = (f: string) => entries.filter((e) => path.extname(e) === path.extname(f) && path.dirname(path.dirname(e)) === path.dirname(path.dirname(f)));
    const damage = [
      (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)),
      (f: string) => {
        const bytes = fs.readFileSync(f);
        bytes[Math.floor(bytes.length * 0.7)] ^= 0x01;
        fs.writeFileSync(f, bytes);
      },
      (f: string) => fs.writeFileSync(f, 'garbage\n'),
      (f: string) => {
        const same = ofKind(f);
        fs.copyFileSync(same[(same.indexOf(f) + 1) % same.length], f);
      },
    ];
    const copies = new Map(entries.map((f) => [f, fs.readFileSync(f)]));
    entries.forEach((f, i) => damage[i % damage.length](f));
    // a copy of another entry of its kind is no copy when there is no other
    for (const f of entries.filter((e) => copies.get(e)!.equals(fs.readFileSync(e)))) fs.writeFileSync(f, 'garbage\n');
    const cache = new SynthCache(dir);
    const again = render(setup, { cache: new RenderCache(cache) });
    expect(digest(again)).toBe(expected);
    expect(again.units.cached).toBe(0);
    expect(cache.stats.corrupt).toBeGreaterThanOrEqual(units);
    // the damaged entries are gone, replaced by good ones
    expect(render(setup, { cache: new RenderCache(new SynthCache(dir)) }).units).toEqual({ rendered: 1, cached: units, inWorkers: 0 });
  }, 120_000);

  test('reads a cached unit\'s bytes only when asked for them, and renders them again when they are gone or damaged by then', () => {
    const setup = { definition: engineFleet(), outputs: fakeOutputs(engineFleet()) };
    const dir = tempDir();
    const expected = digest(render(setup));
    render(setup, { cache: new RenderCache(new SynthCache(dir)) });
    const cache = new SynthCache(dir);
    const again = render(setup, { cache: new RenderCache(cache) });
    expect(again.units.rendered).toBe(1);
    const read = cache.stats.hits;
    // paths and hashes are there without the bytes
    expect(again.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256 ?? ''))).toBe(true);
    expect(cache.stats.hits).toBe(read);
    const entries: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : entries.push(path.join(d, e.name))));
    walk(dir);
    const bytes = entries.filter((e) => e.endsWith('.files'));
    expect(bytes.length).toBeGreaterThan(6);
    bytes.forEach((f, i) => (i % 2 === 0 ? fs.rmSync(f) : fs.writeFileSync(f, 'garbage\n')));
    expect(digest(again)).toBe(expected);
  }, 120_000);

  test('a fleet with add-ons of its own (code) is rendered without the cache', () => {
    const definition = { ...engineFleet(), addons: [{ name: 'mine', manifests: () => undefined }] };
    const outputs = fakeOutputs(definition);
    const dir = tempDir();
    const cache = new RenderCache(new SynthCache(dir));
    render({ definition, outputs }, { cache });
    const second = render({ definition, outputs }, { cache, threads: 2 });
    expect(cache.stats).toEqual({ hits: 0, misses: 0, stored: 0, shortcuts: 0 });
    // and in this thread alone: its add-ons cannot cross to another
    expect(second.units.inWorkers).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);

  test('a fleet holding a cdktf token (a Lazy value, made where the fleet is written) is neither cached nor sent to a worker', () => {
    // The token is a string of its key in this thread's token map: a worker, which makes the fleet again from
    // the data, has no such key (or another token under it), and a cache key would hold the key, not the value.
    // Validation refuses a token in the fleet's text at its field (test/input.test.ts); the engine keeps them out
    // of workers and the cache all the same (cacheableDefinition).
    {
      const d = engineFleet();
      d.stateBackend.keyPrefix = Token.asString(Lazy.stringValue({ produce: () => 'fleetsynth/' }));
      expect(cacheableDefinition(d)).toBe(false);
      expect(() => render({ definition: d, outputs: fakeOutputs(d) })).toThrow(/stateBackend\.keyPrefix: holds a cdktf token/);
    }
    // A number token (Token.asNumber, Token.asNumberList) is told from its bits, a list token's text and a map token's key from their markers.
    const nodePools = (d: any) => d.clusters[1].nodePools[0];
    for (const put of [
      (d: any) => (nodePools(d).maxSize = Token.asNumber(Lazy.numberValue({ produce: () => 4 }))),
      (d: any) => (nodePools(d).zones = Token.asNumberList(Lazy.anyValue({ produce: () => [1] }))),
      (d: any) => (d.apps[0].source.helm.values.zones = Token.asList(Lazy.anyValue({ produce: () => ['a'] }))),
      (d: any) => (d.apps[0].source.helm.values.tags = Token.asStringMap(Lazy.anyValue({ produce: () => ({ a: 'b' }) }))),
    ]) {
      const d = engineFleet();
      put(d);
      expect(cacheableDefinition(d)).toBe(false);
    }
    expect(cacheableDefinition(engineFleet())).toBe(true);
  }, 60_000);

  test('plain data made in another realm (structuredClone under jest, a vm context) is plain data: cached', () => {
    const definition = structuredClone(engineFleet());
    // the premise: under jest, structuredClone's objects are not of this realm's Object
    expect(Object.getPrototypeOf(definition) === Object.prototype).toBe(false);
    const outputs = fakeOutputs(definition);
    const cache = new RenderCache(new SynthCache(tempDir()));
    const cold = render({ definition, outputs }, { cache });
    const warm = render({ definition, outputs }, { cache });
    expect(warm.units).toEqual({ rendered: 1, cached: cold.units.rendered - 1, inWorkers: 0 });
    expect(digest(warm)).toBe(digest(cold));
  }, 60_000);

  test('rendering cannot change its input: the traced fleet refuses writes', () => {
    const definition = engineFleet();
    const inputs: RenderInputs = { fleet: resolveFleet(definition), outputs: fakeOutputs(definition), stackOutputs: new Map(), addons: [], kubernetesOnly: false };
    const { inputs: traced } = tracedInputs(inputs);
    expect(() => ((traced.fleet.clusters[0] as any).region = 'x')).toThrow(/read-only while rendering/);
    expect(() => (traced.fleet.clusters as any).push({})).toThrow(/read-only while rendering/);
  });
});
