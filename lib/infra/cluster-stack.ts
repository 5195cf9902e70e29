import { Construct, IConstruct } from 'constructs';
import {
  ArgoCdControllerRole,
  argocdControllerRole,
  argocdIdentityName,
  ArgoCdTrust,
  argocdTrust,
  ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID,
  argocdWorkloadIdentityPoolId,
  aksControlPlaneIdentityName,
  aksEgressIpName,
  ClusterApiAccess,
  ApiClient,
  apiClients,
  clusterApiAccess,
  ClusterOutputs,
  EGRESS_CIDRS_OUTPUT,
  EKS_CONTROL_PLANE_ZONES_OUTPUT,
  eksAddonVersions,
  eksEbsCsiRoleName,
  eksSecretsKeyAlias,
  gkeWebhookFirewallName,
  HeldBack,
  trustedValue,
  ResolvedFleet,
  stackName,
  eksClusterRoleName,
  eksNodeRoleName,
  gkeNodeServiceAccountId,
  networkName,
  ResolvedCluster,
  resourceGroupName,
  TERRAFORM_OUTPUT,
} from '../fleet';
import { AksCluster } from './aks-cluster';
import { EksArgoCdAccess, EksArgoCdController } from './argocd-access/aws';
import { AksArgoCdAccess } from './argocd-access/azure';
import { GkeArgoCdAccess } from './argocd-access/gcp';
import { AwsNetwork } from './aws-network';
import { AzureNetwork } from './azure-network';
import { AZURERM_REGISTRATIONS } from './azurerm-registrations';
import { addStateBackend } from './backend';
import { Aspects, Fn, TerraformOutput, TerraformResource, TerraformStack } from './cdktf';
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
  /**
   * Argo CD's access, from lib/fleet/argocd-access.ts: on a workload cluster what its access trusts
   * (known once the management cluster's outputs exist), on an EKS management cluster with EKS
   * workloads Argo CD's own role. @default none: the stack holds no Argo CD access (it is held back)
   */
  readonly argocd?: { readonly trust?: ArgoCdTrust; readonly controller?: ArgoCdControllerRole };
  /**
   * Who may reach the API's public endpoint (see `clusterApiAccess`: the fleet's ranges, plus the
   * egress of every client of the API, plus its own once it has clients). @default private: nobody
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
  readonly tenantId?: string;
  /** Its static egress addresses as /32 ranges. */
  readonly egressCidrs: string[];
}

/**
 * One Terraform stack, with its own state, per cluster: network, cluster, node pools, identities,
 * and the outputs the Kubernetes layer reads back (see lib/fleet/terraform-outputs.ts).
 */
export class ClusterStack extends TerraformStack {
  readonly infra: ClusterInfra;
  private gcpServices?: GcpProjectServices;
  /** What the stack leaves out for now because a value it needs is not known yet. */
  readonly heldBack: readonly HeldBack[];

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id);
    const { cluster } = props;
    addStateBackend(this, cluster.stateBackend, cluster.name);
    requireTerraformVersion(this);
    const { facts, infra } = this.buildCluster(props);
    this.infra = infra;
    this.heldBack = props.apiAccess?.heldBack ?? [];
    const argocd = this.addArgoCdAccess(props, infra);
    // Every Google resource of the stack, Argo CD's access and the add-ons' included, waits for the APIs
    // it calls: an aspect, so that resources add-ons add after this constructor (the global DNS
    // ingress address) wait too. It runs when the stack is synthesized.
    if (this.gcpServices) {
      const services = this.gcpServices.services.filter(Boolean);
      Aspects.of(this).add({ visit: (node) => dependOnServices(node, services) });
    }
    // None of these is secret (the CA is a public certificate): plain outputs, readable with `terraform output -json`.
    const outputs: [string, string | undefined][] = [
      [TERRAFORM_OUTPUT.clusterName, facts.name],
      [TERRAFORM_OUTPUT.endpoint, facts.endpoint],
      [TERRAFORM_OUTPUT.caCertificate, facts.caCertificate],
      [TERRAFORM_OUTPUT.oidcIssuer, facts.oidcIssuer],
      [TERRAFORM_OUTPUT.tenantId, facts.tenantId],
      [TERRAFORM_OUTPUT.argocdIdentity, argocd.identity],
      [TERRAFORM_OUTPUT.argocdTrusts, argocd.trusts],
      [TERRAFORM_OUTPUT.gcpProjectNumber, argocd.projectNumber],
      [TERRAFORM_OUTPUT.argocdControllerRoleArn, argocd.controllerRoleArn],
    ];
    for (const [name, value] of outputs) if (value !== undefined) new TerraformOutput(this, name, { value, staticId: true });
    new TerraformOutput(this, EGRESS_CIDRS_OUTPUT, { value: facts.egressCidrs, staticId: true });
  }

  /**
   * Argo CD's access to this cluster (lib/infra/argocd-access), and the outputs the Kubernetes layer
   * reads back. Argo CD manages its own (management) cluster in-cluster: only workload clusters get an
   * access identity; an EKS management cluster gets Argo CD's own IRSA role when EKS workloads need it.
   */
  private addArgoCdAccess({ cluster, argocd }: ClusterStackProps, infra: ClusterInfra): { identity?: string; trusts?: string; projectNumber?: string; controllerRoleArn?: string } {
    const name = argocdIdentityName(cluster);
    if (argocd?.controller && infra.cloud === 'aws') {
      const controller = new EksArgoCdController(this, 'argocd-controller', { issuer: infra.eks.cluster.identity.get(0).oidc.get(0).issuer, oidcProviderArn: infra.eks.oidcProvider.arn, role: argocd.controller });
      return { controllerRoleArn: controller.role.arn };
    }
    const trust = cluster.role === 'workload' ? argocd?.trust : undefined;
    if (!trust) return {};
    const trusts = trustedValue(trust);
    switch (infra.cloud) {
      case 'aws': {
        const access = new EksArgoCdAccess(this, 'argocd-access', { clusterName: infra.eks.cluster.name, roleName: name, trust });
        return { identity: access.role.arn, trusts };
      }
      case 'gcp': {
        if (trust.kind !== 'oidc') throw new Error(`${cluster.name}: a GKE cluster is reached through the management cluster's issuer`);
        const access = new GkeArgoCdAccess(this, 'argocd-access', {
          clusterName: cluster.name,
          project: cluster.project!,
          cluster: infra.gke.cluster,
          serviceAccountId: name,
          poolId: argocdWorkloadIdentityPoolId(cluster),
          providerId: ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID,
          trust,
        });
        return { identity: access.serviceAccount.email, trusts, projectNumber: access.projectNumber };
      }
      case 'azure': {
        if (trust.kind !== 'oidc') throw new Error(`${cluster.name}: an AKS cluster is reached through the management cluster's issuer`);
        const access = new AksArgoCdAccess(this, 'argocd-access', {
          clusterId: infra.aks.cluster.id,
          resourceGroupName: infra.network.resourceGroup.name,
          location: cluster.region,
          identityName: name,
          trust,
        });
        return { identity: access.identity.clientId, trusts };
      }
    }
  }

  private buildCluster({ cluster, fleetName, apiAccess }: ClusterStackProps): { facts: ClusterFacts; infra: ClusterInfra } {
    // Underscores: GCP label keys must not contain "-" in the provider's default_labels mapping.
    const tags = { managed_by: 'fleetsynth', fleet: fleetName, cluster: cluster.name };
    // Argo CD manages its own (management) cluster in-cluster; a workload cluster's API admits the
    // management cluster's egress, and with the mesh every cluster's API admits every peer's.
    const workload = cluster.role === 'workload';
    const access = apiAccess ?? { publicCidrs: [], ownEgress: false, heldBack: [], egressOf: {} };
    // Every cluster's egress is static (NAT gateways' Elastic IPs, reserved Cloud NAT addresses, an
    // outbound public IP): it is what the APIs of the clusters it calls admit.
    const egressCidr = (address: string) => `${address}/32`;
    const withOwn = (own: string[]) => (access.ownEgress ? [...access.publicCidrs, ...own] : [...access.publicCidrs]);
    switch (cluster.cloud) {
      case 'aws': {
        new AwsProvider(this, 'aws', { region: cluster.region, defaultTags: [{ tags }], ...(cluster.accountId ? { allowedAccountIds: [cluster.accountId] } : {}) });
        const network = new AwsNetwork(this, 'network', { name: networkName(cluster), clusterName: cluster.name, cidr: cluster.network.nodeCidr, podCidr: cluster.network.podCidr, zones: cluster.zones });
        const eks = new EksCluster(this, 'eks', {
          clusterName: cluster.name,
          kubernetesVersion: cluster.kubernetesVersion,
          region: cluster.region,
          nodeSubnets: network.privateSubnets.map((s, i) => ({ zone: cluster.zones[i], subnetId: s.id })),
          podSubnets: network.podSubnets.map((p) => ({ zone: p.zone, subnetId: p.subnet.id })),
          serviceCidr: cluster.network.serviceCidr,
          nodePools: cluster.nodePools,
          clusterRoleName: eksClusterRoleName(cluster),
          nodeRoleName: eksNodeRoleName(cluster),
          ebsCsiRoleName: eksEbsCsiRoleName(cluster),
          secretsKeyAlias: eksSecretsKeyAlias(cluster),
          addonVersions: eksAddonVersions(cluster.kubernetesVersion),
          publicAccessCidrs: withOwn(network.natIps.map((ip) => egressCidr(ip.publicIp))),
          imageMirrors: cluster.imageMirrors,
        });
        // Read back by synth, which refuses removing a zone the control plane was created in (lib/synth/eks-control-plane-zones-guard.ts).
        new TerraformOutput(this, EKS_CONTROL_PLANE_ZONES_OUTPUT, { value: eks.controlPlaneZones, staticId: true });
        const facts = {
          name: eks.cluster.name,
          endpoint: eks.cluster.endpoint,
          caCertificate: eks.cluster.certificateAuthority.get(0).data,
          oidcIssuer: eks.cluster.identity.get(0).oidc.get(0).issuer,
          egressCidrs: network.natIps.map((ip) => egressCidr(ip.publicIp)),
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
          staticEgressAddresses: cluster.zones.length,
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
          publicAccessCidrs: withOwn(network.natAddresses.map((a) => egressCidr(a.address))),
          clientEgress: access.egressOf,
          nodeServiceAccountId: gkeNodeServiceAccountId(cluster),
          deletionProtection: cluster.deletionProtection,
        });
        const facts = {
          name: gke.cluster.name,
          endpoint: `https://${gke.cluster.endpoint}`,
          caCertificate: gke.cluster.masterAuth.clusterCaCertificate,
          oidcIssuer: `https://container.googleapis.com/v1/projects/${cluster.project}/locations/${cluster.region}/clusters/${cluster.name}`,
          egressCidrs: network.natAddresses.map((a) => egressCidr(a.address)),
        };
        this.gcpServices = services;
        return { facts, infra: { cloud: 'gcp', network, gke } };
      }
      case 'azure': {
        new AzurermProvider(this, 'azurerm', {
          features: [{}],
          ...(cluster.subscriptionId ? { subscriptionId: cluster.subscriptionId } : {}),
          ...AZURERM_REGISTRATIONS,
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
          ...(cluster.systemPool ? { systemPool: cluster.systemPool } : {}),
          controlPlaneIdentityName: aksControlPlaneIdentityName(cluster),
          // A cluster with clients is public (they reach it from their egress addresses): every
          // workload cluster (Argo CD) and, with the mesh, every cluster; a management cluster
          // without clients only when the fleet lists ranges. Never switched back and forth by
          // outputs arriving: which clusters are clients is known before anything is applied.
          apiAccess: workload || access.ownEgress || access.publicCidrs.length > 0 ? { type: 'public', authorizedIpRanges: [...access.publicCidrs], admitOwnEgress: access.ownEgress } : { type: 'private' },
          egressPublicIpName: aksEgressIpName(cluster),
        });
        const facts = {
          name: aks.cluster.name,
          // kube_config is sensitive as a whole; its host and public CA are not.
          endpoint: Fn.nonsensitive(aks.cluster.kubeConfig.get(0).host),
          caCertificate: Fn.nonsensitive(aks.cluster.kubeConfig.get(0).clusterCaCertificate),
          oidcIssuer: aks.cluster.oidcIssuerUrl,
          tenantId: aks.tenantId,
          egressCidrs: [egressCidr(aks.egressPublicIp.ipAddress)],
        };
        return { facts, infra: { cloud: 'azure', network, aks } };
      }
    }
  }
}

/**
 * The oldest Terraform the stacks are written for, whatever their backend:
 * - `s3`: every block sets `use_lockfile`, S3-native locking, generally available from 1.11.0; 1.10 had it
 *   as experimental, and 1.10.0 could not write the lock file to a bucket with S3 Object Lock (hashicorp/terraform
 *   v1.11.4 CHANGELOG.md, 1.11.0; v1.10.5 CHANGELOG.md, 1.10.1; v1.10.5 website/docs/language/backend/s3.mdx).
 * - `azurerm`: 1.11.0 and 1.11.1 read the storage account through Resource Manager (`GetProperties`) at every
 *   init, with Entra ID auth too (v1.11.1 internal/backend/remote-state/azure/api_client.go buildClient), so
 *   the identity the README gives (Storage Blob Data Owner on the container, a data-plane role) fails there;
 *   1.11.2 calls Resource Manager only to list the access keys (v1.11.2 api_client.go; CHANGELOG 1.11.2, #36595).
 * - `gcs`: bucket and prefix only, long-standing. Nothing else the stacks use is newer than 1.7 (`import` with `for_each`).
 */
export const TERRAFORM_MIN_VERSION = '1.11.2';

/** Every stack, cluster or fleet-wide, requires {@link TERRAFORM_MIN_VERSION}. */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', `>= ${TERRAFORM_MIN_VERSION}`);
}

/** Adds the project's API services to the depends_on of a Google resource (not one of them), once. */
function dependOnServices(node: IConstruct, services: readonly TerraformResource[]): void {
  if (!(node instanceof TerraformResource) || !node.terraformResourceType.startsWith('google_') || services.includes(node)) return;
  // depends_on takes bare references (`type.name`), not the `${…}` an fqn token renders to.
  const refs = services.map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`);
  const own = node.dependsOn ?? [];
  if (refs.every((r) => own.includes(r))) return;
  node.dependsOn = [...own, ...refs.filter((r) => !own.includes(r))];
}

/**
 * The stack of one cluster of a fleet. A workload cluster's Argo CD access is in it, and its API open
 * to the management cluster's egress, once the management cluster's outputs say what to trust and admit
 * (until then they are held back: lib/fleet/argocd-access.ts, lib/fleet/api-access.ts).
 */
export function fleetClusterStack(scope: Construct, fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>, clients: readonly ApiClient[] = apiClients(cluster, fleet.clusters, new Map())): ClusterStack {
  const apiAccess = clusterApiAccess(cluster, clients, outputs);
  let argocd: ClusterStackProps['argocd'];
  if (cluster.role === 'management') {
    const controller = argocdControllerRole(fleet);
    argocd = controller ? { controller } : undefined;
  } else {
    const trust = argocdTrust(fleet, outputs, cluster);
    argocd = 'waitingFor' in trust ? undefined : { trust };
  }
  return new ClusterStack(scope, stackName(cluster), { cluster, fleetName: fleet.name, apiAccess, ...(argocd ? { argocd } : {}) });
}
