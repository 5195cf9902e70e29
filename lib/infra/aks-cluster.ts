import { Construct } from 'constructs';
import { AKS_SYSTEM_POOL_MAX_SURGE_PERCENT, AKS_SYSTEM_POOL_NAME, AKS_USER_POOL_MAX_SURGE_PERCENT, AKS_SYSTEM_POOL_TEMPORARY_NAME, aksControlPlaneIdentityName, aksSystemPool, aksTemporaryNameForRotation, formatAddress, requireCidr, ResolvedNodePool } from '../fleet';
import { azurePublicIpZones } from './azure-public-ip-zones';
import { TerraformLocal } from './cdktf';
import {
  DataAzurermClientConfig,
  KubernetesCluster,
  KubernetesClusterNodePool,
  PublicIp,
  RoleAssignment,
  UserAssignedIdentity,
} from './providers/azurerm';

export interface AksClusterProps {
  readonly clusterName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly zones: readonly string[];
  /**
   * Minor version, `1.35`; AKS picks the latest patch and keeps it patched. Also every pool's
   * `orchestrator_version`, so a bump upgrades the control plane and then the pools.
   */
  readonly kubernetesVersion: string;
  readonly nodeSubnetId: string;
  /** Azure CNI overlay ranges. */
  readonly podCidr: string;
  readonly serviceCidr: string;
  /** The pool named `systemPool` becomes the default pool; the others are user pools. */
  readonly nodePools: readonly ResolvedNodePool[];
  /** The name of the system (default) pool. @default "system" (AKS_SYSTEM_POOL_NAME) */
  readonly systemPool?: string;
  /**
   * The API's access: `private` (a private cluster: the API has no public address at all), or
   * `public` to `authorizedIpRanges` only. AKS reads an empty list as "unrestricted", so the stack
   * refuses to plan a public cluster without ranges (a precondition) rather than open it.
   * Switching between private and public replaces the cluster (`private_cluster_enabled` is ForceNew).
   * `admitOwnEgress` adds the cluster's own outbound IP to the ranges.
   * @default private
   */
  readonly apiAccess?: { readonly type: 'private' } | { readonly type: 'public'; readonly authorizedIpRanges: readonly string[]; readonly admitOwnEgress?: boolean };
  /** The user-assigned identity the control plane runs as: created first, with Network Contributor on the subnet. @default `<clusterName>-control-plane` */
  readonly controlPlaneIdentityName?: string;
  /**
   * The name of the static outbound public IP of the cluster's load balancer, so that its egress
   * address is known: the APIs of the clusters it calls admit it.
   */
  readonly egressPublicIpName: string;
}

// AKS adds this label and taint to every spot node itself; declaring them keeps plans clean.
const SPOT_LABEL = { 'kubernetes.azure.com/scalesetpriority': 'spot' };
const SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';

/**
 * An AKS cluster with OIDC issuer and workload identity, Azure CNI overlay on the fleet's pod and
 * service ranges, a managed identity, Entra ID RBAC with local accounts disabled, a system pool and
 * autoscaling user pools (Spot priority with Delete eviction). Argo CD's access is lib/infra/argocd-access/azure.ts.
 */
export class AksCluster extends Construct {
  readonly cluster: KubernetesCluster;
  readonly tenantId: string;
  /** The control plane's identity. */
  readonly controlPlaneIdentity: UserAssignedIdentity;
  /** The static outbound public IP. */
  readonly egressPublicIp: PublicIp;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const client = new DataAzurermClientConfig(this, 'client');
    this.tenantId = client.tenantId;
    const systemPool = props.systemPool ?? AKS_SYSTEM_POOL_NAME;
    const system = aksSystemPool(props.nodePools, systemPool);
    if (!system) throw new Error(`AKS cluster ${props.clusterName} has no node pool named "${systemPool}" (validation requires one)`);
    const service = requireCidr(props.serviceCidr);
    const access = props.apiAccess ?? { type: 'private' as const };

    // Terraform, unlike `az aks create`, grants the cluster identity nothing on a subnet it does not
    // own; a system-assigned identity exists only with the cluster, too late. So: a user-assigned
    // identity, Network Contributor on the subnet, both before the cluster (AKS docs, "Use a managed
    // identity": bring your own control plane identity; azurerm kubernetes_cluster docs).
    this.controlPlaneIdentity = new UserAssignedIdentity(this, 'control-plane', { name: props.controlPlaneIdentityName ?? aksControlPlaneIdentityName({ name: props.clusterName }), location: props.location, resourceGroupName: props.resourceGroupName });
    const networkContributor = (id: string, scopeId: string) =>
      new RoleAssignment(this, id, {
        scope: scopeId,
        roleDefinitionName: 'Network Contributor',
        principalId: this.controlPlaneIdentity.principalId,
        principalType: 'ServicePrincipal',
        // A new identity may not have replicated to Entra ID yet (azurerm role_assignment docs).
        skipServicePrincipalAadCheck: true,
      });
    // Standard SKU, static, zone-redundant: what an AKS standard load balancer's outbound IP must be.
    this.egressPublicIp = new PublicIp(this, 'egress', { name: props.egressPublicIpName, location: props.location, resourceGroupName: props.resourceGroupName, allocationMethod: 'Static', sku: 'Standard', zones: azurePublicIpZones(props.location, props.zones) });
    // The load balancer lives in the node resource group; using an IP from another one needs rights on it.
    const grants = [networkContributor('control-plane-subnet', props.nodeSubnetId), networkContributor('control-plane-egress-ip', this.egressPublicIp.id)];
    // One value feeds both the cluster and the check on it.
    const ranges =
      access.type === 'public'
        ? new TerraformLocal(this, 'api-authorized-ip-ranges', [...access.authorizedIpRanges, ...(access.admitOwnEgress ? [`${this.egressPublicIp.ipAddress}/32`] : [])])
        : undefined;

    this.cluster = new KubernetesCluster(this, 'cluster', {
      name: props.clusterName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      dnsPrefix: props.clusterName,
      kubernetesVersion: props.kubernetesVersion,
      skuTier: 'Standard',
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      localAccountDisabled: true,
      privateClusterEnabled: access.type === 'private',
      ...(ranges ? { apiServerAccessProfile: { authorizedIpRanges: ranges.asList } } : {}),
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: client.tenantId },
      identity: { type: 'UserAssigned', identityIds: [this.controlPlaneIdentity.id] },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: 'cilium',
        networkPolicy: 'cilium',
        podCidr: props.podCidr,
        serviceCidr: props.serviceCidr,
        // The tenth address of the service range, as AKS recommends.
        dnsServiceIp: formatAddress(service.start + 10),
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
        loadBalancerProfile: { outboundIpAddressIds: [this.egressPublicIp.id] },
      },
      defaultNodePool: {
        name: system.name,
        // Pools keep their version when only kubernetes_version changes: the provider's Update upgrades the control
        // plane, then this pool through the agent pool API (azurerm 4.55.0 kubernetes_cluster_resource.go:2540-2562).
        orchestratorVersion: props.kubernetesVersion,
        vmSize: system.machineType,
        vnetSubnetId: props.nodeSubnetId,
        zones: [...props.zones],
        autoScalingEnabled: true,
        minCount: system.minSize,
        maxCount: system.maxSize,
        osDiskSizeGb: system.diskSizeGb,
        nodeLabels: { ...system.labels, 'fleetsynth.io/node-pool': system.name },
        onlyCriticalAddonsEnabled: false,
        temporaryNameForRotation: AKS_SYSTEM_POOL_TEMPORARY_NAME,
        upgradeSettings: { maxSurge: `${AKS_SYSTEM_POOL_MAX_SURGE_PERCENT}%` },
      },
      lifecycle: {
        ignoreChanges: ['default_node_pool[0].node_count'],
        ...(ranges
          ? {
              precondition: [{
                // AKS admits every address when authorized_ip_ranges is empty (AKS docs, "API server authorized IP ranges").
                condition: `\${length(${ranges.fqn}) > 0}`,
                errorMessage: `The API of ${props.clusterName} would be open to the whole internet: no authorized IP range is known yet. Apply the management cluster's stack, save its outputs (terraform-outputs/), run npm run synth, then plan this stack again (or list ranges in apiAccess.publicCidrs).`,
              }],
            }
          : {}),
      },
      dependsOn: grants,
    });

    for (const pool of props.nodePools.filter((p) => p.name !== system.name)) {
      new KubernetesClusterNodePool(this, `pool-${pool.name}`, {
        name: pool.name,
        kubernetesClusterId: this.cluster.id,
        mode: 'User',
        // The cluster's minor, as the default pool: upgraded after the control plane (the pool depends on the cluster);
        // a <major.minor> alias is accepted (azurerm 4.55.0 kubernetes_cluster_validate.go:288-289) and patch auto-upgrade keeps it.
        orchestratorVersion: props.kubernetesVersion,
        vmSize: pool.machineType,
        vnetSubnetId: props.nodeSubnetId,
        zones: [...props.zones],
        autoScalingEnabled: true,
        minCount: pool.minSize,
        maxCount: pool.maxSize,
        osDiskSizeGb: pool.diskSizeGb,
        // Without it, azurerm refuses to change vm_size, os_disk_size_gb, zones or vnet_subnet_id (see aksTemporaryNameForRotation).
        temporaryNameForRotation: aksTemporaryNameForRotation(pool),
        nodeLabels: { ...pool.labels, 'fleetsynth.io/node-pool': pool.name, ...(pool.spot ? SPOT_LABEL : {}) },
        nodeTaints: [...pool.taints.map((t) => `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`), ...(pool.spot ? [SPOT_TAINT] : [])],
        // A regular pool states the surge AKS gives it anyway, so the plan after the apply is empty (see AKS_USER_POOL_MAX_SURGE_PERCENT).
        ...(pool.spot ? { priority: 'Spot', evictionPolicy: 'Delete', spotMaxPrice: -1 } : { priority: 'Regular', upgradeSettings: { maxSurge: `${AKS_USER_POOL_MAX_SURGE_PERCENT}%` } }),
        lifecycle: { ignoreChanges: ['node_count'] },
      });
    }
  }
}
