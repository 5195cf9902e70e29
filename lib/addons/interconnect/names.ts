import { asText, Cloud, CloudNameRuleId, DerivedCloudName, networkName, resourceGroupName } from '../../fleet';
import { cloudPair, TUNNELS_PER_LINK } from './tunnel-plan';

/*
 * Names of the interconnect's cloud resources, built from cluster names, in one place: the cluster
 * stacks create the gateways under them, the pair stacks refer to them, validation checks them against the naming table.
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every cloud name the interconnect emits for the fleet as written (its GCP and Azure gateways,
 * routers, tunnels, local network gateways and connections: AWS's are only Name tags), each checked
 * against the naming table (lib/fleet/cloud-names.ts) at the entry of the cluster whose cloud holds
 * it, `platform.interconnect.clusters[<cluster>]`: a link's names carry both ends' cluster names.
 */
export function interconnectCloudNames(fleet: Readonly<Record<string, unknown>>): DerivedCloudName[] {
  const settings = isRecord(fleet.platform) && isRecord(fleet.platform.interconnect) ? fleet.platform.interconnect : undefined;
  if (!settings || !isRecord(settings.clusters)) return [];
  const byName = new Map<string, Record<string, unknown>>();
  for (const c of Array.isArray(fleet.clusters) ? fleet.clusters : []) if (isRecord(c) && typeof c.name === 'string') byName.set(c.name, c);
  const members = Object.keys(settings.clusters)
    .sort()
    .flatMap((name) => {
      const c = byName.get(name);
      return c && ['aws', 'gcp', 'azure'].includes(c.cloud as string) ? [{ name, cloud: c.cloud as Cloud, c }] : [];
    });
  const names: DerivedCloudName[] = [];
  for (const m of members) {
    const path = `platform.interconnect.clusters[${m.name}]`;
    const add = (rule: CloudNameRuleId, value: string, scope: string) => names.push({ rule, value, path, scope });
    const peers = members.filter((o) => o.cloud !== m.cloud);
    const tunnels = (peer: { cloud: Cloud }) => Array.from({ length: TUNNELS_PER_LINK[cloudPair(m.cloud, peer.cloud)!] }, (_, k) => k);
    if (m.cloud === 'gcp') {
      const project = `gcp:${asText(m.c.project)}`;
      const region = `${project}:${asText(m.c.region)}`;
      const router = gcpVpnRouterName(m.name);
      add('gcpComputeName', gcpVpnGatewayName(m.name), `${region}:vpn-gateway`);
      add('gcpComputeName', router, `${region}:router`);
      for (const p of peers) {
        add('gcpComputeName', `${m.name}-${p.name}`, `${project}:external-vpn-gateway`);
        for (const k of tunnels(p)) {
          // The tunnel's router interface and BGP peer (on `router`) take the tunnel's name.
          add('gcpComputeName', gcpTunnelName(m.name, p.name, k), `${region}:vpn-tunnel`);
        }
      }
    }
    if (m.cloud === 'azure') {
      const subscription = `azure:${typeof m.c.subscriptionId === 'string' ? m.c.subscriptionId : "(the pipeline's subscription)"}`;
      const group = `${subscription}:${resourceGroupName({ name: m.name }).toLowerCase()}`;
      add('azureVirtualNetworkGatewayName', azureVpnGatewayName(m.name), group);
      for (const i of [0, 1]) add('azurePublicIpName', azureVpnIpName(m.name, i), group);
      add('azureSubnetName', AZURE_GATEWAY_SUBNET, `${group}:${networkName({ name: m.name })}`);
      for (const p of peers) {
        for (const k of tunnels(p)) {
          add('azureLocalNetworkGatewayName', azureTunnelName(m.name, p.name, k), group);
          add('azureVpnConnectionName', azureTunnelName(m.name, p.name, k), group);
        }
      }
    }
  }
  return names;
}
