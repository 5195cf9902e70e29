import { Construct } from 'constructs';
import { VpnConnection } from '../../infra/providers/aws';
import { ComputeExternalVpnGateway, ComputeRouterInterface, ComputeRouterPeer, ComputeVpnTunnel } from '../../infra/providers/google';
import { AwsVpnConnections } from './aws-vpn-connections';
import { AwsLinkEnd, GcpLinkEnd, gcpPeerAdvertisement, withProvider } from './link-ends';
import { gcpTunnelName } from './names';
import { TunnelSecret } from './tunnel-secret';
import type { TunnelPlan } from './tunnel-plan';

export interface AwsGcpLinkProps {
  readonly aws: AwsLinkEnd;
  readonly gcp: GcpLinkEnd;
  /** Four tunnels: tunnel k is tunnel (k % 2) + 1 of AWS VPN connection ⌊k / 2⌋, on HA VPN interface ⌊k / 2⌋. */
  readonly tunnels: readonly TunnelPlan[];
}

/**
 * Both ends of a link between an AWS VPC (virtual private gateway) and a GCP network (HA VPN),
 * as Google's reference lays it out (cloud.google.com/network-connectivity/docs/vpn/tutorials/
 * create-ha-vpn-connections-google-cloud-aws; GoogleCloudPlatform/gcp-to-aws-ha-vpn-terraform-module):
 * a customer gateway per HA VPN interface, a VPN connection (two tunnels) per customer gateway, an
 * external VPN gateway with the four AWS tunnel addresses (FOUR_IPS_REDUNDANCY), and a tunnel,
 * router interface and BGP peer per AWS tunnel. The AWS tunnels' outside addresses exist only once
 * the VPN connections do; the GCP side refers to them, so one apply creates both ends.
 */
export class AwsGcpLink extends Construct {
  readonly connections: readonly VpnConnection[];
  readonly tunnels: readonly ComputeVpnTunnel[];
  readonly peers: readonly ComputeRouterPeer[];

  constructor(scope: Construct, id: string, props: AwsGcpLinkProps) {
    super(scope, id);
    const { aws, gcp, tunnels } = props;
    if (tunnels.length !== 4) throw new Error(`aws-gcp link ${aws.cluster}-${gcp.cluster}: 4 tunnels, given ${tunnels.length}`);
    const secrets = tunnels.map((t) => new TunnelSecret(this, `psk-${t.index}`).value);
    const gcpPlace = { project: gcp.project, region: gcp.region, ...withProvider(gcp.provider) };

    // HA VPN tunnels to AWS use IKEv2 (Google's AWS tutorial). A GCP tunnel has no cipher setting at the
    // pinned google provider, so the AWS end pins the suite (ipsec-suite.ts).
    this.connections = new AwsVpnConnections(this, 'aws', { aws, peer: gcp, peerIps: gcp.interfaceIps, tunnels, keys: secrets, pinSuite: true }).connections;

    const external = new ComputeExternalVpnGateway(this, 'external-gateway', {
      project: gcp.project,
      ...withProvider(gcp.provider),
      name: `${gcp.cluster}-${aws.cluster}`,
      redundancyType: 'FOUR_IPS_REDUNDANCY',
      description: `AWS virtual private gateway of ${aws.cluster}`,
      interface: this.connections.flatMap((c, i) => [
        { id: 2 * i, ipAddress: c.tunnel1Address },
        { id: 2 * i + 1, ipAddress: c.tunnel2Address },
      ]),
    });

    this.tunnels = tunnels.map((_, k) =>
      new ComputeVpnTunnel(this, `tunnel-${k}`, {
        ...gcpPlace,
        name: gcpTunnelName(gcp.cluster, aws.cluster, k),
        vpnGateway: gcp.vpnGateway,
        vpnGatewayInterface: Math.floor(k / 2),
        peerExternalGateway: external.selfLink,
        peerExternalGatewayInterface: k,
        sharedSecret: secrets[k],
        router: gcp.router,
        ikeVersion: 2,
      }),
    );
    this.peers = tunnels.map((t, k) => {
      const name = gcpTunnelName(gcp.cluster, aws.cluster, k);
      const iface = new ComputeRouterInterface(this, `interface-${k}`, { ...gcpPlace, name, router: gcp.router, ipRange: `${t.address.gcp}/30`, vpnTunnel: this.tunnels[k].name });
      return new ComputeRouterPeer(this, `peer-${k}`, { ...gcpPlace, name, router: gcp.router, interface: iface.name, ipAddress: t.address.gcp, peerIpAddress: t.address.aws, peerAsn: aws.asn, ...gcpPeerAdvertisement(gcp) });
    });
  }
}
