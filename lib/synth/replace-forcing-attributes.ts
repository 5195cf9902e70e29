import { cidrSize, parseCidr } from '../fleet';

/*
 * The attributes of the resource types fleetsynth emits whose change makes the pinned provider
 * replace the resource (destroy, then create), at hashicorp/aws 6.25.0, google 6.50.0, azurerm 4.55.0
 * and vault 5.6.0. Only attributes fleetsynth sets are listed: one it never writes cannot change.
 * Every type listed is also *protected*: one that disappears from a stack that still exists is
 * destroyed. Attributes that update in place are left out on purpose (a GKE pool's machine type,
 * disk, labels and taints; an EKS node group's scaling, labels, taints, version and launch template
 * version, which a pool's disk size changes; an AKS pool's VM size, disk and zones, which azurerm
 * rotates through temporary_name_for_rotation). Re-check the
 * citations when a pin moves (lib/infra/providers/).
 */

/** Where a resource sits, for naming the fleet field an attribute comes from. */
export interface FieldContext {
  /** The cluster whose stack this is; undefined for a fleet-wide stack (vault, interconnect-<pair>, …). */
  readonly cluster?: string;
  /** The resource as the previous synth wrote it, and as this one does (undefined when it is gone). */
  readonly before: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  /** Both versions of the whole stack (`resource` blocks), for a field that depends on its siblings. */
  readonly previousStack: StackResources;
  readonly stack: StackResources;
}

export type StackResources = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/**
 * A fleet field path, `{cluster}` and `{pool}` filled in by the guard, or a function of the
 * resource. Undefined, or a template naming `{cluster}` in a fleet-wide stack: the problem names
 * the stack file and the resource address instead.
 */
export type FieldOf = string | ((ctx: FieldContext) => string | undefined);

export interface ForcingAttribute {
  /** Dotted path into the resource's JSON (cdktf writes a one-item block as an object). */
  readonly attribute: string;
  /** The fleet field it comes from. @default the resource address */
  readonly field?: FieldOf;
  /** Whether this change replaces (a subnetwork range that grows does not). @default every change */
  readonly replaces?: (before: unknown, after: unknown) => boolean;
  /** A set in the provider's schema: its order does not matter. @default false */
  readonly set?: boolean;
  /**
   * What the change is when fleetsynth, not the fleet, made it (added to the message), and what to do
   * then; a function for a change that is fleetsynth's only in some cases. @default a fleet edit
   */
  readonly ownChange?: OwnChange | ((ctx: FieldContext) => OwnChange | undefined);
}

export interface OwnChange {
  readonly note: string;
  readonly allowed: string;
}

/** The one replacement of each EKS node group named before fleetsynth generated the names (lib/infra/eks-cluster.ts). */
const EKS_GENERATED_NAMES = {
  note: 'fleetsynth itself made this change: it now names node groups `<pool>-<generated id>` so that a replacement is created before the group it replaces, and a group named before that is replaced once, new first',
  allowed: 'nothing in the fleet brings the old name back: let this one replacement happen (new group first) with --allow-replace <stack>, at a time its pods may move',
};

/**
 * Whether an EKS node group is a pool's one group of before, spanning every zone, now its first zone's
 * group (lib/infra/eks-cluster.ts keeps that group's address for it): it had several subnets and now has
 * one of them. Only fleetsynth makes that change: a cluster has at least two zones, and since node
 * groups are per zone none has several subnets.
 */
export function isZonalSplit(ctx: FieldContext): boolean {
  const was = ctx.before.subnet_ids;
  const now = ctx.after?.subnet_ids;
  return Array.isArray(was) && was.length > 1 && Array.isArray(now) && now.length === 1 && was.includes(now[0]);
}

/** The one replacement of each EKS pool's group when fleetsynth made node groups per zone (lib/infra/eks-cluster.ts). */
const EKS_ZONAL_GROUPS: OwnChange = {
  note: 'fleetsynth itself made this change: a pool is now one node group per zone, so that the Cluster Autoscaler can add a node in the zone a pending pod\'s volume or zone affinity needs; this group becomes the first zone\'s (its name prefix gains the zone letter, its subnets shrink to that zone\'s), the other zones\' groups are created beside it, and the old group is drained and deleted only once all of them exist; README, "Node groups per zone"',
  allowed: 'nothing in the fleet keeps one group across the zones: let this one replacement happen with --allow-replace <stack>, at a time the pool\'s pods may move (README, "Node groups per zone": raise the pool\'s minSize for that apply to keep its capacity)',
};

const eksPoolOf = (r: Readonly<Record<string, unknown>>): unknown => (r.labels as Record<string, unknown> | undefined)?.['fleetsynth.io/node-pool'] ?? r.node_group_name;

/** An EKS node group's name and subnets: a fleet edit, or fleetsynth's own change of names or of groups per zone. */
const eksGroupField = (field: string) => (ctx: FieldContext): string => (isZonalSplit(ctx) ? POOL : field);

/**
 * A group written before fleetsynth set each node group's `ami_type` from its instance family
 * (lib/fleet/eks-ami-type.ts). EKS chose a type when it created the group, and the provider reads it
 * into the state (`ami_type` Optional, Computed and ForceNew, resourceNodeGroupRead: terraform-provider-aws
 * internal/service/eks/node_group.go), so setting it replaces the group only where EKS chose another:
 * fleetsynth's change, at the pool, not a `machineType` edit.
 */
const amiTypeFirstSet = (ctx: FieldContext) => ctx.before.ami_type === undefined;
// Where the group is replaced anyway (renamed by generated names or split per zone), at that change's field, to make one problem with it.
const ownChangeField = (ctx: FieldContext) => (ctx.before.node_group_name_prefix !== ctx.after?.node_group_name_prefix ? eksGroupField(`${POOL}.name`)(ctx) : POOL);
const amiTypeField = (ctx: FieldContext) => (!amiTypeFirstSet(ctx) ? `${POOL}.machineType` : ownChangeField(ctx));
const EKS_AMI_TYPE_SET: OwnChange = {
  note: "fleetsynth itself made this change: it now sets each node group's ami_type from its instance family, and this group was written without one; EKS chose one when it created the group and the provider keeps it in the state, so Terraform replaces the group only if EKS chose another type, which the stack's `terraform plan` shows",
  allowed: 'nothing in the fleet leaves ami_type unset: synth with --allow-replace <stack> and read the plan; where it replaces the group, apply at a time its pods may move (README, "Upgrading fleetsynth over a fleet that is running")',
};
/**
 * A group written before fleetsynth gave node groups a launch template (lib/infra/eks-node-launch-template.ts),
 * for their root volumes' encryption: EKS encrypts node volumes only through one (or the account's EBS
 * encryption by default), and a group created without one can never take one (`launch_template` id and name
 * ForceNew: terraform-provider-aws internal/service/eks/node_group.go; amazon-eks-user-guide
 * nodes/launch-templates.adoc: "existing node groups that don't use a custom launch template can't be
 * updated directly"). Its `disk_size` goes (Optional and Computed: left out, the state keeps it, no change).
 */
const launchTemplateFirstSet = (ctx: FieldContext) => ctx.before.launch_template === undefined && ctx.after?.launch_template !== undefined;
const EKS_LAUNCH_TEMPLATE_SET: OwnChange = {
  note: "fleetsynth itself made this change: each pool's node groups now launch from a launch template, which encrypts their root volumes and keeps IMDSv2 with a hop limit of 1; EKS encrypts a group's volumes only through one (or the account's EBS encryption by default) and gives none to a group created without one, so each group is replaced once, new group first, its nodes' disks encrypted from then on; README, \"Upgrading fleetsynth over a fleet that is running\"",
  allowed: 'nothing in the fleet keeps a group without a launch template: let this one replacement happen (new group first) with --allow-replace <stack>, at a time the pool\'s pods may move (README, "Upgrading fleetsynth over a fleet that is running": raise the pool\'s minSize for that apply to keep its capacity)',
};

const eksGroupOwnChange = (other: OwnChange | undefined) => (ctx: FieldContext): OwnChange | undefined => (isZonalSplit(ctx) ? EKS_ZONAL_GROUPS : other);

export interface ReplacedType {
  /** What is replaced, for messages: `the AKS cluster`. */
  readonly what: string;
  readonly provider: 'aws' | 'google' | 'azurerm' | 'vault';
  /** What replacing it does, after "replaces <what> when … changes: ". */
  readonly consequence: string;
  /** Where the provider says so (repository path and lines at the pinned tag). */
  readonly source: string;
  readonly attributes: readonly ForcingAttribute[];
  /** The attribute that holds the fleet's pool name (or how to read it), for `{pool}`. @default none */
  readonly poolName?: string | ((resource: Readonly<Record<string, unknown>>) => unknown);
  /** The fleet field to name when the resource disappears. @default the resource address */
  readonly removedField?: FieldOf;
  /** What destroying it does, after "terraform destroys it: ". */
  readonly destroyed: string;
  /** What to do instead, ending where `--allow-replace <stack>` follows. */
  readonly instead: string;
  /** What to do before it is destroyed, ending where `--allow-replace <stack>` follows. @default once what runs on it has moved elsewhere */
  readonly beforeRemoval?: string;
  /**
   * Which of its resources are refused when they disappear from a stack that is still written: every
   * one, or only one that another resource of the previous stack refers to (uses). @default 'always'
   */
  readonly removal?: 'always' | 'whileUsed';
}

const CLUSTER = 'clusters[{cluster}]';
const POOL = `${CLUSTER}.nodePools[{pool}]`;
const INTERCONNECT = 'platform.interconnect.clusters';
const NEW_CLUSTER = 'create a cluster with the new setting beside it, move the workloads over, and decommission the old one (README, "Decommissioning a cluster"); to replace it in place after all';
const NEW_POOL = 'add a pool with the new setting under another name, let the workloads move onto it, then remove the old pool; to replace it in place after all';
const LINK = 'change the interconnect as README "Turning them off" describes (the links of the clusters concerned go down, then come back); to go ahead';

/** Whether a subnet range change is a shrink or a move, which google replaces; a range that contains the old one grows in place. */
export function isShrinkageIpCidr(before: unknown, after: unknown): boolean {
  // google/services/compute/resource_compute_subnetwork.go IsShrinkageIpCidr (google 6.50.0)
  if (typeof before !== 'string' || typeof after !== 'string') return true;
  const old = parseCidr(before);
  const grown = parseCidr(after);
  if (typeof old === 'string' || typeof grown === 'string') return true;
  return !(grown.start <= old.start && old.start + cidrSize(old) <= grown.start + cidrSize(grown));
}

/** Whether a list block's number of items changes: what its ForceNew covers when its attributes have none of their own. */
function itemCountChanges(before: unknown, after: unknown): boolean {
  const count = (v: unknown) => (Array.isArray(v) ? v.length : v === undefined || v === null ? 0 : 1);
  return count(before) !== count(after);
}

/** The availability zones of a stack's AWS subnets, sorted. */
function subnetZones(stack: StackResources): string {
  const zones = Object.values(stack.aws_subnet ?? {}).map((s) => String(s.availability_zone));
  return [...new Set(zones)].sort().join(',');
}

/** An AWS subnet's range comes from the zones (one slot per zone, by position) or from the range it is cut from. */
const awsSubnetField: FieldOf = (ctx) => {
  if (ctx.cluster === undefined) return undefined;
  if (subnetZones(ctx.previousStack) !== subnetZones(ctx.stack)) return `clusters[${ctx.cluster}].zones`;
  const tags = (ctx.before.tags ?? {}) as Record<string, unknown>;
  return `clusters[${ctx.cluster}].network.${'kubernetes.io/role/cni' in tags ? 'podCidr' : 'nodeCidr'}`;
};

/** The clouds of a provider's resource types, as the interconnect's pairs name them. */
const PAIR_CLOUD: Readonly<Record<string, string>> = { aws: 'aws', azurerm: 'azure', google: 'gcp' };

/**
 * A tunnel's inside /30 is cut from its pair's pool by the link's position (lib/addons/interconnect/tunnel-plan.ts):
 * with the same links (the same resources of `type` in the pair's stack) it moved because the pool did,
 * `platform.interconnect.tunnelRanges.<pair>` (the pair: the stack's two clouds, alphabetically);
 * else a member came or went and the links after it moved.
 */
const insideRangeField = (type: string): FieldOf => (ctx) => {
  const links = (stack: StackResources) => Object.keys(stack[type] ?? {}).sort().join(',');
  if (links(ctx.previousStack) !== links(ctx.stack)) return INTERCONNECT;
  const clouds = [...new Set(Object.keys(ctx.stack).flatMap((t) => PAIR_CLOUD[t.split('_')[0]] ?? []))].sort();
  return `platform.interconnect.tunnelRanges${clouds.length === 2 ? `.${clouds.join('-')}` : ''}`;
};

export const REPLACE_FORCING: Readonly<Record<string, ReplacedType>> = {
  // ---- AWS (hashicorp/aws 6.25.0; the code index's versions are close to it: see the README table)
  aws_eks_cluster: {
    what: 'the EKS cluster',
    provider: 'aws',
    consequence: 'it is deleted with every workload on it, and comes back with a new endpoint, CA and OIDC issuer (EKS has no deletion protection here)',
    source: 'terraform-provider-aws internal/service/eks/cluster.go resourceCluster: name, role_arn, kubernetes_network_config.service_ipv4_cidr/ip_family, bootstrap_self_managed_addons, access_config.bootstrap_cluster_creator_admin_permissions ForceNew',
    attributes: [
      { attribute: 'name', field: `${CLUSTER}.name` },
      { attribute: 'role_arn' },
      { attribute: 'kubernetes_network_config.service_ipv4_cidr', field: `${CLUSTER}.network.serviceCidr` },
      { attribute: 'kubernetes_network_config.ip_family' },
      { attribute: 'bootstrap_self_managed_addons' },
      { attribute: 'access_config.bootstrap_cluster_creator_admin_permissions' },
    ],
    removedField: CLUSTER,
    destroyed: 'every workload on it is deleted',
    instead: NEW_CLUSTER,
  },
  aws_eks_node_group: {
    what: 'the EKS node group',
    provider: 'aws',
    // The group is created before the old one is destroyed (lib/infra/eks-cluster.ts: a generated name and create_before_destroy).
    consequence: 'a new group is created first, then EKS drains and terminates every node of the old group at once: all its pods move together, onto a group that starts at minSize and grows only as the autoscaler sees them wait',
    // disk_size is ForceNew too, but fleetsynth no longer writes it: the pool's disk size is its launch template's (a new version, in place).
    source: 'terraform-provider-aws internal/service/eks/node_group.go resourceNodeGroup: ami_type, capacity_type, cluster_name, instance_types, launch_template.id, launch_template.name, node_group_name, node_group_name_prefix, node_role_arn, subnet_ids ForceNew',
    attributes: [
      // A group written before fleetsynth generated node group names: fleetsynth's change, once. A pool's one group
      // of before, now its first zone's (isZonalSplit): fleetsynth's change too, once, at the pool.
      { attribute: 'node_group_name', field: eksGroupField(`${POOL}.name`), ownChange: eksGroupOwnChange(EKS_GENERATED_NAMES) },
      { attribute: 'node_group_name_prefix', field: eksGroupField(`${POOL}.name`), ownChange: eksGroupOwnChange(EKS_GENERATED_NAMES) },
      // A group from before the launch templates: fleetsynth's change, once, at the pool (or the name it is replaced for anyway); before ami_type,
      // whose own change is only a possible replacement, where one problem tells both.
      { attribute: 'launch_template.id', field: (ctx) => (launchTemplateFirstSet(ctx) ? ownChangeField(ctx) : POOL), ownChange: (ctx) => (launchTemplateFirstSet(ctx) ? EKS_LAUNCH_TEMPLATE_SET : undefined) },
      { attribute: 'instance_types', field: `${POOL}.machineType` },
      { attribute: 'ami_type', field: amiTypeField, ownChange: (ctx) => (amiTypeFirstSet(ctx) ? EKS_AMI_TYPE_SET : undefined) },
      { attribute: 'capacity_type', field: `${POOL}.spot` },
      { attribute: 'subnet_ids', field: eksGroupField(`${CLUSTER}.zones`), set: true, ownChange: eksGroupOwnChange(undefined) },
      { attribute: 'cluster_name' },
      { attribute: 'node_role_arn' },
    ],
    // The pool's label on its nodes (eks-cluster.ts), else the name of a group from before the generated names.
    poolName: eksPoolOf,
    // A group gone while its pool still has groups: its zone was taken out of the cluster.
    removedField: (ctx) => (Object.values(ctx.stack.aws_eks_node_group ?? {}).some((g) => eksPoolOf(g) === eksPoolOf(ctx.before)) ? `${CLUSTER}.zones` : POOL),
    destroyed: 'its nodes are drained for a few minutes and terminated',
    instead: NEW_POOL,
  },
  aws_vpc: {
    what: 'the VPC',
    provider: 'aws',
    consequence: 'terraform destroys what depends on it first (node groups, subnets, route tables), then fails on the network interfaces the running cluster still holds',
    source: 'terraform-provider-aws internal/service/ec2/vpc_.go resourceVPC: cidr_block ForceNew (and diff.ForceNew in its CustomizeDiff)',
    attributes: [{ attribute: 'cidr_block', field: `${CLUSTER}.network.nodeCidr` }],
    removedField: CLUSTER,
    destroyed: 'everything in the network goes with it',
    instead: NEW_CLUSTER,
  },
  aws_vpc_ipv4_cidr_block_association: {
    what: 'the VPC\'s pod range',
    provider: 'aws',
    consequence: 'the pod subnets are destroyed under the running pods, and the apply fails on their network interfaces',
    source: 'terraform-provider-aws internal/service/ec2/vpc_ipv4_cidr_block_association.go: cidr_block, vpc_id ForceNew (no update)',
    attributes: [{ attribute: 'cidr_block', field: `${CLUSTER}.network.podCidr` }, { attribute: 'vpc_id' }],
    removedField: `${CLUSTER}.network.podCidr`,
    destroyed: 'the pod subnets go with it',
    instead: NEW_CLUSTER,
  },
  aws_subnet: {
    what: 'the subnet',
    provider: 'aws',
    consequence: 'the node groups on it are replaced with it (their subnet_ids change), and deleting the old subnet fails after 20 minutes on the ENIs of the control plane, pods and load balancers',
    source: 'terraform-provider-aws internal/service/ec2/vpc_subnet.go resourceSubnet: availability_zone, cidr_block, vpc_id ForceNew',
    attributes: [
      { attribute: 'cidr_block', field: awsSubnetField },
      { attribute: 'availability_zone', field: `${CLUSTER}.zones` },
      { attribute: 'vpc_id' },
    ],
    removedField: `${CLUSTER}.zones`,
    destroyed: 'the zone\'s node groups are drained and deleted with it, and its delete fails after 20 minutes while load balancers or the EKS control plane still have ENIs in it; the control plane always has them in the private subnet of each zone it was created in (EKS takes no subnets outside those zones: amazon-eks-user-guide latest/ug/networking/network-reqs.adoc), so only a zone added after the cluster was created can be removed',
    instead: `keep the zones and ranges as they are (each zone's subnets are cut by its position in the sorted zone list); ${NEW_CLUSTER}`,
    // A stack that exports its control plane's zones has a removal of one refused with no flag (eks-control-plane-zones-guard.ts); an older stack's is only known to Terraform.
    beforeRemoval: 'only for a zone added after the cluster was created, once no load balancer holds its subnets (README, "Changing node pools"); a zone the cluster was created in stays (create a cluster without it beside this one, move the workloads over, and decommission this one: README, "Decommissioning a cluster"); for an added zone'
  },
  aws_vpn_gateway: {
    what: 'the virtual private gateway',
    provider: 'aws',
    consequence: 'it is detached from the VPC and deleted, and every VPN connection of the interconnect stacks that uses it stops carrying traffic',
    source: 'terraform-provider-aws internal/service/ec2/vpnsite_gateway.go resourceVPNGateway: amazon_side_asn, availability_zone ForceNew',
    attributes: [{ attribute: 'amazon_side_asn', field: `${INTERCONNECT}[{cluster}].asn` }, { attribute: 'availability_zone' }],
    removedField: `${INTERCONNECT}[{cluster}]`,
    destroyed: 'the VPN connections of the interconnect stacks that use it stop carrying traffic',
    instead: LINK,
    beforeRemoval: LINK,
  },
  aws_customer_gateway: {
    what: 'the customer gateway',
    provider: 'aws',
    consequence: 'the VPN connections to it go down while it is replaced',
    source: 'terraform-provider-aws internal/service/ec2/vpnsite_customer_gateway.go resourceCustomerGateway: bgp_asn, device_name, ip_address, type ForceNew',
    attributes: ['bgp_asn', 'device_name', 'ip_address', 'type'].map((attribute) => ({ attribute, field: INTERCONNECT })),
    removedField: INTERCONNECT,
    destroyed: 'the links through it go down',
    instead: LINK,
    beforeRemoval: LINK,
  },
  aws_vpn_connection: {
    what: 'the VPN connection',
    provider: 'aws',
    consequence: 'the new connection has new outside addresses, so the peer\'s gateways, tunnels and BGP sessions are rebuilt too, and traffic over the link stops until they are',
    source: 'terraform-provider-aws internal/service/ec2/vpnsite_connection.go ResourceVPNConnection: tunnel1_inside_cidr, tunnel2_inside_cidr, static_routes_only ForceNew (still in 6.26.0: hashicorp/terraform-provider-aws#45663)',
    attributes: [
      { attribute: 'tunnel1_inside_cidr', field: insideRangeField('aws_vpn_connection') },
      { attribute: 'tunnel2_inside_cidr', field: insideRangeField('aws_vpn_connection') },
      { attribute: 'static_routes_only' },
      { attribute: 'type' },
    ],
    removedField: INTERCONNECT,
    destroyed: 'the link goes down',
    instead: LINK,
    beforeRemoval: LINK,
  },

  // ---- Google (hashicorp/google 6.50.0)
  google_container_cluster: {
    what: 'the GKE cluster',
    provider: 'google',
    consequence: 'terraform deletes every node pool first (they depend on it), then the cluster delete fails while deletion_protection is on, leaving a control plane without nodes; with deletionProtection false the cluster is replaced with every workload on it',
    source: 'terraform-provider-google google/services/container/resource_container_cluster.go: name (l.275), location (l.309), initial_node_count (l.1017), network (l.1409), project (l.1540), subnetwork (l.1548), ip_allocation_policy (l.1580-1622), networking_mode (l.1697), private_cluster_config.enable_private_nodes/master_ipv4_cidr_block (l.1783, l.1792), datapath_provider (l.2055) ForceNew',
    attributes: [
      { attribute: 'name', field: `${CLUSTER}.name` },
      { attribute: 'location', field: `${CLUSTER}.region` },
      { attribute: 'project', field: `${CLUSTER}.project` },
      { attribute: 'network' },
      { attribute: 'subnetwork' },
      { attribute: 'private_cluster_config.master_ipv4_cidr_block', field: `${CLUSTER}.network.controlPlaneCidr` },
      { attribute: 'private_cluster_config.enable_private_nodes' },
      { attribute: 'ip_allocation_policy.cluster_secondary_range_name' },
      { attribute: 'ip_allocation_policy.services_secondary_range_name' },
      { attribute: 'networking_mode' },
      { attribute: 'datapath_provider' },
      { attribute: 'initial_node_count' },
    ],
    removedField: CLUSTER,
    destroyed: 'every workload on it is deleted, if deletion_protection is off in the state',
    instead: NEW_CLUSTER,
  },
  google_container_node_pool: {
    what: 'the GKE node pool',
    provider: 'google',
    consequence: 'the pool and its nodes are deleted before the new one is created, so the pool\'s capacity is gone meanwhile',
    source: 'terraform-provider-google google/services/container/resource_container_node_pool.go: project, cluster, location (l.75-88), name (l.343) ForceNew; node_config.go: oauth_scopes (l.388), spot (l.443), service_account (l.452), shielded_instance_config (l.474-489) ForceNew',
    attributes: [
      { attribute: 'name', field: `${POOL}.name` },
      { attribute: 'cluster' },
      { attribute: 'location', field: `${CLUSTER}.region` },
      { attribute: 'project', field: `${CLUSTER}.project` },
      { attribute: 'node_config.spot', field: `${POOL}.spot` },
      { attribute: 'node_config.service_account' },
      { attribute: 'node_config.oauth_scopes', set: true },
      { attribute: 'node_config.shielded_instance_config.enable_secure_boot' },
      { attribute: 'node_config.shielded_instance_config.enable_integrity_monitoring' },
      // initial_node_count (l.295) is ForceNew too, but the stack ignores its changes (lifecycle).
      { attribute: 'initial_node_count' },
    ],
    poolName: 'name',
    removedField: POOL,
    destroyed: 'its nodes are drained and deleted',
    instead: NEW_POOL,
  },
  google_compute_network: {
    what: 'the VPC network',
    provider: 'google',
    consequence: 'everything in it (subnetwork, cluster, node pools, router, VPN gateway) is replaced with it',
    source: 'terraform-provider-google google/services/compute/resource_compute_network.go: name (l.64), auto_create_subnetworks (l.77), project (l.220) ForceNew',
    attributes: [{ attribute: 'name', field: `${CLUSTER}.name` }, { attribute: 'auto_create_subnetworks' }, { attribute: 'project', field: `${CLUSTER}.project` }],
    removedField: CLUSTER,
    destroyed: 'everything in it goes with it',
    instead: NEW_CLUSTER,
  },
  google_compute_subnetwork: {
    what: 'the subnetwork',
    provider: 'google',
    consequence: 'the GKE cluster on it is replaced with it (its subnetwork is ForceNew), its node pools deleted first',
    source: 'terraform-provider-google google/services/compute/resource_compute_subnetwork.go: ForceNewIfChange("ip_cidr_range", IsShrinkageIpCidr) (l.122; a range that contains the old one is expanded in place), name (l.131), network (l.144), region (l.326), project (l.463) ForceNew',
    attributes: [
      { attribute: 'ip_cidr_range', field: `${CLUSTER}.network.nodeCidr`, replaces: isShrinkageIpCidr },
      { attribute: 'name', field: `${CLUSTER}.name` },
      { attribute: 'network' },
      { attribute: 'region', field: `${CLUSTER}.region` },
      { attribute: 'project', field: `${CLUSTER}.project` },
    ],
    removedField: CLUSTER,
    destroyed: 'the cluster on it goes with it',
    instead: `grow the range instead (a range that contains the old one is expanded in place); ${NEW_CLUSTER}`,
  },
  google_compute_ha_vpn_gateway: {
    what: 'the HA VPN gateway',
    provider: 'google',
    consequence: 'it gets new addresses, so every tunnel and peer gateway of the interconnect stacks that use it is rebuilt, and traffic over those links stops until they are',
    source: 'terraform-provider-google google/services/compute/resource_compute_ha_vpn_gateway.go: name (l.73), network (l.86), region (l.119), stack_type (l.126), project (l.193) ForceNew',
    attributes: [{ attribute: 'name' }, { attribute: 'network' }, { attribute: 'region', field: `${CLUSTER}.region` }, { attribute: 'stack_type' }, { attribute: 'project', field: `${CLUSTER}.project` }],
    removedField: `${INTERCONNECT}[{cluster}]`,
    destroyed: 'the tunnels of the interconnect stacks that use it go down',
    instead: LINK,
    beforeRemoval: LINK,
  },
  google_compute_external_vpn_gateway: {
    what: 'the external VPN gateway',
    provider: 'google',
    consequence: 'the tunnels to it are replaced with it, and traffic over the link stops until they are up again',
    source: 'terraform-provider-google google/services/compute/resource_compute_external_vpn_gateway.go: name (l.63), interface (l.81-107), redundancy_type (l.130), project (l.157) ForceNew',
    attributes: ['name', 'interface', 'redundancy_type', 'project'].map((attribute) => ({ attribute, field: INTERCONNECT })),
    removedField: INTERCONNECT,
    destroyed: 'the link goes down',
    instead: LINK,
    beforeRemoval: LINK,
  },
  google_compute_vpn_tunnel: {
    what: 'the VPN tunnel',
    provider: 'google',
    consequence: 'the tunnel goes down while it is replaced, and its BGP session with it',
    source: 'terraform-provider-google google/services/compute/resource_compute_vpn_tunnel.go: name, shared_secret, ike_version, peer_external_gateway(_interface), region, router, vpn_gateway(_interface), project (l.166-349) ForceNew',
    attributes: ['name', 'shared_secret', 'ike_version', 'peer_external_gateway', 'peer_external_gateway_interface', 'region', 'router', 'vpn_gateway', 'vpn_gateway_interface', 'project'].map((attribute) => ({ attribute, field: INTERCONNECT })),
    removedField: INTERCONNECT,
    destroyed: 'the link goes down',
    instead: LINK,
    beforeRemoval: LINK,
  },
  google_compute_router_interface: {
    what: 'the Cloud Router interface',
    provider: 'google',
    consequence: 'the BGP session on it goes down while it is replaced',
    source: 'terraform-provider-google google/services/compute/resource_compute_router_interface.go: name (l.60), router (l.66), vpn_tunnel (l.72), ip_range (l.90), project (l.122), region (l.129) ForceNew',
    attributes: ['name', 'router', 'vpn_tunnel', 'ip_range', 'project', 'region'].map((attribute) => ({ attribute, field: attribute === 'ip_range' ? insideRangeField('google_compute_router_interface') : INTERCONNECT })),
    removedField: INTERCONNECT,
    destroyed: 'its BGP session goes down',
    instead: LINK,
    beforeRemoval: LINK,
  },

  // ---- Azure (hashicorp/azurerm 4.55.0)
  azurerm_kubernetes_cluster: {
    what: 'the AKS cluster',
    provider: 'azurerm',
    consequence: 'it is deleted with every workload on it and its user pools, and comes back with a new endpoint, CA and OIDC issuer',
    source: 'terraform-provider-azurerm internal/services/containers/kubernetes_cluster_resource.go: ForceNewIf("default_node_pool.0.name") (l.86-97), name (l.160), location/resource_group_name (commonschema, l.164-166), dns_prefix (l.418), network_profile network_plugin/dns_service_ip/pod_cidr/service_cidr/load_balancer_sku (l.1061-1161), ForceNewIfChange network_data_plane/network_policy (l.98, l.110), private_cluster_enabled (l.1382)',
    attributes: [
      { attribute: 'name', field: `${CLUSTER}.name` },
      { attribute: 'location', field: `${CLUSTER}.region` },
      { attribute: 'resource_group_name' },
      { attribute: 'dns_prefix', field: `${CLUSTER}.name` },
      // The system pool: the pool named the cluster's `systemPool`, `system` by default (aksSystemPool); an
      // existing cluster keeps its name through systemPool.
      { attribute: 'default_node_pool.name', field: `${CLUSTER}.systemPool` },
      { attribute: 'network_profile.pod_cidr', field: `${CLUSTER}.network.podCidr` },
      { attribute: 'network_profile.service_cidr', field: `${CLUSTER}.network.serviceCidr` },
      { attribute: 'network_profile.dns_service_ip', field: `${CLUSTER}.network.serviceCidr` },
      { attribute: 'network_profile.network_plugin' },
      { attribute: 'network_profile.network_data_plane' },
      { attribute: 'network_profile.network_policy' },
      { attribute: 'network_profile.load_balancer_sku' },
      { attribute: 'private_cluster_enabled', field: `${CLUSTER}.apiAccess` },
    ],
    removedField: CLUSTER,
    destroyed: 'every workload on it is deleted',
    instead: NEW_CLUSTER,
  },
  azurerm_kubernetes_cluster_node_pool: {
    what: 'the AKS node pool',
    provider: 'azurerm',
    consequence: 'the pool and its nodes are deleted before the new one is created, so the pool\'s capacity is gone meanwhile',
    source: 'terraform-provider-azurerm internal/services/containers/kubernetes_cluster_node_pool_resource.go: name (l.128), kubernetes_cluster_id (l.135), eviction_policy (l.174), priority (l.335), spot_max_price (l.359) ForceNew',
    attributes: [
      { attribute: 'name', field: `${POOL}.name` },
      { attribute: 'kubernetes_cluster_id' },
      { attribute: 'priority', field: `${POOL}.spot` },
      { attribute: 'eviction_policy', field: `${POOL}.spot` },
      { attribute: 'spot_max_price', field: `${POOL}.spot` },
    ],
    poolName: 'name',
    removedField: POOL,
    destroyed: 'its nodes are drained and deleted',
    instead: NEW_POOL,
  },
  azurerm_resource_group: {
    what: 'the resource group',
    provider: 'azurerm',
    consequence: 'deleting it deletes everything in it: the network, the cluster, its identities and addresses',
    source: 'terraform-provider-azurerm internal/services/resource/resource_group_resource.go: name, location (commonschema.Location) ForceNew',
    attributes: [{ attribute: 'name', field: `${CLUSTER}.name` }, { attribute: 'location', field: `${CLUSTER}.region` }],
    removedField: CLUSTER,
    destroyed: 'everything in it goes with it',
    instead: NEW_CLUSTER,
  },
  azurerm_virtual_network: {
    what: 'the virtual network',
    provider: 'azurerm',
    consequence: 'its subnets, the cluster\'s node pools on them and the VPN gateway are replaced with it',
    source: 'terraform-provider-azurerm internal/services/network/virtual_network_resource.go: name (l.71), location/resource_group_name (commonschema) ForceNew; address_space updates in place',
    attributes: [{ attribute: 'name', field: `${CLUSTER}.name` }, { attribute: 'location', field: `${CLUSTER}.region` }, { attribute: 'resource_group_name' }],
    removedField: CLUSTER,
    destroyed: 'its subnets go with it',
    instead: NEW_CLUSTER,
  },
  azurerm_subnet: {
    what: 'the subnet',
    provider: 'azurerm',
    consequence: 'the node pools or the VPN gateway on it are replaced with it',
    source: 'terraform-provider-azurerm internal/services/network/subnet_resource.go: name (l.139), virtual_network_name (l.147), resource_group_name (commonschema) ForceNew; address_prefixes update in place',
    attributes: [{ attribute: 'name' }, { attribute: 'virtual_network_name' }, { attribute: 'resource_group_name' }],
    removedField: CLUSTER,
    destroyed: 'what runs on it goes with it',
    instead: NEW_CLUSTER,
  },
  azurerm_public_ip: {
    what: 'the public IP',
    provider: 'azurerm',
    consequence: 'it gets a new address: the cluster\'s egress address changes (every API allow list that admits it is stale until the next synth and apply) or the VPN gateway using it is rebuilt, and deleting the old one fails while it is still attached',
    source: 'terraform-provider-azurerm internal/services/network/public_ip_resource.go: name (l.55), sku (l.106), zones (ZonesMultipleOptionalForceNew, l.176), location/resource_group_name (commonschema) ForceNew',
    attributes: [
      { attribute: 'zones', field: `${CLUSTER}.zones`, set: true },
      { attribute: 'name' },
      { attribute: 'sku' },
      { attribute: 'location', field: `${CLUSTER}.region` },
      { attribute: 'resource_group_name' },
    ],
    destroyed: 'its address is gone for good',
    instead: `keep the zones as they are; ${NEW_CLUSTER}`,
    // The egress address (the cluster's outbound IP) and the VPN gateway's are used by resources of the stack. Global DNS's
    // ingress address of an AKS member is held only by its ingress gateway's load balancer (a Kubernetes Service), and a
    // member that leaves every endpoint releases it, as README "Global DNS" says, as the Elastic IPs and Google addresses
    // of the other clouds are: refused, `--allow-replace global-dns` alone did not turn global DNS off.
    removal: 'whileUsed',
  },
  azurerm_virtual_network_gateway: {
    what: 'the VPN gateway',
    provider: 'azurerm',
    consequence: 'it is rebuilt with new addresses (30 minutes or more), and every link of the interconnect stacks that uses it is down until their local gateways and connections follow',
    source: 'terraform-provider-azurerm internal/services/network/virtual_network_gateway_resource.go: name (l.59), type (l.70), vpn_type (l.80), generation (l.128), ip_configuration (l.140: its number of items), location/resource_group_name (commonschema) ForceNew',
    attributes: [
      { attribute: 'name' },
      { attribute: 'type' },
      { attribute: 'vpn_type' },
      { attribute: 'generation' },
      // ForceNew on the block, whose attributes are not: the plugin SDK's diffList gives the block's ForceNew to its
      // item count only (`ip_configuration.#`), and diffs each attribute of an item by its own schema
      // (hashicorp/terraform-plugin-sdk helper/schema/schema.go diffList; hashicorp/terraform#34691). Another subnet or
      // public IP in the same number of items is an in-place update (resourceVirtualNetworkGatewayUpdate sends the new
      // configurations), not a replacement.
      { attribute: 'ip_configuration', replaces: itemCountChanges },
      { attribute: 'location', field: `${CLUSTER}.region` },
      { attribute: 'resource_group_name' },
    ],
    removedField: `${INTERCONNECT}[{cluster}]`,
    destroyed: 'the links of the interconnect stacks that use it go down',
    instead: LINK,
    beforeRemoval: LINK,
  },
  azurerm_local_network_gateway: {
    what: 'the local network gateway',
    provider: 'azurerm',
    consequence: 'the connection to it is replaced with it, and the link is down meanwhile',
    source: 'terraform-provider-azurerm internal/services/network/local_network_gateway_resource.go: name (l.51), location/resource_group_name (commonschema) ForceNew',
    attributes: ['name', 'location', 'resource_group_name'].map((attribute) => ({ attribute, field: INTERCONNECT })),
    removedField: INTERCONNECT,
    destroyed: 'the link goes down',
    instead: LINK,
    beforeRemoval: LINK,
  },
  azurerm_virtual_network_gateway_connection: {
    what: 'the VPN gateway connection',
    provider: 'azurerm',
    consequence: 'the link goes down while it is replaced',
    source: 'terraform-provider-azurerm internal/services/network/virtual_network_gateway_connection_resource.go: name (l.53), type (l.64), virtual_network_gateway_id (l.75), connection_protocol (l.180), connection_mode (l.190), location/resource_group_name (commonschema) ForceNew',
    attributes: ['name', 'type', 'virtual_network_gateway_id', 'connection_protocol', 'connection_mode', 'location', 'resource_group_name'].map((attribute) => ({ attribute, field: INTERCONNECT })),
    removedField: INTERCONNECT,
    destroyed: 'the link goes down',
    instead: LINK,
    beforeRemoval: LINK,
  },

  // ---- Vault (hashicorp/vault 5.6.0)
  vault_pki_secret_backend_root_cert: {
    what: 'the mesh root CA',
    provider: 'vault',
    consequence: 'a new trust anchor for the whole mesh: every cluster\'s intermediate CA is re-signed, and cross-cluster mTLS fails until every workload certificate chains to the new root',
    // Not ttl: `ForceNew: false` (l.169), and the resource's Update does nothing (l.35-37): a new ttl is only
    // written to the state, the root keeps its expiry.
    source: 'terraform-provider-vault vault/resource_pki_secret_backend_root_cert.go: backend (l.115), type (l.121), common_name (l.128), key_type (l.192), key_bits (l.200), organization (l.304) ForceNew',
    attributes: [
      { attribute: 'common_name', field: 'mesh.meshID' },
      { attribute: 'organization', field: 'name' },
      { attribute: 'backend', field: 'platform.secrets.vault.pkiMount' },
      { attribute: 'type' },
      { attribute: 'key_type' },
      { attribute: 'key_bits' },
    ],
    removedField: 'platform.secrets',
    destroyed: 'the mesh loses its trust anchor',
    instead: 'keep mesh.meshID and the fleet name as they are; to rotate the root on purpose (every intermediate with it)',
  },
};
