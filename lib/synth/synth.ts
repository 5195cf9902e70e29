import * as path from 'path';
import { FleetError, resolveFleet } from '../fleet';
import { commitPlan, hasInterruptedCommit, recoverInterruptedCommit, stagingDirFor } from './commit';
import { readIndex } from './output-index';
import { Plan, planChanges } from './plan';
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
  /** Test hooks for injecting failures. */
  readonly hooks?: { readonly onClusterRendered?: (cluster: string) => void; readonly commitStep?: (what: string) => void };
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
  /** Milliseconds per stage, in the order they ran (render split by layer in `detail`). */
  readonly timings: readonly StageTiming[];
}

/**
 * Validates the fleet, renders every file in memory, checks every document, then (unless `check`)
 * applies the difference to the output folder in one commit. Throws FleetError for bad input or
 * bad output; the output folder is untouched whenever it throws.
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
  if (!options.check) time('recover', () => recoverInterruptedCommit(outDir));
  else if (hasInterruptedCommit(outDir)) {
    throw new FleetError([{ path: stagingDirFor(outDir), message: 'an interrupted synth left a half-applied commit', allowed: 'run `npm run synth`: it rolls the commit back first' }], 'output folder');
  }
  const plan = time('plan', () => planChanges(outDir, rendered.files, readIndex(outDir)));
  if (plan.foreign.length > 0) {
    throw new FleetError(
      plan.foreign.map((p) => ({ path: path.join(outDir, p), message: 'a file fleetsynth did not generate is in the way; it is never overwritten', allowed: 'move or delete it, then synth again' })),
      'output folder',
    );
  }
  const upToDate = plan.added.length === 0 && plan.changed.length === 0 && plan.stale.length === 0;
  if (!options.check && !upToDate) {
    time('write', () => commitPlan(outDir, { write: [...plan.added, ...plan.changed], remove: plan.stale }, options.hooks?.commitStep));
  }
  return { clusters: fleet.clusters.map((c) => c.name), pending: rendered.pending, plan, upToDate, timings };
}
