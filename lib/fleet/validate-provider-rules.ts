import { Cidr, overlaps, parseCidr } from './cidr';
import { isRecord, Problems } from './problems';

/*
 * Provider validators that reject a fleet field at `terraform validate`, and cloud rules that reject
 * it at create, checked here instead, at the field. (Names have their own table: lib/fleet/cloud-names.ts.)
 */

const parseAll = (texts: string[]) => texts.map((t) => parseCidr(t) as Cidr);
const RFC1918 = parseAll(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
// learn.microsoft.com/azure/aks/azure-cni-overview, Prerequisites: "AKS clusters can't use 169.254.0.0/16,
// 172.30.0.0/16, 172.31.0.0/16, or 192.0.2.0/24 for the Kubernetes service address range, …". The pod range
// is left alone: the rule is stated for Azure CNI node subnet; the overlay page (azure-cni-overlay.md) does not repeat it.
const AKS_RESERVED = parseAll(['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24']);
const within = (inner: Cidr, outer: Cidr) => overlaps(inner, outer) && inner.prefix >= outer.prefix;

export function checkProviderRules(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (!isRecord(c.network) || typeof c.network.serviceCidr !== 'string') return;
  const given = c.network.serviceCidr;
  const cidr = parseCidr(given);
  if (typeof cidr === 'string') return;
  // hashicorp/terraform-provider-aws internal/service/eks/validate.go validateIPv4CIDRPrivateRange (kubernetes_network_config.service_ipv4_cidr)
  if (c.cloud === 'aws' && !RFC1918.some((r) => within(cidr, r))) {
    p.add(`${path}.network.serviceCidr`, 'EKS takes a Service range inside a private (RFC 1918) block', given, 'a range within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
  }
  const reserved = c.cloud === 'azure' ? AKS_RESERVED.filter((r) => overlaps(cidr, r)) : [];
  if (reserved.length > 0) {
    p.add(`${path}.network.serviceCidr`, `AKS does not accept a Service range that overlaps ${reserved.map((r) => r.text).join(' or ')}`, given, `a range outside ${AKS_RESERVED.map((r) => r.text).join(', ')}`);
  }
}
