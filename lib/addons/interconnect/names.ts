import { Cloud, networkName } from '../../fleet';

/*
 * Names of the interconnect's cloud resources, built from cluster names, in one place: the cluster
 * stacks create the gateways under them, the pair stacks refer to them, validation checks their length.
 */

/** GCP: HA VPN gateway and the Cloud Router that runs its BGP sessions. */
export const gcpVpnGatewayName = (cluster: string): string => `${networkName({ name: cluster })}-vpn`;
export const gcpVpnRouterName = (cluster: string): string => `${networkName({ name: cluster })}-vpn-router`;
/** GCP: tunnel, router interface and BGP peer of tunnel `index` towards `peer`. */
export const gcpTunnelName = (cluster: string, peer: string, index: number): string => `${cluster}-${peer}-${index}`;
/** Azure: the VPN gateway and its two public IPs. */
export const azureVpnGatewayName = (cluster: string): string => `${cluster}-vpn`;
export const azureVpnIpName = (cluster: string, instance: number): string => `${cluster}-vpn-${instance}`;
/** The subnet name Azure requires for a VPN gateway (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings). */
export const AZURE_GATEWAY_SUBNET = 'GatewaySubnet';

/** Azure: local network gateway and connection of tunnel `index` towards `peer`. */
export const azureTunnelName = (cluster: string, peer: string, index: number): string => `${cluster}-${peer}-${index}`;

// GCP resource names: RFC 1035 labels of at most 63 characters (cloud.google.com/compute/docs/naming-resources).
const GCP_NAME_MAX = 63;
// Azure network resource names: 1-80 characters (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules, Microsoft.Network).
const AZURE_NAME_MAX = 80;

/** The longest name this add-on builds from two linked clusters' names, with the cloud's limit, when one is too long. */
export function linkNameProblem(cluster: { name: string; cloud: Cloud }, peer: string): { what: string; value: string; maxLength: number } | undefined {
  const names =
    cluster.cloud === 'gcp'
      ? [{ what: 'GCP VPN tunnel name', value: gcpTunnelName(cluster.name, peer, 3), maxLength: GCP_NAME_MAX }, { what: 'GCP Cloud Router name', value: gcpVpnRouterName(cluster.name), maxLength: GCP_NAME_MAX }]
      : cluster.cloud === 'azure'
        ? [{ what: 'Azure local network gateway name', value: azureTunnelName(cluster.name, peer, 3), maxLength: AZURE_NAME_MAX }]
        : [];
  return names.find((n) => n.value.length > n.maxLength);
}
