import { Construct } from 'constructs';
import { ResolvedNodePool, terraformTaintEffect } from '../fleet';
import { GKE_POD_RANGE, GKE_SERVICE_RANGE } from './gcp-network';
import { ContainerCluster, ContainerNodePool, ProjectIamMember, ServiceAccount } from './providers/google';

export interface GkeClusterProps {
  readonly clusterName: string;
  readonly project: string;
  readonly region: string;
  readonly zones: readonly string[];
  /** Minor version, `1.35`: the minimum; the release channel keeps it patched. */
  readonly kubernetesVersion: string;
  readonly networkId: string;
  readonly subnetworkId: string;
  readonly nodePools: readonly ResolvedNodePool[];
  /** @default 'REGULAR' */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';
  /** Whether the API is also reachable from the internet. @default true */
  readonly publicEndpoint?: boolean;
  /** Service account id nodes run as. */
  readonly nodeServiceAccountId: string;
}


/**
 * A regional, VPC-native GKE cluster with private nodes, workload identity and a release channel;
 * one autoscaling node pool per pool (spot where asked). Argo CD's access is lib/infra/argocd-access/gcp.ts.
 */
export class GkeCluster extends Construct {
  readonly cluster: ContainerCluster;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const nodes = new ServiceAccount(this, 'nodes', { accountId: props.nodeServiceAccountId, displayName: `GKE nodes of ${props.clusterName}` });
    for (const role of ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer', 'roles/artifactregistry.reader']) {
      new ProjectIamMember(this, `nodes-${role.split('/')[1]}`, { project: props.project, role, member: nodes.member });
    }

    this.cluster = new ContainerCluster(this, 'cluster', {
      name: props.clusterName,
      project: props.project,
      location: props.region,
      nodeLocations: [...props.zones],
      network: props.networkId,
      subnetwork: props.subnetworkId,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: { clusterSecondaryRangeName: GKE_POD_RANGE, servicesSecondaryRangeName: GKE_SERVICE_RANGE },
      minMasterVersion: props.kubernetesVersion,
      releaseChannel: { channel: props.releaseChannel ?? 'REGULAR' },
      workloadIdentityConfig: { workloadPool: `${props.project}.svc.id.goog` },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: !(props.publicEndpoint ?? true) },
      datapathProvider: 'ADVANCED_DATAPATH',
      enableShieldedNodes: true,
      deletionProtection: true,
      // GKE requires a default pool at creation; it is replaced by the managed pools below.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
    });

    for (const pool of props.nodePools) {
      new ContainerNodePool(this, `pool-${pool.name}`, {
        name: pool.name,
        project: props.project,
        cluster: this.cluster.id,
        location: props.region,
        nodeLocations: [...props.zones],
        // Totals across zones, matching the fleet's minSize/maxSize; spot pools go wherever capacity is.
        autoscaling: { totalMinNodeCount: pool.minSize, totalMaxNodeCount: pool.maxSize, locationPolicy: pool.spot ? 'ANY' : 'BALANCED' },
        management: { autoRepair: true, autoUpgrade: true },
        nodeConfig: {
          machineType: pool.machineType,
          spot: pool.spot,
          diskSizeGb: pool.diskSizeGb,
          serviceAccount: nodes.email,
          oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
          labels: { ...pool.labels, 'fleetsynth.io/node-pool': pool.name },
          taint: pool.taints.map((t) => ({ key: t.key, value: t.value ?? '', effect: terraformTaintEffect(t.effect) })),
          workloadMetadataConfig: { mode: 'GKE_METADATA' },
          shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        },
        lifecycle: { ignoreChanges: ['initial_node_count'] },
      });
    }
  }
}
