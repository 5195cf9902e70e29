import { Cidr, cidrSize, Cloud, compareStrings, formatAddress, overlaps, parseCidr } from '../../fleet';

/*
 * The interconnect's topology and address plan, as pure data: which cluster networks are linked,
 * how many tunnels each link has, and each tunnel's inside /30. Deterministic: the same members
 * give the same plan in any order.
 *
 * Topology: every cluster network has its own VPN gateway (a VPC takes one virtual private
 * gateway, a VNet one VPN gateway), and every network of one cloud is linked to every network of
 * each other cloud (a full mesh across clouds). Networks of the same cloud are not linked.
 */

/** Two clouds, alphabetically: names the pair's stack `interconnect-<pair>`. */
export type CloudPair = 'aws-azure' | 'aws-gcp' | 'azure-gcp';
export const CLOUD_PAIRS: readonly CloudPair[] = ['aws-azure', 'aws-gcp', 'azure-gcp'];

export function cloudPair(a: Cloud, b: Cloud): CloudPair | undefined {
  const [x, y] = [a, b].sort(compareStrings);
  const pair = `${x}-${y}`;
  return (CLOUD_PAIRS as readonly string[]).includes(pair) ? (pair as CloudPair) : undefined;
}

export function pairClouds(pair: CloudPair): readonly [Cloud, Cloud] {
  return pair.split('-') as [Cloud, Cloud];
}

/**
 * Tunnels per link. AWS: two VPN connections of two tunnels each (an AWS VPN connection always has
 * two tunnels; one connection per peer interface). GCP HA VPN to AWS: four tunnels to an external
 * gateway with FOUR_IPS_REDUNDANCY (cloud.google.com/network-connectivity/docs/vpn/concepts/topologies,
 * "HA VPN to AWS peer gateways"). Azure to AWS: an active-active gateway, one customer gateway per
 * instance (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp). GCP to Azure: two
 * tunnels, HA VPN interface i to Azure instance i (TWO_IPS_REDUNDANCY, GoogleCloudPlatform/
 * professional-services tools/gcp-azure-ha-vpn): a local network gateway has one BGP peer address
 * while every Cloud Router BGP session needs its own link-local /30, so a second tunnel per Azure
 * instance could not carry BGP.
 */
export const TUNNELS_PER_LINK: Readonly<Record<CloudPair, number>> = { 'aws-azure': 4, 'aws-gcp': 4, 'azure-gcp': 2 };

/** Default pools. The Azure pairs' lie in Azure's APIPA range; aws-gcp's outside it, so the pools never overlap. */
export const DEFAULT_TUNNEL_RANGES: Readonly<Record<CloudPair, string>> = {
  'aws-azure': '169.254.21.0/24',
  'aws-gcp': '169.254.64.0/24',
  'azure-gcp': '169.254.22.0/24',
};

/** Link-local, where every cloud takes BGP inside addresses (RFC 3927). */
export const LINK_LOCAL = parseCidr('169.254.0.0/16') as Cidr;

/**
 * /30s no tunnel may use: AWS reserves these (hashicorp/terraform-provider-aws
 * internal/service/ec2/vpnsite_connection.go validVPNConnectionTunnelInsideCIDR); the last one
 * also holds the clouds' metadata address 169.254.169.254. Skipped in every pool.
 */
export const RESERVED_INSIDE_CIDRS: readonly string[] = [
  '169.254.0.0/30',
  '169.254.1.0/30',
  '169.254.2.0/30',
  '169.254.3.0/30',
  '169.254.4.0/30',
  '169.254.5.0/30',
  '169.254.169.252/30',
];

/** Azure's APIPA range for VPN gateway BGP addresses (terraform-provider-azurerm validate.IPAddressInAzureReservedAPIPARange). */
export const AZURE_APIPA = { first: (parseCidr('169.254.21.0/24') as Cidr).start, last: (parseCidr('169.254.22.0/24') as Cidr).start + 255 };

/** A cluster network in the interconnect. */
export interface InterconnectMember {
  readonly cluster: string;
  readonly cloud: Cloud;
  readonly asn: number;
}

/** One tunnel: its inside /30 and the BGP address of each end. */
export interface TunnelPlan {
  /** 0-based, in the order the link's resources are built (see each link construct). */
  readonly index: number;
  readonly insideCidr: string;
  /**
   * BGP address of each end, by cloud. The first usable address is the AWS end's (AWS takes it,
   * learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp), else the GCP end's; Azure
   * always has the second.
   */
  readonly address: Readonly<Partial<Record<Cloud, string>>>;
}

/** A link between two cluster networks on different clouds. */
export interface LinkPlan {
  readonly pair: CloudPair;
  /** `<cluster of the pair's first cloud>-<cluster of the second>`. */
  readonly name: string;
  /** The ends, in the pair's cloud order. */
  readonly ends: readonly [InterconnectMember, InterconnectMember];
  readonly tunnels: readonly TunnelPlan[];
}

export interface InterconnectPlan {
  readonly links: readonly LinkPlan[];
  /** Pairs whose pool has too few free /30s: what they need and have. */
  readonly short: readonly { readonly pair: CloudPair; readonly needed: number; readonly available: number }[];
}

const reserved = RESERVED_INSIDE_CIDRS.map((c) => parseCidr(c) as Cidr);

/** Every /30 of a pool that no cloud reserves, in address order. */
export function freeSlash30s(pool: Cidr): Cidr[] {
  const out: Cidr[] = [];
  for (let start = pool.start; start < pool.start + cidrSize(pool); start += 4) {
    const block = { text: `${formatAddress(start)}/30`, start, prefix: 30 };
    if (!reserved.some((r) => overlaps(r, block))) out.push(block);
  }
  return out;
}

/**
 * The links between the members' networks and their tunnels' inside ranges, /30 by /30 from each
 * pair's pool in link-name order. Adding a cluster can move the ranges of links whose names sort
 * after its own (their tunnels re-establish once); ranges never overlap, within or across pools.
 */
export function planInterconnect(members: readonly InterconnectMember[], ranges: Readonly<Record<CloudPair, string>>): InterconnectPlan {
  const sorted = [...members].sort((a, b) => compareStrings(a.cluster, b.cluster));
  const links: LinkPlan[] = [];
  const short: { pair: CloudPair; needed: number; available: number }[] = [];
  for (const pair of CLOUD_PAIRS) {
    const [first, second] = pairClouds(pair);
    const ends = sorted.filter((m) => m.cloud === first).flatMap((a) => sorted.filter((m) => m.cloud === second).map((b) => [a, b] as const));
    if (ends.length === 0) continue;
    const pool = parseCidr(ranges[pair]);
    const free = typeof pool === 'string' ? [] : freeSlash30s(pool);
    const needed = ends.length * TUNNELS_PER_LINK[pair];
    if (free.length < needed) {
      short.push({ pair, needed, available: free.length });
      continue;
    }
    let next = 0;
    for (const [a, b] of ends) {
      const tunnels = Array.from({ length: TUNNELS_PER_LINK[pair] }, (_, index): TunnelPlan => {
        const block = free[next++];
        const low = formatAddress(block.start + 1);
        const high = formatAddress(block.start + 2);
        // The non-Azure end takes the first address (AWS insists on it; GCP follows for one rule).
        const lowCloud = pair === 'azure-gcp' ? 'gcp' : 'aws';
        const highCloud = pair === 'aws-gcp' ? 'gcp' : 'azure';
        return { index, insideCidr: block.text, address: { [lowCloud]: low, [highCloud]: high } };
      });
      links.push({ pair, name: `${a.cluster}-${b.cluster}`, ends: [a, b], tunnels });
    }
  }
  return { links, short };
}

/** The pools in force: the defaults, overridden by the fleet's `tunnelRanges`. */
export function tunnelRanges(given: Readonly<Partial<Record<CloudPair, string>>> | undefined): Record<CloudPair, string> {
  return { ...DEFAULT_TUNNEL_RANGES, ...(given ?? {}) };
}

/** The cluster end of a link on `cloud`. */
export function endOn(link: LinkPlan, cloud: Cloud): InterconnectMember {
  return link.ends[0].cloud === cloud ? link.ends[0] : link.ends[1];
}
