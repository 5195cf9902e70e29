import * as path from 'path';
import { ClusterOutputs, EKS_CONTROL_PLANE_ZONES_OUTPUT, Problem, ResolvedFleet, show, stackName, stringOutput } from '../fleet';
import { renewsAll, StackChange } from './replacement-guard';

const ZONE_LIST = { test: /^[a-z]{2}(-[a-z]+)+-\d[a-z](,[a-z]{2}(-[a-z]+)+-\d[a-z])*$/, allowed: 'AWS zone names separated by ","' };

/**
 * An EKS cluster's zones without one its control plane was created in. The control plane's network
 * interfaces stay in the private subnets of those zones, and EKS takes no other set of zones (amazon-eks-user-guide
 * latest/ug/networking/network-reqs.adoc: "All subnets that you add must be in the same set of AZs as
 * originally provided when you created the cluster"), so the zone's subnet can never be deleted: the
 * apply would drain and delete that zone's node groups, then fail on the subnet. The stack exports the
 * control plane's zones (`eks_control_plane_zones`, lib/infra/eks-cluster.ts); a zone added after the
 * cluster was created is not among them, and its removal is the replacement guard's (`--allow-replace`).
 * From a stack applied before that output existed nothing is known here: the replacement guard's
 * refusal of the removed subnets says the same rule. No flag lets this through: the cloud refuses it.
 * Not when this synth's `changes` renew the control plane (its cluster replaced, or its stack's region
 * or account moved): the new one is created in the new zones' subnets, which the replacement guard
 * judges, and `--allow-replace` lets through.
 * @param outputsDir the folder of `<cluster>.json` outputs, for messages @default 'terraform-outputs'
 */
export function eksControlPlaneZoneRemovals(fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>, outputsDir = 'terraform-outputs', changes: readonly StackChange[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const cluster of fleet.clusters) {
    if (cluster.cloud !== 'aws') continue;
    const change = changes.find((c) => c.stack === stackName(cluster));
    if (change && renewsAll(change, 'aws_eks_cluster')) continue;
    const file = path.join(outputsDir, `${cluster.name}.json`);
    const applied = stringOutput(outputs.get(cluster.name)?.values, EKS_CONTROL_PLANE_ZONES_OUTPUT, file, problems, ZONE_LIST)?.split(',');
    const removed = applied?.filter((z) => !cluster.zones.includes(z)) ?? [];
    if (!applied || removed.length === 0) continue;
    problems.push({
      path: `clusters[${cluster.name}].zones`,
      message: `the EKS control plane of ${cluster.name} was created in the zones ${applied.join(', ')} (${file}: ${EKS_CONTROL_PLANE_ZONES_OUTPUT}) and keeps its network interfaces in their private subnets: EKS takes no subnets outside that set of zones, so without ${removed.join(', ')} the apply would drain and delete the node groups there, then fail on the subnet the control plane holds; --allow-replace does not change that`,
      given: show(cluster.zones),
      allowed: `zones including ${show(applied)} (a zone added after the cluster was created may go); for fewer or other zones, create a cluster with them beside this one, move the workloads over, and decommission this one (README, "Decommissioning a cluster")`,
    });
  }
  return problems;
}
