import * as path from 'path';
import { fleetAddons } from '../addons/fleet-addons';
import { fleetProblems, FleetError, HeldBack, resolveFleet } from '../fleet';
import { commitPlan, hasInterruptedCommit, recoverInterruptedCommit, stagingDirFor } from './commit';
import { readIndex } from './output-index';
import { Plan, planChanges } from './plan';
import { renderFleet } from './render-fleet';
import { schemaProblems } from './schema-validation';
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
  /** What was left out because a value it needs does not exist yet, and what it waits for. */
  readonly heldBack: readonly HeldBack[];
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
  const { fleet, addons } = time('validate fleet', () => {
    // The core's problems and the add-ons' (how they are listed, and each one's own settings), all at once.
    const found = fleetAddons(fleetDefinition);
    const problems = [...fleetProblems(fleetDefinition), ...found.problems];
    if (problems.length > 0) throw new FleetError(problems);
    return { fleet: resolveFleet(fleetDefinition), addons: found.addons };
  });
  const { outputs, stacks: stackOutputs, problems } = readTerraformOutputs(outputsDir, fleet);
  if (problems.length > 0) throw new FleetError(problems, 'terraform outputs');
  const rendered = time('render', () => renderFleet(fleet, { outputs, stackOutputs, addons, ...(options.hooks?.onClusterRendered ? { onClusterRendered: options.hooks.onClusterRendered } : {}) }));
  timings[timings.length - 1] = { ...timings[timings.length - 1], detail: [{ stage: 'kubernetes', ms: rendered.timings.kubernetesMs }, { stage: 'terraform', ms: rendered.timings.terraformMs }] };
  time('validate output', () => {
    const problems = schemaProblems(rendered.files.flatMap((f) => (f.objects ?? []).map((object) => ({ file: f.path, object }))));
    // Name the add-on an object came from, so a user knows whose code to fix.
    const addonOf = new Map(rendered.files.flatMap((f) => (f.addon ? [[f.path, f.addon] as const] : [])));
    const named = problems.map((p) => {
      const addon = addonOf.get(p.path.split(': ')[0]);
      return addon ? { ...p, message: `${p.message} (add-on ${addon})` } : p;
    });
    if (named.length > 0) throw new FleetError(named, 'generated Kubernetes objects (upstream schemas)');
  });
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
  const previous = readIndex(outDir);
  const lost = lostRegistrations(fleet, rendered.pending, previous, outputsDir, rendered.heldBack);
  if (lost.length > 0) throw new FleetError(lost, 'terraform outputs');
  const plan = time('plan', () => planChanges(outDir, rendered.files, previous));
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
  return { clusters: fleet.clusters.map((c) => c.name), pending: rendered.pending, heldBack: rendered.heldBack, plan, upToDate, timings };
}
