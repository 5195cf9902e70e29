import * as path from 'path';
import { fleetAddons } from '../addons/fleet-addons';
import { fleetProblems, FleetError, HeldBack, resolveFleet } from '../fleet';
import { commitPlan, HalfAppliedError, hasInterruptedCommit, interruptedCommitPaths, journalFileFor, recoverInterruptedCommit } from './commit';
import { readIndex } from './output-index';
import { lockOutputFolder } from './output-lock';
import { Plan, planChanges, planProblems } from './plan';
import { renderFleet } from './render-fleet';
import { RenderCache } from './render-cache';
import { rememberedKinds, schemaProblems, warmSchemaCheck } from './schema-validation';
import { defaultCacheDir, SynthCache } from './synth-cache';
import { convergenceCheck } from './convergence-check';
import { completeFleetOutputs } from './fake-outputs';
import { lostRegistrations } from './registration-guard';
import { readTerraformOutputs } from './terraform-outputs-dir';

export interface SynthOptions {
  /** Output folder. @default 'dist' */
  readonly outDir?: string;
  /** Folder of `<cluster>.json` Terraform outputs. @default 'terraform-outputs' */
  readonly outputsDir?: string;
  /** Compare only; write nothing. @default false */
  readonly check?: boolean;
  /** Pending clusters (no Terraform outputs yet) are an error. @default false */
  readonly strict?: boolean;
  /** Seconds to wait while another synth holds the output folder's lock; 0 fails at once. @default DEFAULT_LOCK_WAIT_SECONDS (10) */
  readonly waitSeconds?: number;
  /**
   * Folder of the cache (rendered clusters, objects that passed the schema check, fleets that passed
   * the convergence check); `false`: none. Never changes the output (see synth-cache.ts).
   * @default defaultCacheDir(): `FLEETSYNTH_CACHE_DIR`, else node_modules/.cache/fleetsynth, else ~/.cache/fleetsynth; none when `FLEETSYNTH_CACHE=off`
   */
  readonly cache?: string | false;
  /** Threads to render in: a number, or 'auto' (one per core when enough clusters are to be rendered; see render-threads.ts). @default 'auto' */
  readonly threads?: number | 'auto';
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
}

/** The cache synth uses, if any (see SynthOptions.cache). */
export function openCache(option: string | false | undefined, env: NodeJS.ProcessEnv = process.env): SynthCache | undefined {
  if (option === false || (option === undefined && env.FLEETSYNTH_CACHE === 'off')) return undefined;
  return new SynthCache(option ?? defaultCacheDir(process.cwd(), env));
}

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
  // The schema check's worker loads its validators while synth validates and renders.
  warmSchemaCheck(rememberedKinds(cache));
  const { fleet, addons } = time('validate fleet', () => {
    // The core's problems and the add-ons' (how they are listed, and each one's own settings), all at once.
    const found = fleetAddons(fleetDefinition);
    const problems = [...fleetProblems(fleetDefinition), ...found.problems];
    if (problems.length > 0) throw new FleetError(problems);
    return { fleet: resolveFleet(fleetDefinition), addons: found.addons };
  });
  const { outputs, stacks: stackOutputs, problems } = readTerraformOutputs(outputsDir, fleet);
  if (problems.length > 0) throw new FleetError(problems, 'terraform outputs');
  const renderCache = cache && new RenderCache(cache);
  const rendered = time('render', () => renderFleet(fleet, { outputs, stackOutputs, addons, definition: fleetDefinition, cache: renderCache, threads: options.threads ?? 'auto', ...(options.hooks?.onClusterRendered ? { onClusterRendered: options.hooks.onClusterRendered } : {}) }));
  timings[timings.length - 1] = { ...timings[timings.length - 1], detail: [{ stage: 'kubernetes', ms: rendered.timings.kubernetesMs }, { stage: 'terraform', ms: rendered.timings.terraformMs }] };
  time('validate output', () => {
    const problems = schemaProblems(rendered.files.flatMap((f) => (f.objects ?? []).map((object) => ({ file: f.path, object }))), { cache });
    // Name the add-on an object came from, so a user knows whose code to fix.
    const addonOf = new Map(rendered.files.flatMap((f) => (f.addon ? [[f.path, f.addon] as const] : [])));
    const named = problems.map((p) => {
      const addon = addonOf.get(p.path.split(': ')[0]);
      return addon ? { ...p, message: `${p.message} (add-on ${addon})` } : p;
    });
    if (named.length > 0) throw new FleetError(named, 'generated Kubernetes objects (upstream schemas)');
  });
  time('verify convergence', () => {
    // Twice: the fleet as it is (pending clusters held back) and as it will be once every cluster has its outputs.
    const now = convergenceCheck(fleet, rendered, { cache });
    const complete = rendered.unreachable.length === 0 ? [] : convergenceCheck(fleet, renderFleet(fleet, { ...completeFleetOutputs(fleet, outputs, stackOutputs, addons), addons, kubernetesOnly: true, definition: fleetDefinition, cache: renderCache, threads: options.threads ?? 'auto' }), { cache });
    const problems = [...now, ...complete.map((p) => ({ ...p, message: `${p.message} (once every cluster has its Terraform outputs)` }))];
    if (problems.length > 0) throw new FleetError(problems, 'GitOps convergence check (Argo CD would not converge)');
  });
  if (options.strict && rendered.pending.length > 0) {
    throw new FleetError(
      rendered.pending.map((name) => ({ path: `clusters[${name}]`, message: 'pending: no Terraform outputs yet', allowed: `${path.join(outputsDir, `${name}.json`)} from \`terraform output -json\`` })),
      '--strict',
    );
  }
  // One synth at a time per output folder, from recovery to the end of the commit (see output-lock.ts).
  options.hooks?.beforeLock?.();
  const lock = time('lock', () => lockOutputFolder(outDir, { mode: options.check ? 'check' : 'write', waitSeconds: options.waitSeconds }));
  const warnings: string[] = [];
  let recovered: 'rolled-back' | 'cleaned' | 'none' = 'none';
  let plan: Plan;
  let upToDate: boolean;
  try {
    const dir = lock.dir;
    if (!options.check) recovered = time('recover', () => recoverInterruptedCommit(dir));
    else if (hasInterruptedCommit(dir)) throw new HalfAppliedError(journalFileFor(outDir), interruptedCommitPaths(dir), 'interrupted');
    const previous = readIndex(dir, outDir);
    const lost = lostRegistrations(fleet, rendered.pending, previous, outputsDir, rendered.heldBack);
    if (lost.length > 0) throw new FleetError(lost, 'terraform outputs');
    plan = time('plan', () => planChanges(dir, rendered.files, previous));
    const problems = planProblems(plan, outDir);
    if (problems.length > 0) throw new FleetError(problems, 'output folder');
    upToDate = plan.added.length === 0 && plan.changed.length === 0 && plan.stale.length === 0;
    if (!options.check && !upToDate) {
      const committed = plan;
      const written = time('write', () => commitPlan(dir, { write: [...committed.added, ...committed.changed], remove: committed.stale }, options.hooks?.commitStep));
      timings[timings.length - 1] = { ...timings[timings.length - 1], detail: [{ stage: 'stage', ms: written.stageMs }, { stage: 'journal', ms: written.journalMs }, { stage: 'swap', ms: written.swapMs }, { stage: 'clean up', ms: written.cleanupMs }] };
    }
    options.hooks?.onCommitted?.();
  } finally {
    const warning = lock.release();
    if (warning) warnings.push(warning);
  }
  return { clusters: fleet.clusters.map((c) => c.name), pending: rendered.pending, heldBack: rendered.heldBack, plan, upToDate, recovered, warnings, timings };
}
