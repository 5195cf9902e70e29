import * as os from 'os';
import { ClusterOutputs, resolveFleet, ResolvedCluster, ResolvedFleet } from '../lib/fleet';
import { fleet as example } from '../apps/fleet';
import { App, invokeAspects } from '../lib/infra/cdktf';
import { fleetClusterStack } from '../lib/infra/cluster-stack';

/** Synthesized Terraform JSON of one example-fleet cluster's stack, as synth writes it. */
export function synthExampleStack(name: string, outputs: ReadonlyMap<string, ClusterOutputs> = new Map(), fleet: ResolvedFleet = resolveFleet(example)): any {
  const cluster = fleet.clusters.find((c: ResolvedCluster) => c.name === name)!;
  const stack = fleetClusterStack(new App({ stackTraces: false, outdir: os.tmpdir() }), fleet, cluster, outputs);
  invokeAspects(stack);
  stack.runAllValidations();
  return stack.toTerraform();
}

/** Bodies of every resource of a Terraform type, in logical-id order. */
export function resourcesOf(tf: any, type: string): any[] {
  return Object.keys(tf.resource?.[type] ?? {}).sort().map((id) => tf.resource[type][id]);
}
