import { CLOUD_CATALOG } from './cloud-catalog';
import { asText } from './fleet-error';
import { EKS_AMI_TYPE_RULE, eksAmiType } from './eks-ami-type';
import { EKS_NODE_DAEMONSETS, eksMaxPods, eksPodAddresses } from './eks-max-pods';
import { zonesAsWritten } from './eks-node-groups';
import { eksReservedKeyProblem, labelKeyProblem } from './labels';
import { isRecord, itemPath, listItems, Problems } from './problems';

// The whole key, prefix included: EKS API Reference, Taint (key) and UpdateLabelsPayload (the labels map
// of CreateNodegroup), "Length Constraints: Minimum length of 1. Maximum length of 63"; terraform-provider-aws
// internal/service/eks/node_group.go, taint.key StringLenBetween(1, 63). Kubernetes allows a 253-character prefix.
const EKS_KEY_MAX = 63;
// EKS User Guide (awsdocs/amazon-eks-user-guide latest/ug/ml/node-taints-managed-node-groups.adoc): "A maximum of 50
// taints are allowed per node group"; terraform-provider-aws internal/service/eks/node_group.go, taint MaxItems: 50.
const EKS_TAINTS_MAX = 50;

/**
 * What an EKS managed node group takes beyond the catalog's shapes and Kubernetes' label rules: an
 * instance family whose AMI type fleetsynth knows (lib/fleet/eks-ami-type.ts), so that the stack never
 * guesses one, label and taint keys of at most 63 characters in all and taint keys outside the
 * namespaces EKS reserves (lib/fleet/labels.ts EKS_RESERVED_KEY_NAMESPACES), at most 50 taints, and a maxSize that gives each
 * zone's group (lib/fleet/eks-node-groups.ts) at least one node; and an instance type whose nodes hold
 * more pods than EKS's own DaemonSets (lib/fleet/eks-max-pods.ts).
 */
export function checkEksNodeGroups(p: Problems, path: string, c: Readonly<Record<string, unknown>>, platform?: unknown): void {
  if (c.cloud !== 'aws' || !Array.isArray(c.nodePools)) return;
  const zones = zonesAsWritten(c);
  const agents = nodeAgents(platform);
  for (const { item: pool, index, present } of listItems(c.nodePools)) {
    if (!present || !isRecord(pool)) continue;
    const poolPath = itemPath(`${path}.nodePools`, pool, index);
    // Each zone's group gets its share of maxSize, and a managed node group's max_size is at least 1
    // (terraform-provider-aws internal/service/eks/node_group.go scaling_config.max_size IntAtLeast(1);
    // EKS NodegroupScalingConfig maxSize minimum 1). Refused rather than rounded up: the pool's maxSize is
    // its cap (cost, quota), and a group left out of a zone could never serve a pod bound there.
    // A maxSize that is no whole number of at least 1 is reported by the pool size check already.
    const maxSize = pool.maxSize;
    if (zones.length > 1 && Number.isInteger(maxSize) && (maxSize as number) >= 1 && (maxSize as number) < zones.length) {
      p.add(`${poolPath}.maxSize`, `an EKS pool is one node group per zone of the cluster (${zones.join(', ')}), and each group needs a maxSize of at least 1: the pool's maxSize must be at least ${zones.length}`, maxSize, `${zones.length} or more (split over the zones: ${zones.length} gives each zone's group at most 1 node)`);
    }
    const machineType = pool.machineType;
    // A machine type of the wrong shape is reported by the catalog check already.
    if (typeof machineType === 'string' && CLOUD_CATALOG.aws.machineType.test(machineType) && eksAmiType(machineType) === undefined) {
      p.add(`${poolPath}.machineType`, `no EKS AMI type known for instance family "${machineType.split('.')[0]}" (lib/fleet/eks-ami-type.ts): the node group would get the x86 AMI without accelerator drivers, or be refused`, machineType, EKS_AMI_TYPE_RULE);
    }
    // 2 ENIs of 2 addresses (t3.micro, t4g.nano, …): 4 pods, which EKS's own DaemonSets fill.
    const maxPods = typeof machineType === 'string' ? eksMaxPods(machineType) : undefined;
    if (maxPods !== undefined && maxPods <= EKS_NODE_DAEMONSETS.length) {
      const pending = agents.length > 0 ? `no other pod ever runs there, and the platform's node agents (${agents.join(', ')}) would stay Pending` : 'no other pod, yours or the platform\'s, ever runs there';
      p.add(`${poolPath}.machineType`, `a ${asText(machineType)} node holds ${maxPods} pods (eni-max-pods.txt), and EKS's own DaemonSets (${EKS_NODE_DAEMONSETS.join(', ')}) take all ${maxPods}: ${pending}`, machineType, 'an instance type whose nodes hold more than 4 pods (eni-max-pods.txt), e.g. t3.small (11), m7g.medium (8), m7i.large (29)');
    }
    // One ENI on the default network card (hpc6id.32xlarge): custom networking gives pods addresses of the
    // other ENIs only, so none at all; the EBS CSI node plugin would wait for one on every node.
    if (maxPods !== undefined && maxPods > EKS_NODE_DAEMONSETS.length && eksPodAddresses(machineType as string) === 0) {
      p.add(`${poolPath}.machineType`, `a ${asText(machineType)} node has one network interface the VPC CNI uses, and under custom networking pods take addresses of the others only: no pod off the host network (the EBS CSI node plugin, ${agents.includes('log agent') ? 'the log agent, ' : ''}any app) ever gets an address there`, machineType, 'an instance type with two or more network interfaces on its default network card');
    }
    // Keys Kubernetes refuses are reported by the label and taint checks already.
    const tooLong = (key: unknown): key is string => typeof key === 'string' && labelKeyProblem(key) === undefined && key.length > EKS_KEY_MAX;
    const allowed = `a key of at most ${EKS_KEY_MAX} characters, prefix included, e.g. "example.com/team"`;
    for (const key of Object.keys(isRecord(pool.labels) ? pool.labels : {}).filter(tooLong)) {
      p.add(`${poolPath}.labels[${key}]`, `EKS takes node label keys of at most ${EKS_KEY_MAX} characters, prefix included (this one has ${key.length})`, key, allowed);
    }
    if (Array.isArray(pool.taints) && pool.taints.length > EKS_TAINTS_MAX) {
      p.add(`${poolPath}.taints`, `EKS takes at most ${EKS_TAINTS_MAX} taints per node group (this pool has ${pool.taints.length})`, pool.taints.length, `at most ${EKS_TAINTS_MAX} taints`);
    }
    for (const { item: taint, index: i } of Array.isArray(pool.taints) ? listItems(pool.taints) : []) {
      if (isRecord(taint) && tooLong(taint.key)) p.add(`${poolPath}.taints[${i}].key`, `EKS takes taint keys of at most ${EKS_KEY_MAX} characters, prefix included (this one has ${taint.key.length})`, taint.key, allowed);
      // Reserved label keys are reported by the label check (nodeLabelKeyProblem); taints have their own.
      const key = isRecord(taint) ? taint.key : undefined;
      const reserved = typeof key === 'string' && labelKeyProblem(key) === undefined ? eksReservedKeyProblem(key, 'taint') : undefined;
      if (reserved) p.add(`${poolPath}.taints[${i}].key`, reserved, key, 'a key in your own namespace, e.g. "example.com/dedicated", or unprefixed');
    }
  }
}

/** The platform's per-node agents a fleet runs (platform.observability, as written): the node exporter with metrics on, the log agent with logs on. */
function nodeAgents(platform: unknown): string[] {
  const observability = isRecord(platform) && isRecord(platform.observability) ? platform.observability : undefined;
  if (!observability) return [];
  return [...(observability.metrics !== false ? ['node exporter'] : []), ...(observability.logs !== false ? ['log agent'] : [])];
}
