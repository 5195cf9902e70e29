import { Construct } from 'constructs';
import { CustomerGateway, VpnConnection } from '../../infra/providers/aws';
import { awsTunnelSuite } from './ipsec-suite';
import { customerGatewayAsn, withProvider } from './link-ends';
import type { AwsLinkEnd } from './link-ends';
import { After, oneAfterAnother } from './one-after-another';
import type { TunnelPlan } from './tunnel-plan';

export interface AwsVpnConnectionsProps {
  readonly aws: AwsLinkEnd;
  /** The peer network's cluster (names the tags) and ASN. */
  readonly peer: { readonly cluster: string; readonly asn: number };
  /** The peer's two public IPs (HA VPN interfaces, Azure instances): a customer gateway each. */
  readonly peerIps: readonly [string, string];
  /** Four tunnels: tunnel k is tunnel (k % 2) + 1 of connection ⌊k / 2⌋. */
  readonly tunnels: readonly TunnelPlan[];
  /** The pre-shared key of each tunnel (references to generated keys). */
  readonly keys: readonly string[];
  /**
   * Whether AWS starts the tunnels' IKE negotiation, and starts it again after a dead peer detection
   * timeout. @default the AWS defaults (the peer starts it, and a DPD timeout clears the tunnel)
   */
  readonly initiate?: boolean;
  /**
   * Whether the tunnels accept only the interconnect's IKE/IPsec suite (ipsec-suite.ts): where the
   * peer cannot pin it itself. @default AWS's defaults (AES128 and SHA1 and DH group 2 included)
   */
  readonly pinSuite?: boolean;
}

/**
 * The AWS end of a link: a customer gateway per peer IP, and a dynamic-routing (BGP) VPN connection
 * of two tunnels on each, on the VPC's virtual private gateway, with the planned inside /30s and
 * IKEv2 (both peers' references use IKEv2). Connection 1 waits for connection 0 (one-after-another.ts).
 */
export class AwsVpnConnections extends Construct {
  readonly connections: readonly [VpnConnection, VpnConnection];

  constructor(scope: Construct, id: string, props: AwsVpnConnectionsProps) {
    super(scope, id);
    const { aws, peer, tunnels, keys } = props;
    const provider = withProvider(aws.provider);
    const connection = (i: number, after: After) => {
      // A device name of its own: EC2 answers a second gateway with the type, address and ASN of one in
      // the account and region with that one (CreateCustomerGateway, EC2 API reference), and two AWS
      // clusters of a region linked to one peer would share a gateway neither could delete alone.
      const customer = new CustomerGateway(this, `customer-gateway-${i}`, {
        ...provider,
        type: 'ipsec.1',
        ipAddress: props.peerIps[i],
        ...customerGatewayAsn(peer.asn),
        deviceName: `${aws.cluster}-${peer.cluster}-${i}`,
        tags: { Name: `${peer.cluster}-${i}` },
      });
      return new VpnConnection(this, `connection-${i}`, {
        ...provider,
        ...after,
        type: 'ipsec.1',
        vpnGatewayId: aws.vpnGatewayId,
        customerGatewayId: customer.id,
        staticRoutesOnly: false,
        tunnel1InsideCidr: tunnels[2 * i].insideCidr,
        tunnel2InsideCidr: tunnels[2 * i + 1].insideCidr,
        tunnel1PresharedKey: keys[2 * i],
        tunnel2PresharedKey: keys[2 * i + 1],
        tunnel1IkeVersions: ['ikev2'],
        tunnel2IkeVersions: ['ikev2'],
        ...(props.pinSuite ? { ...awsTunnelSuite(1), ...awsTunnelSuite(2) } : {}),
        // A startup action applies only when a tunnel is created or modified; after a DPD timeout
        // (the peer's maintenance, a failover) AWS by default ends the IKE session, takes the tunnel
        // down and waits for the peer to start it again (AWS Site-to-Site VPN User Guide,
        // initiate-vpn-tunnels.html "DPD timeout action"). A peer that only responds never does, so
        // AWS restarts it itself (EC2 API VpnTunnelOptionsSpecification DPDTimeoutAction: restart).
        ...(props.initiate ? { tunnel1StartupAction: 'start', tunnel2StartupAction: 'start', tunnel1DpdTimeoutAction: 'restart', tunnel2DpdTimeoutAction: 'restart' } : {}),
        tags: { Name: `${aws.cluster}-${peer.cluster}-${i}` },
      });
    };
    const [first, second] = oneAfterAnother(2, connection);
    this.connections = [first, second];
  }
}
