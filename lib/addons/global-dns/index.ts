import { networkName, Problem, resourceGroupName, ResolvedCluster, ResolvedFleet } from '../../fleet';
import { AwsProvider, DataAwsRoute53Zone } from '../../infra/providers/aws';
import { SYNC_WAVE, syncWave } from '../../k8s/argocd/sync-wave';
import { NETWORK_LABEL } from '../../k8s/istio/istio-version';
import { Namespace } from '../../k8s/plus';
import { CriticalPodsQuota } from '../../k8s/critical-pods';
import { Construct } from 'constructs';
import type { AddonContext, AddonStack, FleetAddon } from '../addon';
import { unservedBackends } from './backend-guard';
import { eksMemberZonesProblem } from './eks-member-zones';
import { GlobalDnsRecords } from './global-dns-records';
import { GlobalEndpointRoutes } from './global-endpoint-routes';
import { AwsIngressAddresses, AzureIngressAddress, GcpIngressAddress } from './ingress-addresses';
import { ingressAddressName } from './names';
import { IngressBinding, ingressGatewayChart, INGRESS_NAMESPACE } from './ingress-gateway';
import { fakeIngressOutputs, GLOBAL_DNS_OUTPUT, IngressAddresses, ingressOutputNames, readIngressAddresses } from './ingress-outputs';
import { GlobalDnsSettings, resolveGlobalEndpoint, ResolvedGlobalEndpoint } from './settings';
import { globalDnsProblems } from './validate-global-dns';

/**
 * The secrets service's stack (lib/addons/secrets), in an output exactly while it was on: its remote
 * secrets let every istiod, and so every member's ingress gateway, see the Services of every cluster.
 * A path, not an import: each add-on folder stands alone.
 */
const SECRETS_STACK_FILE = 'terraform/stacks/vault/cdk.tf.json';

export * from './eks-member-zones';
export * from './global-dns-records';
export * from './global-endpoint-routes';
export * from './ingress-addresses';
export * from './ingress-gateway';
export * from './ingress-outputs';
export * from './names';
export * from './settings';
export * from './validate-global-dns';

export const GLOBAL_DNS_STACK = 'global-dns';
/** Route 53 is a global service whose API lives in us-east-1. */
const ROUTE53_REGION = 'us-east-1';

/**
 * `platform.globalDns`: each member cluster gets a static ingress address (its own stack), Istio's
 * ingress gateway bound to it, and a Gateway + VirtualService per endpoint it serves; the
 * `global-dns` stack holds the Route 53 health checks and records, each member's once its addresses exist.
 */
export function globalDns(settings: unknown): FleetAddon {
  // Settings arrive unvalidated (validate() runs first, hooks only after it passed): resolve on first use.
  let resolved: ResolvedGlobalEndpoint[] | undefined;
  const endpointsOf = (): ResolvedGlobalEndpoint[] =>
    (resolved ??= (settings as GlobalDnsSettings).endpoints.map(resolveGlobalEndpoint).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  const servedBy = (cluster: string) => endpointsOf().filter((e) => e.members.some((m) => m.cluster === cluster));
  const addressesOf = (ctx: AddonContext, cluster: ResolvedCluster, problems: Problem[]): IngressAddresses | undefined => readIngressAddresses(cluster, ctx.outputs.get(cluster.name), problems);
  const waitingFor = (c: ResolvedCluster) => `terraform-outputs/${c.name}.json with ${ingressOutputNames(c.cloud).join(', ')} (apply stack ${c.name})`;

  return {
    name: 'global-dns',
    validate: (fleet) => globalDnsProblems(fleet),
    // An endpoint whose backend's namespace the edits (or a selection's) take from every cluster serving a member.
    guard: (ctx) =>
      unservedBackends(settings as GlobalDnsSettings, ctx.fleet.clusters.map((c) => c.name), { before: ctx.previousFiles.includes(SECRETS_STACK_FILE), after: ctx.addons.includes('secrets') }, ctx.previousFiles, ctx.files),
    fakeOutputs: ({ fleet }) => ({
      clusters: Object.fromEntries(fleet.clusters.flatMap((c, i) => (servedBy(c.name).length > 0 ? [[c.name, fakeIngressOutputs(c, i + 1)]] : []))),
    }),

    clusterStack(scope, ctx) {
      if (servedBy(ctx.cluster.name).length === 0) return;
      const { cluster, infra } = ctx;
      const name = ingressAddressName(cluster.name);
      switch (infra.cloud) {
        case 'aws': {
          const a = new AwsIngressAddresses(scope, 'ingress-address', { name, zones: cluster.zones });
          ctx.addOutput(GLOBAL_DNS_OUTPUT.ingressIps, a.ips);
          ctx.addOutput(GLOBAL_DNS_OUTPUT.eipAllocations, a.allocationIds);
          // The zones the NLB is made for, which it keeps (eks-member-zones.ts): the EIPs' zones, in their order.
          ctx.addOutput(GLOBAL_DNS_OUTPUT.ingressZones, cluster.zones.join(','));
          return;
        }
        case 'gcp': {
          const a = new GcpIngressAddress(scope, 'ingress-address', { name, region: cluster.region });
          ctx.addOutput(GLOBAL_DNS_OUTPUT.ingressIps, a.address.address);
          return;
        }
        case 'azure': {
          const a = new AzureIngressAddress(scope, 'ingress-address', {
            name,
            resourceGroupName: infra.network.resourceGroup.name,
            resourceGroupId: infra.network.resourceGroup.id,
            location: cluster.region,
            zones: cluster.zones,
            // AKS's cloud provider manages load balancers and their public IPs as the control plane's identity.
            clusterPrincipalId: infra.aks.controlPlaneIdentity.principalId,
          });
          ctx.addOutput(GLOBAL_DNS_OUTPUT.ingressIps, a.address.ipAddress);
          return;
        }
      }
    },

    charts(ctx) {
      const { cluster } = ctx;
      if (servedBy(cluster.name).length === 0) return [];
      const problems: Problem[] = [];
      const addresses = addressesOf(ctx, cluster, problems);
      const zones = addresses && eksMemberZonesProblem(cluster, addresses);
      if (zones) problems.push(zones);
      problems.forEach((p) => ctx.problem(p));
      if (!addresses) {
        ctx.holdBack(`Istio ingress gateway of ${cluster.name} (bound to its static address)`, waitingFor(cluster));
        return [];
      }
      const binding: IngressBinding =
        cluster.cloud === 'aws'
          ? { cloud: 'aws', allocationIds: addresses.allocationIds! }
          : cluster.cloud === 'gcp'
            ? { cloud: 'gcp', addressName: ingressAddressName(cluster.name) }
            : { cloud: 'azure', publicIpName: ingressAddressName(cluster.name), resourceGroupName: resourceGroupName(cluster) };
      return [ingressGatewayChart({ binding })];
    },

    bootstrapManifests(scope, { cluster }) {
      if (servedBy(cluster.name).length === 0) return;
      new Namespace(scope, 'IngressNamespace', { metadata: { name: INGRESS_NAMESPACE, labels: { [NETWORK_LABEL]: networkName(cluster) }, annotations: syncWave(SYNC_WAVE.namespaces) } });
      // Admits the gateway's pods at the platform's priority on GKE (critical-pods.ts), before its chart.
      new CriticalPodsQuota(scope, 'IngressCriticalPods', { namespace: INGRESS_NAMESPACE, syncWave: SYNC_WAVE.namespaces });
    },

    manifests(scope, { cluster }) {
      // Needs no address, so never held back: a pending member's wait unapplied (it has no Argo CD registration yet).
      for (const e of servedBy(cluster.name)) {
        new GlobalEndpointRoutes(scope, `endpoint-${e.name}`, { name: e.name, host: e.host, tlsSecretName: e.tlsSecretName, backend: e.backend });
      }
    },

    stacks(ctx) {
      const clusters = new Map(ctx.fleet.clusters.map((c) => [c.name, c]));
      const problems: Problem[] = [];
      const addresses = new Map<string, IngressAddresses>();
      const endpoints = endpointsOf();
      for (const name of new Set(endpoints.flatMap((e) => e.members.map((m) => m.cluster)))) {
        const a = addressesOf(ctx, clusters.get(name)!, problems);
        if (a) addresses.set(name, a);
      }
      problems.forEach((p) => ctx.problem(p));
      const ready: ResolvedGlobalEndpoint[] = [];
      for (const e of endpoints) {
        const pending = e.members.filter((m) => !addresses.has(m.cluster));
        if (pending.length === e.members.length) {
          ctx.holdBack(`Route 53 health checks and records of ${e.host} (stack ${GLOBAL_DNS_STACK})`, pending.map((m) => waitingFor(clusters.get(m.cluster)!)).join('; '));
          continue;
        }
        // Only a pending member's own checks and record wait: holding back the whole endpoint would make
        // the next apply delete the other members' live records. Route 53 takes any subset (GlobalDnsRecordsProps.members).
        for (const m of pending) ctx.holdBack(`Route 53 health checks and record of ${e.host} for ${m.cluster} (stack ${GLOBAL_DNS_STACK})`, waitingFor(clusters.get(m.cluster)!));
        ready.push(pending.length === 0 ? e : { ...e, members: e.members.filter((m) => addresses.has(m.cluster)) });
      }
      if (ready.length === 0) return [];
      const stack: AddonStack = {
        name: GLOBAL_DNS_STACK,
        build: (s) => buildGlobalDnsStack(s, ctx.fleet, ready, addresses),
      };
      return [stack];
    },

    diagram(ctx) {
      const endpoints = endpointsOf();
      const clusters = new Map(ctx.fleet.clusters.map((c) => [c.name, c]));
      // A member without its ingress addresses has no record in the global-dns stack (stacks(), above):
      // Route 53 answers with the other members alone. Problems with the outputs are stacks()'s to report.
      const inRoute53 = (cluster: string) => addressesOf(ctx, clusters.get(cluster)!, []) !== undefined;
      return {
        nodes: endpoints.map((e) => ({ id: e.name, label: `${e.host} (Route 53 ${e.policy})` })),
        links: endpoints.flatMap((e) =>
          e.members.map((m) => ({
            from: e.name,
            to: m.cluster,
            label: `${e.policy === 'failover' ? m.role! : `weight ${m.weight}`}${inRoute53(m.cluster) ? '' : ', no Route 53 record yet (no ingress address)'}`,
            kind: e.policy === 'failover' ? ('failover' as const) : ('traffic' as const),
          })),
        ),
      };
    },
  };
}

/** The `global-dns` stack: the AWS provider for Route 53, the zones, and each endpoint's health checks and records. */
function buildGlobalDnsStack(stack: Construct, fleet: ResolvedFleet, endpoints: readonly ResolvedGlobalEndpoint[], addresses: ReadonlyMap<string, IngressAddresses>): void {
  new AwsProvider(stack, 'aws', { region: ROUTE53_REGION, defaultTags: [{ tags: { managed_by: 'fleetsynth', fleet: fleet.name, stack: GLOBAL_DNS_STACK } }] });
  const zones = new Map<string, string>();
  const zoneIdOf = (e: ResolvedGlobalEndpoint): string => {
    if (e.zoneId) return e.zoneId;
    let id = zones.get(e.zone);
    if (!id) {
      id = new DataAwsRoute53Zone(stack, `zone-${e.zone}`, { name: e.zone, privateZone: false }).zoneId;
      zones.set(e.zone, id);
    }
    return id;
  };
  for (const e of endpoints) {
    new GlobalDnsRecords(stack, e.name, {
      name: e.name,
      host: e.host,
      zoneId: zoneIdOf(e),
      policy: e.policy,
      members: e.members.map((m) => ({ cluster: m.cluster, ips: addresses.get(m.cluster)!.ips, ...(m.role ? { role: m.role } : {}), ...(m.weight !== undefined ? { weight: m.weight } : {}) })),
      healthCheck: e.healthCheck,
      ttlSeconds: e.ttlSeconds,
    });
  }
}
