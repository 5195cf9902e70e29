import type { TerraformProvider } from '../../infra/cdktf';
import { AWS_CUSTOMER_GATEWAY_MAX_BGP_ASN } from './asn';

/*
 * The two ends of a link, as the pair stack knows them: the cluster's gateway (from its stack's
 * outputs), its ASN, where it lives, and the provider (aliased per cluster) that acts there.
 */

export interface AwsLinkEnd {
  readonly cluster: string;
  readonly asn: number;
  readonly vpnGatewayId: string;
  readonly provider?: TerraformProvider;
}

export interface GcpLinkEnd {
  readonly cluster: string;
  readonly asn: number;
  readonly project: string;
  readonly region: string;
  /** HA VPN gateway (self link). */
  readonly vpnGateway: string;
  /** Name of its Cloud Router. */
  readonly router: string;
  /** Public IPs of interface 0 and interface 1. */
  readonly interfaceIps: readonly [string, string];
  /** What each BGP session of the link advertises: the cluster's node and pod ranges (see gcpPeerAdvertisement). */
  readonly advertisedRanges: readonly string[];
  readonly provider?: TerraformProvider;
}

/**
 * A Cloud Router BGP peer's own advertisement, overriding the router's (node range only): the node
 * range holds the internal east-west gateway's address, and the pod range is the source address of
 * mesh traffic from GKE pods (GKE does not masquerade towards RFC 1918 destinations,
 * cloud.google.com/kubernetes-engine/docs/concepts/ip-masquerade-agent), which the far end must route
 * replies to. Set on the peers, in the pair stack, so that a link counts as applied (its output,
 * applied-links.ts) only once its sessions advertise both.
 */
export function gcpPeerAdvertisement(end: GcpLinkEnd): { advertiseMode: string; advertisedIpRanges: { range: string }[] } {
  return { advertiseMode: 'CUSTOM', advertisedIpRanges: end.advertisedRanges.map((range) => ({ range })) };
}

export interface AzureLinkEnd {
  readonly cluster: string;
  readonly asn: number;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly vpnGatewayId: string;
  /** Public IPs of instance 0 and instance 1. */
  readonly instanceIps: readonly [string, string];
  readonly provider?: TerraformProvider;
}

/** The ASN field of an AWS customer gateway: `bgp_asn` up to 2147483647, `bgp_asn_extended` above (EC2 API CreateCustomerGateway). */
export function customerGatewayAsn(asn: number): { bgpAsn: string } | { bgpAsnExtended: string } {
  return asn > AWS_CUSTOMER_GATEWAY_MAX_BGP_ASN ? { bgpAsnExtended: String(asn) } : { bgpAsn: String(asn) };
}

/** `{ provider }` when there is one, to spread into a resource's config. */
export const withProvider = (provider: TerraformProvider | undefined): { provider?: TerraformProvider } => (provider ? { provider } : {});
