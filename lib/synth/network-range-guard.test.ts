import { resolveFleet } from '../fleet';
import { clusterOf, fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { fakeOutputsWithAddons } from '../../test/fleets';
import { synthFleetStack } from '../../test/stack-fixture';
import { refusedRangeChanges } from './network-range-guard';
import { replacements } from './replacement-guard';

// The full test fleet (test/full-fleet.ts): gcp-prod on GKE with nodeCidr 10.20.0.0/20, podCidr 10.24.0.0/14, serviceCidr 172.22.0.0/20;
// azure-prod on AKS with nodeCidr 10.30.0.0/16 and, in the interconnect, gatewaySubnetCidr 10.31.255.0/27.
const OUTPUTS = fakeOutputsWithAddons(fullFleet());
const stackOf = (f: LooseFleet, cluster: string) => JSON.stringify(synthFleetStack(f, cluster, OUTPUTS));
const BEFORE = new Map(['gcp-prod', 'azure-prod'].map((c) => [c, stackOf(fullFleet(), c)]));

/** The edited fleet and the changes of the stacks of `clusters` against the full fleet's. */
function edited(edit: (f: LooseFleet) => void, clusters: readonly string[] = ['gcp-prod']) {
  const f = fullFleet();
  edit(f);
  return { fleet: resolveFleet(f), changes: clusters.map((stack) => ({ stack, before: BEFORE.get(stack)!, after: stackOf(f, stack) })) };
}

describe('refusedRangeChanges: GKE secondary ranges', () => {
  test('fails when a GKE cluster\'s podCidr changes, at the field, with the values, why --allow-replace does not help, and the way out', () => {
    const { fleet, changes } = edited((f) => { clusterOf(f, 'gcp-prod').network.podCidr = '10.40.0.0/14'; });
    expect(refusedRangeChanges(fleet, changes)).toEqual([{
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
    expect(refusedRangeChanges(fleet, changes).map((p) => [p.path, p.given])).toEqual([
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
    expect(refusedRangeChanges(grown.fleet, [
      ...grown.changes,
      { stack: 'gcp-prod', before: BEFORE.get('gcp-prod')!, after: JSON.stringify(reordered) },
    ])).toEqual([]);
  });

  test('nothing when the subnetwork is replaced anyway (a node range moved): the replacement guard refuses that, and the new one has the new ranges', () => {
    const { fleet, changes } = edited((f) => {
      clusterOf(f, 'gcp-prod').network.nodeCidr = '10.21.0.0/20';
      clusterOf(f, 'gcp-prod').network.podCidr = '10.40.0.0/14';
    });
    expect(refusedRangeChanges(fleet, changes)).toEqual([]);
    expect(replacements(fleet, changes).map((p) => p.path)).toContain('clusters[gcp-prod].network.nodeCidr');
  });
});

describe('refusedRangeChanges: AKS subnets in use', () => {
  const azure = (edit: (f: LooseFleet) => void) => edited(edit, ['azure-prod']);

  test('fails when an AKS cluster\'s nodeCidr changes, at the field, with the values, why --allow-replace does not help, and the way out', () => {
    const { fleet, changes } = azure((f) => { clusterOf(f, 'azure-prod').network.nodeCidr = '10.40.0.0/16'; });
    expect(refusedRangeChanges(fleet, changes)).toEqual([{
      path: 'clusters[azure-prod].network.nodeCidr',
      message: 'AKS cannot change a cluster\'s node range: terraform would update the range of subnet azure-prod-net-nodes in place ("10.30.0.0/16" → "10.40.0.0/16"), and the VNet\'s address space with it, and Azure refuses to change a subnet\'s range, even to a larger one containing the old, while anything is deployed in it (the cluster\'s nodes are), so every apply of stack azure-prod would fail there; --allow-replace does not change that',
      given: '"10.40.0.0/16"',
      allowed: '"10.30.0.0/16" as before; for another node range, create a cluster with it beside this one, move the workloads over, and decommission this one (README, "Decommissioning a cluster"); if stack azure-prod was never applied, remove dist/terraform/stacks/azure-prod/cdk.tf.json and synth again',
    }]);
    // The replacement guard sees nothing to replace (address_prefixes and address_space update in place): without this guard the edit would be written.
    expect(replacements(fleet, changes)).toEqual([]);
  });

  test('fails when the GatewaySubnet\'s range changes under the VPN gateway, at the interconnect field, with what Azure requires first', () => {
    const { fleet, changes } = azure((f) => { f.platform.interconnect.clusters['azure-prod'].gatewaySubnetCidr = '10.31.254.0/27'; });
    expect(refusedRangeChanges(fleet, changes)).toEqual([{
      path: 'platform.interconnect.clusters[azure-prod].gatewaySubnetCidr',
      message: 'Azure cannot change the GatewaySubnet\'s range under a VPN gateway: terraform would update the range of subnet GatewaySubnet in place ("10.31.255.0/27" → "10.31.254.0/27"), and the VNet\'s address space with it, and Azure refuses to change a subnet\'s range, even to a larger one containing the old, while anything is deployed in it (the gateway\'s instances are), so every apply of stack azure-prod would fail there; --allow-replace does not change that',
      given: '"10.31.254.0/27"',
      allowed: '"10.31.255.0/27" as before; for another range Azure needs the subnet empty first: take azure-prod out of platform.interconnect.clusters as README "Turning them off" describes (its links go down and its VPN gateway, GatewaySubnet and VNet range are destroyed), apply, then add it back with the new gatewaySubnetCidr (a new gateway, with new addresses); if stack azure-prod was never applied, remove dist/terraform/stacks/azure-prod/cdk.tf.json and synth again',
    }]);
    expect(replacements(fleet, changes)).toEqual([]);
  });

  test('fails when either range grows around the old one, too: the subnet\'s one prefix is still replaced under what it holds', () => {
    const small = fullFleet();
    clusterOf(small, 'azure-prod').network.nodeCidr = '10.30.0.0/17';
    const nodes = { ...azure(() => undefined).changes[0], before: stackOf(small, 'azure-prod') };
    const { fleet, changes } = azure((f) => { f.platform.interconnect.clusters['azure-prod'].gatewaySubnetCidr = '10.31.255.0/26'; });
    expect(refusedRangeChanges(fleet, [nodes, ...changes]).map((p) => [p.path, p.message.slice(p.message.indexOf('('), p.message.indexOf(')') + 1)])).toEqual([
      ['clusters[azure-prod].network.nodeCidr', '("10.30.0.0/17" → "10.30.0.0/16")'],
      ['platform.interconnect.clusters[azure-prod].gatewaySubnetCidr', '("10.31.255.0/27" → "10.31.255.0/26")'],
    ]);
  });

  test('nothing when the stack is the same, the GatewaySubnet is new (the cluster joins the interconnect), or nothing was deployed in the subnet', () => {
    const same = azure(() => undefined);
    const joins = azure((f) => { f.platform.interconnect.clusters['azure-prod'].gatewaySubnetCidr = '10.31.254.0/27'; });
    const alone = fullFleet();
    delete alone.platform.interconnect.clusters['azure-prod'];
    const withoutGateway = JSON.parse(BEFORE.get('azure-prod')!);
    delete withoutGateway.resource.azurerm_virtual_network_gateway;
    expect(refusedRangeChanges(same.fleet, same.changes)).toEqual([]);
    expect(refusedRangeChanges(joins.fleet, [{ ...joins.changes[0], before: stackOf(alone, 'azure-prod') }])).toEqual([]);
    expect(refusedRangeChanges(joins.fleet, [{ ...joins.changes[0], before: JSON.stringify(withoutGateway) }])).toEqual([]);
  });

  test('nothing when the cluster is replaced by the same edit (a new serviceCidr): Terraform destroys it before it updates its subnet, and the replacement guard judges that, --allow-replace letting it through', () => {
    const { fleet, changes } = azure((f) => {
      clusterOf(f, 'azure-prod').network.nodeCidr = '10.40.0.0/16';
      clusterOf(f, 'azure-prod').network.serviceCidr = '172.25.0.0/20';
    });
    expect(refusedRangeChanges(fleet, changes)).toEqual([]);
    expect(replacements(fleet, changes).map((p) => p.path)).toContain('clusters[azure-prod].network.serviceCidr');
    expect(replacements(fleet, changes, ['azure-prod'])).toEqual([]);
    // The gateway is not replaced by it: its subnet's range is still refused.
    const both = azure((f) => {
      clusterOf(f, 'azure-prod').network.serviceCidr = '172.25.0.0/20';
      f.platform.interconnect.clusters['azure-prod'].gatewaySubnetCidr = '10.31.254.0/27';
    });
    expect(refusedRangeChanges(both.fleet, both.changes).map((p) => p.path)).toEqual(['platform.interconnect.clusters[azure-prod].gatewaySubnetCidr']);
  });

  test('nothing when the subnet is replaced anyway (a ForceNew attribute of it changes): the replacement guard refuses that', () => {
    const { fleet, changes } = azure((f) => { clusterOf(f, 'azure-prod').network.nodeCidr = '10.40.0.0/16'; });
    const renamed = JSON.parse(changes[0].before);
    for (const subnet of Object.values(renamed.resource.azurerm_subnet) as any[]) subnet.name = `${subnet.name}-old`;
    const replacing = [{ ...changes[0], before: JSON.stringify(renamed) }];
    expect(refusedRangeChanges(fleet, replacing)).toEqual([]);
    expect(replacements(fleet, replacing).map((p) => p.message)).toContainEqual(expect.stringContaining('replaces the subnet'));
  });
});
