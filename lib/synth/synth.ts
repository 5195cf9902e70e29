import * as path from 'path';
import { FleetError, resolveFleet } from '../fleet';
import { commitPlan, HalfAppliedError, hasInterruptedCommit, interruptedCommitPaths, journalFileFor, recoverInterruptedCommit } from './commit';
import { readIndex } from './output-index';
import { lockOutputFolder } from './output-lock';
import { Plan, planChanges, planProblems } from './plan';
import { renderFleet } from './render-fleet';
import { validateSchemas } from './schema-validation';
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
  const fleet = time('validate fleet', () => resolveFleet(fleetDefinition));
  const { outputs, problems } = readTerraformOutputs(outputsDir, fleet);
  if (problems.length > 0) throw new FleetError(problems, 'terraform outputs');
  const rendered = time('render', () => renderFleet(fleet, { outputs, ...(options.hooks?.onClusterRendered ? { onClusterRendered: options.hooks.onClusterRendered } : {}) }));
  timings[timings.length - 1] = { ...timings[timings.length - 1], detail: [{ stage: 'kubernetes', ms: rendered.timings.kubernetesMs }, { stage: 'terraform', ms: rendered.timings.terraformMs }] };
  time('validate output', () => validateSchemas(rendered.files.flatMap((f) => (f.objects ?? []).map((object) => ({ file: f.path, object })))));
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
    plan = time('plan', () => planChanges(dir, rendered.files, readIndex(dir, outDir)));
    const problems = planProblems(plan, outDir);
    if (problems.length > 0) throw new FleetError(problems, 'output folder');
    upToDate = plan.added.length === 0 && plan.changed.length === 0 && plan.stale.length === 0;
    if (!options.check && !upToDate) {
      const committed = plan;
      time('write', () => commitPlan(dir, { write: [...committed.added, ...committed.changed], remove: committed.stale }, options.hooks?.commitStep));
    }
    options.hooks?.onCommitted?.();
  } finally {
    const warning = lock.release();
    if (warning) warnings.push(warning);
  }
  return { clusters: fleet.clusters.map((c) => c.name), pending: rendered.pending, plan, upToDate, recovered, warnings, timings };
}
