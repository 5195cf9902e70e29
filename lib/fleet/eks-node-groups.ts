import { CLOUD_CATALOG } from './cloud-catalog';
import { isRecord } from './problems';

/*
 * On EKS a pool is one managed node group per zone of its cluster, each in that zone's private subnet
 * only. The Cluster Autoscaler builds the node it simulates for a group from one of the group's nodes,
 * or at zero nodes from the Auto Scaling group's first zone (kubernetes/autoscaler
 * cluster-autoscaler/cloudprovider/aws/aws_manager.go getAsgTemplate, `asg.AvailabilityZones[0]`): a
 * group spanning every zone gives a pod bound to another zone (an EBS volume, zone affinity) no
 * scale-up at all. AWS: "you should configure multiple node groups, each scoped to a single
 * Availability Zone" (awsdocs/amazon-eks-user-guide latest/ug/nodes/managed-node-groups.adoc).
 */

/** One zone's managed node group of a pool. */
export interface EksZoneNodeGroup {
  readonly zone: string;
  /** What tells the zone's group apart in names and construct ids: `a` for `us-west-2a`. */
  readonly zoneSuffix: string;
  /** The group's `node_group_name_prefix`: `<pool>-<zoneSuffix>-`. */
  readonly namePrefix: string;
  /** This zone's share of the pool's bounds (splitAcrossZones). */
  readonly minSize: number;
  readonly maxSize: number;
}

/**
 * The `node_group_name_prefix` of a pool's node group in one zone: `<pool>-<zone suffix>-`. The
 * provider names the group this and a unique id, so a replacement group (a new instance type, disk,
 * capacity type or subnets: all ForceNew) can exist beside the old one, and is created before the old
 * one is deleted (create_before_destroy). The prefix is at most 37 characters
 * (hashicorp/terraform-provider-aws internal/service/eks/node_group.go: node_group_name_prefix
 * StringLenBetween(0, 63-id.UniqueIDSuffixLength), a 26-character id): lib/fleet/cloud-names.ts.
 */
export function eksNodeGroupNamePrefix(pool: { readonly name: string }, zoneSuffix: string): string {
  return `${pool.name}-${zoneSuffix}-`;
}

/**
 * The zone without its region: `a` for `us-west-2a`; a Local Zone `us-west-2-lax-1a` gives `lax-1a`.
 * A zone that does not start with its region is used whole (validation refuses such zones anyway).
 */
export function eksZoneSuffix(region: string, zone: string): string {
  const rest = zone.startsWith(region) ? zone.slice(region.length).replace(/^-/, '') : zone;
  return rest.length > 0 ? rest : zone;
}

/**
 * `total` nodes over `zones` zones: equal shares, the remainder one each to the first zones, so the
 * shares add up to `total` exactly (10 over 3: 4, 3, 3; 1 over 3: 1, 0, 0). Of a pool's minSize ≤
 * maxSize, each zone's min share is at most its max share.
 */
export function splitAcrossZones(total: number, zones: number): number[] {
  const base = Math.floor(total / zones);
  return Array.from({ length: zones }, (_, i) => base + (i < total % zones ? 1 : 0));
}

/** A pool's node groups, one per zone in the cluster's zone order (sorted: lib/fleet/resolve-fleet.ts). */
export function eksZoneNodeGroups(pool: { readonly name: string; readonly minSize: number; readonly maxSize: number }, region: string, zones: readonly string[]): EksZoneNodeGroup[] {
  const mins = splitAcrossZones(pool.minSize, zones.length);
  const maxes = splitAcrossZones(pool.maxSize, zones.length);
  return zones.map((zone, i) => {
    const zoneSuffix = eksZoneSuffix(region, zone);
    return { zone, zoneSuffix, namePrefix: eksNodeGroupNamePrefix(pool, zoneSuffix), minSize: mins[i], maxSize: maxes[i] };
  });
}

/**
 * The zones of a cluster as written (before validation), as resolveFleet will settle them: the listed
 * ones, or the region's defaults, sorted. Items that are not strings are left out (reported elsewhere).
 */
export function zonesAsWritten(c: Readonly<Record<string, unknown>>): string[] {
  if (!isRecord(c) || typeof c.cloud !== 'string' || !(c.cloud in CLOUD_CATALOG)) return [];
  const listed = Array.isArray(c.zones) ? c.zones.filter((z): z is string => typeof z === 'string') : undefined;
  const zones = listed ?? (typeof c.region === 'string' ? CLOUD_CATALOG[c.cloud as keyof typeof CLOUD_CATALOG].defaultZones(c.region) : []);
  return [...zones].sort();
}
