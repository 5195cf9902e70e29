import { Construct } from 'constructs';
import { VpnConnection } from '../../infra/providers/aws';
import { LocalNetworkGateway, VirtualNetworkGatewayConnection } from '../../infra/providers/azurerm';
import { AwsVpnConnections } from './aws-vpn-connections';
import { AZURE_IPSEC_POLICY } from './ipsec-suite';
import { AwsLinkEnd, AzureLinkEnd, withProvider } from './link-ends';
import { azureTunnelName } from './names';
import { oneAfterAnother } from './one-after-another';
import { TunnelSecret } from './tunnel-secret';
import type { TunnelPlan } from './tunnel-plan';

export interface AwsAzureLinkProps {
  readonly aws: AwsLinkEnd;
  readonly azure: AzureLinkEnd;
  /** Four tunnels: tunnel k is tunnel (k % 2) + 1 of AWS VPN connection ⌊k / 2⌋, on Azure instance ⌊k / 2⌋. */
  readonly tunnels: readonly TunnelPlan[];
}

/**
 * Both ends of a link between an AWS VPC (virtual private gateway) and an Azure VNet
 * (active-active VPN gateway), as Microsoft lays it out
 * (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp): a customer gateway per Azure
 * instance, a VPN connection (two tunnels) per customer gateway, and on Azure a local network
 * gateway and a connection per AWS tunnel, with the tunnel's APIPA address as the custom BGP
 * address. Azure does not open BGP sessions from APIPA addresses, so AWS starts the tunnels and
 * Azure only responds.
 */
export class AwsAzureLink extends Construct {
  readonly connections: readonly VpnConnection[];
  readonly azureConnections: readonly VirtualNetworkGatewayConnection[];

  constructor(scope: Construct, id: string, props: AwsAzureLinkProps) {
    super(scope, id);
    const { aws, azure, tunnels } = props;
    if (tunnels.length !== 4) throw new Error(`aws-azure link ${aws.cluster}-${azure.cluster}: 4 tunnels, given ${tunnels.length}`);
    const secrets = tunnels.map((t) => new TunnelSecret(this, `psk-${t.index}`).value);
    const azurePlace = { resourceGroupName: azure.resourceGroupName, location: azure.location, ...withProvider(azure.provider) };

    // AWS initiates; the Azure connections are responder-only (Microsoft's AWS tutorial, steps 12-13).
    this.connections = new AwsVpnConnections(this, 'aws', { aws, peer: azure, peerIps: azure.instanceIps, tunnels, keys: secrets, initiate: true }).connections;

    // The Azure end pins the suite for both directions; the AWS tunnels keep AWS's defaults (ipsec-suite.ts).
    this.azureConnections = oneAfterAnother(tunnels.length, (k, after) => {
      const t = tunnels[k];
      const connection = this.connections[Math.floor(k / 2)];
      const name = azureTunnelName(azure.cluster, aws.cluster, k);
      const local = new LocalNetworkGateway(this, `local-gateway-${k}`, {
        ...azurePlace,
        name,
        gatewayAddress: k % 2 === 0 ? connection.tunnel1Address : connection.tunnel2Address,
        bgpSettings: { asn: aws.asn, bgpPeeringAddress: t.address.aws! },
      });
      // Only the address of the instance this tunnel reaches is used (primary: instance 0, secondary: instance 1); the other must be one of that instance's APIPA addresses.
      const sibling = (instance: number) => tunnels[2 * instance + (k % 2)].address.azure!;
      return new VirtualNetworkGatewayConnection(this, `connection-${k}-azure`, {
        ...azurePlace,
        ...after,
        name,
        type: 'IPsec',
        virtualNetworkGatewayId: azure.vpnGatewayId,
        localNetworkGatewayId: local.id,
        sharedKey: secrets[k],
        enableBgp: true,
        connectionProtocol: 'IKEv2',
        connectionMode: 'ResponderOnly',
        customBgpAddresses: { primary: sibling(0), secondary: sibling(1) },
        ipsecPolicy: { ...AZURE_IPSEC_POLICY },
      });
    });
  }
}
