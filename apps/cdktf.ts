/*
 * Entry for the cdktf CLI (`cdktf synth`, see cdktf.json): the same stacks `npm run synth` renders
 * (every cluster's and the add-ons' fleet-wide ones), in cdktf's own layout under cdktf.out/.
 * `npm run synth` is the main path.
 */
import { fleetAddons } from '../lib/addons';
import { FleetError, resolveFleet } from '../lib/fleet';
import { App, withoutUtilIsArrayDeprecation } from '../lib/infra/cdktf';
import { addFleetStacks } from '../lib/synth/render-fleet';
import { readTerraformOutputs } from '../lib/synth/terraform-outputs-dir';
import { fleet as definition } from './fleet';

const { addons, problems } = fleetAddons(definition);
if (problems.length > 0) throw new FleetError(problems);
const fleet = resolveFleet(definition);
const { outputs, stacks } = readTerraformOutputs('terraform-outputs', fleet);
const app = new App({ stackTraces: false });
addFleetStacks(app, fleet, { outputs, stackOutputs: stacks, addons });
withoutUtilIsArrayDeprecation(() => app.synth());
