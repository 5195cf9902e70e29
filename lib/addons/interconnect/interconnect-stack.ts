import { Construct } from 'constructs';
import { resourceGroupName, ResolvedCluster } from '../../fleet';
import type { TerraformProvider } from '../../infra/cdktf';
import { AwsProvider } from '../../infra/providers/aws';
import { AZURERM_REGISTRATIONS } from '../../infra/azurerm-registrations';
import { AzurermProvider } from '../../infra/providers/azurerm';
import { GoogleProvider } from '../../infra/providers/google';
import { RandomProvider } from '../../infra/providers/random';
import { AwsAzureLink } from './aws-azure-link';
import { AwsGcpLink } from './aws-gcp-link';
import { appliedLinksOutput } from './applied-links';
import { AzureGcpLink } from './azure-gcp-link';
import { advertisedRanges } from './bgp-routes';
import { AwsLinkEnd, AzureLinkEnd, GcpLinkEnd } from './link-ends';
import { NetworkFacts } from './network-facts';
import { endOn, LinkPlan } from './tunnel-plan';

export interface InterconnectStackProps {
  readonly fleetName: string;
  readonly stackName: string;
  /** The links of one cloud pair, each with both ends' gateways known. */
  readonly links: readonly LinkPlan[];
  readonly clusters: ReadonlyMap<string, ResolvedCluster>;
  readonly facts: ReadonlyMap<string, NetworkFacts>;
  /** The AWS account of the interconnect's AWS clusters, when one of them names it (validate-interconnect.ts: one account). */
  readonly awsAccountId?: string;
}

/**
 * The resources of an `interconnect-<pair>` stack: a provider per cluster (aliased by cluster name,
 * in the cluster's region, account, project or subscription), the random provider for the
 * pre-shared keys, and both ends of every link.
 */
export function buildInterconnectStack(stack: Construct, props: InterconnectStackProps): void {
  const tags = { managed_by: 'fleetsynth', fleet: props.fleetName, stack: props.stackName };
  new RandomProvider(stack, 'random');
  const providers = new Map<string, TerraformProvider>();
  const providerOf = (c: ResolvedCluster): TerraformProvider => {
    let p = providers.get(c.name);
    if (p) return p;
    const alias = c.name;
    switch (c.cloud) {
      case 'aws':
        // Every alias of a run uses the credentials the run has (none switches account without assume_role):
        // the interconnect's AWS clusters are in one account (validate-interconnect.ts), and each alias refuses
        // any other, a cluster naming none included, and while the cluster naming it is pending.
        p = new AwsProvider(stack, `aws-${c.name}`, { alias, region: c.region, defaultTags: [{ tags }], ...(props.awsAccountId ? { allowedAccountIds: [props.awsAccountId] } : {}) });
        break;
      case 'gcp':
        p = new GoogleProvider(stack, `google-${c.name}`, { alias, project: c.project, region: c.region, defaultLabels: tags });
        break;
      case 'azure':
        // The registrations the cluster's own stack states (so nothing to register here, and no legacy set).
        p = new AzurermProvider(stack, `azurerm-${c.name}`, { alias, features: [{}], ...(c.subscriptionId ? { subscriptionId: c.subscriptionId } : {}), ...AZURERM_REGISTRATIONS });
        break;
    }
    providers.set(c.name, p);
    return p;
  };
  const cluster = (name: string) => props.clusters.get(name)!;
  const aws = (link: LinkPlan): AwsLinkEnd => {
    const m = endOn(link, 'aws');
    const f = props.facts.get(m.cluster) as Extract<NetworkFacts, { cloud: 'aws' }>;
    return { cluster: m.cluster, asn: m.asn, vpnGatewayId: f.vpnGatewayId, provider: providerOf(cluster(m.cluster)) };
  };
  const gcp = (link: LinkPlan): GcpLinkEnd => {
    const m = endOn(link, 'gcp');
    const c = cluster(m.cluster);
    const f = props.facts.get(m.cluster) as Extract<NetworkFacts, { cloud: 'gcp' }>;
    return { cluster: m.cluster, asn: m.asn, project: c.project!, region: c.region, vpnGateway: f.vpnGateway, router: f.router, interfaceIps: f.interfaceIps, advertisedRanges: advertisedRanges('gcp', c.network), provider: providerOf(c) };
  };
  const azure = (link: LinkPlan): AzureLinkEnd => {
    const m = endOn(link, 'azure');
    const c = cluster(m.cluster);
    const f = props.facts.get(m.cluster) as Extract<NetworkFacts, { cloud: 'azure' }>;
    return { cluster: m.cluster, asn: m.asn, resourceGroupName: resourceGroupName(c), location: c.region, vpnGatewayId: f.vpnGatewayId, instanceIps: f.instanceIps, provider: providerOf(c) };
  };
  const built: Construct[] = [];
  for (const link of props.links) {
    switch (link.pair) {
      case 'aws-gcp':
        built.push(new AwsGcpLink(stack, link.name, { aws: aws(link), gcp: gcp(link), tunnels: link.tunnels }));
        break;
      case 'aws-azure':
        built.push(new AwsAzureLink(stack, link.name, { aws: aws(link), azure: azure(link), tunnels: link.tunnels }));
        break;
      case 'azure-gcp':
        built.push(new AzureGcpLink(stack, link.name, { azure: azure(link), gcp: gcp(link), tunnels: link.tunnels }));
        break;
    }
  }
  appliedLinksOutput(stack, props.links.map((l, i) => ({ name: l.name, scope: built[i] })));
}
