import { CLOUD_CATALOG } from './cloud-catalog';
import { EKS_AMI_TYPE_RULE, eksAmiType } from './eks-ami-type';
import { labelKeyProblem } from './labels';
import { isRecord, itemPath, listItems, Problems } from './problems';

// The whole key, prefix included: EKS API Reference, Taint (key) and UpdateLabelsPayload (the labels map
// of CreateNodegroup), "Length Constraints: Minimum length of 1. Maximum length of 63"; terraform-provider-aws
// internal/service/eks/node_group.go, taint.key StringLenBetween(1, 63). Kubernetes allows a 253-character prefix.
const EKS_KEY_MAX = 63;

/**
 * What an EKS managed node group takes beyond the catalog's shapes and Kubernetes' label rules: an
 * instance family whose AMI type fleetsynth knows (lib/fleet/eks-ami-type.ts), so that the stack never
 * guesses one, and label and taint keys of at most 63 characters in all.
 */
export function checkEksNodeGroups(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (c.cloud !== 'aws' || !Array.isArray(c.nodePools)) return;
  for (const { item: pool, index, present } of listItems(c.nodePools)) {
    if (!present || !isRecord(pool)) continue;
    const poolPath = itemPath(`${path}.nodePools`, pool, index);
    const machineType = pool.machineType;
    // A machine type of the wrong shape is reported by the catalog check already.
    if (typeof machineType === 'string' && CLOUD_CATALOG.aws.machineType.test(machineType) && eksAmiType(machineType) === undefined) {
      p.add(`${poolPath}.machineType`, `no EKS AMI type known for instance family "${machineType.split('.')[0]}" (lib/fleet/eks-ami-type.ts): the node group would get the x86 AMI without accelerator drivers, or be refused`, machineType, EKS_AMI_TYPE_RULE);
    }
    // Keys Kubernetes refuses are reported by the label and taint checks already.
    const tooLong = (key: unknown): key is string => typeof key === 'string' && labelKeyProblem(key) === undefined && key.length > EKS_KEY_MAX;
    const allowed = `a key of at most ${EKS_KEY_MAX} characters, prefix included, e.g. "example.com/team"`;
    for (const key of Object.keys(isRecord(pool.labels) ? pool.labels : {}).filter(tooLong)) {
      p.add(`${poolPath}.labels[${key}]`, `EKS takes node label keys of at most ${EKS_KEY_MAX} characters, prefix included (this one has ${key.length})`, key, allowed);
    }
    for (const { item: taint, index: i } of Array.isArray(pool.taints) ? listItems(pool.taints) : []) {
      if (isRecord(taint) && tooLong(taint.key)) p.add(`${poolPath}.taints[${i}].key`, `EKS takes taint keys of at most ${EKS_KEY_MAX} characters, prefix included (this one has ${taint.key.length})`, taint.key, allowed);
    }
  }
}
