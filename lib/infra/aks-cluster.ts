import { Construct } from 'constructs';
import { aksSystemPool, formatAddress, requireCidr, ResolvedNodePool } from '../fleet';
import { DataAzurermClientConfig, KubernetesCluster, KubernetesClusterNodePool } from './providers/azurerm';

export interface AksClusterProps {
  readonly clusterName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly zones: readonly string[];
  /** Minor version, `1.35`; AKS picks the latest patch and keeps it patched. */
  readonly kubernetesVersion: string;
  readonly nodeSubnetId: string;
  /** Azure CNI overlay ranges. */
  readonly podCidr: string;
  readonly serviceCidr: string;
  /** The system pool (see `aksSystemPool`) becomes the default pool; the others are user pools. */
  readonly nodePools: readonly ResolvedNodePool[];
  /** Whether the API is also reachable from the internet. @default true */
  readonly publicEndpoint?: boolean;
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

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const client = new DataAzurermClientConfig(this, 'client');
    this.tenantId = client.tenantId;
    const system = aksSystemPool(props.nodePools);
    const service = requireCidr(props.serviceCidr);

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
      privateClusterEnabled: !(props.publicEndpoint ?? true),
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: client.tenantId },
      identity: { type: 'SystemAssigned' },
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
      },
      defaultNodePool: {
        name: system.name,
        vmSize: system.machineType,
        vnetSubnetId: props.nodeSubnetId,
        zones: [...props.zones],
        autoScalingEnabled: true,
        minCount: system.minSize,
        maxCount: system.maxSize,
        osDiskSizeGb: system.diskSizeGb,
        nodeLabels: { ...system.labels, 'fleetsynth.io/node-pool': system.name },
        onlyCriticalAddonsEnabled: false,
        temporaryNameForRotation: 'rotating',
        upgradeSettings: { maxSurge: '33%' },
      },
      lifecycle: { ignoreChanges: ['default_node_pool[0].node_count'] },
    });

    for (const pool of props.nodePools.filter((p) => p.name !== system.name)) {
      new KubernetesClusterNodePool(this, `pool-${pool.name}`, {
        name: pool.name,
        kubernetesClusterId: this.cluster.id,
        mode: 'User',
        vmSize: pool.machineType,
        vnetSubnetId: props.nodeSubnetId,
        zones: [...props.zones],
        autoScalingEnabled: true,
        minCount: pool.minSize,
        maxCount: pool.maxSize,
        osDiskSizeGb: pool.diskSizeGb,
        nodeLabels: { ...pool.labels, 'fleetsynth.io/node-pool': pool.name, ...(pool.spot ? SPOT_LABEL : {}) },
        nodeTaints: [...pool.taints.map((t) => `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`), ...(pool.spot ? [SPOT_TAINT] : [])],
        ...(pool.spot ? { priority: 'Spot', evictionPolicy: 'Delete', spotMaxPrice: -1 } : { priority: 'Regular' }),
        lifecycle: { ignoreChanges: ['node_count'] },
      });
    }
  }
}
