import { CLOUD_CATALOG } from './cloud-catalog';
import { EKS_AMI_TYPE_RULE, eksAmiType } from './eks-ami-type';
import { isRecord, itemPath, listItems, Problems } from './problems';

/**
 * What an EKS managed node group takes beyond the catalog's shapes: an instance family whose AMI type
 * fleetsynth knows (lib/fleet/eks-ami-type.ts), so that the stack never guesses one.
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
  }
}
