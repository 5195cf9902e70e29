import { Cloud, Problem, show } from '../../fleet';
import { GLOBAL_DNS_OUTPUT, IngressAddresses } from './ingress-outputs';

/**
 * An EKS member keeps the zones its ingress NLB was created with. The in-tree service controller
 * gives an NLB its subnets and Elastic IPs only when it creates it, one EIP per public subnet it finds
 * then (kubernetes/cloud-provider-aws pkg/providers/v1/aws_loadbalancer.go ensureLoadBalancerv2:
 * "Subnets cannot be modified on NLBs"). An added zone's EIP would stay unattached, its health check
 * failing (Route 53 leaves it out, global-dns-records.ts): a zone that never serves; a removed zone's public subnet
 * and EIP could not be deleted while the NLB holds them. The member's last apply exported one allocation
 * id per zone, and the zones: a fleet with other zones is a zone edit under a live NLB.
 */
export function eksMemberZonesProblem(cluster: { readonly name: string; readonly cloud: Cloud; readonly zones: readonly string[] }, addresses: IngressAddresses): Problem | undefined {
  const applied = addresses.allocationIds?.length;
  if (cluster.cloud !== 'aws' || applied === undefined) return undefined;
  // The applied zones themselves when the stack exported them (a zone swapped for another keeps the
  // count); only their number from a stack applied before that.
  const zones = addresses.zones;
  const same = zones ? zones.length === cluster.zones.length && zones.every((z) => cluster.zones.includes(z)) : applied === cluster.zones.length;
  if (same) return undefined;
  const was = zones ? `the zones ${zones.join(', ')}` : `the ${applied} zones`;
  return {
    path: `clusters[${cluster.name}].zones`,
    message: `an EKS cluster serving a global endpoint keeps the zones of its ingress NLB, which has an Elastic IP in each of ${was} it was created in (terraform-outputs/${cluster.name}.json: ${zones ? GLOBAL_DNS_OUTPUT.ingressZones : GLOBAL_DNS_OUTPUT.eipAllocations}); the in-tree service controller never changes an NLB's subnets, so an added zone's address would reach nothing (its health check fails, and Route 53 leaves it out of the answers), and a removed zone's subnet and address could not be deleted`,
    given: show(cluster.zones),
    allowed: `${zones ? show(zones) : `${applied} zones`}, as applied; or take ${cluster.name} out of platform.globalDns first (synth, apply: its gateway and NLB go), then change its zones (a zone its control plane was created in stays: eks_control_plane_zones) and add it back`,
  };
}
