import { Cidr, overlaps, parseCidr } from './cidr';
import { isRecord, Problems } from './problems';

/*
 * `clusters[].apiAccess`: who may reach a cluster's Kubernetes API over the internet. Private by
 * default; public only to the ranges listed (plus, for workload clusters, the management cluster's
 * egress addresses, which the stacks add from its Terraform outputs).
 */

/** The whole internet: allowed only when the fleet says so in as many words. */
export const WHOLE_INTERNET = '0.0.0.0/0';

// Special-purpose IPv4 blocks that can never be the source of a request to a public endpoint
// (IANA IPv4 Special-Purpose Address Registry, RFC 6890). EKS refuses them in publicAccessCidrs
// ("The block cannot include reserved addresses": EKS User Guide, cluster-endpoint). The
// documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) are left out: EKS's own
// examples use them.
const NOT_PUBLIC: readonly { readonly cidr: Cidr; readonly what: string }[] = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'shared address space (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
].map(([text, what]) => ({ cidr: parseCidr(text) as Cidr, what }));



/** Problems with one cluster's `apiAccess` (and the `publicEndpoint` it replaces). */
export function checkApiAccess(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (c.publicEndpoint !== undefined) {
    const migration = c.publicEndpoint === false
      ? 'remove it: the API is private unless apiAccess.publicCidrs says otherwise'
      : 'remove it and list who may reach the API: apiAccess: { publicCidrs: ["203.0.113.0/24"] } (or ["0.0.0.0/0"] with allowWholeInternet: true)';
    p.add(`${path}.publicEndpoint`, 'replaced by apiAccess: a public endpoint is now open only to the ranges listed there (and, on workload clusters, to the management cluster\'s egress addresses)', c.publicEndpoint, migration);
  }
  const access = c.apiAccess;
  if (access === undefined) return;
  const at = `${path}.apiAccess`;
  if (!isRecord(access)) {
    p.add(at, 'must be an object', access, '{ publicCidrs?: string[], allowWholeInternet?: boolean }');
    return;
  }
  // Unknown keys are reported, with a suggestion, by the fleet's unknown-field check (unknown-fields.ts).
  const allowAll = access.allowWholeInternet;
  if (allowAll !== undefined && typeof allowAll !== 'boolean') p.add(`${at}.allowWholeInternet`, 'must be a boolean', allowAll, 'true or false');
  const cidrs = access.publicCidrs;
  if (cidrs === undefined) {
    if (allowAll === true) p.add(`${at}.allowWholeInternet`, `only applies to "${WHOLE_INTERNET}" in publicCidrs, and there is none`, allowAll, `publicCidrs: ["${WHOLE_INTERNET}"], or leave allowWholeInternet out`);
    return;
  }
  if (!Array.isArray(cidrs)) {
    p.add(`${at}.publicCidrs`, 'must be a list of IPv4 ranges', cidrs, 'e.g. ["203.0.113.0/24"]');
    return;
  }
  const seen = new Set<string>();
  // A `for` over indices: a hole in the list is reported, never skipped.
  for (let i = 0; i < cidrs.length; i++) {
    const value: unknown = cidrs[i];
    const at_i = `${at}.publicCidrs[${i}]`;
    const cidr = typeof value === 'string' ? parseCidr(value) : 'must be a string';
    if (typeof cidr === 'string') {
      p.add(at_i, `invalid CIDR: ${cidr}`, value, 'an IPv4 range like 203.0.113.0/24');
      continue;
    }
    if (seen.has(cidr.text)) p.add(at_i, 'listed twice', value, 'each range once');
    seen.add(cidr.text);
    if (cidr.text === WHOLE_INTERNET) {
      if (allowAll !== true) p.add(at_i, 'opens the API to the whole internet', value, `specific ranges, or set apiAccess.allowWholeInternet: true to mean it`);
      continue;
    }
    const reserved = NOT_PUBLIC.find((r) => overlaps(r.cidr, cidr));
    if (reserved) p.add(at_i, `includes ${reserved.what} addresses (${reserved.cidr.text}), which never reach a public endpoint`, value, 'public IPv4 ranges; inside the cluster\'s network the API is reachable privately anyway');
  }
  if (allowAll === true && !seen.has(WHOLE_INTERNET)) p.add(`${at}.allowWholeInternet`, `only applies to "${WHOLE_INTERNET}" in publicCidrs, and there is none`, allowAll, `publicCidrs: ["${WHOLE_INTERNET}"], or leave allowWholeInternet out`);
}
