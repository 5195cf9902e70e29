import { networkName, Problem, ResolvedCluster, ResolvedFleet } from '../../fleet';
import type { AddonStack, FleetAddon } from '../addon';
import { appliedLinks, INTERCONNECT_LINKS_OUTPUT } from './applied-links';
import { AwsVpnGateway } from './aws-vpn-gateway';
import { AzureVpnGateway } from './azure-vpn-gateway';
import { GcpHaVpnGateway } from './gcp-ha-vpn-gateway';
import { buildInterconnectStack } from './interconnect-stack';
import { azureVpnGatewayName, azureVpnIpName, gcpVpnGatewayName, gcpVpnRouterName } from './names';
import { fakeNetworkFacts, INTERCONNECT_OUTPUT, interconnectOutputNames, NetworkFacts, readNetworkFacts } from './network-facts';
import { InterconnectSettings } from './settings';
import { CLOUD_PAIRS, InterconnectMember, InterconnectPlan, planInterconnect, tunnelRanges } from './tunnel-plan';
import { interconnectProblems } from './validate-interconnect';

export * from './applied-links';
export * from './asn';
export * from './aws-azure-link';
export * from './aws-gcp-link';
export * from './aws-vpn-connections';
export * from './aws-vpn-gateway';
export * from './azure-gateway-sku';
export * from './azure-gcp-link';
export * from './azure-vpn-gateway';
export * from './bgp-routes';
export * from './gcp-ha-vpn-gateway';
export * from './interconnect-stack';
export * from './link-ends';
export * from './names';
export * from './network-facts';
export * from './settings';
export * from './tunnel-plan';
export * from './tunnel-secret';
export * from './validate-interconnect';

/** The stack of a cloud pair's links. */
export const interconnectStackName = (pair: string): string => `interconnect-${pair}`;

function members(fleet: ResolvedFleet, settings: InterconnectSettings): InterconnectMember[] {
  return fleet.clusters.filter((c) => settings.clusters[c.name]).map((c) => ({ cluster: c.name, cloud: c.cloud, asn: settings.clusters[c.name].asn }));
}

/**
 * `platform.interconnect`: every cluster network listed gets a VPN gateway in its own stack (with
 * the outputs the pair stacks read), and every pair of clouds gets a stack `interconnect-<pair>`
 * holding both ends of each link between the pair's networks, once both gateways exist.
 */
export function interconnect(settings: unknown): FleetAddon {
  const s = settings as InterconnectSettings;
  const planOf = (fleet: ResolvedFleet): InterconnectPlan => planInterconnect(members(fleet, s), tunnelRanges(s.tunnelRanges));
  return {
    name: 'interconnect',
    validate: (fleet) => interconnectProblems(fleet),
    fakeOutputs: ({ fleet }) => {
      const links = planOf(fleet).links;
      return {
        clusters: Object.fromEntries(fleet.clusters.flatMap((c, i) => (s.clusters[c.name] ? [[c.name, fakeNetworkFacts(c, i + 1)]] : []))),
        stacks: Object.fromEntries(CLOUD_PAIRS.flatMap((pair) => {
          const names = links.filter((l) => l.pair === pair).map((l) => l.name);
          // One made-up id per link: what matters is that the link is listed.
          return names.length > 0 ? [[interconnectStackName(pair), { [INTERCONNECT_LINKS_OUTPUT]: Object.fromEntries(names.map((n) => [n, [`applied-${n}`]])) }]] : [];
        })),
      };
    },

    // Each link is a private path between its two ends, ready once its pair stack lists it as applied.
    privatePaths(ctx) {
      const me = ctx.cluster.name;
      if (!s.clusters[me]) return [];
      return planOf(ctx.fleet).links.filter((l) => l.ends.some((e) => e.cluster === me)).map((l) => ({
        peer: l.ends.find((e) => e.cluster !== me)!.cluster,
        ready: appliedLinks(ctx.stackOutputs.get(interconnectStackName(l.pair)))?.has(l.name) ?? false,
      }));
    },

    clusterStack(scope, ctx) {
      const entry = s.clusters[ctx.cluster.name];
      if (!entry) return;
      const { cluster, infra } = ctx;
      switch (infra.cloud) {
        case 'aws': {
          const vpn = new AwsVpnGateway(scope, 'vpn-gateway', {
            name: networkName(cluster),
            vpcId: infra.network.vpc.id,
            asn: entry.asn,
            routeTableIds: infra.network.privateRouteTables.map((t) => t.id),
          });
          ctx.addOutput(INTERCONNECT_OUTPUT.awsVpnGatewayId, vpn.gateway.id);
          return;
        }
        case 'gcp': {
          // The Azure gateways and the AWS virtual private gateways pass routes learned from one BGP peer on
          // to the others (Azure: vpn-gateway-bgp-overview, "transit routing"; AWS: VPN CloudHub), so this
          // network also learns each AWS or Azure peer's ranges through the third cloud, on a longer AS path.
          // In the default LEGACY mode Google's route control plane does not compare AS paths across Cloud
          // Router tasks and keeps the lowest MED, which a transit route from Azure (no MED) can win over
          // the direct route from AWS (MED 100/200); STANDARD compares AS paths over every route of the
          // network, so the direct link wins (cloud.google.com/network-connectivity/docs/router/concepts/learned-routes,
          // "Best path selection"). Updated in place: not ForceNew (hashicorp/google 6.50.0 resource_compute_network.go).
          infra.network.network.bgpBestPathSelectionMode = 'STANDARD';
          const vpn = new GcpHaVpnGateway(scope, 'vpn-gateway', {
            name: gcpVpnGatewayName(cluster.name),
            routerName: gcpVpnRouterName(cluster.name),
            network: infra.network.network.id,
            region: cluster.region,
            asn: entry.asn,
            // The router's default for its sessions. Each link's BGP peers (in the pair stack) add the
            // pod range (gcpPeerAdvertisement), so that a link is applied only with it.
            advertisedRanges: [cluster.network.nodeCidr],
          });
          ctx.addOutput(INTERCONNECT_OUTPUT.gcpVpnGateway, vpn.gateway.selfLink);
          ctx.addOutput(INTERCONNECT_OUTPUT.gcpRouter, vpn.router.name);
          ctx.addOutput(INTERCONNECT_OUTPUT.gcpInterfaceIp0, vpn.gateway.vpnInterfaces.get(0).ipAddress);
          ctx.addOutput(INTERCONNECT_OUTPUT.gcpInterfaceIp1, vpn.gateway.vpnInterfaces.get(1).ipAddress);
          return;
        }
        case 'azure': {
          const gatewaySubnetCidr = entry.gatewaySubnetCidr!;
          // The node subnet takes all of nodeCidr: the GatewaySubnet gets a second address range of the VNet.
          const vnet = infra.network.virtualNetwork;
          vnet.addressSpace = [...(vnet.addressSpaceInput ?? [cluster.network.nodeCidr]).filter((r) => r !== gatewaySubnetCidr), gatewaySubnetCidr];
          const tunnels = planOf(ctx.fleet).links.filter((l) => l.ends.some((e) => e.cluster === cluster.name)).flatMap((l) => l.tunnels.map((t) => ({ pair: l.pair, t })));
          // AWS tunnel k and GCP tunnel k reach instance ⌊k / 2⌋ and k respectively (see the link constructs).
          const instanceOf = (pair: string, k: number) => (pair === 'azure-gcp' ? k : Math.floor(k / 2));
          const apipa = ([0, 1] as const).map((i) => tunnels.filter(({ pair, t }) => instanceOf(pair, t.index) === i).map(({ t }) => t.address.azure!)) as [string[], string[]];
          const vpn = new AzureVpnGateway(scope, 'vpn-gateway', {
            name: azureVpnGatewayName(cluster.name),
            publicIpNames: [azureVpnIpName(cluster.name, 0), azureVpnIpName(cluster.name, 1)],
            resourceGroupName: infra.network.resourceGroup.name,
            location: cluster.region,
            virtualNetworkName: vnet.name,
            gatewaySubnetCidr,
            zones: cluster.zones,
            asn: entry.asn,
            apipaAddresses: apipa,
          });
          ctx.addOutput(INTERCONNECT_OUTPUT.azureVpnGatewayId, vpn.gateway.id);
          ctx.addOutput(INTERCONNECT_OUTPUT.azureInstanceIp0, vpn.publicIps[0].ipAddress);
          ctx.addOutput(INTERCONNECT_OUTPUT.azureInstanceIp1, vpn.publicIps[1].ipAddress);
          return;
        }
      }
    },

    stacks(ctx) {
      const plan = planOf(ctx.fleet);
      const clusters = new Map<string, ResolvedCluster>(ctx.fleet.clusters.map((c) => [c.name, c]));
      const facts = new Map<string, NetworkFacts>();
      const awsAccountId = members(ctx.fleet, s).map((m) => clusters.get(m.cluster)!).find((c) => c.cloud === 'aws' && c.accountId)?.accountId;
      const problems: Problem[] = [];
      for (const m of members(ctx.fleet, s)) {
        const f = readNetworkFacts(clusters.get(m.cluster)!, ctx.outputs.get(m.cluster), problems);
        if (f) facts.set(m.cluster, f);
      }
      const stacks: AddonStack[] = [];
      for (const pair of CLOUD_PAIRS) {
        const name = interconnectStackName(pair);
        const links = plan.links.filter((l) => l.pair === pair);
        const ready = links.filter((l) => l.ends.every((e) => facts.has(e.cluster)));
        for (const link of links.filter((l) => !ready.includes(l))) {
          const missing = link.ends.filter((e) => !facts.has(e.cluster));
          ctx.holdBack(
            `link ${link.name} (${link.tunnels.length} tunnels) of stack ${name}`,
            missing.map((e) => `terraform-outputs/${e.cluster}.json with ${interconnectOutputNames(e.cloud).join(', ')} (apply stack ${e.cluster})`).join('; '),
          );
        }
        if (ready.length === 0) continue;
        // Malformed values are reported here, once; privatePaths reads them as not applied.
        const applied = appliedLinks(ctx.stackOutputs.get(name), { file: `terraform-outputs/${name}.json`, problems });
        for (const link of ready.filter((l) => !applied?.has(l.name))) {
          ctx.holdBack(
            `mesh traffic between ${link.ends[0].cluster} and ${link.ends[1].cluster} over link ${link.name} (through the public east-west gateways until then)`,
            `terraform-outputs/${name}.json listing ${link.name} in ${INTERCONNECT_LINKS_OUTPUT} (apply stack ${name}, save its terraform output -json)`,
          );
        }
        stacks.push({ name, build: (stack) => buildInterconnectStack(stack, { fleetName: ctx.fleet.name, stackName: name, links: ready, clusters, facts, ...(awsAccountId ? { awsAccountId } : {}) }) });
      }
      problems.forEach((p) => ctx.problem(p));
      return stacks;
    },

    // A link its pair stack does not list as applied carries no mesh traffic yet (privatePaths: not
    // ready), so the diagram says the traffic takes the public east-west gateways, as synth's held-back list does.
    diagram(ctx) {
      return {
        links: planOf(ctx.fleet).links.map((l) => ({
          from: l.ends[0].cluster,
          to: l.ends[1].cluster,
          label: `VPN, ${l.tunnels.length} tunnels, BGP AS${l.ends[0].asn}-AS${l.ends[1].asn}${appliedLinks(ctx.stackOutputs.get(interconnectStackName(l.pair)))?.has(l.name) ? '' : ', not applied yet: mesh traffic over the public east-west gateways'}`,
          kind: 'interconnect' as const,
        })),
      };
    },
  };
}

