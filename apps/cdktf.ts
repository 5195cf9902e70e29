/*
 * Entry for the cdktf CLI (`cdktf synth`, see cdktf.json): the same stacks `npm run synth` renders,
 * in cdktf's own layout under cdktf.out/. `npm run synth` is the main path.
 */
import { resolveFleet } from '../lib/fleet';
import { fleetClusterStack } from '../lib/infra';
import { App } from '../lib/infra/cdktf';
import { readTerraformOutputs } from '../lib/synth/terraform-outputs-dir';
import { fleet as definition } from './fleet';

const fleet = resolveFleet(definition);
const { outputs } = readTerraformOutputs('terraform-outputs', fleet);
const app = new App({ stackTraces: false });
for (const cluster of fleet.clusters) fleetClusterStack(app, fleet, cluster, outputs);
app.synth();
