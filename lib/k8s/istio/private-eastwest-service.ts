import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Cloud } from '../../fleet';
import { IGNORE_HEALTH, SYNC_WAVE, syncWave } from '../argocd/sync-wave';
import { PropsCheck } from '../props-check';
import { EASTWEST_GATEWAY_LABELS, EASTWEST_PORTS } from './istio-installation';
import { PRIVATE_EASTWEST_SERVICE } from './mesh-networks';
import { ISTIO_NAMESPACE } from './istio-version';

/** The annotations that make each cloud's service controller build an internal load balancer. */
export function internalLoadBalancerAnnotations(cloud: Cloud): Record<string, string> {
  switch (cloud) {
    case 'aws':
      // The EKS in-tree service controller (no AWS Load Balancer Controller installed): an NLB in the
      // subnets tagged kubernetes.io/role/internal-elb, and node security group rules for
      // loadBalancerSourceRanges (kubernetes/cloud-provider-aws pkg/providers/v1/aws.go:
      // ServiceAnnotationLoadBalancerInternal, findELBSubnets, updateInstanceSecurityGroupsForNLB).
      return { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb', 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' };
    case 'gcp':
      // An internal passthrough Network Load Balancer in the node subnet; GKE's firewall rule admits
      // loadBalancerSourceRanges (cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters).
      // Tunnels end in the cluster's region, so no global access is needed.
      return { 'networking.gke.io/load-balancer-type': 'Internal' };
    case 'azure':
      // cloud-provider-azure: a frontend on the internal load balancer in the node subnet, NSG allow
      // rules for loadBalancerSourceRanges (learn.microsoft.com/azure/aks/internal-lb). Allow rules
      // alone restrict nothing here: the NSG's default AllowVnetInBound admits the VirtualNetwork tag,
      // which takes in every prefix learned through the VPN gateway; the deny rule for every other
      // source comes only with this annotation (kubernetes-sigs/cloud-provider-azure
      // pkg/provider/loadbalancer/accesscontrol.go DenyAllExceptSourceRanges; pkg/consts/consts.go). That
      // rule's destination is the frontend address (floating IP on, the default: pkg/provider/azure_loadbalancer.go
      // reconcileSecurityGroup, v1.35.8), so the load balancer's probes, sent to the nodes' own addresses, still pass.
      return { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges': 'true' };
  }
}

export interface PrivateEastWestServiceProps {
  readonly cloud: Cloud;
  /** The ranges the peers' mesh traffic comes from (their node ranges, and GKE peers' pod ranges). */
  readonly sourceRanges: readonly string[];
  /** Labels of the east-west gateway pods. @default EASTWEST_GATEWAY_LABELS */
  readonly selector?: Readonly<Record<string, string>>;
}

/**
 * A second Service for the east-west gateway's pods, on an internal load balancer that only the
 * peers across the interconnect may reach: the gateway istiod names for them (see mesh-networks.ts).
 * The same ports as the public one.
 */
export class PrivateEastWestService extends Construct {
  constructor(scope: Construct, id: string, props: PrivateEastWestServiceProps) {
    super(scope, id);
    new PropsCheck('PrivateEastWestService')
      .check('sourceRanges', props.sourceRanges.length > 0, 'must name at least one range: with none, the load balancer admits every address', props.sourceRanges, 'the peers\' CIDR ranges')
      .done();
    new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: PRIVATE_EASTWEST_SERVICE,
        namespace: ISTIO_NAMESPACE,
        // Not `istio: eastwestgateway`: the ServiceMonitor istio-eastwestgateway selects Services by it and
        // would scrape every gateway pod twice. Nor the network label (see mesh-networks.ts).
        labels: { app: EASTWEST_GATEWAY_LABELS.app },
        // Last in its folder, and out of the folder Application's health: an internal load balancer the
        // cloud never builds must not hold what its cluster's root applies after the folder (sync-wave.ts).
        annotations: { ...internalLoadBalancerAnnotations(props.cloud), ...syncWave(SYNC_WAVE.loadBalancers), ...IGNORE_HEALTH },
      },
      spec: {
        type: 'LoadBalancer',
        selector: { ...(props.selector ?? EASTWEST_GATEWAY_LABELS) },
        // The public Service's ports (the chart's). No internal load balancer's health check needs 15021:
        // with externalTrafficPolicy Cluster (the chart's default) an NLB checks each target group's own
        // node port over TCP (kubernetes/cloud-provider-aws v1.35.2 pkg/providers/v1/aws.go
        // buildNLBHealthCheckConfiguration), AKS probes each port's node port over TCP (no appProtocol:
        // kubernetes-sigs/cloud-provider-azure v1.35.8 pkg/provider/azure_loadbalancer_healthprobe.go), and
        // GKE every node's 10256/healthz (cloud-provider-gcp providers/gce GetNodesHealthCheckPort, as
        // kubernetes/ingress-gce pkg/l4/healthchecks/healthchecksl4.go uses it).
        ports: EASTWEST_PORTS.map((p) => ({ ...p, protocol: 'TCP' })),
        loadBalancerSourceRanges: [...props.sourceRanges],
      },
    });
  }
}
