/*
 * Entry for the cdktf CLI (`cdktf synth`, see cdktf.json): the same stacks `npm run synth` renders,
 * in cdktf's own layout under cdktf.out/. `npm run synth` is the main path.
 */
import { resolveFleet, stackName } from '../lib/fleet';
import { App } from '../lib/infra/cdktf';
import { ClusterStack } from '../lib/infra';
import { fleet as definition } from './fleet';

const fleet = resolveFleet(definition);
const app = new App({ stackTraces: false });
for (const cluster of fleet.clusters) new ClusterStack(app, stackName(cluster), { cluster, fleetName: fleet.name });
app.synth();
