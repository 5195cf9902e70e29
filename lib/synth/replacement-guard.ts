import * as path from 'path';
import { Problem, ResolvedCluster, ResolvedFleet, show, stackName } from '../fleet';
import { emittedStateLocation } from '../infra/backend';
import { stackOfFile } from './stack-path';
import type { Plan } from './plan';
import { FieldContext, FieldOf, ForcingAttribute, REPLACE_FORCING, ReplacedType, StackResources } from './replace-forcing-attributes';

/** A stack that the previous synth wrote and this one writes differently: its `cdk.tf.json` before and now. */
export interface StackChange {
  readonly stack: string;
  readonly before: string;
  readonly after: string;
}

const README = 'README, "Edits that replace infrastructure"';

/**
 * The stacks a plan changes, with what the output folder holds now (the previous synth's bytes, or
 * the user's edit of them). A stack that is new or removed as a whole is not here: adding a cluster
 * creates, decommissioning one is the README's procedure.
 */
export function changedStacks(plan: Pick<Plan, 'changed' | 'previous'>): StackChange[] {
  return plan.changed.flatMap((f) => {
    const stack = stackOfFile(f.path);
    const before = plan.previous.get(f.path);
    return stack !== undefined && before !== undefined ? [{ stack, before: before.toString('utf8'), after: f.content }] : [];
  });
}

interface StackJson {
  readonly terraform?: { readonly backend?: unknown };
  readonly provider?: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  readonly resource?: StackResources;
}

/**
 * Provider settings that say where a stack's resources are, and the fleet field they come from.
 * Terraform looks for every resource of the state there: moved, it finds none, drops them from the
 * state and creates them all again, and the old ones keep running with no state.
 */
const PROVIDER_PLACE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws: { region: 'region', allowed_account_ids: 'accountId' },
  google: { project: 'project', region: 'region' },
  azurerm: { subscription_id: 'subscriptionId' },
  // A fleet-wide field (not a cluster's): the vault stack's resources are read in the provider's
  // namespace (terraform-provider-vault: every Read in it), so another namespace finds none of them.
  // Not the address: the same Vault can have a new address.
  vault: { namespace: 'platform.secrets.vault.namespace' },
};

/**
 * What a provider that moves does, where it is not that terraform finds none of the stack's resources.
 * azurerm reads, updates and deletes a resource by the full id in the state, subscription included, but
 * creates one in the provider's subscription by its resource group's name (terraform-provider-azurerm
 * v4.55.0 internal/services/resource/resource_group_resource.go l.71 create, l.144 read;
 * network/public_ip_resource.go l.191-197, local_network_gateway_resource.go l.110-114,
 * virtual_network_gateway_connection_resource.go l.360-366; a node pool goes by its cluster's id).
 */
const MOVE_CONSEQUENCE: Readonly<Record<string, string>> = {
  azurerm:
    "the stack's resources stay in the old subscription (azurerm finds each by the id in the state), but every resource it creates from then on by its resource group's name (an ingress or VPN address, a local network gateway or connection of the interconnect, anything replaced) goes to the new one, where that group does not exist, and fails",
};
const MOVED = "terraform finds none of the stack's resources there, creates them all again, and the old ones keep running with no state";

/**
 * Provider settings left out to mean the pipeline's environment variable (azurerm's `subscription_id`:
 * ARM_SUBSCRIPTION_ID, terraform-provider-azurerm v4.55.0 internal/provider/provider.go l.143-147). Set
 * or dropped, the place changes unless the value is the variable's, which cannot be told offline: a
 * move, which `--allow-replace` lets through when it is the same subscription.
 */
const ENVIRONMENT_DEFAULT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  azurerm: { subscription_id: 'ARM_SUBSCRIPTION_ID' },
};

/**
 * Resource types for which a provider setting is no place: IAM is global (terraform-provider-aws
 * internal/service/iam/service_package_gen.go: every `aws_iam_*` type is `ResourceRegionDisabled`,
 * identified by a global ARN or name). A stack holding no other resources of the provider does not
 * move with its region: an `argocd-oidc-<account>` stack, whose region is its account's first EKS
 * cluster's (lib/fleet/argocd-access.ts), which a cluster added before it or removed changes.
 */
const PLACELESS: Readonly<Record<string, { readonly setting: string; readonly types: RegExp }>> = {
  aws: { setting: 'region', types: /^aws_iam_/ },
};

/** Whether every resource of the provider `type` in the stack is one that `setting` does not place. */
function placeless(json: StackJson, type: string, setting: string): boolean {
  const rule = PLACELESS[type];
  if (rule?.setting !== setting) return false;
  return Object.keys(json.resource ?? {}).filter((t) => t.startsWith(`${type}_`)).every((t) => rule.types.test(t));
}

/**
 * The cluster whose fleet `field` gives a provider setting its new `value`: the provider's own cluster
 * when its field does, else the first of the stack's clusters (its own, its providers' aliases) whose field does. An interconnect pair stack gives every
 * AWS alias the account of its first AWS member that names one (lib/addons/interconnect/index.ts
 * `awsAccountId`: one set of credentials acts on them all), so a member without `accountId` moves
 * when another member's changes, and that is the field to name. Undefined when no cluster's does.
 */
function fieldSource(clusters: readonly ResolvedCluster[], owner: ResolvedCluster | undefined, field: string, value: unknown): ResolvedCluster | undefined {
  const gives = (c: ResolvedCluster) => {
    const own = (c as unknown as Record<string, unknown>)[field];
    return own !== undefined && (Array.isArray(value) ? value.includes(own) : canonical(value) === canonical(own));
  };
  if (owner && (gives(owner) || value === undefined)) return owner;
  return clusters.find(gives) ?? owner;
}

/**
 * The way out of a refusal that holds only for infrastructure that exists: a stack written but never
 * applied has nothing to update, so putting its previous JSON aside lets the edit through.
 */
export const neverApplied = (stack: string, shownAs: string) => `if stack ${stack} was never applied, remove ${path.join(shownAs, 'terraform', 'stacks', stack, 'cdk.tf.json')} and synth again`;

/** A stack's JSON as written, or undefined when it is not a JSON object (a hand-edited or damaged file). */
export function parseStack(text: string): StackJson | undefined {
  try {
    const json = JSON.parse(text) as unknown;
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as StackJson) : undefined;
  } catch {
    return undefined;
  }
}

/** Keys sorted, so that two values compare by content; a set's items sorted too. */
function canonical(value: unknown, set = false): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).filter((k) => k !== '//').sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  const sorted = sort(value);
  return JSON.stringify(set && Array.isArray(sorted) ? sorted.map((x) => JSON.stringify(x)).sort() : sorted) ?? 'undefined';
}

/**
 * A whole-value reference to another resource's attribute of the same stack (`${vault_mount.m.path}`)
 * as the literal that attribute has there, when it is one: an attribute that updates in place (a
 * Vault mount's path is remounted: terraform-provider-vault vault/resource_mount.go, path not
 * ForceNew) still replaces what refers to it through a ForceNew attribute (the PKI root's
 * `backend`), while the reference's text stays the same. Anything else is compared as written.
 */
function resolved(value: unknown, resources: StackResources): unknown {
  const ref = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/.exec(value) : null;
  if (!ref) return value;
  const target = resources[ref[1]]?.[ref[2]]?.[ref[3]];
  return typeof target === 'string' && !target.includes('${') ? target : value;
}

/** The value at a dotted path; cdktf writes a one-item block as an object, Terraform's JSON allows a list of one. */
function valueAt(resource: Readonly<Record<string, unknown>>, dotted: string): unknown {
  let at: unknown = resource;
  for (const key of dotted.split('.')) {
    if (Array.isArray(at) && at.length === 1) at = at[0];
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Whether another resource of the stack refers to `type.name`: an attribute of it (`${type.name.id}`), or the whole (`depends_on`). */
function usedIn(resources: StackResources, type: string, name: string): boolean {
  const reference = new RegExp(`(^|[^A-Za-z0-9_])${type}\\.${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}($|[^A-Za-z0-9_-])`);
  return Object.entries(resources).some(([t, byName]) => Object.entries(byName).some(([n, r]) => !(t === type && n === name) && reference.test(JSON.stringify(r))));
}

/** Whether the resource's `lifecycle.ignore_changes` covers the attribute: Terraform then plans no change for it. */
function ignored(resource: Readonly<Record<string, unknown>>, dotted: string): boolean {
  const list = valueAt(resource, 'lifecycle.ignore_changes');
  if (list === 'all') return true;
  if (!Array.isArray(list)) return false;
  const plain = (p: string) => p.replace(/\[\d+\]/g, '');
  return list.some((p) => typeof p === 'string' && (plain(p) === dotted || dotted.startsWith(`${plain(p)}.`)));
}

function fieldPath(field: FieldOf | undefined, ctx: FieldContext, pool: string | undefined): string | undefined {
  const template = typeof field === 'function' ? field(ctx) : field;
  if (template === undefined) return undefined;
  if (template.includes('{cluster}') && ctx.cluster === undefined) return undefined;
  if (template.includes('{pool}') && pool === undefined) return undefined;
  return template.replace(/\{cluster\}/g, ctx.cluster ?? '').replace(/\{pool\}/g, pool ?? '');
}

const poolOf = (type: ReplacedType, resource: Readonly<Record<string, unknown>>): string | undefined => {
  const name = type.poolName === undefined ? undefined : typeof type.poolName === 'function' ? type.poolName(resource) : valueAt(resource, type.poolName);
  return typeof name === 'string' ? name : undefined;
};

/** A value's change for a message: both values, or for long lists only the items that go and come. */
function describeChange(before: unknown, after: unknown): string {
  const both = `${show(before)} → ${show(after)}`;
  if (both.length <= 160 || !Array.isArray(before) || !Array.isArray(after)) return both;
  const text = (list: readonly unknown[]) => new Set(list.map((x) => show(x)));
  const was = text(before);
  const now = text(after);
  const gone = [...was].filter((x) => !now.has(x));
  const come = [...now].filter((x) => !was.has(x));
  return [gone.length > 0 ? `without ${gone.join(', ')}` : '', come.length > 0 ? `with ${come.join(', ')}` : ''].filter(Boolean).join(', ') || both;
}

/** Whether a backend edit moves the stack's state; one that keeps it (a lock table, a region) is no move. An unknown block: any change. */
function stateMoves(before: unknown, after: unknown): boolean {
  const [was, now] = [emittedStateLocation(before), emittedStateLocation(after)];
  return was !== undefined && now !== undefined ? was !== now : canonical(before) !== canonical(after);
}

/** Which settings of two backend blocks differ, for a message: `key "a" → "b"`, or the types. */
function describeBackendChange(before: unknown, after: unknown): string {
  const one = (b: unknown): [string, Record<string, unknown>] | undefined => {
    const entries = b !== null && typeof b === 'object' ? Object.entries(b as Record<string, unknown>) : [];
    return entries.length === 1 ? [entries[0][0], (entries[0][1] ?? {}) as Record<string, unknown>] : undefined;
  };
  const [was, now] = [one(before), one(after)];
  if (!was || !now || was[0] !== now[0]) return `${was?.[0] ?? show(before)} → ${now?.[0] ?? show(after)}`;
  const keys = [...new Set([...Object.keys(was[1]), ...Object.keys(now[1])])].sort();
  return `${was[0]}: ${keys.filter((k) => canonical(was[1][k]) !== canonical(now[1][k])).map((k) => `${k} ${show(was[1][k])} → ${show(now[1][k])}`).join(', ')}`;
}

interface Changed {
  readonly attribute: ForcingAttribute;
  readonly before: unknown;
  readonly after: unknown;
}

/** The attributes of a resource whose change makes its provider replace it (the table's), as they change. */
function forcedChanges(type: ReplacedType, old: Readonly<Record<string, unknown>>, current: Readonly<Record<string, unknown>>, previousStack: StackResources, stack: StackResources): Changed[] {
  return type.attributes
    .filter((a) => !ignored(current, a.attribute))
    .map((a) => ({ attribute: a, before: resolved(valueAt(old, a.attribute), previousStack), after: resolved(valueAt(current, a.attribute), stack) }))
    .filter((c) => canonical(c.before, c.attribute.set) !== canonical(c.after, c.attribute.set) && (c.attribute.replaces?.(c.before, c.after) ?? true));
}

/**
 * Whether a stack change makes every resource of `typeName` (a type of the table) that the previous
 * stack had a new one: replaced (an attribute of the table changes), no longer generated, or its
 * provider's place moved (its region or account; not a setting given on one side only). The
 * replacement guard judges that, and `--allow-replace` lets it through.
 */
export function renewsAll(change: StackChange, typeName: string): boolean {
  const before = parseStack(change.before);
  const after = parseStack(change.after);
  const type = REPLACE_FORCING[typeName];
  const was = Object.entries(before?.resource?.[typeName] ?? {});
  if (!before || !after || !type || was.length === 0) return false;
  const place = PROVIDER_PLACE[type.provider] ?? {};
  const provider = (json: StackJson) => (json.provider?.[type.provider] ?? []).find((c) => c.alias === undefined) ?? {};
  const [from, to] = [provider(before), provider(after)];
  if (Object.keys(place).some((s) => from[s] !== undefined && to[s] !== undefined && canonical(from[s]) !== canonical(to[s]))) return true;
  const now = after.resource?.[typeName] ?? {};
  return was.every(([name, old]) => now[name] === undefined || forcedChanges(type, old, now[name], before.resource ?? {}, after.resource ?? {}).length > 0);
}

/**
 * Edits that make Terraform replace (destroy, then create) or destroy infrastructure that runs
 * something: clusters, node groups and pools, networks and subnets, VPN gateways and connections,
 * the mesh root CA (the table in replace-forcing-attributes.ts), and a changed state backend. For
 * every stack the previous synth wrote and this one writes again, it compares each resource of a
 * listed type that both have, attribute by attribute as written (a whole-value reference to a literal
 * attribute of the same stack is compared as that literal, `resolved`; any other reference `${…}` as
 * its text: what it refers to being replaced is found at that resource); one that is gone is
 * destroyed (of a type whose `removal` is 'whileUsed', only while the stack uses it). The README's
 * pipeline applies every plan without reading it, so each is an error,
 * at the fleet field it comes from where one is known, unless its stack is in `allowed`
 * (`--allow-replace <stack>`, after the procedure its `allowed` names).
 * @param shownAs how the output folder is named in paths @default 'dist'
 */
export function replacements(fleet: ResolvedFleet, changes: readonly StackChange[], allowed: readonly string[] = [], shownAs = 'dist'): Problem[] {
  const problems: Problem[] = [];
  for (const change of changes) {
    if (allowed.includes(change.stack)) continue;
    const before = parseStack(change.before);
    const after = parseStack(change.after);
    if (!before || !after) continue;
    const file = path.join(shownAs, 'terraform', 'stacks', change.stack, 'cdk.tf.json');
    const cluster = fleet.clusters.find((c) => stackName(c) === change.stack);
    const allowReplace = `--allow-replace ${change.stack}`;

    if (stateMoves(before.terraform?.backend, after.terraform?.backend)) {
      const own = cluster !== undefined && canonical(cluster.stateBackend) !== canonical(fleet.stateBackend);
      problems.push({
        path: cluster === undefined ? 'stateBackend' : own ? `clusters[${cluster.name}].stateBackend` : 'stateBackend',
        message: `the state backend of stack ${change.stack} changes (${describeBackendChange(before.terraform?.backend, after.terraform?.backend)}): the pipeline's terraform init (a fresh TF_DATA_DIR) starts on the new backend with an empty state, orphans the old one and creates every resource of the stack again`,
        allowed: `the backend as before; or move the state first (terraform init with the old backend, then, once terraform state list on the new one lists no resource (on s3: "No state file was found!"), terraform init -migrate-state -force-copy with the new one, which would overwrite a state there; ${README}) and synth with ${allowReplace}; a stack never applied has no state to move: ${allowReplace} alone`,
      });
    }

    for (const [type, settings] of Object.entries(PROVIDER_PLACE)) {
      const configs = (json: StackJson) => new Map((json.provider?.[type] ?? []).map((c) => [typeof c.alias === 'string' ? c.alias : '', c]));
      const now = configs(after);
      for (const [alias, was] of configs(before)) {
        const config = now.get(alias);
        if (!config) continue;
        // An aliased provider of a fleet-wide stack is named after the cluster whose resources it manages.
        const owner = alias === '' ? cluster : fleet.clusters.find((c) => c.name === alias);
        const stackClusters = fleet.clusters.filter((c) => c === cluster || now.has(c.name));
        for (const [setting, field] of Object.entries(settings)) {
          const fleetWide = field.startsWith('platform.');
          const environment = ENVIRONMENT_DEFAULT[type]?.[setting];
          // Set on one side only is no move (an account check added or dropped), except a fleet-wide one
          // (a Vault namespace set or dropped moves from or to the root namespace) and one that stands for
          // the pipeline's environment (a subscription given or dropped may be another).
          const missing = was[setting] === undefined || config[setting] === undefined;
          if ((missing && !fleetWide && environment === undefined) || canonical(was[setting]) === canonical(config[setting]) || placeless(before, type, setting)) continue;
          const source = fleetWide ? undefined : fieldSource(stackClusters, owner, field, config[setting]);
          const path = fleetWide ? field : source ? `clusters[${source.name}].${field}` : `${file}: provider.${type}${alias ? `[${alias}]` : ''}.${setting}`;
          const elsewhere = `create a cluster there beside the old one, move the workloads over, and decommission the old one (README, "Decommissioning a cluster")`;
          if (missing && environment !== undefined) {
            const given = config[setting] ?? was[setting];
            problems.push({
              path,
              message: `the ${type} provider of stack ${change.stack} ${config[setting] === undefined ? `drops ${setting} ${show(was[setting])} for the pipeline's ${environment}` : `gets ${setting} ${show(config[setting])}, where it had the pipeline's ${environment}`}: unless that is ${show(given)}, it moves, and ${MOVE_CONSEQUENCE[type] ?? MOVED}`,
              allowed: `${config[setting] === undefined ? show(was[setting]) : `${field} left out`} as before; when the pipeline's ${environment} is ${show(given)} (the stack was applied there), nothing moves: synth with ${allowReplace} (${README}); else ${elsewhere}`,
            });
            continue;
          }
          const move = {
            path,
            message: `the ${type} provider of stack ${change.stack} moves (${setting} ${describeChange(was[setting] ?? 'none', config[setting] ?? 'none')}): ${MOVE_CONSEQUENCE[type] ?? MOVED}`,
            allowed: fleetWide
              ? `${show(was[setting] ?? 'none')} as before; to go ahead after all (everything the stack holds made anew there, the mesh's root CA included: a new mesh), or when nothing moves (the pipeline already set VAULT_NAMESPACE to it), synth with ${allowReplace} (${README})`
              : `${show(was[setting])} as before; or ${elsewhere}; to go ahead after all, synth with ${allowReplace} (${README})`,
          };
          // A pair stack's aliases moved by one member's accountId: one problem, at that field.
          if (!problems.some((p) => p.path === move.path && p.message === move.message)) problems.push(move);
        }
      }
    }

    const previousStack = before.resource ?? {};
    const stack = after.resource ?? {};
    for (const [typeName, type] of Object.entries(REPLACE_FORCING)) {
      const was = previousStack[typeName] ?? {};
      const now = stack[typeName] ?? {};
      for (const name of Object.keys(was).sort()) {
        const old = was[name];
        const address = `${typeName}.${name}`;
        const fallback = `${file}: ${address}`;
        const ctx: FieldContext = { ...(cluster ? { cluster: cluster.name } : {}), before: old, ...(now[name] ? { after: now[name] } : {}), previousStack, stack };
        const allowedText = (keep: string) => `${keep}; or ${type.instead}, synth with ${allowReplace} (${README})`;
        const current = now[name];
        if (current === undefined && (type.removal ?? 'always') === 'whileUsed' && !usedIn(previousStack, typeName, name)) continue;
        if (current === undefined) {
          problems.push({
            path: fieldPath(type.removedField, ctx, poolOf(type, old)) ?? fallback,
            message: `${type.what} ${address} of stack ${change.stack} is no longer generated: terraform destroys it: ${type.destroyed}`,
            allowed: `keep it in the fleet; or ${type.beforeRemoval ?? 'once what runs on it has moved elsewhere'}, synth with ${allowReplace} (${README})`,
          });
          continue;
        }
        const changed = forcedChanges(type, old, current, previousStack, stack);
        // One problem per fleet field: a machine type that changes an EKS group's instance_types and ami_type is one edit.
        const byPath = new Map<string, Changed[]>();
        for (const c of changed) {
          const at = fieldPath(c.attribute.field, ctx, poolOf(type, old)) ?? fallback;
          byPath.set(at, [...(byPath.get(at) ?? []), c]);
        }
        for (const [at, list] of byPath) {
          const what = list.map((c) => `${c.attribute.attribute} (${describeChange(c.before, c.after)})`).join(', ');
          const owns = list.map((c) => (typeof c.attribute.ownChange === 'function' ? c.attribute.ownChange(ctx) : c.attribute.ownChange));
          const own = owns.every((o) => o !== undefined) ? owns[0] : undefined;
          problems.push({
            path: at,
            message: `${type.provider} replaces ${type.what} ${address} of stack ${change.stack} when ${what} ${list.length === 1 ? 'changes' : 'change'}: ${type.consequence}${own ? ` (${own.note})` : ''}`,
            allowed: own ? own.allowed.replace('<stack>', change.stack) : allowedText(list.length === 1 ? `${show(list[0].before)} as before` : 'the values as before'),
          });
        }
      }
    }
  }
  return problems;
}
