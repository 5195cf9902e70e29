/*
 * Entry for the cdk8s CLI (`cdk8s synth`, see cdk8s.yaml): the same per-cluster objects `npm run synth`
 * renders (core and add-ons), one multi-document file per cluster, cdk8s-style, under
 * cdk8s.out/<cloud>/<cluster>/. `npm run synth` is the main path (it validates, checks convergence,
 * prunes and swaps atomically, with one object per file); this is for users who drive cdk8s themselves.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fleetAddons } from '../lib/addons';
import { FleetError, resolveFleet } from '../lib/fleet';
import { renderClusterObjects } from '../lib/synth/render-fleet';
import { toYaml } from '../lib/synth/serialize';
import { readTerraformOutputs } from '../lib/synth/terraform-outputs-dir';
import { fleet as definition } from './fleet';

const { addons, problems } = fleetAddons(definition);
if (problems.length > 0) throw new FleetError(problems);
const fleet = resolveFleet(definition);
const { outputs, stacks } = readTerraformOutputs('terraform-outputs', fleet);
// The cdk8s CLI passes its output folder in CDK8S_OUTDIR.
const base = process.env.CDK8S_OUTDIR ?? 'cdk8s.out';
for (const cluster of fleet.clusters) {
  const dir = path.join(base, cluster.cloud, cluster.name);
  fs.mkdirSync(dir, { recursive: true });
  const docs = renderClusterObjects(fleet, cluster, outputs, addons, stacks).map((o) => toYaml(o.object));
  fs.writeFileSync(path.join(dir, `${cluster.name}.k8s.yaml`), docs.join('---\n'));
}
