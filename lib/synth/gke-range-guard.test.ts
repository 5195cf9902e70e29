import { resolveFleet } from '../fleet';
import { clusterOf, fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { fakeOutputsWithAddons } from '../../test/fleets';
import { synthFleetStack } from '../../test/stack-fixture';
import { gkeSecondaryRangeChanges } from './gke-range-guard';
import { replacements } from './replacement-guard';

// The full test fleet (test/full-fleet.ts): gcp-prod on GKE with nodeCidr 10.20.0.0/20, podCidr 10.24.0.0/14, serviceCidr 172.22.0.0/20.
const OUTPUTS = fakeOutputsWithAddons(fullFleet());
const stackOf = (f: LooseFleet, cluster: string) => JSON.stringify(synthFleetStack(f, cluster, OUTPUTS));
const BEFORE = new Map(['gcp-prod', 'azure-prod'].map((c) => [c, stackOf(fullFleet(), c)]));

/** The edited fleet and the changes of the stacks of `clusters` against the full fleet's. */
function edited(edit: (f: LooseFleet) => void, clusters: readonly string[] = ['gcp-prod']) {
  const f = fullFleet();
  edit(f);
  return { fleet: resolveFleet(f), changes: clusters.map((stack) => ({ stack, before: BEFORE.get(stack)!, after: stackOf(f, stack) })) };
}

describe('gkeSecondaryRangeChanges', () => {
  test('fails when a GKE cluster\'s podCidr changes, at the field, with the values, why --allow-replace does not help, and the way out', () => {
    const { fleet, changes } = edited((f) => { clusterOf(f, 'gcp-prod').network.podCidr = '10.40.0.0/14'; });
    expect(gkeSecondaryRangeChanges(fleet, changes)).toEqual([{
      path: 'clusters[gcp-prod].network.podCidr',
      message: 'GKE cannot change a cluster\'s Pod range: terraform would update the secondary range "pods" of subnetwork gcp-prod-net-nodes in place ("10.24.0.0/14" → "10.40.0.0/14"), and Compute Engine refuses to modify an existing secondary range, so every apply of stack gcp-prod would fail there; --allow-replace does not change that',
      given: '"10.40.0.0/14"',
      allowed: '"10.24.0.0/14" as before; for other ranges, create a cluster with them beside this one, move the workloads over, and decommission this one (README, "Decommissioning a cluster"); if stack gcp-prod was never applied, remove dist/terraform/stacks/gcp-prod/cdk.tf.json and synth again',
    }]);
    // The replacement guard sees nothing to replace: without this guard the edit would be written.
    expect(replacements(fleet, changes)).toEqual([]);
  });

  test('fails when the serviceCidr grows, too: a secondary range is not expanded in place as the primary one is', () => {
    const { fleet, changes } = edited((f) => {
      clusterOf(f, 'gcp-prod').network.serviceCidr = '172.22.0.0/19';
      clusterOf(f, 'gcp-prod').network.podCidr = '10.40.0.0/14';
    });
    expect(gkeSecondaryRangeChanges(fleet, changes).map((p) => [p.path, p.given])).toEqual([
      ['clusters[gcp-prod].network.podCidr', '"10.40.0.0/14"'],
      ['clusters[gcp-prod].network.serviceCidr', '"172.22.0.0/19"'],
    ]);
  });

  test('nothing when the stack is the same, the ranges are only reordered, the node range grows, or the cluster is not on GKE', () => {
    const reordered = JSON.parse(BEFORE.get('gcp-prod')!);
    for (const subnetwork of Object.values(reordered.resource.google_compute_subnetwork) as any[]) subnetwork.secondary_ip_range.reverse();
    const grown = edited((f) => {
      clusterOf(f, 'gcp-prod').network.nodeCidr = '10.20.0.0/19';
      clusterOf(f, 'azure-prod').network.podCidr = '10.40.0.0/14';
    }, ['gcp-prod', 'azure-prod']);
    expect(gkeSecondaryRangeChanges(grown.fleet, [
      ...grown.changes,
      { stack: 'gcp-prod', before: BEFORE.get('gcp-prod')!, after: JSON.stringify(reordered) },
    ])).toEqual([]);
  });

  test('nothing when the subnetwork is replaced anyway (a node range moved): the replacement guard refuses that, and the new one has the new ranges', () => {
    const { fleet, changes } = edited((f) => {
      clusterOf(f, 'gcp-prod').network.nodeCidr = '10.21.0.0/20';
      clusterOf(f, 'gcp-prod').network.podCidr = '10.40.0.0/14';
    });
    expect(gkeSecondaryRangeChanges(fleet, changes)).toEqual([]);
    expect(replacements(fleet, changes).map((p) => p.path)).toContain('clusters[gcp-prod].network.nodeCidr');
  });
});
