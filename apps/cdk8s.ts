/*
 * Entry for the cdk8s CLI (`cdk8s synth`, see cdk8s.yaml): the same per-cluster charts `npm run synth`
 * renders, written the cdk8s way to cdk8s.out/<cloud>/<cluster>/. `npm run synth` is the main path
 * (it validates, prunes and swaps atomically); this is for users who drive cdk8s themselves.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { resolveFleet } from '../lib/fleet';
import { ClusterChart } from '../lib/k8s';
import { readTerraformOutputs } from '../lib/synth/terraform-outputs-dir';
import { fleet as definition } from './fleet';

const fleet = resolveFleet(definition);
const { outputs } = readTerraformOutputs('terraform-outputs', fleet);
// The cdk8s CLI passes its output folder in CDK8S_OUTDIR; one App per cluster keeps validation linear.
const base = process.env.CDK8S_OUTDIR ?? 'cdk8s.out';
for (const cluster of fleet.clusters) {
  const app = new App({ outdir: path.join(base, cluster.cloud, cluster.name) });
  new ClusterChart(app, cluster.name, { fleet, cluster, outputs });
  app.synth();
}
