import type { Cloud } from '../../fleet';

/*
 * The routes the interconnect's gateways exchange over BGP. Each network advertises each of its
 * ranges as a prefix of its own (nothing is summarised), and the AWS and Azure gateways pass on
 * what they learn, so a network learns more than its direct peers' ranges as the fleet grows.
 */

/** A cluster network of the interconnect and the ranges its gateway advertises. */
export interface BgpOrigin {
  readonly cluster: string;
  readonly cloud: Cloud;
  readonly ranges: readonly string[];
}

/**
 * The ranges a cluster network's gateway advertises over BGP, one prefix each.
 * AWS: every CIDR block of the VPC (docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html, Routes:
 * "Advertised route sources include VPC routes"), the node range and the pod range associated with it
 * (lib/infra/aws-network.ts). GCP: what each BGP peer of a link advertises (link-ends.ts
 * gcpPeerAdvertisement). Azure: the VNet's address prefixes (MicrosoftDocs/azure-docs
 * includes/vpn-gateway-faq-bgp-include.md), the node range and the GatewaySubnet's (index.ts).
 */
export function advertisedRanges(cloud: Cloud, network: { readonly nodeCidr: string; readonly podCidr: string }, gatewaySubnetCidr?: string): string[] {
  return cloud === 'azure' ? [network.nodeCidr, ...(gatewaySubnetCidr ? [gatewaySubnetCidr] : [])] : [network.nodeCidr, network.podCidr];
}

/**
 * Whether a cloud's gateway passes the routes it learns from one BGP peer on to its other peers.
 * AWS: a virtual private gateway advertises "other VPN routes" (vpn-limits.html, Routes; VPN
 * CloudHub). Azure: "Routes learned from other BGP peering sessions" (vpn-gateway-faq-bgp-include.md,
 * BGP transit routing). GCP: no; every BGP peer of a link is in custom mode and advertises the
 * ranges it lists (Compute API RouterBgpPeer advertisedIpRanges; link-ends.ts gcpPeerAdvertisement).
 */
export const PASSES_ON_LEARNED_ROUTES: Readonly<Record<Cloud, boolean>> = { aws: true, azure: true, gcp: false };

/**
 * The distinct prefixes a network's gateway learns, sorted. Every network is linked to every network
 * of the other clouds (tunnel-plan.ts), so it learns their ranges directly, and those of the other
 * networks of its own cloud through any gateway of another cloud that passes routes on.
 */
export function learnedPrefixes(network: BgpOrigin, all: readonly BgpOrigin[]): string[] {
  const relayed = all.some((o) => o.cloud !== network.cloud && PASSES_ON_LEARNED_ROUTES[o.cloud]);
  const from = all.filter((o) => o.cluster !== network.cluster && (o.cloud !== network.cloud || relayed));
  return [...new Set(from.flatMap((o) => o.ranges))].sort();
}
