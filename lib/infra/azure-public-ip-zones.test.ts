import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';
import { azurePublicIpZones } from './azure-public-ip-zones';

describe('zones of an Azure public IP', () => {
  test('more than one zone: every zone of the region, as Azure makes such an IP zone-redundant and reads them all back', () => {
    expect(azurePublicIpZones('eastus', ['1', '2'])).toEqual(['1', '2', '3']);
    expect(azurePublicIpZones('eastus', ['2', '3'])).toEqual(['1', '2', '3']);
    expect(azurePublicIpZones('eastus', ['1', '2', '3'])).toEqual(['1', '2', '3']);
  });

  test('one zone stays zonal; none stays none', () => {
    expect(azurePublicIpZones('eastus', ['2'])).toEqual(['2']);
    expect(azurePublicIpZones('eastus', [])).toEqual([]);
  });

  test('an AKS cluster on two zones gets zone-redundant public IPs (egress, VPN gateway), so azurerm does not replace them on every plan', () => {
    const f = fullFleet();
    clusterOf(f, 'azure-prod').zones = ['1', '2'];
    const tf = synthFleetStack(f, 'azure-prod');
    const egress = resourcesOf(tf, 'azurerm_public_ip').find((ip) => ip.name === 'azure-prod-egress');
    expect(egress.zones).toEqual(['1', '2', '3']);
    // So do the interconnect's VPN gateway's two (its ingress address under global DNS: global-dns.test.ts).
    expect(resourcesOf(tf, 'azurerm_public_ip').map((ip) => [ip.name, ip.zones])).toEqual(expect.arrayContaining([
      ['azure-prod-vpn-0', ['1', '2', '3']], ['azure-prod-vpn-1', ['1', '2', '3']],
    ]));
    // The cluster's node pools stay on the zones the fleet names.
    expect(resourcesOf(tf, 'azurerm_kubernetes_cluster')[0].default_node_pool.zones).toEqual(['1', '2']);
  });
});
