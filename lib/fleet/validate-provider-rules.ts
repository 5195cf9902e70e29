import { AZURE_VNET_REFUSED } from './azure-vnet-ranges';
import { Cidr, cidrWithin as within, overlaps, parseCidr } from './cidr';
import { isRecord, Problems } from './problems';

/*
 * Provider validators that reject a fleet field at `terraform validate`, and cloud rules that reject
 * it at create, checked here instead, at the field. (Names have their own table: lib/fleet/cloud-names.ts.)
 */

const parseAll = (texts: string[]) => texts.map((t) => parseCidr(t) as Cidr);
const RFC1918 = parseAll(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
// Ranges AKS reserves for "Kubernetes service, pod, and cluster virtual network address ranges", on "All AKS
// clusters": "AKS rejects pod CIDRs that overlap a reserved range during cluster creation or update"
// (MicrosoftDocs/azure-aks-docs articles/aks/concepts-network-cni-overview.md, "AKS CNI networking prerequisites",
// 2026-07-30). So every range of an AKS cluster: its Service range, its overlay pod range and its VNet's (nodeCidr).
const AKS_RESERVED = parseAll(['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24']);
// The VNet's range, nodeCidr, is also one Azure must take in a VNet at all (azure-vnet-ranges.ts).
const AKS_VNET_REFUSED = [...AKS_RESERVED, ...AZURE_VNET_REFUSED.map((r) => r.cidr).filter((r) => !AKS_RESERVED.some((a) => a.text === r.text))];
const AKS_RANGE_FIELDS = [['serviceCidr', 'Service range', AKS_RESERVED], ['podCidr', 'pod range', AKS_RESERVED], ['nodeCidr', 'VNet range', AKS_VNET_REFUSED]] as const;
// Ranges no Compute Engine subnetwork range may overlap, primary or secondary (cloud.google.com/vpc/docs/subnets,
// "Prohibited IPv4 subnet ranges": Google APIs' public addresses, among them the Private Google Access VIPs
// 199.36.153.4/30 and 199.36.153.8/30, "this" network, loopback, link-local, multicast, broadcast). A GKE cluster's
// three ranges are its subnetwork's (lib/infra/gcp-network.ts), which Compute Engine refuses at the apply: the
// google provider only parses each (terraform-provider-google v6.50.0 resource_compute_subnetwork.go ip_cidr_range:
// verify.ValidateIpCidrRange).
const GCP_PROHIBITED = parseAll(['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '199.36.153.4/30', '199.36.153.8/30', '224.0.0.0/4', '255.255.255.255/32']);
const GKE_RANGE_FIELDS = [['nodeCidr', 'node range (the subnetwork\'s primary range)', GCP_PROHIBITED], ['podCidr', 'pod range (a secondary range of the subnetwork)', GCP_PROHIBITED], ['serviceCidr', 'Service range (a secondary range of the subnetwork)', GCP_PROHIBITED]] as const;
const [TEN_LOW_15, TEN_LOW_16, ONE_SEVENTY_TWO_31, BENCHMARK_198_19] = parseAll(['10.0.0.0/15', '10.0.0.0/16', '172.31.0.0/16', '198.19.0.0/16']);

export function checkProviderRules(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (!isRecord(c.network)) return;
  if (c.cloud === 'aws') checkEksPodRange(p, path, c.network);
  if (c.cloud === 'azure') checkReservedRanges(p, path, c.network, 'AKS', AKS_RANGE_FIELDS);
  if (c.cloud === 'gcp') checkReservedRanges(p, path, c.network, 'Compute Engine', GKE_RANGE_FIELDS);
  if (typeof c.network.serviceCidr !== 'string') return;
  const given = c.network.serviceCidr;
  const cidr = parseCidr(given);
  if (typeof cidr === 'string') return;
  // hashicorp/terraform-provider-aws internal/service/eks/validate.go validateIPv4CIDRPrivateRange (kubernetes_network_config.service_ipv4_cidr)
  if (c.cloud === 'aws' && !RFC1918.some((r) => within(cidr, r))) {
    p.add(`${path}.network.serviceCidr`, 'EKS takes a Service range inside a private (RFC 1918) block', given, 'a range within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
  }
}

/** Refuses a cluster's range that overlaps a range its cloud reserves for that field (AKS_RANGE_FIELDS, GKE_RANGE_FIELDS), at its field. */
function checkReservedRanges(p: Problems, path: string, network: Readonly<Record<string, unknown>>, refuser: string, fields: readonly (readonly [string, string, readonly Cidr[]])[]): void {
  for (const [field, what, reservedRanges] of fields) {
    const given = network[field];
    const cidr = typeof given === 'string' ? parseCidr(given) : undefined;
    if (cidr === undefined || typeof cidr === 'string') continue;
    const reserved = reservedRanges.filter((r) => overlaps(cidr, r));
    if (reserved.length > 0) {
      p.add(`${path}.network.${field}`, `${refuser} does not accept a ${what} that overlaps ${reserved.map((r) => r.text).join(' or ')}`, given, `a range outside ${reservedRanges.map((r) => r.text).join(', ')}`);
    }
  }
}

/**
 * An EKS cluster's pod range is its VPC's second range (lib/infra/aws-network.ts), and EC2 refuses to add
 * some ranges beside the primary one (`nodeCidr`) at AssociateVpcCidrBlock, after the VPC exists: the
 * table "IPv4 CIDR block association restrictions" of the Amazon VPC User Guide (vpc-cidr-blocks.html
 * #add-cidr-block-restrictions). Returns why AWS refuses `pod` beside `node`, or undefined.
 */
export function eksPodRangeRestriction(node: Cidr, pod: Cidr): string | undefined {
  const nodeBlock = RFC1918.find((r) => within(node, r));
  const podBlock = RFC1918.find((r) => within(pod, r));
  if (within(node, BENCHMARK_198_19)) return podBlock ? `is in ${podBlock.text}: a VPC on 198.19.0.0/16 adds no RFC 1918 range` : undefined;
  if (within(pod, BENCHMARK_198_19)) return 'is in 198.19.0.0/16, which AWS does not add to a VPC whose primary range is outside it';
  if (!nodeBlock) return podBlock ? `is in ${podBlock.text}, but nodeCidr is not in an RFC 1918 block: such a VPC adds no RFC 1918 range` : undefined;
  if (podBlock && podBlock !== nodeBlock) return `is in ${podBlock.text}, another RFC 1918 block than nodeCidr's (${nodeBlock.text})`;
  if (within(node, TEN_LOW_15) && within(pod, TEN_LOW_16)) return 'is in 10.0.0.0/16, which a VPC with a range in 10.0.0.0/15 cannot add';
  if (within(pod, ONE_SEVENTY_TWO_31)) return 'is in 172.31.0.0/16, which a VPC in 172.16.0.0/12 cannot add';
  return undefined;
}

function checkEksPodRange(p: Problems, path: string, network: Readonly<Record<string, unknown>>): void {
  if (typeof network.nodeCidr !== 'string' || typeof network.podCidr !== 'string') return;
  const node = parseCidr(network.nodeCidr);
  const pod = parseCidr(network.podCidr);
  if (typeof node === 'string' || typeof pod === 'string') return;
  const restriction = eksPodRangeRestriction(node, pod);
  if (!restriction) return;
  const nodeBlock = RFC1918.find((r) => within(node, r));
  p.add(
    `${path}.network.podCidr`,
    `AWS would refuse to add it to the VPC as its pod range (the VPC's second range, beside nodeCidr ${node.text}): it ${restriction}`,
    network.podCidr,
    `a range in 100.64.0.0/10 (AWS adds it beside any primary range), or ${nodeBlock ? `one of nodeCidr's block ${nodeBlock.text} that AWS does not restrict` : 'a public range'}`,
  );
}
