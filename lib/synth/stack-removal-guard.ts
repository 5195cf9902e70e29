import * as path from 'path';
import { HeldBack, Problem } from '../fleet';
import { stackFilePath, stackOfFile } from './stack-path';
import { OutputIndex } from './output-index';
import type { Plan } from './plan';
import { previousClusters } from './removal-guard';
import { REPLACE_FORCING } from './replace-forcing-attributes';

const README = 'README, "Edits that replace infrastructure"';

/**
 * The fleet-wide stacks whose `cdk.tf.json` the previous synth wrote (its index) and this one does
 * not keep (`kept`: written again, or left as it is): not a cluster's own (removal-guard.ts has its
 * rule), nor `vault` once the secrets add-on is off (mesh-trust-guard.ts has its rule, and its
 * procedure destroys the stack after the synth, from a copy).
 */
export function droppedStacks(previous: OutputIndex | undefined, kept: (stackFile: string) => boolean, addons: readonly string[]): string[] {
  if (!previous) return [];
  const clusters = previousClusters(previous);
  return Object.keys(previous.files)
    .filter((p) => !kept(p))
    .map((p) => stackOfFile(p))
    .filter((s): s is string => s !== undefined && !clusters.has(s) && !(s === 'vault' && !addons.includes('secrets')))
    .sort();
}

/** Where a fleet-wide stack comes from, by its name (lib/addons/<service>/, lib/fleet/argocd-access.ts): the field to name, and what it is now. */
interface Origin {
  readonly path: string;
  readonly given: string;
  readonly keep: string;
  /** The README section that turns it off. */
  readonly procedure: string;
  /** What its resources do once nothing here can destroy them. */
  readonly left: string;
}

const TURNING_OFF = 'README, "Turning them off"';
const KEEP_RUNNING = 'they keep running, and billing';
const article = (cloud: string) => (/^[aeiou]/.test(cloud) ? `an ${cloud}` : `a ${cloud}`);

function originOf(stack: string, addons: readonly string[], heldBy: readonly HeldBack[]): Origin {
  const pair = /^interconnect-(aws|azure|gcp)-(aws|azure|gcp)$/.exec(stack);
  if (pair) {
    // A gateway that connections or tunnels use is not deleted (AWS, Azure and GCP alike); azurerm 4 keeps a
    // resource group that holds resources outside the state (features.resource_group.prevent_deletion_if_contains_resources).
    const left = `${KEEP_RUNNING}, and destroying the clusters' stacks fails on them (a VPN gateway that connections or tunnels still use, an Azure resource group still holding them)`;
    return addons.includes('interconnect')
      ? { path: 'platform.interconnect.clusters', given: `no link between ${article(pair[1])} and ${article(pair[2])} cluster`, keep: 'the members as before', procedure: TURNING_OFF, left }
      : { path: 'platform.interconnect', given: 'nothing', keep: 'platform.interconnect as before', procedure: TURNING_OFF, left };
  }
  if (stack === 'global-dns') {
    const left = 'its health checks keep running, and billing, and its records keep answering with the clusters\' ingress addresses, even once those are released';
    return addons.includes('global-dns')
      ? { path: 'platform.globalDns.endpoints', given: 'no endpoint ready', keep: 'the endpoints as before', procedure: TURNING_OFF, left }
      : { path: 'platform.globalDns', given: 'nothing', keep: 'platform.globalDns as before', procedure: TURNING_OFF, left };
  }
  if (stack === 'vault') return { path: 'platform.secrets', given: 'no vault stack', keep: 'platform.secrets as before', procedure: 'README, Secrets, "Turning platform.secrets off"', left: KEEP_RUNNING };
  const account = /^argocd-oidc-(\d+)$/.exec(stack)?.[1];
  if (account !== undefined) {
    return {
      path: 'clusters',
      given: `no EKS workload cluster in AWS account ${account} that reaches Argo CD through it`,
      keep: `an EKS workload cluster of account ${account} as before`,
      procedure: 'README, "Decommissioning a cluster"',
      // IAM allows one OIDC provider per URL in an account (lib/fleet/names.ts argocdOidcProviderStackName).
      left: 'the account keeps the OIDC provider for the management cluster\'s issuer, and a stack that creates it again there later fails on it',
    };
  }
  // A user's add-on: the one holding it back, when one does; else the fleet's add-ons, none of which writes it now.
  const addon = heldBy.map((h) => /^addons\[([^\]]+)\]$/.exec(h.subject)?.[1]).find((a) => a !== undefined);
  return addon !== undefined
    ? { path: `addons[${addon}]`, given: `add-on ${addon} without it`, keep: 'the add-on as before', procedure: README, left: KEEP_RUNNING }
    : { path: 'addons', given: `no add-on that writes stack ${stack}`, keep: 'the add-on that wrote it, as before', procedure: README, left: KEEP_RUNNING };
}

/** What a stack's `cdk.tf.json` holds: `4 × aws_vpn_connection (VPN connection), …`, by type; modules too. */
function holdings(text: string | undefined): { count: number; list: string } {
  let json: { resource?: Record<string, Record<string, unknown>>; module?: Record<string, unknown> } = {};
  try {
    json = JSON.parse(text ?? '{}') ?? {};
  } catch {
    // An unreadable stack: still refused, its contents unknown.
    return { count: -1, list: '' };
  }
  const parts = Object.keys(json.resource ?? {}).sort().map((type) => {
    const n = Object.keys(json.resource![type] ?? {}).length;
    const what = REPLACE_FORCING[type]?.what.replace(/^the /, '');
    return { n, text: `${n} × ${type}${what ? ` (${what})` : ''}` };
  });
  const modules = Object.keys(json.module ?? {}).length;
  if (modules > 0) parts.push({ n: modules, text: `${modules} × module` });
  return { count: parts.reduce((sum, p) => sum + p.n, 0), list: parts.filter((p) => p.n > 0).map((p) => p.text).join(', ') };
}

/** Whether a held-back item is about this stack (`… of stack <s>`, `(stack <s>)`, subject `stack <s>`). */
export const holdsBackStack = (h: HeldBack, stack: string) => [h.subject, h.what].some((t) => new RegExp(`(^|[^a-z0-9-])stack ${stack}($|[^a-z0-9-])`).test(t));

export interface RemovedStackOptions {
  /** Names of the fleet's add-ons (built-in and the user's). */
  readonly addons: readonly string[];
  /** What this synth holds back: a stack left out for a missing output says so. @default none */
  readonly heldBack?: readonly HeldBack[];
  /** Stacks that may go (`--allow-replace <stack>`), once destroyed. @default none */
  readonly allowed?: readonly string[];
  /** How the output folder is named in paths. @default 'dist' */
  readonly shownAs?: string;
}

/**
 * Fleet-wide stacks (interconnect-<pair>, global-dns, argocd-oidc-<account>, add-ons') the previous
 * synth wrote that this one prunes: it no longer generates them, and their `cdk.tf.json` is stale.
 * The pipeline applies only folders with a `cdk.tf.json`, so what such a stack created would keep
 * running with nothing left here to destroy it, and can make a cluster stack's destroy fail later
 * (an Azure VPN gateway with connections, a resource group holding resources outside its state).
 * An error, at the fleet field the stack comes from, unless `allowed` (after its destroy). With
 * `--cluster` nothing fleet-wide is pruned (carried, not stale), so nothing is refused.
 */
export function removedStacks(plan: Pick<Plan, 'stale' | 'previous'>, previous: OutputIndex | undefined, options: RemovedStackOptions): Problem[] {
  const { addons, heldBack = [], allowed = [], shownAs = 'dist' } = options;
  const stale = new Set(plan.stale);
  return droppedStacks(previous, (p) => !stale.has(p), addons)
    .filter((stack) => !allowed.includes(stack))
    .flatMap((stack) => {
      const held = heldBack.filter((h) => holdsBackStack(h, stack));
      const { count, list } = holdings(plan.previous.get(stackFilePath(stack))?.toString('utf8'));
      // Nothing to destroy: the stack may go as it is.
      if (count === 0) return [];
      const origin = originOf(stack, addons, held);
      const folder = path.join(shownAs, 'terraform', 'stacks', stack);
      const waits = [...new Set(held.map((h) => h.waitingFor))];
      const why = held.length > 0 ? `is held back (${held.map((h) => h.what).join('; ')})` : 'is no longer generated';
      const holds = count > 0 ? `${count} resource${count === 1 ? '' : 's'}: ${list}` : 'resources (its cdk.tf.json does not parse)';
      return [{
        path: origin.path,
        message: `stack ${stack}, which the previous synth wrote, ${why}: synth would prune ${path.join(folder, 'cdk.tf.json')} while the stack still holds ${holds}; the pipeline skips a stack folder without cdk.tf.json, so nothing here could destroy them: ${origin.left}`,
        given: held.length > 0 ? `waiting for ${waits.join('; ')}` : origin.given,
        allowed: `${held.length > 0 ? `${waits.join('; ')}, and the stack is written again` : origin.keep}; or destroy the stack first, while its folder is there (terraform -chdir=${folder} destroy, with the pipeline's backend and credentials; ${origin.procedure}), then synth with --allow-replace ${stack}`,
      }];
    });
}
