import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { ISTIO_CHART_REPO, ISTIO_VERSION } from '../../k8s/istio/istio-version';
import { gatewayAvailability } from '../../k8s/istio/istio-installation';

/** Where the public ingress gateway runs: apart from the control plane, as Istio advises (istio.io/latest/docs/setup/additional-setup/gateway/). */
export const INGRESS_NAMESPACE = 'istio-ingress';
/** Labels of the ingress gateway's pods; the endpoints' Gateways select them. */
export const INGRESS_GATEWAY_LABELS: Readonly<Record<string, string>> = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

/** What binds the gateway's LoadBalancer Service to the cluster's static address, per cloud. */
export type IngressBinding =
  | { readonly cloud: 'aws'; readonly allocationIds: readonly string[] }
  | { readonly cloud: 'gcp'; readonly addressName: string }
  | { readonly cloud: 'azure'; readonly publicIpName: string; readonly resourceGroupName: string };

/** The Service annotations each cloud's load balancer integration reads to use a static address. */
export function ingressServiceAnnotations(binding: IngressBinding): Record<string, string> {
  switch (binding.cloud) {
    case 'aws':
      // The EKS in-tree service controller builds an NLB with these EIPs, one per subnet it discovers
      // (kubernetes/cloud-provider-aws pkg/providers/v1/aws_loadbalancer.go: ServiceAnnotationLoadBalancerEIPAllocations;
      // "Must have same number of EIP AllocationIDs and SubnetIDs"): no AWS Load Balancer Controller needed.
      // Cross-zone on, so that every EIP reaches every zone's targets: off (the controller's default, cloud-provider-aws
      // pkg/providers/v1/aws_loadbalancer.go reconcileLBAttributes), a zone's NLB node reaches only that zone's targets,
      // so a zone without a node is a dead address (docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html),
      // which Route 53 leaves out once its check fails (global-dns-records.ts): that zone's share of the capacity lost.
      return {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
        'service.beta.kubernetes.io/aws-load-balancer-eip-allocations': binding.allocationIds.join(','),
        'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
      };
    case 'gcp':
      // A backend-service-based external passthrough NLB on the reserved address, named
      // (kubernetes/ingress-gce pkg/address IPv4ToUse: the annotation before the deprecated spec.loadBalancerIP;
      // cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters).
      return {
        'cloud.google.com/l4-rbs': 'enabled',
        'networking.gke.io/load-balancer-ip-addresses': binding.addressName,
      };
    case 'azure':
      // cloud-provider-azure: a public IP by name, in a resource group other than the node resource group
      // (learn.microsoft.com/azure/aks/static-ip).
      return {
        'service.beta.kubernetes.io/azure-pip-name': binding.publicIpName,
        'service.beta.kubernetes.io/azure-load-balancer-resource-group': binding.resourceGroupName,
      };
  }
}

export interface IngressGatewayChartProps {
  readonly binding: IngressBinding;
  /** @default ISTIO_VERSION */
  readonly version?: string;
}

/**
 * Istio's `gateway` chart as the public ingress gateway of a cluster, in `istio-ingress`, its
 * LoadBalancer Service bound to the cluster's static address; installed in the gateways wave, after
 * istiod and the cluster's folder. Its Service exposes 80, 443 and the status port 15021 (the chart's defaults).
 */
export function ingressGatewayChart(props: IngressGatewayChartProps): PlatformChart {
  return {
    name: 'istio-ingress',
    namespace: INGRESS_NAMESPACE,
    repoURL: ISTIO_CHART_REPO,
    chart: 'gateway',
    version: props.version ?? ISTIO_VERSION,
    releaseName: 'istio-ingressgateway',
    values: {
      name: 'istio-ingressgateway',
      labels: { ...INGRESS_GATEWAY_LABELS },
      service: { annotations: ingressServiceAnnotations(props.binding) },
      // Every user connection that DNS sends to this cluster passes these pods: one pod would take the
      // member off the internet, and Route 53 would move its users, at each node drain.
      ...gatewayAvailability(INGRESS_GATEWAY_LABELS),
    },
    // No namespaceLabels: istio-ingress is a Namespace object of the member's bootstrap stage, with the network label.
    wave: SYNC_WAVE.gateways,
    // Namespaced only: Deployment, Service, ServiceAccount, Role, RoleBinding, HPA, PDB (istio/istio manifests/charts/gateway/templates).
    contents: { crds: [], loadBalancerService: true },
  };
}

