import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { FleetError, Problem } from '../fleet';
import { KubeObject } from './manifest-path';
import { uncachedRenderThreads } from './render-threads';
import { codeIdentity, packageVersions, SynthCache } from './synth-cache';
import { WORKER_RESOURCE_LIMITS } from './worker-heap';

/*
 * Every Kubernetes object synth writes is checked against the upstream schema of its kind, from
 * npm: kubernetes-models (Kubernetes built-ins), @kubernetes-models/argo-cd (Argo CD v3 API) and
 * @kubernetes-models/istio (Istio networking/security v1). Strict: missing required fields, wrong
 * types and enum values, unknown fields and kinds without a schema are all errors.
 *
 * Those packages ship only as ES modules; synth (and jest) run CommonJS, so the check runs in a
 * worker thread (schema-worker.mjs) that imports them. Synth starts it first thing, so that it loads
 * the validators while synth renders; the calling thread waits for each answer (Atomics.wait), so
 * the API stays synchronous. One worker per process, let go after a few idle seconds.
 *
 * With a cache (synth-cache.ts), an object that passed before, byte for byte, under the same
 * validator (this worker's code and the schema packages' versions) is not checked again. Only
 * passes are remembered: an object with problems is always checked, so its problems are always
 * reported in full.
 */
const WORKER = path.join(__dirname, 'schema-worker.mjs');
const SCHEMA_PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/istio', '@kubernetes-models/prometheus-operator', '@kubernetes-models/external-secrets', '@kubernetes-models/cert-manager'];
const IDLE_MS = 5000;
/** How long a check may take before synth gives up on the worker (it may have died). */
const ANSWER_TIMEOUT_MS = 10 * 60_000;
/**
 * How long a check may go without the worker counting a step (a validator loaded, a batch checked:
 * each takes milliseconds to seconds) before synth takes the worker for dead. A worker that stops
 * (out of memory, terminated) answers nothing, and this thread, blocked in Atomics.wait, never sees
 * its exit event: without the count it waited the whole ANSWER_TIMEOUT_MS.
 */
export const STALL_MS = 120_000;

/**
 * One object to check: the file it goes to, and the object (or its JSON, when the caller has it
 * already; or the JSON's sha256 and a way to get the JSON, which a check of an object that passed
 * before never asks for).
 */
export type SchemaInput =
  | { readonly file: string; readonly object: KubeObject }
  | { readonly file: string; readonly json: string; readonly kind: string }
  | { readonly file: string; readonly sha256: string; readonly kind: string; readonly json: () => string };

/**
 * Objects per message to the worker: it takes each batch off its port as it comes to it, so that it
 * holds one batch's JSON at a time, not a big fleet's whole (~10 MB at 600 clusters: README, Performance).
 */
export const SCHEMA_BATCH = 250;

class SchemaWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** The objects of each check, in batches (schema-worker.mjs reads them with receiveMessageOnPort). */
  private readonly batches: MessagePort;
  /** [0]: raised when an answer is on the port; [1]: the steps the worker has counted (schema-worker.mjs). */
  private readonly flag = new Int32Array(new SharedArrayBuffer(8));
  private idle?: NodeJS.Timeout;

  constructor(private readonly stallMs = STALL_MS) {
    const { port1, port2 } = new MessageChannel();
    const batches = new MessageChannel();
    this.port = port1;
    this.batches = batches.port1;
    this.worker = new Worker(WORKER, { workerData: { fleetsynthSchemaWorker: true, port: port2, batches: batches.port2, flag: this.flag }, transferList: [port2, batches.port2], resourceLimits: WORKER_RESOURCE_LIMITS });
    this.worker.unref();
    this.port.unref();
    this.batches.unref();
    this.worker.on('error', () => undefined);
    this.touch();
  }

  /** Restarts the idle timer: the worker goes after IDLE_MS without a request. */
  private touch(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
    this.idle.unref();
  }

  /** Its thread is ended (idle, dead, or not answering): a check posted to it goes to a new worker. */
  private stopped = false;

  stop(): void {
    this.stopped = true;
    clearTimeout(this.idle);
    if (worker === this) worker = undefined;
    void this.worker.terminate();
  }

  /** Stops the worker's thread as an out-of-memory end would, leaving this object as it is (the tests of a dead worker). */
  kill(): void {
    void this.worker.terminate();
  }

  /** Starts loading these kinds' validators (`<apiVersion>/<kind>`); answers nothing. */
  warm(kinds: readonly string[]): void {
    this.port.postMessage({ warm: kinds });
    this.touch();
  }

  /**
   * Sends the objects to the worker and returns at once; the function returned waits for its answer.
   * One check at a time: a check whose answer nobody waited for is waited for (and dropped) first, so
   * that no answer is ever taken for another check's.
   */
  post(objects: readonly { file: string; json: string }[]): () => (Problem & { index: number })[] {
    if (this.pending) {
      try {
        this.pending();
      } catch {
        // its caller is gone; this check starts afresh
      }
    }
    // Waiting for that check may have found this worker dead and stopped it: its thread would answer
    // nothing, and this check would wait a second STALL_MS for it.
    if (this.stopped) return schemaWorker().post(objects);
    Atomics.store(this.flag, 0, 0);
    // The batches first: they are on their port when the request that counts them arrives.
    let count = 0;
    for (let i = 0; i < objects.length; i += SCHEMA_BATCH, count++) this.batches.postMessage(objects.slice(i, i + SCHEMA_BATCH));
    this.port.postMessage({ batches: count });
    this.touch();
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    // The answer, or why there is none: a failed check read again fails alike (its reply was taken off
    // the port: waiting again would wait for one that never comes, until the deadline).
    let answer: { readonly problems: (Problem & { index: number })[] } | { readonly error: unknown } | undefined;
    const wait = () => {
      if (answer === undefined) {
        try {
          answer = { problems: this.await(deadline) };
        } catch (error) {
          answer = { error };
        } finally {
          if (this.pending === wait) this.pending = undefined;
        }
      }
      if ('error' in answer) throw answer.error;
      return answer.problems;
    };
    this.pending = wait;
    return wait;
  }

  private pending: (() => (Problem & { index: number })[]) | undefined;

  private await(deadline: number): (Problem & { index: number })[] {
    let steps = Atomics.load(this.flag, 1);
    let stepAt = Date.now();
    for (;;) {
      Atomics.wait(this.flag, 0, 0, Math.max(1, Math.min(1000, deadline - Date.now())));
      const message = receiveMessageOnPort(this.port);
      if (message) {
        this.touch();
        const reply = message.message as { problems?: (Problem & { index: number })[]; error?: string };
        if (reply.error !== undefined) throw new Error(`schema validation could not run: ${reply.error}`);
        return reply.problems!;
      }
      if (Date.now() >= deadline) {
        this.stop();
        throw new Error('schema validation could not run: its worker did not answer');
      }
      const now = Atomics.load(this.flag, 1);
      if (now !== steps) [steps, stepAt] = [now, Date.now()];
      else if (Date.now() - stepAt >= this.stallMs) {
        this.stop();
        throw new Error(`schema validation could not run: its worker stopped (nothing checked for ${Math.round(this.stallMs / 1000)} s; out of memory?)`);
      }
    }
  }
}

let worker: SchemaWorker | undefined;

function schemaWorker(): SchemaWorker {
  worker ??= new SchemaWorker();
  return worker;
}

/** For the tests of a worker that dies: a worker of its own, waiting `stallMs` for a step, and a way to end its thread. */
export function schemaWorkerForTests(stallMs: number): { readonly check: (objects: readonly KubeObject[]) => () => unknown; readonly kill: () => void } {
  const w = new SchemaWorker(stallMs);
  worker = w;
  return { check: (objects) => w.post(objects.map((object) => ({ file: 'f.yaml', json: JSON.stringify(object) }))), kill: () => w.kill() };
}

/** Starts the worker (if it is not running) and has it load these kinds' validators ahead of a check. */
export function warmSchemaCheck(kinds: readonly string[] = []): void {
  const w = schemaWorker();
  if (kinds.length > 0) w.warm(kinds);
}

let validatorId: string | undefined;

/** What a pass depends on besides the object: the worker's code and the schema packages (and theirs). */
function schemaValidatorId(): string {
  // The worker, the schema packages, and the rest of fleetsynth's code (which decides what reaches the worker).
  validatorId ??= createHash('sha256').update(JSON.stringify([fs.readFileSync(WORKER, 'utf8'), packageVersions(SCHEMA_PACKAGES, __dirname), codeIdentity()])).digest('hex');
  return validatorId;
}

/** Objects that passed before, by `sha256(validator id, object JSON)`, and the kinds they were (to warm the worker with). */
interface SchemaPasses {
  readonly passed: Set<string>;
  readonly kinds: Set<string>;
}

const PASSES_ENTRY = () => `schema/${schemaValidatorId().slice(0, 32)}`;
/** At most this many passes are kept (the objects of the last synths: a 600-cluster fleet has ~15,000). */
const MAX_PASSES = 200_000;

function readPasses(cache: SynthCache | undefined): SchemaPasses {
  const text = cache?.read(PASSES_ENTRY());
  if (!text) return { passed: new Set(), kinds: new Set() };
  const [kinds, ...hashes] = text.split('\n');
  return { passed: new Set(hashes.filter((h) => /^[0-9a-f]{64}$/.test(h))), kinds: new Set(kinds.split(' ').filter(Boolean)) };
}

/**
 * Kinds most fleets render (the example's, from the core and the built-in add-ons): what the worker
 * loads ahead when no cache remembers a last check's kinds (a cold synth). Only a head start: a kind
 * left out is loaded when an object of it comes (a test holds every one a kind the packages serve).
 */
export const USUAL_KINDS: readonly string[] = [
  'argoproj.io/v1alpha1/Application', 'argoproj.io/v1alpha1/AppProject', 'argoproj.io/v1alpha1/ApplicationSet',
  'v1/Namespace', 'v1/Secret', 'v1/Service', 'v1/ConfigMap', 'v1/ServiceAccount',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'networking.istio.io/v1/DestinationRule', 'networking.istio.io/v1/Gateway', 'networking.istio.io/v1/ServiceEntry', 'networking.istio.io/v1/VirtualService', 'security.istio.io/v1/PeerAuthentication',
  'external-secrets.io/v1/ExternalSecret', 'external-secrets.io/v1/ClusterSecretStore', 'external-secrets.io/v1alpha1/PushSecret',
  'monitoring.coreos.com/v1/ServiceMonitor', 'monitoring.coreos.com/v1/PodMonitor', 'monitoring.coreos.com/v1/PrometheusRule',
  'cert-manager.io/v1/Issuer',
];

/** The kinds objects had in the last check this cache remembers, to warm the worker with; without any, the usual ones. */
export function rememberedKinds(cache: SynthCache | undefined): string[] {
  const kinds = [...readPasses(cache).kinds];
  return kinds.length > 0 ? kinds : [...USUAL_KINDS];
}

/**
 * The kinds whose validators the worker loads ahead of a synth's check: those of the last check the
 * cache remembers; without one, the usual ones, or none when the render is to run in worker threads
 * (a cold synth of a big fleet). That render's check comes after it, and validators loaded ahead
 * were held, unused, through the render's peak of memory (~20 MiB at 300 clusters: README,
 * Performance); they load with the check, while this thread checks convergence. A cache that
 * remembers a check has most units rendered: few to render, and the check starts early.
 */
export function kindsToWarm(cache: SynthCache | undefined, definition: unknown, synth: { readonly threads?: number | 'auto'; readonly clusters?: readonly string[] }): string[] {
  const remembered = readPasses(cache).kinds;
  if (remembered.size > 0) return [...remembered];
  // synth's threads: 'auto' unless given (SynthOptions.threads).
  return uncachedRenderThreads(definition, synth.threads ?? 'auto', synth.clusters) > 1 ? [] : [...USUAL_KINDS];
}

const kindOf = (o: KubeObject) => `${o?.apiVersion}/${o?.kind}`;

/**
 * Every schema problem of the objects, in their order (and each object's in the validator's). With
 * a cache, objects that passed before are not checked again, and the passes are remembered.
 */
export function schemaProblems(objects: readonly SchemaInput[], options: { readonly cache?: SynthCache } = {}): Problem[] {
  return startSchemaCheck(objects, options)();
}

/**
 * The same check, started: the objects go to the worker now, and the function returned waits for its
 * answer, so that the caller can do other work meanwhile (synth runs the convergence check).
 */
export function startSchemaCheck(objects: readonly SchemaInput[], options: { readonly cache?: SynthCache } = {}): () => Problem[] {
  if (objects.length === 0) return () => [];
  const validator = options.cache ? schemaValidatorId() : '';
  const remembered = readPasses(options.cache);
  const inputs = objects.map((o): { file: string; json: () => string; kind: string; sha256?: string } => {
    if ('object' in o) {
      const json = JSON.stringify(o.object);
      return { file: o.file, json: () => json, kind: kindOf(o.object) };
    }
    if (typeof o.json === 'string') {
      const json = o.json;
      return { file: o.file, json: () => json, kind: o.kind };
    }
    return { file: o.file, json: o.json, kind: o.kind, sha256: (o as { sha256: string }).sha256 };
  });
  // An object's key: the validator's id and the sha256 of its JSON.
  const hashOf = (o: (typeof inputs)[number]) => o.sha256 ?? createHash('sha256').update(o.json()).digest('hex');
  const keys = options.cache ? inputs.map((o) => createHash('sha256').update(validator).update('\0').update(hashOf(o)).digest('hex')) : [];
  const todo = inputs.map((o, i) => ({ ...o, i })).filter((o) => !options.cache || !remembered.passed.has(keys[o.i]));
  const answer = todo.length === 0 ? () => [] : schemaWorker().post(todo.map(({ file, json }) => ({ file, json: json() })));
  let result: Problem[] | undefined;
  return () => (result ??= collect(answer()));
  function collect(problems: (Problem & { index: number })[]): Problem[] {
    if (options.cache) {
      const failed = new Set(problems.map((p) => todo[p.index].i));
      const passed = new Set(inputs.flatMap((_, i) => (failed.has(i) ? [] : [keys[i]])));
      if (todo.length > 0 || remembered.passed.size === 0) {
        // This check's passes first; earlier ones while there is room (a cache of one fleet's objects does not grow).
        for (const h of remembered.passed) {
          if (passed.size >= MAX_PASSES) break;
          passed.add(h);
        }
        const kinds = [...new Set([...inputs.map((o) => o.kind), ...remembered.kinds])].filter((k) => /^[A-Za-z0-9./-]+$/.test(k)).slice(0, 500);
        options.cache.write(PASSES_ENTRY(), [kinds.join(' '), ...passed].join('\n'));
      }
    }
    // The worker numbers problems by its own list: back to the caller's order (it already is: `todo` keeps it).
    return problems.map(({ index: _, ...p }) => p);
  }
}

/** Throws a FleetError naming file, object and field for every schema violation. */
export function validateSchemas(objects: readonly { file: string; object: KubeObject }[]): void {
  const problems = schemaProblems(objects);
  if (problems.length > 0) throw new FleetError(problems, 'generated Kubernetes objects (upstream schemas)');
}
