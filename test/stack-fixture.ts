import * as os from 'os';
import { fleet as example } from './full-fleet';
import { fleetAddons } from '../lib/addons/fleet-addons';
import { ClusterOutputs, FleetError, resolveFleet, ResolvedFleet } from '../lib/fleet';
import { App } from '../lib/infra/cdktf';
import { renderClusterStack } from '../lib/synth/render-fleet';

/** Synthesized Terraform JSON of one example-fleet cluster's stack, as synth writes it. */
export function synthExampleStack(name: string, outputs: ReadonlyMap<string, ClusterOutputs> = new Map(), fleet: ResolvedFleet = resolveFleet(example)): any {
  const cluster = fleet.clusters.find((c) => c.name === name)!;
  return renderClusterStack(new App({ stackTraces: false, outdir: os.tmpdir() }), fleet, cluster, outputs);
}

/**
 * Synthesized Terraform JSON of one cluster's stack of a (test) fleet as written, with the add-ons
 * synth would run for it (the built-ins on by default included), and whatever it held back.
 */
export function synthFleetStack(definition: unknown, name: string, outputs: ReadonlyMap<string, ClusterOutputs> = new Map()): any {
  const { addons, problems } = fleetAddons(definition);
  if (problems.length > 0) throw new FleetError(problems);
  const fleet = resolveFleet(definition);
  const cluster = fleet.clusters.find((c) => c.name === name)!;
  return renderClusterStack(new App({ stackTraces: false, outdir: os.tmpdir() }), fleet, cluster, outputs, addons);
}

/** Bodies of every resource of a Terraform type, in logical-id order. */
export function resourcesOf(tf: any, type: string): any[] {
  return Object.keys(tf.resource?.[type] ?? {}).sort().map((id) => tf.resource[type][id]);
}
