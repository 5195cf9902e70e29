import { ResolvedCluster } from '../fleet';
import { raiseQuota } from './quota-tally';

/*
 * An EKS managed node group's nodes have one security group, the cluster security group (EKS User
 * Guide, sec-group-reqs.html), and the in-tree service controller (no AWS Load Balancer Controller is
 * installed) opens each Network Load Balancer's way to the nodes there, one rule per address range and
 * port (kubernetes/cloud-provider-aws v1.35.2 pkg/providers/v1/aws_loadbalancer.go
 * updateInstanceSecurityGroupsForNLB):
 * - a rule per node port for each of `loadBalancerSourceRanges` (0.0.0.0/0 when none),
 * - one ICMP rule (fragmentation needed) per such range (updateInstanceSecurityGroupForNLBMTU),
 * - for the health checks, a rule per node port for each subnet of the load balancer, one per zone
 *   (left out only for a load balancer open to 0.0.0.0/0 over TCP).
 * The internal east-west gateway admits every linked peer's node range, and a GKE peer's pod range too
 * (lib/k8s/cluster-chart.ts): three rules per range. A security group takes 60 inbound rules unless
 * the account asked for more (Amazon VPC quotas, "Inbound or outbound rules per security group", 60,
 * adjustable). Past it the controller's AuthorizeSecurityGroupIngress fails, the Service gets no address,
 * and once a link is applied its peers' istiods have no gateway for this network: their mesh traffic
 * to it stops, while the plans and applies all succeed. Only AWS knows the account's quota, so synth
 * warns: it is not an error.
 */

/** AWS's default quota of inbound rules per security group. */
export const DEFAULT_SECURITY_GROUP_INBOUND_RULES = 60;

/**
 * Rules on the cluster security group besides the rendered load balancers': EKS's own (all traffic from
 * the group itself, sec-group-reqs.html) and the public east-west gateway's Classic Load Balancer (one
 * rule admitting its security group: aws.go updateInstanceSecurityGroupsForLoadBalancer).
 */
export const EKS_CLUSTER_SECURITY_GROUP_BASE_RULES = 2;

interface ServiceObject {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly annotations?: Record<string, string> };
  readonly spec?: { readonly type?: string; readonly ports?: readonly { readonly protocol?: string }[]; readonly loadBalancerSourceRanges?: readonly string[]; readonly externalTrafficPolicy?: string };
}

/** The inbound rules one in-tree NLB (instance targets) puts on the nodes' security group, in a cluster of `zones` zones. */
export function nlbInboundRules(service: ServiceObject, zones: number): number {
  const ports = service.spec?.ports?.length ?? 0;
  const ranges = service.spec?.loadBalancerSourceRanges?.length ? service.spec.loadBalancerSourceRanges : ['0.0.0.0/0'];
  const tcp = (service.spec?.ports ?? []).every((p) => (p.protocol ?? 'TCP') === 'TCP');
  // With externalTrafficPolicy Local the health checks go to the one health check node port.
  const healthPorts = service.spec?.externalTrafficPolicy === 'Local' ? 1 : ports;
  const openToAll = ranges.length === 1 && ranges[0] === '0.0.0.0/0' && tcp && healthPorts === ports;
  return ranges.length * ports + ranges.length + (openToAll ? 0 : healthPorts * zones);
}

const isInTreeNlb = (s: ServiceObject) =>
  s.kind === 'Service' &&
  s.spec?.type === 'LoadBalancer' &&
  s.metadata?.annotations?.['service.beta.kubernetes.io/aws-load-balancer-type'] === 'nlb' &&
  s.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] !== 'ip';

/** One warning per EKS cluster whose rendered Network Load Balancers, with the rules always there, need more inbound rules than the default quota. */
/** An in-tree NLB Service's rules on its EKS cluster's security group: found as the Service is rendered and kept with its file, as awsRegionalUses is (a synth whose units come from the cache reads no object). */
export interface EksNlbRules {
  readonly cluster: string;
  readonly service: string;
  readonly rules: number;
}

/** The rules `object` takes on `cluster`'s security group, when it is an in-tree NLB Service of an EKS cluster. */
export function eksNlbRules(cluster: Pick<ResolvedCluster, 'name' | 'cloud' | 'zones'>, object: unknown): EksNlbRules | undefined {
  const service = object as ServiceObject;
  if (cluster.cloud !== 'aws' || !isInTreeNlb(service)) return undefined;
  return { cluster: cluster.name, service: String(service.metadata?.name), rules: nlbInboundRules(service, cluster.zones.length) };
}

export function eksSecurityGroupRuleWarnings(files: readonly { readonly eksNlbRules?: EksNlbRules }[]): string[] {
  const perCluster = new Map<string, { rules: number; services: string[] }>();
  for (const { eksNlbRules: nlb } of files) {
    if (!nlb) continue;
    const tally = perCluster.get(nlb.cluster) ?? { rules: EKS_CLUSTER_SECURITY_GROUP_BASE_RULES, services: [] };
    tally.rules += nlb.rules;
    tally.services.push(`${nlb.service} ${nlb.rules}`);
    perCluster.set(nlb.cluster, tally);
  }
  return [...perCluster]
    .filter(([, t]) => t.rules > DEFAULT_SECURITY_GROUP_INBOUND_RULES)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, t]) =>
        `EKS cluster ${name}: its cluster security group needs ${t.rules} inbound rules (${t.services.join(', ')}, EKS's own and the public east-west gateway's ${EKS_CLUSTER_SECURITY_GROUP_BASE_RULES}; ` +
        `the global DNS ingress gateway's and your own load balancers' come on top), more than AWS's default quota of ${DEFAULT_SECURITY_GROUP_INBOUND_RULES} per security group: ` +
        raiseQuota('Amazon Virtual Private Cloud, "Inbound or outbound rules per security group", L-0EA8095F', 'the service controller cannot admit the peers and the internal east-west gateway gets no address'),
    );
}
