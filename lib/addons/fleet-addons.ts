import { didYouMean, isDns1123Label, Problem, show } from '../fleet';
import { FleetAddon } from './addon';
import { eksPodAddressProblems } from './eks-pod-addresses';
import { platformDependencyProblems } from './platform-dependencies';
import { BUILTIN_ADDONS, ON_BY_DEFAULT } from './registry';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HOOKS = ['validate', 'charts', 'istio', 'bootstrapManifests', 'manifests', 'apiClients', 'privatePaths', 'clusterStack', 'stacks', 'guard', 'diagram', 'fakeOutputs'] as const;

/**
 * The add-ons of a fleet as written: the built-in services configured under `platform` or on by
 * default and not turned off with `false` (in registry order), and the users' own under `addons` (in
 * the order given), plus every problem with how they are listed, every problem each one finds in
 * its own settings, and what the fleet needs of a service it leaves out (platform-dependencies.ts).
 */
export function fleetAddons(fleet: unknown): { addons: FleetAddon[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const addons: FleetAddon[] = [];
  if (!isRecord(fleet)) return { addons, problems };
  const builtins = BUILTIN_ADDONS as Readonly<Record<string, (settings: unknown) => FleetAddon>>;
  const platform = fleet.platform;
  if (platform !== undefined && !isRecord(platform)) {
    problems.push({ path: 'platform', message: 'must be an object of platform service settings', given: show(platform), allowed: `{ ${Object.keys(builtins).join(', ') || 'no built-in services'} }` });
  } else if (platform) {
    // An unknown service (`platform.secrest`) is reported, with a suggestion, by the fleet's unknown-field check (lib/fleet/unknown-fields.ts).
  }
  const configured = isRecord(platform) ? platform : {};
  for (const [key, create] of Object.entries(builtins)) {
    const settings = configured[key];
    const on = settings === undefined ? ON_BY_DEFAULT.has(key as never) : settings !== false;
    if (on) addons.push(create(settings));
  }
  const own = fleet.addons;
  if (own !== undefined && !Array.isArray(own)) {
    problems.push({ path: 'addons', message: 'must be a list of add-ons', given: show(own), allowed: '[{ name, manifests?, charts?, clusterStack?, stacks?, validate? }]' });
  } else if (own) {
    const seen = new Set(addons.map((a) => a.name));
    // A built-in service's name stays its own while it is off: the core and the add-ons tell that a service
    // is on by its name (mesh-trust-guard.ts, stack-removal-guard.ts, global DNS's guard: `ctx.addons`), so an
    // add-on of yours named `secrets` would hide that platform.secrets was turned off. Factories read nothing yet.
    const builtinNames = new Map(Object.entries(builtins).map(([key, create]) => [create(undefined).name, key]));
    // A `for` over indices: a hole in the list (`[a, , b]`) is reported, never skipped.
    for (let i = 0; i < own.length; i++) {
      const addon: unknown = own[i];
      const name = isRecord(addon) && typeof addon.name === 'string' && addon.name ? addon.name : String(i);
      const path = `addons[${name}]`;
      if (!isRecord(addon)) {
        problems.push({ path, message: 'must be an add-on object', given: show(addon), allowed: '{ name, manifests?, charts?, clusterStack?, stacks?, validate? }' });
        continue;
      }
      if (!isDns1123Label(addon.name)) problems.push({ path: `${path}.name`, message: 'must be a DNS-1123 label', given: show(addon.name), allowed: 'lowercase letters, digits and "-"' });
      else if (seen.has(addon.name)) problems.push({ path: `${path}.name`, message: 'another add-on has this name', given: show(addon.name), allowed: `a name other than ${[...seen].join(', ')}` });
      else if (builtinNames.has(addon.name)) problems.push({ path: `${path}.name`, message: `is the name of the built-in service platform.${builtinNames.get(addon.name)}, which is off: synth would take this add-on for it`, given: show(addon.name), allowed: `a name other than ${[...builtinNames.keys()].join(', ')}` });
      seen.add(name);
      const unknown = Object.keys(addon).filter((k) => k !== 'name' && !(HOOKS as readonly string[]).includes(k));
      for (const k of unknown) problems.push({ path: `${path}.${k}`, message: `not an add-on hook${didYouMean(k, HOOKS)}`, given: show(k), allowed: HOOKS.join(', ') });
      for (const hook of HOOKS) {
        if (addon[hook] !== undefined && typeof addon[hook] !== 'function') problems.push({ path: `${path}.${hook}`, message: 'must be a function', given: typeof addon[hook], allowed: 'a function (see FleetAddon)' });
      }
      addons.push(addon as unknown as FleetAddon);
    }
  }
  for (const addon of addons) {
    if (typeof addon.validate !== 'function') continue;
    try {
      problems.push(...addon.validate(fleet));
    } catch (e) {
      problems.push({ path: `addons[${addon.name}]`, message: `its validate() threw: ${(e as Error).message}` });
    }
  }
  problems.push(...platformDependencyProblems(fleet));
  problems.push(...eksPodAddressProblems(fleet));
  return { addons: problems.length > 0 ? [] : addons, problems };
}
