import { Cidr, parseCidr } from './cidr';
import { Cloud, CLOUDS } from './cluster';
import { asText } from './fleet-error';
import { isRecord, Problems } from './problems';

/**
 * `network.controlPlaneCidr`: the /28 of a GKE control plane with private nodes. Required on GKE
 * (the stack opens this range to the nodes for admission webhooks, so it must be known, not chosen
 * by Google), refused elsewhere. Returns it for the fleet-wide overlap check.
 */
export function checkControlPlaneRange(p: Problems, path: string, c: Readonly<Record<string, unknown>>): { path: string; cidr: Cidr }[] {
  const network = c.network;
  if (!isRecord(network)) return [];
  const at = `${path}.network.controlPlaneCidr`;
  const value = network.controlPlaneCidr;
  if (c.cloud !== 'gcp') {
    // An unknown cloud is reported at .cloud: whether this field belongs cannot be told.
    if (value !== undefined && CLOUDS.includes(c.cloud as Cloud)) p.add(at, 'only applies to GKE clusters', value, `leave it out for a ${asText(c.cloud)} cluster`);
    return [];
  }
  if (value === undefined) {
    p.add(at, 'required for a GKE cluster: the /28 its control plane uses (private nodes), part of the fleet\'s address plan', value, 'a /28 no other range in the fleet overlaps, e.g. "172.16.0.0/28"');
    return [];
  }
  const cidr = typeof value === 'string' ? parseCidr(value) : 'must be a string';
  if (typeof cidr === 'string') {
    p.add(at, `invalid CIDR: ${cidr}`, value, 'an IPv4 /28 like 172.16.0.0/28');
    return [];
  }
  // hashicorp/terraform-provider-google google/services/container/resource_container_cluster.go master_ipv4_cidr_block: IsCIDRNetwork(28, 28)
  if (cidr.prefix !== 28) {
    p.add(at, `GKE takes a /28 for the control plane, not a /${cidr.prefix}`, value, 'a /28, e.g. "172.16.0.0/28"');
    return [];
  }
  return [{ path: at, cidr }];
}
