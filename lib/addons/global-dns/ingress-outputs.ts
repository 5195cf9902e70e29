import { Cloud, ClusterOutputs, Problem, stringOutput } from '../../fleet';

/* The handoff from a member cluster's stack: its static ingress addresses. None is secret. */

export const GLOBAL_DNS_OUTPUT = {
  /** Comma-separated public IPv4 addresses of the ingress load balancer (AWS: one per zone). */
  ingressIps: 'global_dns_ingress_ips',
  /** AWS only: the Elastic IPs' allocation ids, comma-separated, in the same order. */
  eipAllocations: 'global_dns_ingress_eip_allocations',
  /** AWS only: the zone of each Elastic IP, comma-separated, in the same order (absent from stacks applied before it). */
  ingressZones: 'global_dns_ingress_zones',
} as const;

export interface IngressAddresses {
  readonly ips: readonly string[];
  /** AWS only. */
  readonly allocationIds?: readonly string[];
  /** AWS only, when the stack's last apply exported them: the zone of each allocation. */
  readonly zones?: readonly string[];
}

const IPV4 = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}';
const IP_LIST = { test: new RegExp(`^${IPV4}(,${IPV4})*$`), allowed: 'IPv4 addresses separated by ","' };
const ALLOCATION_LIST = { test: /^eipalloc-[0-9a-f]+(,eipalloc-[0-9a-f]+)*$/, allowed: 'Elastic IP allocation ids separated by ","' };
const ZONE_LIST = { test: /^[a-z]{2}(-[a-z]+)+-\d[a-z](,[a-z]{2}(-[a-z]+)+-\d[a-z])*$/, allowed: 'AWS zone names separated by ","' };

/** The outputs a member's stack declares, by cloud: what a pending message names. */
export function ingressOutputNames(cloud: Cloud): string[] {
  return cloud === 'aws' ? [GLOBAL_DNS_OUTPUT.ingressIps, GLOBAL_DNS_OUTPUT.eipAllocations] : [GLOBAL_DNS_OUTPUT.ingressIps];
}

/** A member's ingress addresses from its Terraform outputs, or undefined while missing; a malformed value is a problem. */
export function readIngressAddresses(cluster: { name: string; cloud: Cloud }, outputs: ClusterOutputs | undefined, problems: Problem[]): IngressAddresses | undefined {
  const file = `terraform-outputs/${cluster.name}.json`;
  const ips = stringOutput(outputs?.values, GLOBAL_DNS_OUTPUT.ingressIps, file, problems, IP_LIST);
  if (cluster.cloud !== 'aws') return ips ? { ips: ips.split(',') } : undefined;
  const allocations = stringOutput(outputs?.values, GLOBAL_DNS_OUTPUT.eipAllocations, file, problems, ALLOCATION_LIST);
  if (!ips || !allocations) return undefined;
  if (ips.split(',').length !== allocations.split(',').length) {
    problems.push({ path: `${file}: ${GLOBAL_DNS_OUTPUT.eipAllocations}.value`, message: `one allocation id per address of ${GLOBAL_DNS_OUTPUT.ingressIps}`, given: allocations, allowed: `${ips.split(',').length} ids` });
    return undefined;
  }
  // Optional: a stack applied before fleetsynth exported it has none until its next apply.
  const zones = stringOutput(outputs?.values, GLOBAL_DNS_OUTPUT.ingressZones, file, problems, ZONE_LIST);
  return { ips: ips.split(','), allocationIds: allocations.split(','), ...(zones ? { zones: zones.split(',') } : {}) };
}

/** Well-formed values of these outputs for a member, as if its stack were applied (RFC 5737 addresses; AWS: one per zone). */
export function fakeIngressOutputs(cluster: { readonly cloud: Cloud; readonly zones: readonly string[] }, n: number): Record<string, string> {
  const net = { aws: '198.51.100', gcp: '203.0.113', azure: '192.0.2' }[cluster.cloud];
  if (cluster.cloud !== 'aws') return { [GLOBAL_DNS_OUTPUT.ingressIps]: `${net}.${(n * 10 + 5) % 250}` };
  const zones = cluster.zones.map((_, z) => z);
  return {
    [GLOBAL_DNS_OUTPUT.ingressIps]: zones.map((z) => `${net}.${(n * 10 + z) % 250}`).join(','),
    [GLOBAL_DNS_OUTPUT.eipAllocations]: zones.map((z) => `eipalloc-0${n.toString(16)}${z}b2c3d4e5f6a7b8`).join(','),
    [GLOBAL_DNS_OUTPUT.ingressZones]: cluster.zones.join(','),
  };
}
