/*
 * Writes terraform-outputs/<stack>.json for the example fleet: what `terraform output -json` of each
 * stack would print once applied, with clearly fake values (AWS account 111122223333, RFC 5737
 * documentation addresses, zero GUIDs). They let the committed dist/ show the fleet as it is once
 * every stack is applied: registrations, every Application, remote secrets, the interconnect and DNS
 * stacks. Your own fleet's outputs come from your pipeline (README, "Applying them from a pipeline"):
 * delete this folder (and dist/) before your first synth.
 *
 *   npm run example:outputs
 */
import * as fs from 'fs';
import * as path from 'path';
import { fleetAddons } from '../lib/addons';
import { FleetError, resolveFleet, stackOutputJson, terraformOutputJson } from '../lib/fleet';
import { completeFleetOutputs } from '../lib/synth/fake-outputs';
import { toStableJson } from '../lib/synth/serialize';
import { fleet as definition } from './fleet';

const { addons, problems } = fleetAddons(definition);
if (problems.length > 0) throw new FleetError(problems);
const fleet = resolveFleet(definition);
const { outputs, stackOutputs } = completeFleetOutputs(fleet, new Map(), new Map(), addons);


const dir = process.argv[2] ?? 'terraform-outputs';
fs.mkdirSync(dir, { recursive: true });
for (const [name, o] of outputs) fs.writeFileSync(path.join(dir, `${name}.json`), toStableJson(terraformOutputJson(o)));
// The add-ons' fleet-wide stacks too (the interconnect's pair stacks list their applied links).
for (const [name, values] of stackOutputs) fs.writeFileSync(path.join(dir, `${name}.json`), toStableJson(stackOutputJson(values)));
process.stdout.write(`wrote ${outputs.size + stackOutputs.size} files to ${dir}/\n`);
