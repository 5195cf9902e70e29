import { Cloud, ClusterOutputs, Problem, stringOutput } from '../../fleet';

/*
 * The handoff between a cluster's stack and the interconnect stacks: the cluster stack declares
 * these outputs (the gateway it created), the user's pipeline saves them with the rest of
 * `terraform output -json`, and the pair stacks read them back. None is secret.
 */

export const INTERCONNECT_OUTPUT = {
  /** AWS: the virtual private gateway attached to the VPC. */
  awsVpnGatewayId: 'interconnect_vpn_gateway_id',
  /** GCP: the HA VPN gateway (its self link), its Cloud Router, and the public IP of each interface. */
  gcpVpnGateway: 'interconnect_ha_vpn_gateway',
  gcpRouter: 'interconnect_router',
  gcpInterfaceIp0: 'interconnect_ha_vpn_ip_0',
  gcpInterfaceIp1: 'interconnect_ha_vpn_ip_1',
  /** Azure: the active-active VPN gateway and the public IP of each instance. */
  azureVpnGatewayId: 'interconnect_vpn_gateway_id',
  azureInstanceIp0: 'interconnect_vpn_gateway_ip_0',
  azureInstanceIp1: 'interconnect_vpn_gateway_ip_1',
} as const;

/** What a pair stack needs to know about one end's gateway. */
export type NetworkFacts =
  | { readonly cloud: 'aws'; readonly vpnGatewayId: string }
  | { readonly cloud: 'gcp'; readonly vpnGateway: string; readonly router: string; readonly interfaceIps: readonly [string, string] }
  | { readonly cloud: 'azure'; readonly vpnGatewayId: string; readonly instanceIps: readonly [string, string] };

const IPV4 = { test: /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, allowed: 'an IPv4 address' };
const AWS_VGW = { test: /^vgw-[0-9a-f]+$/, allowed: 'a virtual private gateway id, vgw-…' };
const GCP_GATEWAY = { test: /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[^/]+\/regions\/[^/]+\/vpnGateways\/[^/]+$/, allowed: 'the HA VPN gateway\'s self link, https://www.googleapis.com/compute/v1/projects/<project>/regions/<region>/vpnGateways/<name>' };
const GCP_NAME = { test: /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, allowed: 'a GCP resource name' };
const AZURE_GATEWAY = { test: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworkGateways\/[^/]+$/i, allowed: '/subscriptions/…/providers/Microsoft.Network/virtualNetworkGateways/<name>' };

/**
 * A cluster's gateway facts from its Terraform outputs, or undefined while any is missing (the
 * stack was applied before the interconnect was turned on, or not at all). A value of the wrong
 * shape is a problem, never read as missing.
 */
export function readNetworkFacts(cluster: { name: string; cloud: Cloud }, outputs: ClusterOutputs | undefined, problems: Problem[]): NetworkFacts | undefined {
  const values = outputs?.values;
  const file = `terraform-outputs/${cluster.name}.json`;
  const read = (name: string, pattern: { test: RegExp; allowed: string }) => stringOutput(values, name, file, problems, pattern);
  switch (cluster.cloud) {
    case 'aws': {
      const vpnGatewayId = read(INTERCONNECT_OUTPUT.awsVpnGatewayId, AWS_VGW);
      return vpnGatewayId ? { cloud: 'aws', vpnGatewayId } : undefined;
    }
    case 'gcp': {
      const [vpnGateway, router, ip0, ip1] = [
        read(INTERCONNECT_OUTPUT.gcpVpnGateway, GCP_GATEWAY),
        read(INTERCONNECT_OUTPUT.gcpRouter, GCP_NAME),
        read(INTERCONNECT_OUTPUT.gcpInterfaceIp0, IPV4),
        read(INTERCONNECT_OUTPUT.gcpInterfaceIp1, IPV4),
      ];
      return vpnGateway && router && ip0 && ip1 ? { cloud: 'gcp', vpnGateway, router, interfaceIps: [ip0, ip1] } : undefined;
    }
    case 'azure': {
      const [vpnGatewayId, ip0, ip1] = [read(INTERCONNECT_OUTPUT.azureVpnGatewayId, AZURE_GATEWAY), read(INTERCONNECT_OUTPUT.azureInstanceIp0, IPV4), read(INTERCONNECT_OUTPUT.azureInstanceIp1, IPV4)];
      return vpnGatewayId && ip0 && ip1 ? { cloud: 'azure', vpnGatewayId, instanceIps: [ip0, ip1] } : undefined;
    }
  }
}

/** The outputs a cluster's stack declares for the interconnect, by cloud: what a pending message names. */
export function interconnectOutputNames(cloud: Cloud): string[] {
  switch (cloud) {
    case 'aws':
      return [INTERCONNECT_OUTPUT.awsVpnGatewayId];
    case 'gcp':
      return [INTERCONNECT_OUTPUT.gcpVpnGateway, INTERCONNECT_OUTPUT.gcpRouter, INTERCONNECT_OUTPUT.gcpInterfaceIp0, INTERCONNECT_OUTPUT.gcpInterfaceIp1];
    case 'azure':
      return [INTERCONNECT_OUTPUT.azureVpnGatewayId, INTERCONNECT_OUTPUT.azureInstanceIp0, INTERCONNECT_OUTPUT.azureInstanceIp1];
  }
}

/**
 * Well-formed values of these outputs for a cluster, as if its stack were applied (documentation
 * addresses of RFC 5737, ids in each cloud's shape); `n` numbers the cluster so no two collide.
 */
export function fakeNetworkFacts(cluster: { readonly name: string; readonly cloud: 'aws' | 'gcp' | 'azure'; readonly region: string; readonly project?: string }, n: number): Record<string, string> {
  switch (cluster.cloud) {
    case 'aws':
      return { [INTERCONNECT_OUTPUT.awsVpnGatewayId]: `vgw-0${n.toString(16)}a1b2c3d4e5f6a7b8` };
    case 'gcp':
      return {
        [INTERCONNECT_OUTPUT.gcpVpnGateway]: `https://www.googleapis.com/compute/v1/projects/${cluster.project}/regions/${cluster.region}/vpnGateways/${cluster.name}-net-vpn`,
        [INTERCONNECT_OUTPUT.gcpRouter]: `${cluster.name}-net-vpn-router`,
        [INTERCONNECT_OUTPUT.gcpInterfaceIp0]: `203.0.113.${(n * 10) % 250}`,
        [INTERCONNECT_OUTPUT.gcpInterfaceIp1]: `203.0.113.${(n * 10 + 1) % 250}`,
      };
    case 'azure':
      return {
        [INTERCONNECT_OUTPUT.azureVpnGatewayId]: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${cluster.name}-rg/providers/Microsoft.Network/virtualNetworkGateways/${cluster.name}-vpn`,
        [INTERCONNECT_OUTPUT.azureInstanceIp0]: `192.0.2.${(n * 10) % 250}`,
        [INTERCONNECT_OUTPUT.azureInstanceIp1]: `192.0.2.${(n * 10 + 1) % 250}`,
      };
  }
}
