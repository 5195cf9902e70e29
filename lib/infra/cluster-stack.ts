import { Construct } from 'constructs';
import {
  aksControlPlaneIdentityName,
  aksEgressIpName,
  ClusterApiAccess,
  clusterApiAccess,
  ClusterOutputs,
  EGRESS_CIDRS_OUTPUT,
  eksAddonVersions,
  eksEbsCsiRoleName,
  eksSecretsKeyAlias,
  gkeWebhookFirewallName,
  HeldBack,
  managementCluster,
  ResolvedFleet,
  stackName,
  argocdControllerRoleName,
  argocdIdentityName,
  eksClusterRoleName,
  eksNodeRoleName,
  gkeNodeServiceAccountId,
  networkName,
  ResolvedCluster,
  resourceGroupName,
  TERRAFORM_OUTPUT,
} from '../fleet';
import { AksCluster } from './aks-cluster';
import { AwsNetwork } from './aws-network';
import { AzureNetwork } from './azure-network';
import { addStateBackend } from './backend';
import { Fn, TerraformOutput, TerraformResource, TerraformStack } from './cdktf';
import { EksCluster } from './eks-cluster';
import { GcpNetwork } from './gcp-network';
import { GcpProjectServices } from './gcp-project-services';
import { GkeCluster } from './gke-cluster';
import { AwsProvider } from './providers/aws';
import { AzurermProvider } from './providers/azurerm';
import { GoogleProvider } from './providers/google';

export interface ClusterStackProps {
  readonly cluster: ResolvedCluster;
  /** Fleet name, put on every resource as a tag / label. */
  readonly fleetName: string;
  /** The management cluster: on AWS, Argo CD's own role is named after it. */
  readonly management: Pick<ResolvedCluster, 'name'>;
  /**
   * The management cluster's OIDC issuer, from its Terraform outputs. GKE and AKS stacks federate
   * Argo CD's identity with it. @default unknown: no federation yet
   */
  readonly managementOidcIssuer?: string;
  /**
   * Who may reach the API's public endpoint (see `clusterApiAccess`: the fleet's ranges, plus on
   * workload clusters the management cluster's egress). @default private: nobody
   */
  readonly apiAccess?: ClusterApiAccess;
}

/** Handles of what a cluster stack created, per cloud: for add-ons that add to the stack (lib/addons). */
export type ClusterInfra =
  | { readonly cloud: 'aws'; readonly network: AwsNetwork; readonly eks: EksCluster }
  | { readonly cloud: 'gcp'; readonly network: GcpNetwork; readonly gke: GkeCluster }
  | { readonly cloud: 'azure'; readonly network: AzureNetwork; readonly aks: AksCluster };

interface ClusterFacts {
  readonly name: string;
  readonly endpoint: string;
  readonly caCertificate: string;
  readonly oidcIssuer: string;
  /** Workload clusters only: the identity Argo CD manages them as. */
  readonly argocdIdentity?: string;
  readonly tenantId?: string;
  /** Management cluster only: its static egress addresses as /32 ranges. */
  readonly egressCidrs?: string[];
}

/**
 * One Terraform stack, with its own state, per cluster: network, cluster, node pools, identities,
 * and the outputs the Kubernetes layer reads back (see lib/fleet/terraform-outputs.ts).
 */
export class ClusterStack extends TerraformStack {
  readonly infra: ClusterInfra;
  /** What the stack leaves out for now because a value it needs is not known yet. */
  readonly heldBack: readonly HeldBack[];

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id);
    const { cluster } = props;
    addStateBackend(this, cluster.stateBackend, cluster.name);
    requireTerraformVersion(this);
    const { facts, infra } = this.buildCluster(props);
    this.infra = infra;
    this.heldBack = props.apiAccess?.heldBack ? [props.apiAccess.heldBack] : [];
    // None of these is secret (the CA is a public certificate): plain outputs, readable with `terraform output -json`.
    const outputs: [string, string | undefined][] = [
      [TERRAFORM_OUTPUT.clusterName, facts.name],
      [TERRAFORM_OUTPUT.endpoint, facts.endpoint],
      [TERRAFORM_OUTPUT.caCertificate, facts.caCertificate],
      [TERRAFORM_OUTPUT.oidcIssuer, facts.oidcIssuer],
      [TERRAFORM_OUTPUT.argocdIdentity, facts.argocdIdentity],
      [TERRAFORM_OUTPUT.tenantId, facts.tenantId],
    ];
    for (const [name, value] of outputs) if (value !== undefined) new TerraformOutput(this, name, { value, staticId: true });
    if (facts.egressCidrs) new TerraformOutput(this, EGRESS_CIDRS_OUTPUT, { value: facts.egressCidrs, staticId: true });
  }

  private buildCluster({ cluster, fleetName, management, managementOidcIssuer, apiAccess }: ClusterStackProps): { facts: ClusterFacts; infra: ClusterInfra } {
    // Underscores: GCP label keys must not contain "-" in the provider's default_labels mapping.
    const tags = { managed_by: 'fleetsynth', fleet: fleetName, cluster: cluster.name };
    const federation = managementOidcIssuer ? { managementOidcIssuer } : {};
    // Argo CD manages its own (management) cluster in-cluster; only workload clusters get an identity for it.
    const workload = cluster.role === 'workload';
    const publicAccessCidrs = apiAccess?.publicCidrs ?? [];
    // The management cluster's egress must be static: every workload cluster's API admits it.
    const egressCidr = (address: string) => `${address}/32`;
    switch (cluster.cloud) {
      case 'aws': {
        new AwsProvider(this, 'aws', { region: cluster.region, defaultTags: [{ tags }], ...(cluster.accountId ? { allowedAccountIds: [cluster.accountId] } : {}) });
        const network = new AwsNetwork(this, 'network', { name: networkName(cluster), clusterName: cluster.name, cidr: cluster.network.nodeCidr, podCidr: cluster.network.podCidr, zones: cluster.zones });
        const eks = new EksCluster(this, 'eks', {
          clusterName: cluster.name,
          kubernetesVersion: cluster.kubernetesVersion,
          region: cluster.region,
          subnetIds: network.privateSubnets.map((s) => s.id),
          podSubnets: network.podSubnets.map((p) => ({ zone: p.zone, subnetId: p.subnet.id })),
          serviceCidr: cluster.network.serviceCidr,
          nodePools: cluster.nodePools,
          clusterRoleName: eksClusterRoleName(cluster),
          nodeRoleName: eksNodeRoleName(cluster),
          ebsCsiRoleName: eksEbsCsiRoleName(cluster),
          secretsKeyAlias: eksSecretsKeyAlias(cluster),
          addonVersions: eksAddonVersions(cluster.kubernetesVersion),
          publicAccessCidrs,
          ...(workload
            ? { argocdAccess: { roleName: argocdIdentityName(cluster), trustedRoleName: argocdControllerRoleName(management) } }
            : { argocdController: { roleName: argocdControllerRoleName(cluster) } }),
        });
        const facts = {
          name: eks.cluster.name,
          endpoint: eks.cluster.endpoint,
          caCertificate: eks.cluster.certificateAuthority.get(0).data,
          oidcIssuer: eks.cluster.identity.get(0).oidc.get(0).issuer,
          ...(eks.argocdRole ? { argocdIdentity: eks.argocdRole.arn } : {}),
          ...(workload ? {} : { egressCidrs: network.natIps.map((ip) => egressCidr(ip.publicIp)) }),
        };
        return { facts, infra: { cloud: 'aws', network, eks } };
      }
      case 'gcp': {
        new GoogleProvider(this, 'google', { project: cluster.project, region: cluster.region, defaultLabels: tags });
        const services = new GcpProjectServices(this, 'services', { project: cluster.project! });
        const network = new GcpNetwork(this, 'network', {
          name: networkName(cluster),
          region: cluster.region,
          nodeCidr: cluster.network.nodeCidr,
          podCidr: cluster.network.podCidr,
          serviceCidr: cluster.network.serviceCidr,
          // One reserved address per zone; at 64 ports per VM each serves about 1,000 nodes (cloud.google.com/nat/docs/ports-and-addresses).
          staticEgressAddresses: workload ? 0 : cluster.zones.length,
        });
        const gke = new GkeCluster(this, 'gke', {
          clusterName: cluster.name,
          project: cluster.project!,
          region: cluster.region,
          zones: cluster.zones,
          kubernetesVersion: cluster.kubernetesVersion,
          networkId: network.network.id,
          subnetworkId: network.subnetwork.id,
          nodePools: cluster.nodePools,
          controlPlaneCidr: cluster.network.controlPlaneCidr!,
          webhookFirewallName: gkeWebhookFirewallName(networkName(cluster)),
          publicAccessCidrs,
          ...(workload ? { argocdServiceAccountId: argocdIdentityName(cluster) } : {}),
          nodeServiceAccountId: gkeNodeServiceAccountId(cluster),
          ...federation,
        });
        const facts = {
          name: gke.cluster.name,
          endpoint: `https://${gke.cluster.endpoint}`,
          caCertificate: gke.cluster.masterAuth.clusterCaCertificate,
          oidcIssuer: `https://container.googleapis.com/v1/projects/${cluster.project}/locations/${cluster.region}/clusters/${cluster.name}`,
          ...(gke.argocdServiceAccount ? { argocdIdentity: gke.argocdServiceAccount.email } : {}),
          ...(workload ? {} : { egressCidrs: network.natAddresses.map((a) => egressCidr(a.address)) }),
        };
        // Every Google resource of the stack waits for the APIs it calls.
        dependOnAll([network, gke], services.services);
        return { facts, infra: { cloud: 'gcp', network, gke } };
      }
      case 'azure': {
        new AzurermProvider(this, 'azurerm', {
          features: [{}],
          ...(cluster.subscriptionId ? { subscriptionId: cluster.subscriptionId } : {}),
          // Registration of the subscription's resource providers, stated rather than left to the
          // provider's default ("legacy", overridable by ARM_RESOURCE_PROVIDER_REGISTRATIONS): the core
          // set (Network, Compute, ManagedIdentity, Authorization, …) plus AKS's. A provider-level setting,
          // not azurerm_resource_provider_registration: that resource fails when the provider is
          // already registered, and every AKS stack in a subscription would fight over one registration
          // (hashicorp/terraform-provider-azurerm internal/resourceproviders/required.go; provider.go).
          resourceProviderRegistrations: 'core',
          resourceProvidersToRegister: ['Microsoft.ContainerService'],
        });
        const network = new AzureNetwork(this, 'network', { name: networkName(cluster), resourceGroupName: resourceGroupName(cluster), location: cluster.region, nodeCidr: cluster.network.nodeCidr });
        const aks = new AksCluster(this, 'aks', {
          clusterName: cluster.name,
          resourceGroupName: network.resourceGroup.name,
          location: cluster.region,
          zones: cluster.zones,
          kubernetesVersion: cluster.kubernetesVersion,
          nodeSubnetId: network.nodeSubnet.id,
          podCidr: cluster.network.podCidr,
          serviceCidr: cluster.network.serviceCidr,
          nodePools: cluster.nodePools,
          controlPlaneIdentityName: aksControlPlaneIdentityName(cluster),
          // A workload cluster is always public (Argo CD reaches it from the management cluster's
          // egress); a management cluster only when the fleet lists ranges.
          apiAccess: workload || publicAccessCidrs.length > 0 ? { type: 'public', authorizedIpRanges: publicAccessCidrs } : { type: 'private' },
          ...(workload ? {} : { egressPublicIpName: aksEgressIpName(cluster) }),
          ...(workload ? { argocdIdentityName: argocdIdentityName(cluster) } : {}),
          ...federation,
        });
        const facts = {
          name: aks.cluster.name,
          // kube_config is sensitive as a whole; its host and public CA are not.
          endpoint: Fn.nonsensitive(aks.cluster.kubeConfig.get(0).host),
          caCertificate: Fn.nonsensitive(aks.cluster.kubeConfig.get(0).clusterCaCertificate),
          oidcIssuer: aks.cluster.oidcIssuerUrl,
          ...(aks.argocdIdentity ? { argocdIdentity: aks.argocdIdentity.clientId } : {}),
          tenantId: aks.tenantId,
          ...(aks.egressPublicIp ? { egressCidrs: [egressCidr(aks.egressPublicIp.ipAddress)] } : {}),
        };
        return { facts, infra: { cloud: 'azure', network, aks } };
      }
    }
  }
}

/** Terraform ≥ 1.10: S3-native state locking (`use_lockfile`). Every stack, cluster or fleet-wide, declares it. */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', '>= 1.10.0');
}

/** Adds `dependencies` to the depends_on of every resource under `scopes`. */
function dependOnAll(scopes: Construct[], dependencies: TerraformResource[]): void {
  for (const resource of scopes.flatMap((s) => s.node.findAll()).filter((c): c is TerraformResource => c instanceof TerraformResource)) {
    // depends_on takes bare references (`type.name`), not the `${…}` an fqn token renders to.
    resource.dependsOn = [...(resource.dependsOn ?? []), ...dependencies.map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`)];
  }
}

/**
 * The stack of one cluster of a fleet: federated with the management cluster, and its API open to
 * the management cluster's egress, once the management cluster's outputs are known.
 */
export function fleetClusterStack(scope: Construct, fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>): ClusterStack {
  const management = managementCluster(fleet);
  const managementOutputs = outputs.get(management.name);
  const issuer = managementOutputs?.oidcIssuer;
  const apiAccess = clusterApiAccess(cluster, management, managementOutputs);
  return new ClusterStack(scope, stackName(cluster), { cluster, fleetName: fleet.name, management, apiAccess, ...(issuer ? { managementOidcIssuer: issuer } : {}) });
}
