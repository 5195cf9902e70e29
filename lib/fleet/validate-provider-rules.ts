import { Cidr, overlaps, parseCidr } from './cidr';
import { isRecord, Problems } from './problems';

/*
 * Provider validators that reject a fleet field at `terraform validate`, checked here instead, at
 * the field. (Names have their own table: lib/fleet/cloud-names.ts.)
 */

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((t) => parseCidr(t) as Cidr);
const within = (inner: Cidr, outer: Cidr) => overlaps(inner, outer) && inner.prefix >= outer.prefix;

export function checkProviderRules(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (c.cloud !== 'aws' || !isRecord(c.network) || typeof c.network.serviceCidr !== 'string') return;
  const cidr = parseCidr(c.network.serviceCidr);
  // hashicorp/terraform-provider-aws internal/service/eks/validate.go validateIPv4CIDRPrivateRange (kubernetes_network_config.service_ipv4_cidr)
  if (typeof cidr !== 'string' && !RFC1918.some((r) => within(cidr, r))) {
    p.add(`${path}.network.serviceCidr`, 'EKS takes a Service range inside a private (RFC 1918) block', c.network.serviceCidr, 'a range within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
  }
}
