import { Construct } from 'constructs';
import { CustomerGateway, VpnConnection } from '../../infra/providers/aws';
import { LocalNetworkGateway, VirtualNetworkGatewayConnection } from '../../infra/providers/azurerm';
import { AwsLinkEnd, AzureLinkEnd, customerGatewayAsn, withProvider } from './link-ends';
import { azureTunnelName } from './names';
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
    const awsProvider = withProvider(aws.provider);
    const azurePlace = { resourceGroupName: azure.resourceGroupName, location: azure.location, ...withProvider(azure.provider) };

    this.connections = ([0, 1] as const).map((i) => {
      const customer = new CustomerGateway(this, `customer-gateway-${i}`, {
        ...awsProvider,
        type: 'ipsec.1',
        ipAddress: azure.instanceIps[i],
        ...customerGatewayAsn(azure.asn),
        tags: { Name: `${azure.cluster}-${i}` },
      });
      const [t1, t2] = [tunnels[2 * i], tunnels[2 * i + 1]];
      return new VpnConnection(this, `connection-${i}`, {
        ...awsProvider,
        type: 'ipsec.1',
        vpnGatewayId: aws.vpnGatewayId,
        customerGatewayId: customer.id,
        staticRoutesOnly: false,
        tunnel1InsideCidr: t1.insideCidr,
        tunnel2InsideCidr: t2.insideCidr,
        tunnel1PresharedKey: secrets[2 * i],
        tunnel2PresharedKey: secrets[2 * i + 1],
        tunnel1IkeVersions: ['ikev2'],
        tunnel2IkeVersions: ['ikev2'],
        // AWS initiates; the Azure connections are responder-only (Microsoft's AWS tutorial, steps 12-13).
        tunnel1StartupAction: 'start',
        tunnel2StartupAction: 'start',
        tags: { Name: `${aws.cluster}-${azure.cluster}-${i}` },
      });
    });

    this.azureConnections = tunnels.map((t, k) => {
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
        name,
        type: 'IPsec',
        virtualNetworkGatewayId: azure.vpnGatewayId,
        localNetworkGatewayId: local.id,
        sharedKey: secrets[k],
        enableBgp: true,
        connectionProtocol: 'IKEv2',
        connectionMode: 'ResponderOnly',
        customBgpAddresses: { primary: sibling(0), secondary: sibling(1) },
      });
    });
  }
}
