import * as path from 'path';
import type { AddonGuardContext, FleetAddon } from '../addons/addon';
import { fleetAddons } from '../addons/fleet-addons';
import { classicSidecarWarnings, ClusterOutputs, gkeHyperdiskOnlyWarnings, clusterManifestFolder, crossCloudMirrorWarnings, eksExtendedSupportWarnings, fleetProblems, meshServiceSidecarWarnings, FleetError, HeldBack, Problem, resolveFleet, ResolvedFleet, StackOutputValues, unreadableFields } from '../fleet';
import { fileScope, parseObject, renderedFileScope, scopeNeedsObject, selectClusters } from './cluster-selection';
import { eksNodeGroupQuotaWarnings } from './eks-node-group-quota';
import { rootAppStatusSizeWarnings } from './root-app-status-size';
import { awsRegionalQuotaWarnings } from './aws-regional-quota';
import { vpnConnectionQuotaWarnings } from './vpn-connection-quota';
import { eksSecurityGroupRuleWarnings } from './eks-security-group-rules';
import { OutputFolder } from './output-folder';
import { contentHash, INDEX_FILE, OutputIndex } from './output-index';
import { commitPlan, HalfAppliedError, hasInterruptedCommit, interruptedCommitPaths, journalFileFor, recoverInterruptedCommit } from './commit';
import { readIndex } from './output-index';
import { lockOutputFolder } from './output-lock';
import { Plan, planChanges, planProblems } from './plan';
import { Rendered, renderFleet, RenderedFile } from './render-fleet';
import { RenderCache } from './render-cache';
import { inputsFingerprint, recordStamp, stampedHashes, stampKey, upToDateResult } from './output-stamp';
import { kindsToWarm, SchemaInput, startSchemaCheck, warmSchemaCheck } from './schema-validation';
import { openCache, SynthCache } from './synth-cache';
import { convergenceCheck } from './convergence-check';
import { unservedApiProblems } from '../verify/served-apis';
import { completeFleetOutputs } from './fake-outputs';
import { guardRegistrations } from './registration-guard';
import { deployAsChanges, deployAsChangesOnKept } from './deploy-as-guard';
import { applicationMoves } from './application-move-guard';
import { appNamespaceChanges, removedApps } from './app-removal-guard';
import { gitopsPathChange } from './gitops-path-guard';
import { formerRepositoriesLeft, gitopsRepoChange } from './gitops-repo-guard';
import { GITOPS_REVISION_CHANGE, gitopsRevisionChange } from './gitops-revision-guard';
import { managementSwitch } from './management-switch-guard';
import { removedClusters, renamedFleet } from './removal-guard';
import { changedStacks, replacements } from './replacement-guard';
import { droppedStacks, removedStacks } from './stack-removal-guard';
import { versionSteps } from './version-step-guard';
import { refusedRangeChanges } from './network-range-guard';
import { eksControlPlaneZoneRemovals } from './eks-control-plane-zones-guard';
import { GKE_API_RANGE_REMOVAL, gkeApiRangeRemovals, knownEgressAddresses } from './gke-api-range-guard';
import { route53RecordConflicts } from './route53-record-guard';
import { MESH_TRUST_CHANGE, meshTrustChanges } from './mesh-trust-guard';
import { istioVersionSteps } from './istio-version-step-guard';
import { istioCniRemovalWarnings } from './istio-cni-removal';
import { previousIstiods } from './previous-istiod';
import { strayOutputsWarnings } from './stray-outputs';
import { fleetOutputsPlacementWarnings } from './outputs-placement';
import { readTerraformOutputs } from './terraform-outputs-dir';
import { collectGarbage } from './heap-growth';

export interface SynthOptions {
  /** Output folder. @default 'dist' */
  readonly outDir?: string;
  /** Folder of `<cluster>.json` Terraform outputs. @default 'terraform-outputs' */
  readonly outputsDir?: string;
  /** Compare only; write nothing. @default false */
  readonly check?: boolean;
  /** Pending clusters (no Terraform outputs yet) are an error. @default false */
  readonly strict?: boolean;
  /** Apps whose `deployAs` may differ from the previous synth's, once handed over (see deploy-as-guard.ts). @default none */
  readonly allowDeployAsChange?: readonly string[];
  /** Clusters that may be gone from the fleet although the previous synth wrote them, once destroyed (see removal-guard.ts). @default none */
  readonly allowClusterRemoval?: readonly string[];
  /** Apps that may be gone from the fleet, or change namespace, although the previous synth deployed them: what they deployed is deleted (see app-removal-guard.ts). @default none */
  readonly allowAppRemoval?: readonly string[];
  /** `gitops.path` may differ from the previous synth's: the first commit of a two-commit move (see gitops-path-guard.ts). @default false */
  readonly allowGitopsPathChange?: boolean;
  /** Applications may change root (fleet root ↔ a cluster's root), once handed over (see application-move-guard.ts). @default false */
  readonly allowApplicationMove?: boolean;
  /**
   * Stacks whose edits may replace or destroy clusters, node pools, networks, VPN gateways or the root CA, or move their state
   * backend (see replacement-guard.ts); and fleet-wide stacks that may be pruned although they still hold resources, once
   * destroyed (see stack-removal-guard.ts). @default none
   */
  readonly allowReplace?: readonly string[];
  /**
   * Changes a guard refuses on a running fleet, let through by name once the README's procedure is
   * followed (`--allow-change <name>`): `gitops-revision-change` (gitops-revision-guard.ts), `gke-api-range-removal`
   * (gke-api-range-guard.ts), `mesh-trust-change` (the core's mesh trust guard and the secrets service's audience
   * guard), `observability-tenant-change`, or an add-on's own (FleetAddon.guard). @default none
   */
  readonly allowChanges?: readonly string[];
  /** The same as `allowChanges: ['mesh-trust-change']` (`--allow-mesh-trust-change`): `platform.secrets` may come or go, `mesh.trustDomain`, `mesh.meshID` or Vault's token audience change (see mesh-trust-guard.ts). @default false */
  readonly allowMeshTrustChange?: boolean;
  /** The same as `allowChanges: ['observability-tenant-change']` (`--allow-observability-tenant-change`). @default false */
  readonly allowObservabilityTenantChange?: boolean;
  /** Seconds to wait while another synth holds the output folder's lock; 0 fails at once. @default DEFAULT_LOCK_WAIT_SECONDS (10) */
  readonly waitSeconds?: number;
  /**
   * Only these clusters (`--cluster`): their folders, their stacks and the Argo CD objects that
   * concern them are rendered, compared and written; every other file, the fleet's shared ones
   * included, is left as it is and keeps its index entry. @default every cluster
   */
  readonly clusters?: readonly string[];
  /**
   * Folder of the cache (rendered clusters, objects that passed the schema check, fleets that passed
   * the convergence check); `false`: none. Never changes the output (see synth-cache.ts).
   * @default defaultCacheDir(): `FLEETSYNTH_CACHE_DIR`, else node_modules/.cache/fleetsynth, else ~/.cache/fleetsynth; none when `FLEETSYNTH_CACHE=off`
   */
  readonly cache?: string | false;
  /** Threads to render in: a number, or 'auto' (one per core when enough clusters are to be rendered; see render-threads.ts). @default 'auto' */
  readonly threads?: number | 'auto';
  /**
   * A fingerprint of the fleet as written, which the caller vouches for (the CLI: a JSON or YAML
   * fleet file's bytes): with the cache, a synth whose inputs and output folder are as a synth left
   * them returns that synth's result without rendering (see output-stamp.ts).
   * @default the definition's data, when it is plain data (no add-on of its own); else none, and no such shortcut
   */
  readonly fleetFingerprint?: string;
  /** Test hooks: `beforeLock` runs just before the output folder's lock is taken, `onCommitted` after the commit while it is still held. */
  readonly hooks?: {
    readonly onClusterRendered?: (cluster: string) => void;
    readonly beforeLock?: () => void;
    readonly commitStep?: (what: string) => void;
    readonly onCommitted?: () => void;
  };
}

export interface StageTiming {
  readonly stage: string;
  readonly ms: number;
  readonly detail?: readonly { readonly stage: string; readonly ms: number }[];
}

export interface SynthResult {
  readonly clusters: readonly string[];
  readonly pending: readonly string[];
  /** What was left out because a value it needs does not exist yet, and what it waits for. */
  readonly heldBack: readonly HeldBack[];
  readonly plan: Plan;
  /** True when the output folder already matched (for --check: success). */
  readonly upToDate: boolean;
  /** What synth found of an interrupted synth before it began: its commit rolled back, its staging folder cleaned, or nothing. */
  readonly recovered: 'rolled-back' | 'cleaned' | 'none';
  /** Things that went wrong after the output was written (the lock file could not be removed). */
  readonly warnings: readonly string[];
  /** Milliseconds per stage, in the order they ran (render split by layer in `detail`). */
  readonly timings: readonly StageTiming[];
  /** With `clusters`: the clusters synth wrote or checked. */
  readonly selected?: readonly string[];
  /**
   * With `clusters`: files outside the selection (the fleet's shared files, other clusters' Argo CD
   * objects) that a synth of the whole fleet would write differently; left as they are.
   */
  readonly notSelected?: readonly string[];
}

/** A fleet definition validated with its add-ons (the core's problems and the add-ons', all at once). */
export function prepareFleet(definition: unknown): { fleet: ResolvedFleet; addons: readonly FleetAddon[] } {
  let found: ReturnType<typeof fleetAddons>;
  try {
    found = fleetAddons(definition);
  } catch (e) {
    // A getter that throws in the platform settings or the add-ons: reported at its path (unknown-fields.ts).
    const unreadable = unreadableFields(definition);
    throw unreadable.length > 0 ? new FleetError(unreadable) : e;
  }
  // resolveFleet checks the fleet itself (fleetProblems without the add-ons'): the whole list,
  // the add-ons' problems among it, is put together only when something is wrong, so that a valid
  // fleet is checked once (~40–70 ms at 300 clusters), not twice.
  let fleet: ResolvedFleet;
  try {
    fleet = resolveFleet(definition);
  } catch (e) {
    const problems = e instanceof FleetError ? fleetProblems(definition, found.problems) : [];
    throw problems.length > 0 ? new FleetError(problems) : e;
  }
  if (found.problems.length > 0) throw new FleetError(fleetProblems(definition, found.problems));
  return { fleet, addons: found.addons };
}

type Timer = <T>(stage: string, fn: () => T) => T;

export interface RenderCheckedOptions {
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  readonly stackOutputs: ReadonlyMap<string, StackOutputValues>;
  readonly addons: readonly FleetAddon[];
  /** Only these clusters (see SynthOptions.clusters); the convergence check is then synth's to run, under the lock. */
  readonly clusters?: readonly string[];
  readonly onClusterRendered?: (cluster: string) => void;
  /** Times each stage. @default untimed */
  readonly time?: Timer;
  /** The fleet as written (worker threads and the render cache start from it). @default none: one thread, no render cache */
  readonly definition?: unknown;
  /** Cache of rendered units, schema passes and convergence (see synth-cache.ts). @default none */
  readonly cache?: SynthCache;
  /** Threads to render in (see render-threads.ts). @default 1 */
  readonly threads?: number | 'auto';
}

/**
 * What synth checks before it writes anything, on the files it renders: every document rendered in
 * memory (placeholders and names checked while rendering), every Kubernetes object against its
 * upstream schema, then the convergence check twice (as it is, and as it will be once every cluster
 * has its Terraform outputs). Throws FleetError listing every problem. Synth and the testing kit
 * (lib/testing) both render through this, so a test sees the bytes synth writes.
 */
export function renderChecked(fleet: ResolvedFleet, options: RenderCheckedOptions): Rendered {
  const time: Timer = options.time ?? ((_, fn) => fn());
  const { outputs, stackOutputs, addons, cache } = options;
  const renderCache = cache && new RenderCache(cache);
  const engine = { definition: options.definition, ...(renderCache ? { cache: renderCache } : {}), threads: options.threads ?? 1 };
  // Rendering in this thread, the schema check starts on the clusters' objects while the fleet-wide
  // stacks render (its worker is idle until then); used if they are the render's Kubernetes files.
  let early: { readonly files: readonly RenderedFile[]; readonly answer: () => Problem[] } | undefined;
  const onKubernetesFiles = (files: readonly RenderedFile[]) => {
    early = { files, answer: startSchemaCheck(schemaInputs(files), { cache }) };
  };
  const rendered = time('render', () =>
    renderFleet(fleet, {
      outputs,
      stackOutputs,
      addons,
      ...engine,
      onKubernetesFiles,
      ...(options.clusters ? { clusters: options.clusters } : {}),
      ...(options.onClusterRendered ? { onClusterRendered: options.onClusterRendered } : {}),
    }),
  );
  // The schema check runs in its worker while this thread checks convergence; its problems are reported first.
  const schema = early && sameKubernetesFiles(early.files, rendered.files) ? early.answer : startSchemaCheck(schemaInputs(rendered.files), { cache });
  const schemaVerdict = () =>
    time('validate output', () => {
      // Name the add-on an object came from, so a user knows whose code to fix.
      const addonOf = new Map(rendered.files.flatMap((f) => (f.addon ? [[f.path, f.addon] as const] : [])));
      // The schemas hold API versions of many Kubernetes releases: each object's must be one its cluster's minor serves.
      const named = [...unservedApiProblems(fleet, rendered.files), ...schema()].map((p) => {
        const addon = addonOf.get(p.path.split(': ')[0]);
        return addon ? { ...p, message: `${p.message} (add-on ${addon})` } : p;
      });
      if (named.length > 0) throw new FleetError(named, 'generated Kubernetes objects (upstream schemas)');
    });
  if (options.clusters) {
    schemaVerdict();
    return rendered;
  }
  let convergence: Problem[];
  try {
    convergence = time('verify convergence', () => {
      // Twice: the fleet as it is (pending clusters held back) and as it will be once every cluster has its outputs.
      const now = convergenceCheck(fleet, rendered, { cache });
      const complete = rendered.unreachable.length === 0 ? [] : convergenceCheck(fleet, renderFleet(fleet, { ...completeFleetOutputs(fleet, outputs, stackOutputs, addons), addons, kubernetesOnly: true, ...engine }), { cache });
      return [...now, ...complete.map((p) => ({ ...p, message: `${p.message} (once every cluster has its Terraform outputs)` }))];
    });
  } catch (e) {
    schemaVerdict();
    throw e;
  }
  schemaVerdict();
  if (convergence.length > 0) throw new FleetError(convergence, 'GitOps convergence check (Argo CD would not converge)');
  return rendered;
}

/**
 * The Kubernetes objects of these files, for the schema check. An object rendered with its hash is keyed
 * by it: its JSON is read (from the render cache) only when the check has not passed it before.
 */
function schemaInputs(files: readonly RenderedFile[]): SchemaInput[] {
  return files.flatMap((f): SchemaInput[] =>
    f.objectSha256 !== undefined && f.objectKind !== undefined ? [{ file: f.path, sha256: f.objectSha256, kind: f.objectKind, json: () => f.objectJson! }] : (f.objects ?? []).map((object) => ({ file: f.path, object })),
  );
}

/** Whether `early` are every file of the render with objects, the same ones (the same objects, or path and bytes), in order. */
function sameKubernetesFiles(early: readonly RenderedFile[], all: readonly RenderedFile[]): boolean {
  let i = 0;
  for (const f of all) {
    if (f.objectSha256 === undefined && f.objects === undefined) continue;
    const e = early[i++];
    if (e === undefined || (e !== f && (e.path !== f.path || e.sha256 !== f.sha256))) return false;
  }
  return i === early.length;
}

/** What a synth that leaves some files as they are (`--cluster`, kept registrations) writes, carries over, and checks, from the render and the output folder as it is. */
interface SelectedFiles {
  /** Rendered files this synth writes: written, compared, pruned. */
  readonly files: readonly RenderedFile[];
  /** Index entries of every other file: kept as they are. */
  readonly carried: Record<string, string>;
  /** Rendered files outside the selection that a synth of the whole fleet would write, whose bytes differ from what the output folder holds. */
  readonly notSelected: readonly string[];
  /** Problems of the convergence check on the output folder as it will be (the written files' only). */
  readonly convergence: readonly Problem[];
}

/** Which files a synth writes: with `selected` (`--cluster`), only those clusters' (else every file); of a `kept` cluster (registration-guard.ts), only its stack. */
interface FileSelection {
  readonly selected?: readonly string[];
  readonly kept: readonly string[];
}

function selectFiles(fleet: ResolvedFleet, rendered: Rendered, selection: FileSelection, dir: string, previous: OutputIndex | undefined): SelectedFiles {
  const folder = new OutputFolder(dir);
  const kept = new Set(selection.kept);
  const chosen = (name: string) => !selection.selected || selection.selected.includes(name);
  // Clusters whose Kubernetes files this synth writes.
  const want = new Set(fleet.clusters.map((c) => c.name).filter((name) => chosen(name) && !kept.has(name)));
  const scopeOfRendered = new Map(rendered.files.map((f) => [f.path, renderedFileScope(fleet, f)]));
  const onDisk = (p: string): string | undefined => {
    const entry = folder.inspect(p);
    return entry.kind === 'file' ? folder.read(p).toString('utf8') : undefined;
  };
  const scopeOf = (p: string): string | undefined => {
    if (scopeOfRendered.has(p)) return scopeOfRendered.get(p);
    if (!scopeNeedsObject(fleet, p)) return fileScope(fleet, p);
    const text = onDisk(p);
    return fileScope(fleet, p, text === undefined ? undefined : parseObject(text));
  };
  // A kept cluster's files stay as they are, but its stack (its files outside k8s/).
  const keptAsItIs = (p: string) => p.startsWith('k8s/') && kept.has(scopeOf(p) ?? '');
  const inSelection = (p: string) => {
    const scope = scopeOf(p);
    return !keptAsItIs(p) && (scope === undefined ? !selection.selected : chosen(scope));
  };
  const files = rendered.files.filter((f) => inSelection(f.path));
  const recorded = previous?.files ?? {};
  const carried = Object.fromEntries(Object.entries(recorded).filter(([p]) => !inSelection(p)));
  const notSelected = rendered.files.filter((f) => !inSelection(f.path) && !keptAsItIs(f.path) && recorded[f.path] !== contentHash(f)).map((f) => f.path);

  // The convergence check, on the Kubernetes files as they will be: the new files, and those not
  // written as the output folder holds them: the Argo CD objects (the fleet's shared ones with
  // --cluster), a kept cluster's folder (its registration stays, so Argo CD applies it), and with
  // --cluster the other clusters' folders: they stay registered, so what this synth writes for the
  // whole fleet (an ApplicationSet that generates an app on each of them) meets their files as they are
  // (the namespace an app needs is in their _bootstrap). Problems in the other clusters' own files
  // are not this synth's; a kept cluster's are (see below). Unchanged files are the rendered ones: only
  // a file that differs from this render is read from the folder.
  const byPath = new Map(rendered.files.map((f) => [f.path, f]));
  const future: RenderedFile[] = [...files];
  for (const [p, hash] of Object.entries(carried)) {
    if (!p.startsWith('k8s/')) continue;
    const scope = scopeOf(p);
    if (scope !== undefined && !scopeNeedsObject(fleet, p) && !kept.has(scope) && !selection.selected) continue;
    const same = byPath.get(p);
    if (same && contentHash(same) === hash) {
      future.push(same);
      continue;
    }
    const text = onDisk(p);
    const object = text === undefined ? undefined : parseObject(text);
    if (object && typeof object === 'object') future.push({ path: p, content: text!, objects: [object as never] });
  }
  future.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const others = fleet.clusters.filter((c) => !want.has(c.name));
  // Left-out clusters' folders count as held back: a file there that nothing reads yet (their root, not
  // written by a first synth with --cluster) is not this synth's orphan.
  const leftOut = others.filter((c) => !kept.has(c.name)).map((c) => c.name);
  const check = convergenceCheck(fleet, { ...rendered, files: future, unreachable: [...new Set([...rendered.unreachable.filter((c) => !kept.has(c)), ...leftOut])] });
  // What a left-out (--cluster) cluster's files would find is for the synth that writes them. A kept
  // cluster's files are in this output as they are, and what this synth changes around them (an app
  // removed, a project narrowed) must still hold for them: reported.
  const reported = (name: string) => want.has(name) || kept.has(name);
  const convergence = check.filter((p) => {
    const file = p.path.split(': ')[0];
    const scope = scopeOf(file);
    return scope === undefined ? !others.some((c) => !kept.has(c.name) && file.startsWith(`${clusterManifestFolder(c)}/`)) : reported(scope);
  });
  return { files, carried, notSelected, convergence };
}

/**
 * Rendering names a cluster's outputs file as the default folder has it (`terraform-outputs/<cluster>.json`:
 * rendered results are cached apart from where the outputs were read). With another folder, what
 * synth reports (held-back items, problems) names that folder instead.
 */
export function inOutputsFolder(outputsDir: string, render: () => Rendered): Rendered {
  const folder = outputsDir.replace(/\/+$/, '');
  if (folder === 'terraform-outputs') return render();
  const moved = (text: string) => text.replace(/(^|[\s(`'"])terraform-outputs\/(?=[\w.-]+\.json)/g, `$1${folder}/`);
  let rendered: Rendered;
  try {
    rendered = render();
  } catch (e) {
    if (!(e instanceof FleetError)) throw e;
    const title = /^(.*) has \d+ problems?:/.exec(e.message)?.[1];
    throw new FleetError(e.problems.map((p) => ({ ...p, path: moved(p.path), message: moved(p.message), ...(p.allowed !== undefined ? { allowed: moved(p.allowed) } : {}) })), title);
  }
  return { ...rendered, heldBack: rendered.heldBack.map((h) => ({ ...h, what: moved(h.what), waitingFor: moved(h.waitingFor) })) };
}

export { openCache } from './synth-cache';

/**
 * Validates the fleet, renders every file in memory, checks every document, then (unless `check`)
 * applies the difference to the output folder in one commit, holding the output folder's lock from
 * recovery to the end of the commit. Throws FleetError for bad input, bad output or an output
 * folder synth will not touch, OutputLockedError when another synth holds the lock: in both cases
 * nothing was written. Throws HalfAppliedError when a commit failed and so did its roll-back.
 */
export function synth(fleetDefinition: unknown, options: SynthOptions = {}): SynthResult {
  const outDir = options.outDir ?? 'dist';
  const timings: StageTiming[] = [];
  const time = <T>(stage: string, fn: () => T): T => {
    const start = process.hrtime.bigint();
    try {
      return fn();
    } finally {
      timings.push({ stage, ms: Number(process.hrtime.bigint() - start) / 1e6 });
    }
  };

  const outputsDir = options.outputsDir ?? 'terraform-outputs';
  const cache = openCache(options.cache);
  // Test hooks watch a synth's steps: such a synth takes none of them for granted.
  const key = cache && !options.hooks ? stampKey(fleetDefinition, options) : undefined;
  const early = key && upToDateResult(cache, key);
  if (early) return early;
  // Before any input is read: what the result will be stored under, if the inputs still give it then.
  const inputs = key && inputsFingerprint(key);
  // The schema check's worker loads its validators while synth validates and renders (kindsToWarm).
  warmSchemaCheck(kindsToWarm(cache, fleetDefinition, options));
  const { fleet, addons } = time('validate fleet', () => prepareFleet(fleetDefinition));
  const selected = options.clusters ? selectClusters(fleet, options.clusters) : undefined;
  const { outputs, stacks: stackOutputs, problems } = readTerraformOutputs(outputsDir, fleet);
  if (problems.length > 0) throw new FleetError(problems, 'terraform outputs');
  const rendered = inOutputsFolder(outputsDir, () =>
    renderChecked(fleet, {
      outputs,
      stackOutputs,
      addons,
      time,
      definition: fleetDefinition,
      ...(cache ? { cache } : {}),
      threads: options.threads ?? 'auto',
      ...(selected ? { clusters: selected } : {}),
      ...(options.hooks?.onClusterRendered ? { onClusterRendered: options.hooks.onClusterRendered } : {}),
    }),
  );
  // The checks' garbage goes before the plan and the write add theirs (the command's only: heap-growth.ts).
  collectGarbage();
  const renderAt = timings.findIndex((t) => t.stage === 'render');
  timings[renderAt] = { ...timings[renderAt], detail: [{ stage: 'kubernetes', ms: rendered.timings.kubernetesMs }, { stage: 'terraform', ms: rendered.timings.terraformMs }] };
  // With --cluster, only the selected clusters' outputs are required.
  const strictPending = rendered.pending.filter((name) => !selected || selected.includes(name));
  if (options.strict && strictPending.length > 0) {
    throw new FleetError(
      strictPending.map((name) => ({ path: `clusters[${name}]`, message: 'pending: no Terraform outputs yet', allowed: `${path.join(outputsDir, `${name}.json`)} from \`terraform output -json\`` })),
      '--strict',
    );
  }
  // One synth at a time per output folder, from recovery to the end of the commit (see output-lock.ts).
  options.hooks?.beforeLock?.();
  const lock = time('lock', () => lockOutputFolder(outDir, { mode: options.check ? 'check' : 'write', waitSeconds: options.waitSeconds }));
  // What the stacks allocate against an AWS quota an account has unless it asked for more; the root app's status against etcd's limit.
  const quotaWarnings = [...awsRegionalQuotaWarnings(rendered.files), ...vpnConnectionQuotaWarnings(rendered.files), ...eksNodeGroupQuotaWarnings(fleet), ...eksSecurityGroupRuleWarnings(rendered.files), ...rootAppStatusSizeWarnings(fleet, rendered.files)];
  // Warnings that hold as long as the fleet and the output do: a synth with nothing changed repeats them.
  const standingWarnings: string[] = [...quotaWarnings, ...eksExtendedSupportWarnings(fleet), ...crossCloudMirrorWarnings(fleet), ...meshServiceSidecarWarnings(fleet), ...classicSidecarWarnings(fleet), ...gkeHyperdiskOnlyWarnings(fleet), ...fleetOutputsPlacementWarnings(fleet, outputs, outputsDir), ...(selected ? [] : strayOutputsWarnings(outputsDir, stackOutputs.keys(), rendered.files, rendered.heldBack))];
  const warnings: string[] = [];
  let recovered: 'rolled-back' | 'cleaned' | 'none' = 'none';
  let plan: Plan;
  let upToDate: boolean;
  let notSelected: readonly string[] | undefined;
  let heldBack = rendered.heldBack;
  try {
    const dir = lock.dir;
    if (!options.check) recovered = time('recover', () => recoverInterruptedCommit(dir));
    else if (hasInterruptedCommit(dir)) throw new HalfAppliedError(journalFileFor(outDir), interruptedCommitPaths(dir), 'interrupted');
    const previous = readIndex(dir, outDir);
    const addonNames = addons.map((a) => a.name);
    const allowedChanges = new Set([
      ...(options.allowChanges ?? []),
      ...(options.allowMeshTrustChange ? [MESH_TRUST_CHANGE] : []),
      ...(options.allowObservabilityTenantChange ? ['observability-tenant-change'] : []),
    ]);
    const onDisk = new OutputFolder(dir);
    const readPrevious = (p: string) => (onDisk.inspect(p).kind === 'file' ? onDisk.read(p).toString('utf8') : undefined);
    // The add-ons' own guards (FleetAddon.guard), against the previous output and the files this synth leaves.
    const addonGuards = (leaves: readonly string[]): Problem[] => {
      if (!previous) return [];
      const ctx: AddonGuardContext = {
        definition: fleetDefinition,
        fleet,
        previousFiles: Object.keys(previous.files),
        readPrevious,
        files: leaves,
        pending: rendered.pending,
        addons: addonNames,
        allows: (change) => allowedChanges.has(change),
      };
      // A guard that throws (a previous file it did not expect) is reported like a validate() that throws: nothing is written.
      return addons.flatMap((addon) => {
        try {
          return addon.guard?.(ctx) ?? [];
        } catch (e) {
          return [{ path: `addons[${addon.name}]`, message: `its guard() threw: ${(e as Error).message}` }];
        }
      });
    };
    // The guards that judge this synth against the previous one's output (each in its own file).
    const guard = time('guard', () => {
      // Fleet-wide stacks that go with a removed cluster, named in its refusal; with --cluster none is written, nor pruned.
      const writes = selected ? undefined : new Set(rendered.files.map((f) => f.path));
      const dropped = writes ? droppedStacks(previous, (p) => writes.has(p), addonNames) : [];
      const registrations = guardRegistrations(fleet, outputs, rendered.pending, previous, outputsDir, rendered.heldBack);
      if (registrations.problems.length > 0) throw new FleetError(registrations.problems, 'terraform outputs');
      const switched = [
        ...renamedFleet(fleet, previous),
        ...removedClusters(fleet, previous, options.allowClusterRemoval, dropped),
        ...deployAsChanges(fleet, previous, options.allowDeployAsChange),
        ...deployAsChangesOnKept(fleet, previous, options.allowDeployAsChange, registrations.kept),
        ...managementSwitch(fleet, previous, outputs, outDir),
        ...gitopsPathChange(fleet, previous, readPrevious, options.allowGitopsPathChange ?? false),
        ...gitopsRepoChange(fleet, previous, readPrevious),
        ...gitopsRevisionChange(fleet, previous, readPrevious, allowedChanges.has(GITOPS_REVISION_CHANGE)),
      ];
      const istiods = previousIstiods(previous, readPrevious, cache);
      switched.push(...meshTrustChanges(fleet, addons.some((a) => a.name === 'secrets'), previous, istiods, allowedChanges.has(MESH_TRUST_CHANGE), rendered.pending));
      switched.push(...istioVersionSteps(fleet.clusters.map((c) => c.name), istiods));
      // Every refusal at once: without --cluster or a kept registration this synth leaves exactly the
      // rendered files, so the add-ons' guards (the tenant, the tokens' audience) join the core's here.
      if (switched.length > 0 && !selected && registrations.kept.length === 0) switched.push(...addonGuards(rendered.files.map((f) => f.path)));
      if (switched.length > 0) throw new FleetError(switched);
      standingWarnings.push(...formerRepositoriesLeft(fleet, previous, readPrevious));
      return registrations;
    });
    heldBack = guard.heldBack;
    let files: readonly RenderedFile[] = rendered.files;
    let carried: Record<string, string> = {};
    if (selected || guard.kept.length > 0) {
      const chosen = time('verify convergence', () => selectFiles(fleet, rendered, { ...(selected ? { selected } : {}), kept: guard.kept }, dir, previous));
      if (chosen.convergence.length > 0) {
        const hint = selected && chosen.notSelected.length > 0
          ? ` (--cluster leaves the fleet's shared files as they are; ${chosen.notSelected.length} differ from what a synth of the whole fleet writes: ${chosen.notSelected.slice(0, 5).join(', ')}${chosen.notSelected.length > 5 ? ', …' : ''})`
          : guard.kept.length > 0
            ? ` (the Argo CD objects of ${guard.kept.join(', ')} are kept as the previous synth wrote them until their stacks are applied again with the new trust: apply those first, then make this change)`
            : '';
        throw new FleetError(chosen.convergence.map((p) => ({ ...p, message: `${p.message}${hint}` })), 'GitOps convergence check (Argo CD would not converge)');
      }
      ({ files, carried, notSelected } = chosen);
    }
    // What of an app this synth writes or prunes is known once the files are chosen (--cluster, kept registrations).
    const future = { written: files.map((f) => f.path), carried: Object.keys(carried) };
    const apps = [...removedApps(fleet, previous, future, readPrevious, options.allowAppRemoval, cache), ...appNamespaceChanges(fleet, previous, future, readPrevious, options.allowAppRemoval, cache)];
    apps.push(...addonGuards([...future.written, ...future.carried]));
    if (apps.length > 0) throw new FleetError(apps);
    const moves = applicationMoves(fleet, previous, [...Object.keys(carried), ...files.map((f) => f.path)], options.allowApplicationMove ?? false);
    if (moves.length > 0) throw new FleetError(moves, 'Argo CD');
    const chosenFiles = files;
    const lookedAt = Date.now();
    const stamped = stampedHashes(cache, outDir, dir);
    plan = time('plan', () => planChanges(dir, chosenFiles, previous, carried, stamped));
    const problems = planProblems(plan, outDir);
    if (problems.length > 0) throw new FleetError(problems, 'output folder');
    // Before anything is written: what the changed stacks would make Terraform replace or destroy, and stacks pruned with what they hold.
    const stackChanges = changedStacks(plan);
    const replaced = [
      ...versionSteps(fleet, stackChanges),
      ...refusedRangeChanges(fleet, stackChanges, outDir),
      ...eksControlPlaneZoneRemovals(fleet, outputs, outputsDir, stackChanges),
      ...route53RecordConflicts(stackChanges, outDir),
      ...replacements(fleet, stackChanges, options.allowReplace, outDir),
      ...removedStacks(plan, previous, { addons: addonNames, heldBack, ...(options.allowReplace ? { allowed: options.allowReplace } : {}), shownAs: outDir }),
      ...gkeApiRangeRemovals(fleet, stackChanges, outputs, knownEgressAddresses(outputs, stackOutputs), allowedChanges.has(GKE_API_RANGE_REMOVAL)),
    ];
    if (replaced.length > 0) throw new FleetError(replaced, 'terraform stacks (edits that replace infrastructure, stacks dropped while they hold resources, edits the cloud refuses, or edits that would lock the pipeline out of a cluster\'s API)');
    upToDate = plan.added.length === 0 && plan.changed.length === 0 && plan.stale.length === 0;
    warnings.push(...istioCniRemovalWarnings(fleet, plan.stale));
    if (!options.check && !upToDate) {
      const committed = plan;
      const written = time('write', () => commitPlan(dir, { write: [...committed.added, ...committed.changed], remove: committed.stale }, options.hooks?.commitStep));
      timings[timings.length - 1] = { ...timings[timings.length - 1], detail: [{ stage: 'check', ms: written.checkMs }, { stage: 'stage', ms: written.stageMs }, { stage: 'journal', ms: written.journalMs }, { stage: 'swap', ms: written.swapMs }, { stage: 'clean up', ms: written.cleanupMs }] };
    }
    if (lock.held) {
      const result = upToDate ? { clusters: fleet.clusters.map((c) => c.name), pending: rendered.pending, heldBack, unchanged: plan.unchanged, ...(selected ? { selected, notSelected: notSelected ?? [] } : {}), ...(standingWarnings.length > 0 ? { warnings: standingWarnings } : {}) } : undefined;
      const indexed = [...Object.keys(carried), ...chosenFiles.map((f) => f.path), INDEX_FILE];
      const known = plan.unchangedStats ?? new Map();
      time('stamp', () => recordStamp(cache, key, { dir, indexed, known, lookedAt, stamped, ...(result ? { result } : {}), ...(inputs ? { inputs } : {}) }));
    }
    options.hooks?.onCommitted?.();
  } finally {
    const warning = lock.release();
    if (warning) warnings.push(warning);
  }
  // Once a day, what no synth will read again leaves the cache (after the lock: it concerns no output folder).
  cache?.prune();
  return {
    clusters: fleet.clusters.map((c) => c.name),
    pending: rendered.pending,
    heldBack,
    plan,
    upToDate,
    recovered,
    warnings: [...standingWarnings, ...warnings],
    timings,
    ...(selected ? { selected, notSelected: notSelected ?? [] } : {}),
  };
}
