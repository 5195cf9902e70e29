import type { CloudPair } from './tunnel-plan';

/** How one cluster's network joins the interconnect. */
export interface InterconnectClusterSettings {
  /**
   * BGP ASN of the network's VPN gateway (AWS virtual private gateway, GCP Cloud Router, Azure VPN
   * gateway). Unique in the fleet; private (64512-65534 or 4200000000-4294967294) and not one
   * Azure reserves (65515, 65517-65520).
   */
  readonly asn: number;
  /**
   * Azure only, and required there: the range of the VNet's `GatewaySubnet`, added to the VNet as
   * a second address range (the node subnet takes all of `nodeCidr`). /27 or larger, overlapping
   * no other range of the fleet and none Azure refuses in a VNet (multicast, broadcast, loopback,
   * link-local, 168.63.129.16).
   */
  readonly gatewaySubnetCidr?: string;
}

/**
 * `platform.interconnect`: site-to-site VPN with BGP between every pair of clouds the listed
 * clusters are on. Leave it out to turn the interconnect off.
 */
export interface InterconnectSettings {
  /** The clusters whose networks are connected, by cluster name. At least two clouds. */
  readonly clusters: Readonly<Record<string, InterconnectClusterSettings>>;
  /**
   * Link-local ranges the tunnels' inside /30s are taken from, per cloud pair.
   * @default { 'aws-azure': '169.254.21.0/24', 'aws-gcp': '169.254.64.0/24', 'azure-gcp': '169.254.22.0/24' }
   */
  readonly tunnelRanges?: Readonly<Partial<Record<CloudPair, string>>>;
}
