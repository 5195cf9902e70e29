import { Construct } from 'constructs';
import { gkeBootDiskType, ResolvedNodePool, terraformTaintEffect } from '../fleet';
import { GKE_POD_RANGE, GKE_SERVICE_RANGE } from './gcp-network';
import {
  ComputeFirewall,
  ContainerCluster,
  ContainerNodePool,
  ProjectIamMember,
  ServiceAccount,
} from './providers/google';

export interface GkeClusterProps {
  readonly clusterName: string;
  readonly project: string;
  readonly region: string;
  readonly zones: readonly string[];
  /**
   * Minor version, `1.35`: the control plane's minimum; the release channel keeps it patched. A bump
   * upgrades the control plane; the node pools follow by GKE's node auto-upgrade, not in the apply.
   */
  readonly kubernetesVersion: string;
  readonly networkId: string;
  readonly subnetworkId: string;
  readonly nodePools: readonly ResolvedNodePool[];
  /** @default 'REGULAR' */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';
  /**
   * The /28 the control plane uses (private nodes, `master_ipv4_cidr_block`). Choosing it, rather than
   * letting GKE pick, makes the cluster's control plane → node traffic come from a known range, which
   * the webhook firewall rule opens.
   */
  readonly controlPlaneCidr: string;
  /** Name of that firewall rule. @default `<clusterName>-control-plane-webhooks` */
  readonly webhookFirewallName?: string;
  /**
   * Ranges that may reach the API's public endpoint; empty: the public endpoint is off (private
   * endpoint only). @default none
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Ranges of `publicAccessCidrs` that are another cluster's egress, by range: the client's name is their
   * display name (`egress of <client>`), where a range the fleet lists is named by itself; the synth guard
   * that keeps the pipeline's range listed (lib/synth/gke-api-range-guard.ts) tells them apart by it. @default none
   */
  readonly clientEgress?: Readonly<Record<string, string>>;
  /** Service account id nodes run as. */
  readonly nodeServiceAccountId: string;
  /**
   * `deletion_protection`: while true in state, the provider refuses to delete the cluster (destroy,
   * or a change that replaces it). Set false and apply before destroying. @default true
   */
  readonly deletionProtection?: boolean;
}


/**
 * Istio's webhook port: the sidecar injector and config validation webhooks serve on 15017, which
 * the firewall GKE creates for private nodes (control plane → nodes on 443 and 10250 only) does not
 * open (istio.io, Platform Setup > Google Kubernetes Engine; Cloud Service Mesh, "Open ports on a
 * private cluster").
 */
export const ISTIO_WEBHOOK_PORT = '15017';

/**
 * The node service account's roles on the project. roles/container.defaultNodeServiceAccount is the
 * minimum GKE documents ("Configure GKE node service accounts": "At a minimum, these node service
 * accounts must have the Kubernetes Engine Default Node Service Account role"; without it GKE runs
 * degraded, e.g. no Horizontal Pod Autoscaler performance profile: "Troubleshoot service accounts in
 * GKE"). The logging and monitoring roles it grew from stay: no Google page says they may go.
 * Artifact Registry: the nodes pull images.
 */
const NODE_ROLES = ['roles/container.defaultNodeServiceAccount', 'roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer', 'roles/artifactregistry.reader'];

/**
 * A regional, VPC-native GKE cluster with private nodes on a chosen control-plane range, workload
 * identity and a release channel; API access only from the given ranges (master authorized
 * networks); a firewall rule for admission webhooks; one autoscaling node pool per pool (spot
 * where asked). Argo CD's access is lib/infra/argocd-access/gcp.ts.
 */
export class GkeCluster extends Construct {
  readonly cluster: ContainerCluster;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const publicCidrs = [...(props.publicAccessCidrs ?? [])];
    const nodes = new ServiceAccount(this, 'nodes', { accountId: props.nodeServiceAccountId, displayName: `GKE nodes of ${props.clusterName}` });
    for (const role of NODE_ROLES) {
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
      // With master_ipv4_cidr_block the control plane peers into the VPC from that range; left unset,
      // GKE >= 1.29 uses Private Service Connect instead (GKE docs, network isolation).
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: publicCidrs.length === 0, masterIpv4CidrBlock: props.controlPlaneCidr },
      // Authorized networks: only these ranges reach the public endpoint, not even Google Cloud's own
      // addresses; nodes and the VPC reach the private endpoint (provider: container_cluster
      // master_authorized_networks_config; an empty cidr_blocks set admits no external address).
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        cidrBlocks: publicCidrs.map((cidr) => ({ cidrBlock: cidr, displayName: gkeAuthorizedNetworkName(cidr, props.clientEgress) })),
      },
      datapathProvider: 'ADVANCED_DATAPATH',
      enableShieldedNodes: true,
      deletionProtection: props.deletionProtection ?? true,
      // GKE requires a default pool at creation; it is replaced by the managed pools below.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      // That pool runs as the node service account too: without a node_config, GKE creates it as the
      // Compute Engine default service account ("if no Service Account is specified, the 'default'
      // service account is used", GKE API NodeConfig.serviceAccount), and the create fails in a project
      // that disabled or deleted it (hashicorp/terraform-provider-google#4435). Ignored after creation:
      // the pool is gone, node_config.service_account is ForceNew (google/services/container/node_config.go),
      // and a cluster created before this would otherwise be replaced.
      nodeConfig: { serviceAccount: nodes.email },
      lifecycle: { ignoreChanges: ['node_config'] },
    });

    new ComputeFirewall(this, 'control-plane-webhooks', {
      name: props.webhookFirewallName ?? `${props.clusterName}-control-plane-webhooks`,
      project: props.project,
      network: props.networkId,
      description: `GKE control plane of ${props.clusterName} to admission webhooks on its nodes`,
      direction: 'INGRESS',
      sourceRanges: [props.controlPlaneCidr],
      targetServiceAccounts: [nodes.email],
      allow: [{ protocol: 'tcp', ports: [ISTIO_WEBHOOK_PORT] }],
    });

    // No max_pods_per_node and no upgrade_settings: GKE's defaults (110 pods, so a /24 of the pod range
    // per node; one surge node), which lib/fleet/validate-pod-range-capacity.ts counts the pod range by.
    for (const pool of props.nodePools) {
      new ContainerNodePool(this, `pool-${pool.name}`, {
        name: pool.name,
        project: props.project,
        cluster: this.cluster.id,
        location: props.region,
        nodeLocations: [...props.zones],
        // Totals across zones, matching the fleet's minSize/maxSize; spot pools go wherever capacity is.
        autoscaling: { totalMinNodeCount: pool.minSize, totalMaxNodeCount: pool.maxSize, locationPolicy: pool.spot ? 'ANY' : 'BALANCED' },
        // Per zone. Without it the provider creates the pool with none (resource_container_node_pool.go
        // expandNodePool; hashicorp/terraform-provider-google#8270) and the autoscaler adds nodes only
        // for pending pods: start at the minimum, as EKS (desired = min) and AKS (node count = min) do.
        initialNodeCount: gkeInitialNodeCount(pool.minSize, pool.maxSize, props.zones.length),
        // No `version`: a minor bump upgrades the control plane only (min_master_version), and the pools follow
        // by node auto-upgrade, in GKE's time: a release-channel cluster's nodes run its version "except ... if
        // the control plane was manually upgraded" (GKE docs, Standard cluster upgrades). A pinned version
        // and auto-upgrade "will fight each other" (provider v6.50.0 resource_container_node_pool.go, `version`).
        management: { autoRepair: true, autoUpgrade: true },
        nodeConfig: {
          machineType: pool.machineType,
          spot: pool.spot,
          diskSizeGb: pool.diskSizeGb,
          // hyperdisk-balanced for a series that attaches no Persistent Disk, pd-balanced (GKE's default) for one
          // that does (lib/fleet/gke-hyperdisk-only.ts). An update in place, not a replacement (disk_type is not ForceNew).
          diskType: gkeBootDiskType(pool.machineType),
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

/** An authorized network's display name: `egress of <client>` for a client cluster's egress address, else the range itself. */
export function gkeAuthorizedNetworkName(cidr: string, clientEgress: Readonly<Record<string, string>> = {}): string {
  return Object.prototype.hasOwnProperty.call(clientEgress, cidr) ? `${GKE_CLIENT_EGRESS_NAME_PREFIX}${clientEgress[cidr]}` : cidr;
}

/** The display name's start of a client's egress address among a GKE cluster's authorized networks. */
export const GKE_CLIENT_EGRESS_NAME_PREFIX = 'egress of ';

/** Nodes per zone a new pool starts with: enough for its minimum, never more than its maximum allows. */
export function gkeInitialNodeCount(minSize: number, maxSize: number, zones: number): number {
  return Math.min(Math.ceil(minSize / zones), Math.floor(maxSize / zones));
}
