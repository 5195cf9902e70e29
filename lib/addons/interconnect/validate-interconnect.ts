import { asText, AZURE_VNET_REFUSED, Cidr, Cloud, cloudNameProblems, CLOUDS, didYouMean, overlaps, parseCidr, Problem, show } from '../../fleet';
import { ASN_RULE, asnProblem } from './asn';
import { AWS_PROPAGATED_ROUTES_PER_ROUTE_TABLE } from './aws-vpn-gateway';
import { AZURE_S2S_TUNNELS, AZURE_VPN_GATEWAY_SKU } from './azure-gateway-sku';
import { advertisedRanges, BgpOrigin, learnedPrefixes } from './bgp-routes';
import { CLOUD_ROUTER_BGP_PEERS } from './gcp-ha-vpn-gateway';
import { AZURE_APIPA, CLOUD_PAIRS, CloudPair, DEFAULT_TUNNEL_RANGES, InterconnectMember, InterconnectPlan, LINK_LOCAL, planInterconnect, TUNNELS_PER_LINK, tunnelRanges } from './tunnel-plan';
import { interconnectCloudNames } from './names';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ROOT = 'platform.interconnect';
const CLUSTER_FIELDS = ['asn', 'gatewaySubnetCidr'];
const GATEWAY_SUBNET_PREFIX = { min: 16, max: 27 };

/** Every range of the fleet as written, with its path: what a gateway subnet must not overlap. */
function fleetRanges(fleet: Record<string, unknown>): { path: string; cidr: Cidr }[] {
  const out: { path: string; cidr: Cidr }[] = [];
  for (const c of Array.isArray(fleet.clusters) ? fleet.clusters : []) {
    if (!isRecord(c) || !isRecord(c.network)) continue;
    for (const field of ['nodeCidr', 'podCidr', 'serviceCidr']) {
      const cidr = typeof c.network[field] === 'string' ? parseCidr(c.network[field] as string) : undefined;
      if (cidr && typeof cidr !== 'string') out.push({ path: `clusters[${asText(c.name)}].network.${field}`, cidr });
    }
  }
  return out;
}

/**
 * Every problem with `platform.interconnect`, given the fleet as written, each with its path:
 * clusters that are not in the fleet, ASNs out of range or shared, gateway subnets missing,
 * misplaced or overlapping, tunnel pools outside what the clouds accept, overlapping or too small,
 * and resource names the clouds would refuse.
 */
export function interconnectProblems(fleet: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, given: unknown, allowed: string) => problems.push({ path, message, given: show(given), allowed });
  const settings = isRecord(fleet.platform) ? fleet.platform.interconnect : undefined;
  if (!isRecord(settings)) {
    add(ROOT, 'must be an object', settings, '{ clusters: { <cluster>: { asn, gatewaySubnetCidr? } }, tunnelRanges? }');
    return problems;
  }
  for (const key of Object.keys(settings)) if (key !== 'clusters' && key !== 'tunnelRanges') add(`${ROOT}.${key}`, 'not an interconnect setting', key, 'clusters, tunnelRanges');

  const clusters = new Map<string, Record<string, unknown>>();
  for (const c of Array.isArray(fleet.clusters) ? fleet.clusters : []) if (isRecord(c) && typeof c.name === 'string') clusters.set(c.name, c);
  const members: InterconnectMember[] = [];
  const asns = new Map<number, string>();
  const gatewaySubnets: { path: string; cidr: Cidr }[] = [];
  if (!isRecord(settings.clusters) || Object.keys(settings.clusters).length === 0) {
    add(`${ROOT}.clusters`, 'the interconnect needs the clusters whose networks it connects', settings.clusters, '{ <cluster name>: { asn } } for clusters on at least two clouds');
  } else {
    for (const name of Object.keys(settings.clusters).sort()) {
      const path = `${ROOT}.clusters[${name}]`;
      const entry = settings.clusters[name];
      const cluster = clusters.get(name);
      if (!cluster) {
        add(path, `not a cluster of the fleet${didYouMean(name, clusters.keys())}`, name, [...clusters.keys()].join(', ') || 'a cluster name');
        continue;
      }
      if (!isRecord(entry)) {
        add(path, 'must be an object', entry, '{ asn, gatewaySubnetCidr? }');
        continue;
      }
      for (const key of Object.keys(entry)) if (!CLUSTER_FIELDS.includes(key)) add(`${path}.${key}`, 'not an interconnect cluster setting', key, CLUSTER_FIELDS.join(', '));
      const cloud = cluster.cloud as Cloud;
      const asnWhy = asnProblem(entry.asn);
      if (asnWhy) add(`${path}.asn`, asnWhy, entry.asn, ASN_RULE);
      else if (asns.has(entry.asn as number)) add(`${path}.asn`, `clusters[${asns.get(entry.asn as number)}] has this ASN: BGP needs a different ASN at each end`, entry.asn, 'an ASN no other cluster of the interconnect uses');
      else asns.set(entry.asn as number, name);

      if (cloud === 'azure') {
        const gw = entry.gatewaySubnetCidr;
        const cidr = typeof gw === 'string' ? parseCidr(gw) : 'must be a string';
        if (gw === undefined) add(`${path}.gatewaySubnetCidr`, 'an Azure VPN gateway needs a GatewaySubnet range of its own', gw, 'e.g. "10.31.255.0/27", outside every other range of the fleet');
        else if (typeof cidr === 'string') add(`${path}.gatewaySubnetCidr`, `invalid CIDR: ${cidr}`, gw, 'an IPv4 network like 10.31.255.0/27');
        // A /27 or larger (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings, "Gateway subnet").
        else if (cidr.prefix < GATEWAY_SUBNET_PREFIX.min || cidr.prefix > GATEWAY_SUBNET_PREFIX.max) add(`${path}.gatewaySubnetCidr`, 'Azure recommends a GatewaySubnet of /27 or larger', gw, `a prefix length from /${GATEWAY_SUBNET_PREFIX.min} to /${GATEWAY_SUBNET_PREFIX.max}`);
        else {
          const refused = AZURE_VNET_REFUSED.filter((r) => overlaps(cidr, r.cidr));
          if (refused.length > 0) add(`${path}.gatewaySubnetCidr`, `Azure refuses it in a VNet's address space: it overlaps ${refused.map((r) => `${r.cidr.text} (${r.what})`).join(', ')}`, gw, `a range outside ${AZURE_VNET_REFUSED.map((r) => r.cidr.text).join(', ')}, such as 10.31.255.0/27`);
          else gatewaySubnets.push({ path: `${path}.gatewaySubnetCidr`, cidr });
        }
      } else if (entry.gatewaySubnetCidr !== undefined && CLOUDS.includes(cloud)) {
        // (An unknown cloud is reported at the cluster's .cloud.)
        add(`${path}.gatewaySubnetCidr`, 'only Azure networks have a GatewaySubnet', entry.gatewaySubnetCidr, `leave it out for a ${asText(cloud)} cluster`);
      }
      if (CLOUDS.includes(cloud) && !asnWhy) members.push({ cluster: name, cloud, asn: entry.asn as number });
    }
    // A pair stack acts on every AWS cluster it links with the one set of AWS credentials it runs with
    // (each provider alias of a run shares them; none assumes a role): one account for all of them.
    let account: { id: string; cluster: string } | undefined;
    for (const m of members.filter((x) => x.cloud === 'aws')) {
      const id = clusters.get(m.cluster)?.accountId;
      if (typeof id !== 'string' || id === '') continue;
      if (!account) account = { id, cluster: m.cluster };
      else if (id !== account.id) {
        add(`clusters[${m.cluster}].accountId`, `is not the account of clusters[${account.cluster}] (${account.id}): the interconnect's stacks act on all its AWS clusters with one set of AWS credentials`, id, `${account.id}, or leave clusters[${m.cluster}] out of ${ROOT}.clusters`);
      }
    }
    // The names of its gateways, routers, tunnels and connections, against the clouds' rules (lib/fleet/cloud-names.ts).
    problems.push(...cloudNameProblems(interconnectCloudNames(fleet)));
    const clouds = new Set([...Object.keys(settings.clusters)].map((n) => clusters.get(n)?.cloud).filter(Boolean));
    if (clouds.size < 2 && problems.length === 0) add(`${ROOT}.clusters`, 'the interconnect links clusters on different clouds; these are all on one', [...clouds], 'clusters on at least two of aws, gcp, azure');
  }

  // Gateway subnets overlap nothing: no cluster range, no other gateway subnet.
  const taken = fleetRanges(fleet);
  for (const gw of gatewaySubnets) {
    const clash = taken.find((t) => overlaps(t.cidr, gw.cidr));
    if (clash) add(gw.path, `overlaps ${clash.path} (${clash.cidr.text})`, gw.cidr.text, 'a range that overlaps no other range in the fleet');
    taken.push(gw);
  }

  const pools = checkTunnelRanges(settings.tunnelRanges, add);
  if (pools && problems.length === 0) {
    const plan = planInterconnect(members, pools);
    for (const s of plan.short) {
      add(`${ROOT}.tunnelRanges.${s.pair}`, `too small: the ${s.pair} links need ${s.needed} inside /30s and the pool has ${s.available}`, pools[s.pair], `a link-local range with at least ${s.needed} /30s (${s.needed * 4} addresses) besides the reserved ones`);
    }
    problems.push(...azureTunnelProblems(plan), ...cloudRouterPeerProblems(plan), ...awsPropagatedRouteProblems(bgpOrigins(members, clusters, settings.clusters as Record<string, unknown>)));
  }
  return problems;
}

/** Each member network and the ranges its gateway advertises, as the fleet writes them (a network whose ranges are not strings is the fleet validation's). */
function bgpOrigins(members: readonly InterconnectMember[], clusters: ReadonlyMap<string, Record<string, unknown>>, entries: Record<string, unknown>): BgpOrigin[] {
  return members.flatMap((m) => {
    const network = clusters.get(m.cluster)?.network;
    const entry = entries[m.cluster];
    if (!isRecord(network) || typeof network.nodeCidr !== 'string' || typeof network.podCidr !== 'string') return [];
    const gatewaySubnetCidr = isRecord(entry) && typeof entry.gatewaySubnetCidr === 'string' ? entry.gatewaySubnetCidr : undefined;
    return [{ cluster: m.cluster, cloud: m.cloud, ranges: advertisedRanges(m.cloud, { nodeCidr: network.nodeCidr, podCidr: network.podCidr }, gatewaySubnetCidr) }];
  });
}

/**
 * An AWS network's virtual private gateway propagates every prefix it learns (bgp-routes.ts) into the
 * VPC's private route tables, and a route table takes at most 100 propagated routes, which AWS does not
 * raise (aws-vpn-gateway.ts). A virtual private gateway also takes at most 100 routes on one VPN
 * connection (Site-to-Site VPN quotas, Routes), out of reach: a GCP network's connections carry its 2
 * ranges, and an interconnect with AWS and Azure networks has at most 33 (an Azure gateway's 30
 * connections, and 128 /30s in Azure's APIPA range for both Azure pairs' tunnels).
 */
function awsPropagatedRouteProblems(origins: readonly BgpOrigin[]): Problem[] {
  const limit = AWS_PROPAGATED_ROUTES_PER_ROUTE_TABLE;
  return origins.filter((o) => o.cloud === 'aws').flatMap((aws): Problem[] => {
    const learned = learnedPrefixes(aws, origins);
    if (learned.length <= limit) return [];
    const from = origins.filter((o) => o !== aws && o.ranges.some((r) => learned.includes(r)));
    const count = (cloud: Cloud) => from.filter((o) => o.cloud === cloud).length;
    return [{
      path: `${ROOT}.clusters[${aws.cluster}]`,
      message: `its virtual private gateway would learn ${learned.length} prefixes over BGP, the ranges of ${from.length} networks (${count('gcp')} GCP, ${count('azure')} Azure, ${count('aws')} AWS), and propagate them into the VPC's private route tables, which take at most ${limit} propagated routes, a limit AWS does not raise`,
      given: show(learned.length),
      allowed: `at most ${limit} prefixes (each GCP, Azure or AWS network advertises 2): fewer networks in ${ROOT}.clusters`,
    }];
  });
}

/**
 * Each Azure gateway takes one connection per tunnel of its links (4 per AWS network, 2 per GCP
 * network), and its SKU takes at most so many (azure-gateway-sku.ts): past that, the pair stacks'
 * apply fails at the first connection over. A property of the SKU, not a quota to raise: an error.
 */
function azureTunnelProblems(plan: InterconnectPlan): Problem[] {
  const limit = AZURE_S2S_TUNNELS[AZURE_VPN_GATEWAY_SKU];
  return [...tunnelsPerNetwork(plan, 'azure')].filter(([, use]) => use.tunnels > limit).map(([cluster, use]) => ({
    path: `${ROOT}.clusters[${cluster}]`,
    message: `its Azure VPN gateway (${AZURE_VPN_GATEWAY_SKU}) takes at most ${limit} site-to-site connections, and its links need ${use.tunnels} (${use.links.aws} AWS networks × ${TUNNELS_PER_LINK['aws-azure']}, ${use.links.gcp} GCP networks × ${TUNNELS_PER_LINK['azure-gcp']}): the pair stacks' apply would fail at the first connection over`,
    given: show(use.peers),
    allowed: `links needing at most ${limit} connections: fewer AWS or GCP clusters in ${ROOT}.clusters`,
  }));
}

/**
 * Each GCP network's Cloud Router has a BGP peer per tunnel of its links (4 per AWS network, 2 per
 * Azure network), and a Cloud Router takes at most 128 (gcp-ha-vpn-gateway.ts): past that, the pair
 * stacks' apply fails at the first peer over. A limit Google does not raise: an error.
 */
function cloudRouterPeerProblems(plan: InterconnectPlan): Problem[] {
  const limit = CLOUD_ROUTER_BGP_PEERS;
  return [...tunnelsPerNetwork(plan, 'gcp')].filter(([, use]) => use.tunnels > limit).map(([cluster, use]) => ({
    path: `${ROOT}.clusters[${cluster}]`,
    message: `its Cloud Router takes at most ${limit} BGP peers, a limit Google does not raise, and its links need ${use.tunnels}, one per tunnel (${use.links.aws} AWS networks × ${TUNNELS_PER_LINK['aws-gcp']}, ${use.links.azure} Azure networks × ${TUNNELS_PER_LINK['azure-gcp']}): the pair stacks' apply would fail at the first peer over`,
    given: show(use.peers),
    allowed: `links needing at most ${limit} BGP peers: fewer AWS or Azure clusters in ${ROOT}.clusters`,
  }));
}

/** Per network on `cloud`: its links' tunnels, its links by the peer's cloud, and its peers' clusters. */
function tunnelsPerNetwork(plan: InterconnectPlan, cloud: Cloud): Map<string, { tunnels: number; links: Record<Cloud, number>; peers: string[] }> {
  const byCluster = new Map<string, { tunnels: number; links: Record<Cloud, number>; peers: string[] }>();
  for (const link of plan.links) {
    const end = link.ends.find((e) => e.cloud === cloud);
    if (!end) continue;
    const peer = link.ends.find((e) => e !== end)!;
    const use = byCluster.get(end.cluster) ?? { tunnels: 0, links: { aws: 0, gcp: 0, azure: 0 }, peers: [] };
    use.tunnels += link.tunnels.length;
    use.links[peer.cloud]++;
    use.peers.push(peer.cluster);
    byCluster.set(end.cluster, use);
  }
  return byCluster;
}

/** The pools, when every one given is valid; problems (at `tunnelRanges.<pair>`) otherwise. */
function checkTunnelRanges(given: unknown, add: (path: string, message: string, given: unknown, allowed: string) => void): Record<CloudPair, string> | undefined {
  if (given === undefined) return tunnelRanges(undefined);
  const path = `${ROOT}.tunnelRanges`;
  if (!isRecord(given)) {
    add(path, 'must be an object', given, `{ ${CLOUD_PAIRS.map((p) => `'${p}'?`).join(', ')} }`);
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(given)) {
    if (!(CLOUD_PAIRS as readonly string[]).includes(key)) {
      add(`${path}.${key}`, 'not a cloud pair', key, CLOUD_PAIRS.join(', '));
      ok = false;
    }
  }
  const pools = tunnelRanges(given as Partial<Record<CloudPair, string>>);
  const parsed: { pair: CloudPair; cidr: Cidr }[] = [];
  for (const pair of CLOUD_PAIRS) {
    const text = pools[pair];
    const p = `${path}.${pair}`;
    const cidr = typeof text === 'string' ? parseCidr(text) : 'must be a string';
    if (typeof cidr === 'string') {
      add(p, `invalid CIDR: ${cidr}`, text, 'a link-local range like 169.254.64.0/24');
      ok = false;
      continue;
    }
    const end = cidr.start + 2 ** (32 - cidr.prefix) - 1;
    // Every cloud takes tunnel inside addresses from link-local /30s only (AWS: a /30 in 169.254.0.0/16).
    if (cidr.prefix > 30 || cidr.start < LINK_LOCAL.start || end > LINK_LOCAL.start + 65535) {
      add(p, 'must be a link-local range of at least one /30', text, 'a range inside 169.254.0.0/16, prefix /16 to /30');
      ok = false;
      continue;
    }
    // Azure takes custom BGP addresses only from its APIPA range (terraform-provider-azurerm validate.IPAddressInAzureReservedAPIPARange).
    if (pair.includes('azure') && (cidr.start < AZURE_APIPA.first || end > AZURE_APIPA.last)) {
      add(p, 'Azure takes BGP addresses only from 169.254.21.0-169.254.22.255', text, `a range inside it, e.g. ${DEFAULT_TUNNEL_RANGES[pair]}`);
      ok = false;
      continue;
    }
    const clash = parsed.find((q) => overlaps(q.cidr, cidr));
    if (clash) {
      add(p, `overlaps the ${clash.pair} tunnel range (${clash.cidr.text}): tunnel inside ranges must never overlap`, text, 'a range no other pair uses');
      ok = false;
      continue;
    }
    parsed.push({ pair, cidr });
  }
  return ok ? pools : undefined;
}
