import { ClusterOutputs, clusterManifestFolder, FleetError, HeldBack, ResolvedFleet, StackOutputValues } from '../fleet';
import { buildIndex, completeFleetOutputs, prepareFleet, readTerraformOutputs, renderChecked, TERRAFORM_DIR } from '../synth';

/*
 * The testing kit: a fleet rendered in memory exactly as synth renders it (the same function, the
 * same bytes, the same checks: placeholders, names, upstream schemas, convergence), then queried.
 * By default with deterministic fake Terraform outputs for every stack, so nothing is pending and
 * every file a fully applied fleet has is there.
 */

/** Terraform outputs to render with. */
export type TestOutputs =
  /** Deterministic fake outputs of every cluster's and every fleet-wide stack, as if all were applied (lib/synth/fake-outputs.ts). */
  | 'fake'
  /** No outputs at all: a fleet before its first `terraform apply` (every cluster pending). */
  | 'none'
  /** A folder of `<stack>.json` files, read as synth's `--outputs` reads it. */
  | { readonly dir: string }
  /** Parsed outputs. */
  | { readonly clusters: ReadonlyMap<string, ClusterOutputs>; readonly stacks?: ReadonlyMap<string, StackOutputValues> };

export interface RenderForTestOptions {
  /** @default 'fake' */
  readonly outputs?: TestOutputs;
}

/** Which Kubernetes objects: every field given must match; none given, every object. */
export interface ObjectQuery {
  /** The cluster whose folder holds the object (the management cluster's folder also holds the fleet's Argo CD objects). */
  readonly cluster?: string;
  readonly kind?: string;
  readonly apiVersion?: string;
  /** `undefined` matches any; cluster-scoped objects have none. */
  readonly namespace?: string;
  readonly name?: string;
}

/** A Kubernetes object found by a query. */
export interface FoundObject {
  readonly cluster: string;
  /** The file, relative to the output folder. */
  readonly path: string;
  readonly object: { readonly apiVersion: string; readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown }; readonly [key: string]: unknown };
}

/** A Terraform resource of a stack. */
export interface FoundResource {
  readonly stack: string;
  readonly type: string;
  /** Its logical name in the stack (`resource.<type>.<name>`). */
  readonly name: string;
  /** `<type>.<name>`, as `terraform plan` and `terraform state` name it. */
  readonly address: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A generated file, byte for byte what synth writes at `path` (relative to the output folder). */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** What `renderForTest` returns: the generated files and ways to look into them. */
export class FleetRender {
  /** Every generated file but the index, sorted by path. */
  readonly files: readonly GeneratedFile[];
  /** `fleetsynth-index.json` as synth writes it for these files. */
  readonly index: string;
  /** Clusters without Terraform outputs (none with fake outputs). */
  readonly pending: readonly string[];
  /** What was left out because a value it needs does not exist yet. */
  readonly heldBack: readonly HeldBack[];
  private readonly objectList: readonly FoundObject[];
  private readonly stackJson = new Map<string, Record<string, any>>();

  /** @internal use renderForTest */
  constructor(readonly fleet: ResolvedFleet, files: readonly { path: string; content: string; objects?: readonly unknown[] }[], pending: readonly string[], heldBack: readonly HeldBack[]) {
    this.files = files.map((f) => ({ path: f.path, content: f.content }));
    this.index = buildIndex(this.files);
    this.pending = pending;
    this.heldBack = heldBack;
    const folders = fleet.clusters.map((c) => [`${clusterManifestFolder(c)}/`, c.name] as const);
    this.objectList = files.flatMap((f) => {
      const cluster = folders.find(([folder]) => f.path.startsWith(folder))?.[1];
      return cluster && f.objects ? f.objects.map((object) => ({ cluster, path: f.path, object: object as FoundObject['object'] })) : [];
    });
    for (const f of files) {
      const m = new RegExp(`^${TERRAFORM_DIR}/stacks/([^/]+)/cdk\\.tf\\.json$`).exec(f.path);
      if (m) this.stackJson.set(m[1], JSON.parse(f.content));
    }
  }

  /** The content of one generated file; throws naming the nearest paths when there is none. */
  file(path: string): string {
    const found = this.files.find((f) => f.path === path);
    if (!found) {
      const folder = path.split('/').slice(0, -1).join('/');
      const near = this.files.filter((f) => f.path.startsWith(`${folder}/`)).map((f) => f.path).slice(0, 10);
      throw new Error(`no generated file ${path}${near.length > 0 ? `; in ${folder}/: ${near.join(', ')}` : ''}`);
    }
    return found.content;
  }

  /** The Kubernetes objects that match the query, in path order. */
  objects(query: ObjectQuery = {}): FoundObject[] {
    return this.objectList.filter((o) => matchesQuery(o, query));
  }

  /** The one object that matches; throws when none or several do. */
  object(query: ObjectQuery): FoundObject['object'] {
    const found = this.objects(query);
    if (found.length !== 1) throw new Error(`${found.length === 0 ? 'no' : found.length} objects match ${JSON.stringify(query)}${found.length > 1 ? `: ${found.map((f) => f.path).join(', ')}` : ''}`);
    return found[0].object;
  }

  /** The names of every Terraform stack: one per cluster, plus the fleet-wide ones. */
  get stacks(): string[] {
    return [...this.stackJson.keys()];
  }

  /** A stack's Terraform JSON (`cdk.tf.json`), parsed; throws naming the stacks there are. */
  stack(name: string): Record<string, any> {
    const json = this.stackJson.get(name);
    if (!json) throw new Error(`no stack ${JSON.stringify(name)}; the stacks are ${this.stacks.join(', ')}`);
    return json;
  }

  /** The resources of a stack, of one type when given, in address order. */
  resources(stack: string, type?: string): FoundResource[] {
    const byType = (this.stack(stack).resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    return Object.keys(byType)
      .filter((t) => type === undefined || t === type)
      .sort()
      .flatMap((t) => Object.keys(byType[t]).sort().map((name) => ({ stack, type: t, name, address: `${t}.${name}`, values: byType[t][name] })));
  }

  /** The outputs a stack declares, by name (`{ value, sensitive?, … }` as in cdk.tf.json). */
  outputs(stack: string): Record<string, Record<string, unknown>> {
    return (this.stack(stack).output ?? {}) as Record<string, Record<string, unknown>>;
  }

  /** Every generated file by path: what one snapshot of the whole output would hold. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.files.map((f) => [f.path, f.content]));
  }

  /**
   * One snapshot entry per generated file, named by its path (`expect(content).toMatchSnapshot(path)`
   * each), so a review shows which files changed. Needs jest's (or a compatible) global `expect`.
   */
  expectFilesToMatchSnapshot(): void {
    const expect = globalExpect();
    for (const f of this.files) expect(f.content).toMatchSnapshot(f.path);
  }
}

function matchesQuery(o: FoundObject, q: ObjectQuery): boolean {
  return (
    (q.cluster === undefined || o.cluster === q.cluster) &&
    (q.kind === undefined || o.object.kind === q.kind) &&
    (q.apiVersion === undefined || o.object.apiVersion === q.apiVersion) &&
    (q.namespace === undefined || o.object.metadata?.namespace === q.namespace) &&
    (q.name === undefined || o.object.metadata?.name === q.name)
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function globalExpect(): any {
  const expect = (globalThis as { expect?: unknown }).expect;
  if (typeof expect !== 'function') throw new Error('no global expect: run this inside a jest (or compatible) test');
  return expect;
}

/**
 * Renders a fleet definition in memory exactly as `fleetsynth synth` would, with every check synth
 * runs before writing; throws the FleetError synth would (every problem, each with its path).
 */
export function renderForTest(definition: unknown, options: RenderForTestOptions = {}): FleetRender {
  const { fleet, addons } = prepareFleet(definition);
  const given = options.outputs ?? 'fake';
  let outputs: ReadonlyMap<string, ClusterOutputs>;
  let stackOutputs: ReadonlyMap<string, StackOutputValues>;
  if (given === 'fake') {
    const complete = completeFleetOutputs(fleet, new Map(), new Map(), addons);
    [outputs, stackOutputs] = [complete.outputs, complete.stackOutputs];
  } else if (given === 'none') {
    [outputs, stackOutputs] = [new Map(), new Map()];
  } else if ('dir' in given) {
    const read = readTerraformOutputs(given.dir, fleet);
    if (read.problems.length > 0) throw new FleetError(read.problems, 'terraform outputs');
    [outputs, stackOutputs] = [read.outputs, read.stacks];
  } else {
    [outputs, stackOutputs] = [given.clusters, given.stacks ?? new Map()];
  }
  const rendered = renderChecked(fleet, { outputs, stackOutputs, addons });
  return new FleetRender(fleet, rendered.files, rendered.pending, rendered.heldBack);
}
