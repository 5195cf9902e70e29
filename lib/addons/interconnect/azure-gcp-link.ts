import { Construct } from 'constructs';
import { LocalNetworkGateway, VirtualNetworkGatewayConnection } from '../../infra/providers/azurerm';
import { ComputeExternalVpnGateway, ComputeRouterInterface, ComputeRouterPeer, ComputeVpnTunnel } from '../../infra/providers/google';
import { AZURE_IPSEC_POLICY } from './ipsec-suite';
import { AzureLinkEnd, GcpLinkEnd, gcpPeerAdvertisement, withProvider } from './link-ends';
import { azureTunnelName, gcpTunnelName } from './names';
import { oneAfterAnother } from './one-after-another';
import { TunnelSecret } from './tunnel-secret';
import type { TunnelPlan } from './tunnel-plan';

export interface AzureGcpLinkProps {
  readonly azure: AzureLinkEnd;
  readonly gcp: GcpLinkEnd;
  /** Two tunnels: tunnel k joins HA VPN interface k and Azure instance k. */
  readonly tunnels: readonly TunnelPlan[];
}

/**
 * Both ends of a link between an Azure VNet (active-active VPN gateway) and a GCP network (HA
 * VPN), as Google's reference lays it out (GoogleCloudPlatform/professional-services
 * tools/gcp-azure-ha-vpn): an external VPN gateway with Azure's two instance IPs
 * (TWO_IPS_REDUNDANCY), a tunnel, router interface and BGP peer per interface, and on Azure a
 * local network gateway (the GCP interface and its BGP address) and a connection per tunnel, with
 * custom APIPA BGP addresses.
 */
export class AzureGcpLink extends Construct {
  readonly tunnels: readonly ComputeVpnTunnel[];
  readonly azureConnections: readonly VirtualNetworkGatewayConnection[];

  constructor(scope: Construct, id: string, props: AzureGcpLinkProps) {
    super(scope, id);
    const { azure, gcp, tunnels } = props;
    if (tunnels.length !== 2) throw new Error(`azure-gcp link ${azure.cluster}-${gcp.cluster}: 2 tunnels, given ${tunnels.length}`);
    const secrets = tunnels.map((t) => new TunnelSecret(this, `psk-${t.index}`).value);
    const gcpPlace = { project: gcp.project, region: gcp.region, ...withProvider(gcp.provider) };
    const azurePlace = { resourceGroupName: azure.resourceGroupName, location: azure.location, ...withProvider(azure.provider) };

    const external = new ComputeExternalVpnGateway(this, 'external-gateway', {
      project: gcp.project,
      ...withProvider(gcp.provider),
      name: `${gcp.cluster}-${azure.cluster}`,
      redundancyType: 'TWO_IPS_REDUNDANCY',
      description: `Azure VPN gateway of ${azure.cluster}`,
      interface: azure.instanceIps.map((ipAddress, id) => ({ id, ipAddress })),
    });
    this.tunnels = tunnels.map((t, k) => {
      const name = gcpTunnelName(gcp.cluster, azure.cluster, k);
      const tunnel = new ComputeVpnTunnel(this, `tunnel-${k}`, {
        ...gcpPlace,
        name,
        vpnGateway: gcp.vpnGateway,
        vpnGatewayInterface: k,
        peerExternalGateway: external.selfLink,
        peerExternalGatewayInterface: k,
        sharedSecret: secrets[k],
        router: gcp.router,
        ikeVersion: 2,
      });
      const iface = new ComputeRouterInterface(this, `interface-${k}`, { ...gcpPlace, name, router: gcp.router, ipRange: `${t.address.gcp}/30`, vpnTunnel: tunnel.name });
      new ComputeRouterPeer(this, `peer-${k}`, { ...gcpPlace, name, router: gcp.router, interface: iface.name, ipAddress: t.address.gcp, peerIpAddress: t.address.azure, peerAsn: azure.asn, ...gcpPeerAdvertisement(gcp) });
      return tunnel;
    });

    // The Azure end pins the suite for both directions (ipsec-suite.ts).
    this.azureConnections = oneAfterAnother(tunnels.length, (k, after) => {
      const t = tunnels[k];
      const name = azureTunnelName(azure.cluster, gcp.cluster, k);
      const local = new LocalNetworkGateway(this, `local-gateway-${k}`, {
        ...azurePlace,
        name,
        gatewayAddress: gcp.interfaceIps[k],
        bgpSettings: { asn: gcp.asn, bgpPeeringAddress: t.address.gcp! },
      });
      return new VirtualNetworkGatewayConnection(this, `connection-${k}`, {
        ...azurePlace,
        ...after,
        name,
        type: 'IPsec',
        virtualNetworkGatewayId: azure.vpnGatewayId,
        localNetworkGatewayId: local.id,
        sharedKey: secrets[k],
        enableBgp: true,
        connectionProtocol: 'IKEv2',
        // Instance k reaches this GCP interface; primary is instance 0's address, secondary instance 1's.
        customBgpAddresses: { primary: tunnels[0].address.azure!, secondary: tunnels[1].address.azure! },
        ipsecPolicy: { ...AZURE_IPSEC_POLICY },
      });
    });
  }
}
