import { ResolvedCluster } from '../fleet';
import { ISTIO_CHART_REPO } from '../k8s/istio/istio-version';
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
 * (lib/k8s/cluster-chart.ts): three rules per range. The global DNS ingress gateway (Istio's `gateway` chart
 * through Argo CD, lib/addons/global-dns/ingress-gateway.ts) is an NLB open to 0.0.0.0/0 on the chart's three
 * TCP ports: three rules and one ICMP rule, its health checks covered by the client rules. A security group takes 60 inbound rules unless
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

/**
 * The Service ports of Istio's `gateway` chart when its values set none: status-port 15021, http2 80 and
 * https 443, all TCP (istio 1.30.3 manifests/charts/gateway/values.yaml `service.ports`).
 */
const GATEWAY_CHART_SERVICE_PORTS: readonly { readonly protocol: string }[] = [{ protocol: 'TCP' }, { protocol: 'TCP' }, { protocol: 'TCP' }];

interface GatewayApplication {
  readonly kind?: string;
  readonly spec?: {
    readonly destination?: { readonly name?: string };
    readonly source?: { readonly repoURL?: string; readonly chart?: string; readonly helm?: { readonly releaseName?: string; readonly valuesObject?: { readonly name?: string; readonly service?: Record<string, unknown> } } };
  };
}

/**
 * The LoadBalancer Service an Argo CD Application of Istio's `gateway` chart has Argo CD make, from its values
 * over the chart's defaults (templates/service.yaml: type LoadBalancer, the values' ports, annotations,
 * loadBalancerSourceRanges and externalTrafficPolicy), and the cluster it goes to (`destination.name`; none:
 * the management cluster's own, `server: https://kubernetes.default.svc`); undefined for any other object.
 */
function gatewayChartService(object: unknown): { readonly destination?: string; readonly service: ServiceObject } | undefined {
  const app = object as GatewayApplication;
  const source = app.spec?.source;
  if (app.kind !== 'Application' || source?.chart !== 'gateway' || source.repoURL !== ISTIO_CHART_REPO) return undefined;
  const values = source.helm?.valuesObject ?? {};
  const service = (values.service ?? {}) as ServiceObject['spec'] & { readonly annotations?: Record<string, string> };
  return {
    destination: app.spec?.destination?.name,
    service: {
      kind: 'Service',
      metadata: { name: values.name ?? source.helm?.releaseName, annotations: service.annotations },
      spec: { type: service.type ?? 'LoadBalancer', ports: service.ports ?? GATEWAY_CHART_SERVICE_PORTS, loadBalancerSourceRanges: service.loadBalancerSourceRanges, externalTrafficPolicy: service.externalTrafficPolicy },
    },
  };
}

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

/**
 * The rules `object`, rendered in `cluster`'s folder, takes on an EKS cluster's security group: an in-tree NLB
 * Service of that cluster, or an Application of Istio's `gateway` chart whose Service is one, on its destination
 * (one of `clusters`; the Applications of every cluster are in the management cluster's folder).
 */
export function eksNlbRules(cluster: Pick<ResolvedCluster, 'name' | 'cloud' | 'zones'>, object: unknown, clusters: readonly Pick<ResolvedCluster, 'name' | 'cloud' | 'zones'>[] = [cluster]): EksNlbRules | undefined {
  const chart = gatewayChartService(object);
  const target = chart?.destination !== undefined ? clusters.find((c) => c.name === chart.destination) : cluster;
  const service = chart ? chart.service : (object as ServiceObject);
  if (target?.cloud !== 'aws' || !isInTreeNlb(service)) return undefined;
  return { cluster: target.name, service: String(service.metadata?.name), rules: nlbInboundRules(service, target.zones.length) };
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
        `your own load balancers' come on top), more than AWS's default quota of ${DEFAULT_SECURITY_GROUP_INBOUND_RULES} per security group: ` +
        raiseQuota('Amazon Virtual Private Cloud, "Inbound or outbound rules per security group", L-0EA8095F', 'the service controller cannot add the rules of the last load balancer it reconciles, and that gateway (the internal east-west or the global DNS ingress gateway) gets no address'),
    );
}
