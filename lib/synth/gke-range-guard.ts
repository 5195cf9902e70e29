import * as path from 'path';
import { Problem, ResolvedFleet, show, stackName } from '../fleet';
import { GKE_POD_RANGE, GKE_SERVICE_RANGE } from '../infra/gcp-network';
import { REPLACE_FORCING } from './replace-forcing-attributes';
import type { StackChange } from './replacement-guard';

/** The fleet field each of a GKE subnetwork's secondary ranges comes from (lib/infra/gcp-network.ts). */
const RANGE_FIELD: Readonly<Record<string, string>> = { [GKE_POD_RANGE]: 'podCidr', [GKE_SERVICE_RANGE]: 'serviceCidr' };

type Resource = Readonly<Record<string, unknown>>;
type Resources = Readonly<Record<string, Resource>>;

function subnetworks(text: string): Resources {
  try {
    const json = JSON.parse(text) as { resource?: { google_compute_subnetwork?: Resources } };
    return json?.resource?.google_compute_subnetwork ?? {};
  } catch {
    return {};
  }
}

/** The secondary ranges of a subnetwork by name (a set in effect: the provider compares them as one, resourceComputeSubnetworkSecondaryIpRangeSetStyleDiff). */
function rangesOf(subnetwork: Resource): ReadonlyMap<string, unknown> {
  const list = Array.isArray(subnetwork.secondary_ip_range) ? (subnetwork.secondary_ip_range as unknown[]) : [subnetwork.secondary_ip_range];
  return new Map(list.flatMap((r) => (r !== null && typeof r === 'object' && typeof (r as Resource).range_name === 'string' ? [[(r as Resource).range_name as string, (r as Resource).ip_cidr_range]] : [])));
}

/** Whether Terraform replaces the subnetwork anyway (the replacement guard's table): its ranges are then created anew, not updated. */
function replaced(before: Resource, after: Resource): boolean {
  return REPLACE_FORCING.google_compute_subnetwork.attributes.some(
    (a) => JSON.stringify(before[a.attribute]) !== JSON.stringify(after[a.attribute]) && (a.replaces?.(before[a.attribute], after[a.attribute]) ?? true),
  );
}

/**
 * A GKE cluster's Pod or Service range changed under it. The google provider updates a subnetwork's
 * `secondary_ip_range` in place (terraform-provider-google v6.50.0
 * google/services/compute/resource_compute_subnetwork.go: the attribute is not ForceNew, and
 * resourceComputeSubnetworkUpdate PATCHes `secondaryIpRanges`), so the plan looks harmless; Compute
 * Engine refuses the PATCH ("Existing secondary range cannot be modified", hashicorp/terraform-provider-google#2570,
 * hashicorp/terraform-provider-kubernetes#565), and GKE cannot move a cluster's ranges anyway (it adds Pod
 * ranges instead: cloud.google.com/kubernetes-engine/docs/how-to/multi-pod-cidr). So every later apply of
 * the stack fails there. Refused at `clusters[<name>].network.<podCidr|serviceCidr>` whatever
 * `--allow-replace` says: nothing is replaced, and the apply would fail all the same. Not when the
 * subnetwork is replaced anyway (a node range moved, refused on its own by the replacement guard):
 * the new one is created with the new ranges.
 * @param shownAs how the output folder is named in paths @default 'dist'
 */
export function gkeSecondaryRangeChanges(fleet: ResolvedFleet, changes: readonly StackChange[], shownAs = 'dist'): Problem[] {
  const problems: Problem[] = [];
  for (const change of changes) {
    const cluster = fleet.clusters.find((c) => c.cloud === 'gcp' && stackName(c) === change.stack);
    if (!cluster) continue;
    const was = subnetworks(change.before);
    for (const [name, now] of Object.entries(subnetworks(change.after))) {
      const old = was[name];
      if (!old || replaced(old, now)) continue;
      const before = rangesOf(old);
      for (const [range, cidr] of rangesOf(now)) {
        const field = RANGE_FIELD[range];
        if (field === undefined || !before.has(range) || before.get(range) === cidr) continue;
        problems.push({
          path: `clusters[${cluster.name}].network.${field}`,
          message: `GKE cannot change a cluster's ${field === 'podCidr' ? 'Pod' : 'Service'} range: terraform would update the secondary range "${range}" of subnetwork ${String(now.name)} in place (${show(before.get(range))} → ${show(cidr)}), and Compute Engine refuses to modify an existing secondary range, so every apply of stack ${change.stack} would fail there; --allow-replace does not change that`,
          given: show(cidr),
          allowed: `${show(before.get(range))} as before; for other ranges, create a cluster with them beside this one, move the workloads over, and decommission this one (README, "Decommissioning a cluster"); if stack ${change.stack} was never applied, remove ${path.join(shownAs, 'terraform', 'stacks', change.stack, 'cdk.tf.json')} and synth again`,
        });
      }
    }
  }
  return problems;
}
