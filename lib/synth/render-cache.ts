import { createHash } from 'crypto';
import type { ClusterOutputs, ResolvedFleet, StackOutputValues } from '../fleet';
import { CDKTF_TOKEN_TEXT, isCdktfNumberToken } from '../fleet/placeholder-text';
import { isPlainObject } from '../fleet/problems';
import type { RenderInputs, RenderUnit, UnitFile, UnitResult } from './render-fleet';
import { codeIdentity, SynthCache } from './synth-cache';

/*
 * The render cache: each unit's result (a cluster's folder and stack, the fleet's shared files; see
 * render-fleet.ts) kept with a record of everything the unit read, so that a later synth that would
 * read the same takes the result instead of rendering it again.
 *
 * Why a hit can never differ from rendering (the key is complete):
 *
 *  - A unit's result is a function of fleetsynth's code and of its inputs alone: the resolved
 *    fleet, every cluster's Terraform outputs, the fleet-wide stacks' outputs and the add-ons. The
 *    output is byte-stable by design (no time, host, path or environment reaches it; tested).
 *  - The code: the entry's folder is named by `codeIdentity()` (every file of fleetsynth's lib/,
 *    every dependency's version, Node's version, the cache format): any edit starts afresh.
 *  - The add-ons: only the built-in ones (user add-ons are code in the fleet file, which no data
 *    key captures: a fleet with any is rendered without the cache). Each is made from its settings
 *    under `platform`, which are part of the folder name, with the add-ons' names in order.
 *  - The fleet and the outputs: not keyed by hand-picked fields (a field missed would be stale
 *    output, silently). The unit renders through proxies that record every value it reads, at
 *    its path: each field, each list's length, each object's and map's keys, each absent field
 *    looked for. The entry keeps that record; a later synth uses the entry only if every recorded
 *    path holds the same value in its own fleet and outputs. Whatever the unit did not read cannot
 *    have changed its result. So a cluster's entry survives edits to other clusters' node pools,
 *    while the management cluster's (whose Argo CD objects read every cluster) and a workload's
 *    cloud-config (which reads every peer's region) follow what they read, peers included.
 *  - Nothing else is read: rendering runs on fresh state per unit (a unit shares no memo with
 *    another), the proxies refuse writes, and a value that is not plain data (a function, a class
 *    instance) makes the unit uncacheable. A read through a unit's proxies after the unit ended
 *    (a value kept somewhere) would escape its record: it disables caching for the process.
 *  - An entry is used only whole and intact (synth-cache.ts: checksum, name); a corrupt one is
 *    deleted and rendered again. Results with problems or errors are never stored.
 *
 * An entry is three files: what the unit read (`.reads`), its result without the files' bytes
 * (`.result`: paths, hashes, held-back items, …) and the files' bytes (`.files`). A synth reads
 * the bytes of a unit from the cache only when it needs them (a file to write, an object the schema
 * check has not passed, a convergence check to run): the hashes serve the index, the plan and the
 * other caches' keys. Bytes that are gone by then (the cache deleted meanwhile) are rendered again,
 * and must hash as the result says.
 */

/** What a unit read at one path: the value's token, the keys it listed, and the children it read. */
interface ReadNode {
  v?: string;
  k?: string;
  c?: Map<string, ReadNode>;
}

/** What a stored record is: the same tree as plain JSON. */
interface StoredNode {
  v?: string;
  k?: string;
  c?: Record<string, StoredNode>;
}

/** A token per value: equal tokens, equal values (for primitives), or the same kind of container. */
function token(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null) return 'z';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'boolean':
      return value ? 't' : 'f';
    case 'object':
      return Array.isArray(value) ? 'a' : isMap(value) ? 'm' : 'o';
    default:
      return `x${typeof value}`;
  }
}

/** A Map of any realm (Object.prototype.toString sees through realms, instanceof does not). */
const isRawMap = (value: unknown): value is Map<string, unknown> => value instanceof Map || Object.prototype.toString.call(value) === '[object Map]';
const isMap = (value: unknown): value is ReadonlyMap<string, unknown> => isRawMap(value) || value instanceof TracedMap;

/**
 * An array or an object whose prototype is an Object.prototype (or none), of any realm:
 * structuredClone, vm contexts and jest make objects with another realm's Object.
 */
function isPlainContainer(value: object): boolean {
  return Array.isArray(value) || isPlainObject(value);
}

/** Plain data: a primitive, an array, an object of Object.prototype (or none), or a Map (the outputs). */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol';
  return isPlainContainer(value) || isMap(value);
}

/** The record of one unit's reads. */
export class ReadRecord {
  readonly root = new Map<string, ReadNode>();
  /** False once the unit read something that is not plain data. */
  cacheable = true;
  private open = true;

  child(parent: ReadNode | undefined, key: string): ReadNode {
    if (!this.open) leaked = true;
    const children = parent ? (parent.c ??= new Map()) : this.root;
    let node = children.get(key);
    if (!node) {
      node = {};
      children.set(key, node);
    }
    return node;
  }

  /** A read that records nothing new (a path read before): still one after the unit ended, if it is. */
  touch(): void {
    if (!this.open) leaked = true;
  }

  see(node: ReadNode, value: unknown): void {
    if (!this.open) leaked = true;
    node.v = token(value);
    if (!isPlain(value)) this.cacheable = false;
  }

  close(): void {
    this.open = false;
  }

  toJSON(): Record<string, StoredNode> {
    const store = (node: ReadNode): StoredNode => ({
      ...(node.v !== undefined ? { v: node.v } : {}),
      ...(node.k !== undefined ? { k: node.k } : {}),
      ...(node.c ? { c: Object.fromEntries([...node.c].map(([k, n]) => [k, store(n)])) } : {}),
    });
    return Object.fromEntries([...this.root].map(([k, n]) => [k, store(n)]));
  }
}

/** Set when a unit's proxies were read after the unit ended: from then on this process stores nothing. */
let leaked = false;

const READ_ONLY = (what: string) => {
  throw new TypeError(`rendering must not change its input (${what}): the fleet and the outputs are read-only while rendering`);
};

const keysToken = (keys: readonly string[]) => JSON.stringify(keys);

/** What an absent field gave, in a view's memory of its reads. */
const ABSENT = Symbol('absent');

/** A read-recording view of a plain value at a node of the record (the same node, the same view: identity holds per path). */
function traced(value: unknown, node: ReadNode, record: ReadRecord, views: WeakMap<ReadNode, unknown>): unknown {
  // A path read before holds the same value (the inputs cannot change while a unit renders): its
  // token is recorded and its view made (the diagram reads the fleet's paths over and over).
  const existing = views.get(node);
  if (existing) return existing;
  if (node.v !== undefined && (value === null || typeof value !== 'object')) return value;
  record.see(node, value);
  if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
  let view: unknown;
  if (isRawMap(value)) {
    view = new TracedMap(value, node, record, views);
  } else {
    // What each key gave when first read: the inputs do not change while a unit renders, and a
    // renderer that searches the fleet's clusters over and over reads the same keys thousands of times.
    const given = new Map<string, unknown>();
    const had = new Map<string, boolean>();
    view = new Proxy(value as object, {
      get(target, key, receiver) {
        if (typeof key === 'symbol') return Reflect.get(target, key, receiver);
        const known = given.get(key);
        if (known !== undefined) {
          record.touch();
          return known === ABSENT ? undefined : known;
        }
        // Inherited (Array.prototype.map, …): not data, not recorded.
        const read = !Object.prototype.hasOwnProperty.call(target, key) && key in target ? Reflect.get(target, key, receiver) : traced((target as Record<string, unknown>)[key], record.child(node, key), record, views);
        given.set(key, read === undefined ? ABSENT : read);
        return read;
      },
      has(target, key) {
        if (typeof key === 'symbol') return Reflect.has(target, key);
        const known = had.get(key);
        if (known !== undefined) {
          record.touch();
          return known;
        }
        if (Object.prototype.hasOwnProperty.call(target, key) || !(key in target)) record.see(record.child(node, key), (target as Record<string, unknown>)[key]);
        const result = Reflect.has(target, key);
        had.set(key, result);
        return result;
      },
      ownKeys(target) {
        const keys = Reflect.ownKeys(target);
        node.k = keysToken(keys.filter((k): k is string => typeof k === 'string'));
        return keys;
      },
      getOwnPropertyDescriptor(target, key) {
        const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
        if (typeof key === 'symbol') return descriptor;
        const child = record.child(node, key);
        if (!descriptor) record.see(child, undefined);
        else if ('value' in descriptor) descriptor.value = traced(descriptor.value, child, record, views);
        return descriptor;
      },
      set: (_, key) => READ_ONLY(`set ${String(key)}`),
      deleteProperty: (_, key) => READ_ONLY(`delete ${String(key)}`),
      defineProperty: (_, key) => READ_ONLY(`define ${String(key)}`),
      setPrototypeOf: () => READ_ONLY('set a prototype'),
      preventExtensions: () => READ_ONLY('prevent extensions'),
    });
  }
  views.set(node, view);
  return view;
}

/** A Map of the inputs (the outputs) that records what is read of it. */
class TracedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly inner: ReadonlyMap<string, V>,
    private readonly node: ReadNode,
    private readonly record: ReadRecord,
    private readonly views: WeakMap<ReadNode, unknown>,
  ) {}

  get(key: string): V | undefined {
    return traced(this.inner.get(key), this.record.child(this.node, key), this.record, this.views) as V | undefined;
  }

  has(key: string): boolean {
    this.record.see(this.record.child(this.node, key), this.inner.get(key));
    return this.inner.has(key);
  }

  private listed(): string[] {
    const keys = [...this.inner.keys()];
    this.node.k = keysToken(keys);
    return keys;
  }

  get size(): number {
    return this.listed().length;
  }

  *entries(): IterableIterator<[string, V]> {
    for (const key of this.listed()) yield [key, this.get(key) as V];
  }

  *keys(): IterableIterator<string> {
    yield* this.listed();
  }

  *values(): IterableIterator<V> {
    for (const key of this.listed()) yield this.get(key) as V;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this);
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }
}

/** The inputs of a render seen through a fresh record: what the unit rendered with them read. */
export function tracedInputs(inputs: RenderInputs): { inputs: RenderInputs; record: ReadRecord } {
  const record = new ReadRecord();
  const views = new WeakMap<ReadNode, unknown>();
  return {
    record,
    inputs: {
      ...inputs,
      fleet: traced(inputs.fleet, record.child(undefined, 'fleet'), record, views) as ResolvedFleet,
      outputs: traced(inputs.outputs, record.child(undefined, 'outputs'), record, views) as ReadonlyMap<string, ClusterOutputs>,
      stackOutputs: traced(inputs.stackOutputs, record.child(undefined, 'stackOutputs'), record, views) as ReadonlyMap<string, StackOutputValues>,
    },
  };
}

/** The value at `key` of a value of the inputs, as a unit reading it would see it (own fields only). */
function childOf(value: unknown, key: string): unknown {
  if (isRawMap(value)) return value.get(key);
  if (value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key)) return (value as Record<string, unknown>)[key];
  return undefined;
}

/** The keys of a value of the inputs, as a unit listing them would see them (a record's `k`). */
function keysOf(value: unknown): string | undefined {
  if (isRawMap(value)) return keysToken([...value.keys()]);
  return value !== null && typeof value === 'object' ? keysToken(Reflect.ownKeys(value).filter((k): k is string => typeof k === 'string')) : undefined;
}

const rootsOf = (inputs: Pick<RenderInputs, 'fleet' | 'outputs' | 'stackOutputs'>): Record<string, unknown> => ({ fleet: inputs.fleet, outputs: inputs.outputs, stackOutputs: inputs.stackOutputs });

/** Whether every read a record holds reads the same in these inputs. */
export function readsTheSame(stored: Record<string, StoredNode>, inputs: Pick<RenderInputs, 'fleet' | 'outputs' | 'stackOutputs'>): boolean {
  const roots = rootsOf(inputs);
  const same = (node: StoredNode, value: unknown): boolean => {
    if (node.v !== undefined && node.v !== token(value)) return false;
    if (node.k !== undefined && node.k !== keysOf(value)) return false;
    for (const key in node.c) if (!same(node.c[key], childOf(value, key))) return false;
    return true;
  };
  for (const key in stored) if (!same(stored[key], roots[key])) return false;
  return true;
}

/*
 * The shortcut past the records. Checking a unit's record means reading it (a cluster's reads much
 * of the fleet: ~50 KB a unit), for every unit, on every synth. Instead each entry also keeps the
 * paths its unit read, as 32-bit hashes (`.paths`), and each render leaves a snapshot of its inputs
 * (every value's token and every container's keys, by path) with the entry every unit used. The
 * next render compares its inputs with the snapshot: the paths whose token or keys changed. A unit
 * whose entry matched the snapshot's inputs, and which read none of the changed paths, reads the
 * same in the new inputs: its record is not read.
 *
 * Why that is the record's own check: the record held for the snapshot's inputs, so it fails for
 * the new ones only where a path it read has another token (or, listed, other keys) now. A path it
 * read that the snapshot's inputs did not have (a field looked for and absent) lies below one they
 * had, which the unit read too on its way there (a proxy is reached only through its parent): if
 * that one's token and keys are the same, the field is still absent. A changed path is compared by
 * its hash: two paths with one hash only send a unit to its record (a false alarm), never past it.
 */

/** A path's hash: FNV-1a (32 bits) over its keys, each preceded by a 0. */
const FNV_OFFSET = 0x811c9dc5;
function extendPath(hash: number, key: string): number {
  let h = Math.imul(hash, 16777619) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The hashes of every path a record holds, sorted, as base64 of their 32-bit words. */
function pathHashes(record: ReadRecord): string {
  const hashes: number[] = [];
  const walk = (children: Map<string, ReadNode>, parent: number) => {
    for (const [key, node] of children) {
      const h = extendPath(parent, key);
      hashes.push(h);
      if (node.c) walk(node.c, h);
    }
  };
  walk(record.root, FNV_OFFSET);
  const sorted = Uint32Array.from(new Set(hashes)).sort();
  return Buffer.from(sorted.buffer, sorted.byteOffset, sorted.byteLength).toString('base64');
}

/** Whether any of `changed` is among the hashes of a `.paths` entry. */
function readsAny(paths: string, changed: ReadonlySet<number>): boolean {
  const bytes = Buffer.from(paths, 'base64');
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  for (const h of changed) {
    let [lo, hi] = [0, words.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid] === h) return true;
      if (words[mid] < h) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return false;
}

/** A snapshot of a value of the inputs: a leaf's token, or a container's token, keys and children (in order). */
type SnapshotNode = string | [string, string | undefined, [string, SnapshotNode][]];

function snapshot(value: unknown): SnapshotNode {
  const t = token(value);
  if (value === null || typeof value !== 'object') return t;
  const keys = isRawMap(value) ? [...value.keys()] : Reflect.ownKeys(value).filter((k): k is string => typeof k === 'string');
  return [t, keysOf(value), keys.map((k) => [k, snapshot(childOf(value, k))])];
}

/** Adds the hash of every path of the snapshot whose token or keys `value` does not have. */
function changedPaths(node: SnapshotNode, value: unknown, hash: number, changed: Set<number>): void {
  const t = token(value);
  if (typeof node === 'string') {
    if (t !== node) changed.add(hash);
    return;
  }
  if (t !== node[0]) {
    changed.add(hash);
    return;
  }
  if (keysOf(value) !== node[1]) changed.add(hash);
  for (const [key, child] of node[2]) changedPaths(child, childOf(value, key), extendPath(hash, key), changed);
}

/** The entry a unit's result is (its id), and the hashes of the paths its unit read (a `.paths`). */
export interface UsedEntry {
  readonly entry: string;
  readonly paths: string;
}

/**
 * What a render leaves per unit for the next: the entry, and its result without the bytes (so that
 * the next needs no file of it); not the management cluster's, whose result holds every cluster's
 * charts (MiBs at 300 clusters: read from its `.result` when used, not rewritten with every render).
 */
type RememberedEntry = UsedEntry & { readonly result?: UnitResult };

/** What changed since the last render of the same kind: the changed paths' hashes, and the entry each unit used then. */
export interface SinceLastRender {
  readonly changed: ReadonlySet<number>;
  readonly entries: Readonly<Record<string, RememberedEntry>>;
  /** The entries' shards, by number (see SHARDS). */
  readonly shards: readonly string[];
}

/**
 * The units' entries of a render are kept in shards (by unit folder), each an entry named by its
 * content: a render that re-renders two units rewrites two shards, not the MiBs of all of them.
 * The snapshot names its shards, so that it is never read with another render's.
 */
const SHARDS = 16;
const shardOf = (folder: string) => parseInt(folder.slice(-4), 16) % SHARDS;

/** A result without its files' bytes (what `.result` holds), taken without reading bytes not read yet. */
function describedResult(result: UnitResult): UnitResult {
  const files = result.files.map((f) => ({ path: f.path, sha256: f.sha256, ...(f.addon ? { addon: f.addon } : {}), ...(f.objectSha256 !== undefined ? { objectSha256: f.objectSha256, objectKind: f.objectKind } : {}), ...(f.awsRegional ? { awsRegional: f.awsRegional } : {}), ...(f.vpnConnections ? { vpnConnections: f.vpnConnections } : {}), ...(f.eksNlbRules ? { eksNlbRules: f.eksNlbRules } : {}) }));
  return { ...result, files: files as unknown as UnitResult['files'] };
}

/** The entry of the last render of these units (a render of other units, or of another kind, keeps its own). */
const lastRenderEntry = (kubernetesOnly: boolean, folders: readonly string[]) => `renders/${createHash('sha256').update(JSON.stringify([kubernetesOnly, folders])).digest('hex').slice(0, 40)}`;

/** What besides the reads a unit's result depends on: the name of its folder of entries. */
export interface UnitKeyParts {
  readonly unit: RenderUnit;
  readonly kubernetesOnly: boolean;
  /** The add-ons, in order: built-in ones only (made from `platform`). */
  readonly addonNames: readonly string[];
  /** The fleet's `platform` settings, as written: what the built-in add-ons are made from. */
  readonly platform: unknown;
}

/** The key parts of a unit of a render (the same in every thread). */
export function unitKeyParts(unit: RenderUnit, inputs: Pick<RenderInputs, 'kubernetesOnly' | 'addons'>, definition: unknown): UnitKeyParts {
  return { unit, kubernetesOnly: inputs.kubernetesOnly, addonNames: inputs.addons.map((a) => a.name), platform: (definition as { platform?: unknown }).platform };
}

function unitFolder(parts: UnitKeyParts): string {
  const key = createHash('sha256')
    .update(codeIdentity())
    .update('\0')
    .update(JSON.stringify([parts.unit, parts.kubernetesOnly, parts.addonNames, parts.platform ?? null, process.env.CDK8S_DISABLE_SORT ?? null]))
    .digest('hex');
  return `units/${key.slice(0, 40)}`;
}

/** Entries kept per unit folder: a few fleets back (switching branches back and forth hits). */
const KEPT_PER_UNIT = 4;

/** Unit results in a cache folder, each with the record of what it read. */
export class RenderCache {
  /** Units taken from the cache and units rendered, in the last render that used this object; hits found without reading a record. */
  readonly stats = { hits: 0, misses: 0, stored: 0, shortcuts: 0 };

  constructor(readonly cache: SynthCache) {}

  /** The folder of entries of a unit (a render's units, to name its snapshot by). */
  folderOf(parts: UnitKeyParts): string {
    return unitFolder(parts);
  }

  /** What changed since the last render of these units (see above), if the cache holds it. */
  sinceLastRender(inputs: Pick<RenderInputs, 'fleet' | 'outputs' | 'stackOutputs' | 'kubernetesOnly'>, folders: readonly string[]): SinceLastRender | undefined {
    const text = this.cache.read(lastRenderEntry(inputs.kubernetesOnly, folders));
    if (text === undefined) return undefined;
    try {
      const last = JSON.parse(text) as { snapshot: Record<string, SnapshotNode>; shards: string[] };
      const roots = rootsOf(inputs);
      const changed = new Set<number>();
      for (const key of ['fleet', 'outputs', 'stackOutputs']) changedPaths(last.snapshot[key], roots[key], extendPath(FNV_OFFSET, key), changed);
      // A shard gone (another synth's render replaced this one meanwhile) leaves its units to their records.
      const entries: Record<string, RememberedEntry> = {};
      for (const shard of last.shards) Object.assign(entries, JSON.parse(this.cache.read(shard) ?? '{}'));
      return { changed, entries, shards: last.shards };
    } catch {
      return undefined;
    }
  }

  /** Leaves the snapshot of these inputs and the entry each unit used (folder → entry, with its result) for the next render. */
  rememberRender(inputs: Pick<RenderInputs, 'fleet' | 'outputs' | 'stackOutputs' | 'kubernetesOnly'>, folders: readonly string[], used: Readonly<Record<string, UsedEntry & { readonly result: UnitResult }>>, since?: SinceLastRender): void {
    const roots = rootsOf(inputs);
    const snap = Object.fromEntries(['fleet', 'outputs', 'stackOutputs'].map((k) => [k, snapshot(roots[k])]));
    const name = lastRenderEntry(inputs.kubernetesOnly, folders);
    const byShard: [string, UsedEntry & { readonly result: UnitResult }][][] = Array.from({ length: SHARDS }, () => []);
    for (const [folder, u] of Object.entries(used)) byShard[shardOf(folder)].push([folder, u]);
    const shards = byShard.map((members, i) => {
      // The same units with the same entries as the shard the last render left: that shard again.
      const before = since?.shards[i];
      if (before && members.every(([folder, u]) => since!.entries[folder]?.entry === u.entry) && members.length === Object.keys(since!.entries).filter((f) => shardOf(f) === i).length) return before;
      const text = JSON.stringify(Object.fromEntries(members.map(([folder, u]) => [folder, { entry: u.entry, paths: u.paths, ...(u.result.gitops ? {} : { result: describedResult(u.result) }) }])));
      const shard = `${name}-shards/${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
      this.cache.write(shard, text);
      return shard;
    });
    this.cache.write(name, JSON.stringify({ snapshot: snap, shards }));
    for (const old of this.cache.list(`${name}-shards`)) if (!shards.includes(old)) this.cache.remove(old);
  }

  /**
   * A stored result whose reads read the same in these inputs, if any, its files' bytes read when
   * first asked for (or, when they are gone from the cache by then, from `render`).
   */
  lookup(parts: UnitKeyParts, inputs: Pick<RenderInputs, 'fleet' | 'outputs' | 'stackOutputs'>, render: () => UnitResult, since?: SinceLastRender): { result: UnitResult; used?: UsedEntry } | undefined {
    const folder = unitFolder(parts);
    const last = since?.entries[folder];
    if (last && /^[0-9a-f]{32}$/.test(last.entry) && typeof last.paths === 'string' && !readsAny(last.paths, since!.changed)) {
      const result = Array.isArray(last.result?.files) ? this.withLazyFiles(`${folder}/${last.entry}`, last.result!, render) : this.described(`${folder}/${last.entry}`, render);
      if (result) {
        if (last.result) this.stats.hits++;
        this.stats.shortcuts++;
        return { result, used: { entry: last.entry, paths: last.paths } };
      }
    }
    for (const name of this.cache.list(folder).filter((n) => n.endsWith('.reads')).sort()) {
      const reads = this.cache.read(name);
      if (reads === undefined) continue;
      let stored: Record<string, StoredNode>;
      try {
        stored = JSON.parse(reads) as Record<string, StoredNode>;
      } catch {
        continue;
      }
      if (!readsTheSame(stored, inputs)) continue;
      const entry = name.slice(folder.length + 1, -'.reads'.length);
      const result = this.described(`${folder}/${entry}`, render);
      const paths = result && this.cache.read(`${folder}/${entry}.paths`);
      if (result) return { result, ...(paths !== undefined ? { used: { entry, paths } } : {}) };
    }
    this.stats.misses++;
    return undefined;
  }

  /** The result an entry holds (its bytes read when asked for), or undefined when it is missing or not a result. */
  private described(entry: string, render: () => UnitResult): UnitResult | undefined {
    const result = this.cache.read(`${entry}.result`);
    if (result === undefined) return undefined;
    try {
      const parsed = JSON.parse(result) as UnitResult;
      if (Array.isArray(parsed.files) && Array.isArray(parsed.problems)) {
        this.stats.hits++;
        return this.withLazyFiles(entry, parsed, render);
      }
    } catch {
      // not a result: render
    }
    return undefined;
  }

  private withLazyFiles(entry: string, described: UnitResult, render: () => UnitResult): UnitResult {
    return { ...described, files: this.lazyFiles(`${entry}.files`, described.files, render) };
  }

  /** The files of a stored result, each one's content and JSON read from the entry's `.files` when first asked for. */
  private lazyFiles(name: string, described: readonly Omit<UnitFile, 'content' | 'objectJson'>[], render: () => UnitResult): UnitFile[] {
    let bytes: readonly (readonly [string, string | undefined])[] | undefined;
    const load = (i: number): readonly [string, string | undefined] => {
      if (!bytes) {
        let stored: unknown;
        try {
          stored = JSON.parse(this.cache.read(name) ?? 'null');
        } catch {
          stored = null;
        }
        bytes = Array.isArray(stored) && stored.length === described.length ? (stored as [string, string | undefined][]) : rendered(render(), described);
      }
      return bytes[i];
    };
    return described.map((f, i) => ({
      ...f,
      get content(): string {
        return load(i)[0];
      },
      get objectJson(): string | undefined {
        return load(i)[1] ?? undefined;
      },
    }));
  }

  /**
   * Stores a result with its record, unless it cannot be trusted to repeat: problems, a read that
   * is not plain data, a read that escaped. Returns the entry's id when it stored it.
   */
  store(parts: UnitKeyParts, record: ReadRecord, result: UnitResult): UsedEntry | undefined {
    record.close();
    if (leaked || !record.cacheable || result.problems.length > 0 || result.inputProblems.length > 0) return undefined;
    const folder = unitFolder(parts);
    const reads = JSON.stringify(record);
    const files = JSON.stringify(result.files.map((f) => [f.content, f.objectJson ?? null]));
    const payload = JSON.stringify({ ...result, files: result.files.map(({ content: _, objectJson: __, ...described }) => described) });
    const id = createHash('sha256').update(reads).update('\0').update(payload).update('\0').update(files).digest('hex').slice(0, 32);
    // The bytes, the result and the paths first: an entry's reads are what make it findable.
    this.cache.write(`${folder}/${id}.files`, files);
    this.cache.write(`${folder}/${id}.result`, payload);
    const paths = pathHashes(record);
    this.cache.write(`${folder}/${id}.paths`, paths);
    this.cache.write(`${folder}/${id}.reads`, reads);
    this.stats.stored++;
    const entries = this.cache.list(folder).filter((n) => n.endsWith('.reads'));
    if (entries.length > KEPT_PER_UNIT) {
      // The oldest go (by name they are in no order; by the time written, as the file system tells).
      const aged = entries.filter((n) => n !== `${folder}/${id}.reads`).map((n) => ({ n, t: this.cache.writtenAt(n) })).sort((a, b) => a.t - b.t);
      for (const { n } of aged.slice(0, entries.length - KEPT_PER_UNIT)) {
        this.cache.remove(n);
        this.cache.remove(n.replace(/\.reads$/, '.result'));
        this.cache.remove(n.replace(/\.reads$/, '.files'));
        this.cache.remove(n.replace(/\.reads$/, '.paths'));
      }
    }
    return { entry: id, paths };
  }
}

/**
 * The bytes of a unit rendered again for a cached result whose `.files` were gone: they must be
 * the ones the result describes (rendering is deterministic; anything else is a bug, never output).
 */
function rendered(result: UnitResult, described: readonly Omit<UnitFile, 'content' | 'objectJson'>[]): [string, string | undefined][] {
  const same = result.files.length === described.length && result.files.every((f, i) => f.path === described[i].path && f.sha256 === described[i].sha256 && f.objectSha256 === described[i].objectSha256);
  if (!same) throw new Error('the render cache holds a result that rendering does not give again: delete the cache (FLEETSYNTH_CACHE_DIR or node_modules/.cache/fleetsynth) and report it');
  return result.files.map((f) => [f.content, f.objectJson]);
}

/**
 * Whether a render may use the cache, and worker threads: the fleet as written is plain data (no user
 * add-on, which is code), holding no cdktf token (a Lazy or Fn value written in the fleet): a token is
 * data only in the thread that made it, and its text is not its value.
 */
export function cacheableDefinition(definition: unknown): boolean {
  if (definition === null || typeof definition !== 'object') return false;
  const addons = (definition as { addons?: unknown }).addons;
  if (Array.isArray(addons) && addons.length > 0) return false;
  const plainData = (value: unknown, depth: number): boolean => {
    if (depth > 64) return false;
    if (typeof value === 'string') return !CDKTF_TOKEN_TEXT.test(value);
    if (typeof value === 'number') return !isCdktfNumberToken(value);
    if (value === null || ['boolean', 'undefined'].includes(typeof value)) return true;
    if (typeof value !== 'object') return false;
    if (!isPlainContainer(value)) return false;
    return Object.keys(value).every((k) => !CDKTF_TOKEN_TEXT.test(k)) && Object.values(value as object).every((v) => plainData(v, depth + 1));
  };
  try {
    return plainData(definition, 0);
  } catch {
    // A getter that throws: not data, and validation reports it at its path (unknown-fields.ts unreadableFields).
    return false;
  }
}

/**
 * A fingerprint of the fleet as written, when it is plain data (see cacheableDefinition): every
 * value's token (render-cache's: `undefined`, `-0` and NaN told apart, as JSON would not) and every
 * key, in order. Equal fingerprints, equal fleets; undefined for a fleet that is not plain data.
 */
export function definitionFingerprint(definition: unknown): string | undefined {
  if (!cacheableDefinition(definition)) return undefined;
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object') {
      parts.push(JSON.stringify(token(value)));
      return;
    }
    if (Array.isArray(value)) {
      // Every index up to the length: a hole (`[a, , b]`, or a length set past the end) is a problem
      // synth reports, so it must not fingerprint like the list without it, nor like `undefined`.
      parts.push(`a${value.length}`);
      for (let i = 0; i < value.length; i++) {
        if (i in value) walk(value[i]);
        else parts.push('hole');
      }
      return;
    }
    const keys = Object.keys(value);
    parts.push(`o${keys.length}`);
    for (const key of keys) {
      parts.push(JSON.stringify(key));
      walk((value as Record<string, unknown>)[key]);
    }
  };
  try {
    walk(definition);
  } catch {
    return undefined; // a getter that threw on this second read: not data (see cacheableDefinition)
  }
  return `definition:${createHash('sha256').update(parts.join('\n')).digest('hex')}`;
}
