import type { ImageMirrors } from './image-mirrors';
import { StateBackend } from './state-backend';

/** The clouds fleetsynth creates clusters on: EKS, GKE and AKS. */
export type Cloud = 'aws' | 'gcp' | 'azure';
export const CLOUDS: readonly Cloud[] = ['aws', 'gcp', 'azure'];

/** `management` runs Argo CD for the whole fleet; `workload` clusters run the apps. */
export type ClusterRole = 'management' | 'workload';

/** IPv4 ranges of one cluster. No range may overlap any other range in the fleet. */
export interface ClusterNetwork {
  /** VPC / VNet range the nodes live in, e.g. `10.10.0.0/16`. */
  readonly nodeCidr: string;
  /** Pod range (GKE secondary range, AKS overlay range, EKS secondary VPC range). */
  readonly podCidr: string;
  /** Kubernetes Service range. */
  readonly serviceCidr: string;
  /**
   * GKE only, required there: the /28 the control plane of a cluster with private nodes uses
   * (`private_cluster_config.master_ipv4_cidr_block`). Part of the fleet's address plan: it may
   * overlap no other range. The stack opens it to the nodes on tcp/15017 (Istio's webhooks).
   */
  readonly controlPlaneCidr?: string;
}

/**
 * Who may reach the cluster's Kubernetes API over the internet. The API is always reachable
 * privately, from inside the cluster's network. A workload cluster's API is also always open to the
 * management cluster's egress addresses (from its Terraform outputs), so that Argo CD reaches it.
 */
export interface ApiAccess {
  /**
   * IPv4 ranges allowed to reach the public API endpoint, e.g. your office or CI runners
   * (`203.0.113.0/24`). Public addresses only. `0.0.0.0/0` needs `allowWholeInternet`.
   * @default none: private (workload clusters: the management cluster's egress only)
   */
  readonly publicCidrs?: readonly string[];
  /** Must be true for `publicCidrs` to contain `0.0.0.0/0`, the whole internet. @default false */
  readonly allowWholeInternet?: boolean;
}

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

/** The spelling EKS and GKE's Terraform providers use (`NO_SCHEDULE`, …). */
export function terraformTaintEffect(effect: TaintEffect): string {
  return effect.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export interface Taint {
  readonly key: string;
  /** @default no value */
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface NodePool {
  /** Unique within the cluster. AKS allows only 1-12 lowercase letters and digits; EKS at most 34 characters (its node group in each zone is named `<name>-<zone letter>-` and a 26-character unique id). */
  readonly name: string;
  /** The cloud's instance type / machine type / VM size, e.g. `m7i.large`, `e2-standard-4`, `Standard_D4s_v5`. */
  readonly machineType: string;
  /** EKS: split over the cluster's zones, one node group per zone (1 over 3 zones: 1, 0, 0). */
  readonly minSize: number;
  /** EKS: split over the cluster's zones like minSize, so at least the number of zones (each zone's group needs one). */
  readonly maxSize: number;
  /** Spot / preemptible capacity. @default false */
  readonly spot?: boolean;
  /** Kubernetes labels put on the pool's nodes. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none */
  readonly taints?: readonly Taint[];
  /** Each node's OS disk, in GiB: 20-2048 on EKS and GKE, 30-2048 on AKS. @default 100 */
  readonly diskSizeGb?: number;
}

export interface Cluster {
  /** DNS-1123 label, unique in the fleet; also the cloud's cluster name and Terraform stack name. */
  readonly name: string;
  readonly cloud: Cloud;
  /** A region of that cloud, e.g. `us-west-2`, `us-central1`, `eastus`. */
  readonly region: string;
  /** Zones to spread subnets and nodes over. @default the region's first three zones */
  readonly zones?: readonly string[];
  /** Minor version, `1.35`. Must be offered by the cloud (see lib/fleet/cloud-catalog.ts). */
  readonly kubernetesVersion: string;
  readonly role: ClusterRole;
  /** Kubernetes labels describing the cluster; `env` is required. Used by Argo CD generators. */
  readonly labels: Readonly<Record<string, string>>;
  readonly network: ClusterNetwork;
  /** AKS: the pool named `system` is the cluster's system (default) pool, and every AKS cluster needs one (not spot, minSize >= 1, no taints). */
  readonly nodePools: readonly NodePool[];
  /** Who may reach the API over the internet. @default private (see ApiAccess) */
  readonly apiAccess?: ApiAccess;
  /**
   * Removed: `true` opened the API to the whole internet. Use `apiAccess`; synth says how.
   * @deprecated use apiAccess
   */
  readonly publicEndpoint?: boolean;
  /** Overrides the fleet's default state backend for this cluster's stack. */
  readonly stateBackend?: StateBackend;
  /** GCP only, required there: the project the cluster lives in (also names the workload identity pool). */
  readonly project?: string;
  /** AWS only: the 12-digit account id the stack may act on (Terraform refuses any other). @default any account */
  readonly accountId?: string;
  /** Azure only: the subscription id. @default the provider's (ARM_SUBSCRIPTION_ID) */
  readonly subscriptionId?: string;
  /**
   * GCP only: the GKE cluster's `deletion_protection`. While it is true in the Terraform state, the
   * google provider refuses to delete the cluster (`terraform destroy`, or a change that replaces it):
   * set it to false, synth and apply before destroying (README, "Decommissioning a cluster").
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Whether the cluster's mesh uses Istio's CNI node agent: istiod injects pods for it (`istio-validation`,
   * no capability) instead of with `istio-init` (NET_ADMIN, NET_RAW), and the apps' namespaces warn about
   * and audit Pod Security baseline. `false` takes the agent off the cluster after istiod is back to
   * `istio-init` (README, "Istio's CNI node agent"): for a cluster whose CNI keeps the agent's plugin out.
   * @default true
   */
  readonly istioCni?: boolean;
  /**
   * Azure only: the name of the pool AKS runs as the cluster's system (default) pool. Keep it once the
   * cluster exists: azurerm replaces the whole cluster when `default_node_pool.name` changes. Set it
   * only for a cluster created with a system pool named otherwise.
   * @default "system"
   */
  readonly systemPool?: string;
  /**
   * Where this cluster's nodes pull the platform's images from, per source registry: a pull-through cache's
   * address, e.g. `{ 'docker.io': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub' }`. Replaces the
   * fleet's `imageMirrors` for this cluster's cloud registry by registry (README, "Where the nodes pull the
   * platform's images from"). @default the fleet's for the cluster's cloud, else the charts' own registries
   */
  readonly imageMirrors?: ImageMirrors;
}

/**
 * The name of an AKS cluster's system pool, which becomes its `default_node_pool`. A fixed name, not a
 * choice among the pools: azurerm replaces the whole cluster when `default_node_pool.name` changes
 * (hashicorp/terraform-provider-azurerm internal/services/containers/kubernetes_cluster_resource.go, ForceNewIf
 * "default_node_pool.0.name"), so adding, renaming or resizing another pool must never move it.
 */
export const AKS_SYSTEM_POOL_NAME = 'system';

/** The pool AKS runs as its system (default) pool: the one named `systemPool` (default `system`). Validation requires it on every AKS cluster. */
export function aksSystemPool<P extends Pick<NodePool, 'name'>>(pools: readonly P[], systemPool: string = AKS_SYSTEM_POOL_NAME): P | undefined {
  return pools.find((p) => p.name === systemPool);
}

/**
 * The system (default) pool's `upgrade_settings.max_surge`, in percent of its nodes: the value AKS
 * recommends for production (azure-aks-docs upgrade-aks-node-pools-rolling.md).
 */
export const AKS_SYSTEM_POOL_MAX_SURGE_PERCENT = 33;

/**
 * A regular user pool's `upgrade_settings.max_surge`, in percent of its nodes: AKS's own default ("Default
 * maxSurge value to 10% for all new and existing clusters with Kubernetes versions >= 1.32.0", Azure/AKS
 * CHANGELOG.md, release 2025-03-16), which AKS reports back. Stated, because azurerm reads it into an
 * Optional block that is not Computed (v4.55.0 kubernetes_cluster_node_pool_resource.go
 * upgradeSettingsSchemaNodePoolResource, flattenAgentPoolUpgradeSettings): left out, every plan would
 * remove it (hashicorp/terraform-provider-azurerm#24020), as the provider's own tests state it to keep
 * their plans empty (#25200). Spot pools take no surge and none is set: AKS refuses one (azurerm#19355).
 */
export const AKS_USER_POOL_MAX_SURGE_PERCENT = 10;

/** The system (default) pool's `temporary_name_for_rotation` (see `aksTemporaryNameForRotation`). */
export const AKS_SYSTEM_POOL_TEMPORARY_NAME = 'rotating';

/**
 * A user pool's `temporary_name_for_rotation`: azurerm cycles the pool through a temporary pool of
 * this name to change its VM size, disk size, zones or subnet, and refuses the change without one
 * (hashicorp/terraform-provider-azurerm internal/services/containers/kubernetes_cluster_node_pool_resource.go,
 * update: cycleNodePoolProperties). The name's first 9 characters and `tmp`: a valid pool name that
 * depends on the pool's name only. Validation refuses a fleet where it is a pool's name, or another's.
 */
export function aksTemporaryNameForRotation(pool: Pick<NodePool, 'name'>): string {
  return `${pool.name.slice(0, 9)}tmp`;
}
