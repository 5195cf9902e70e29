import { CLOUD_CATALOG, minorOf, Problem, ResolvedFleet, stackName } from '../fleet';
import type { StackChange } from './replacement-guard';

/**
 * The attribute that carries a cluster's Kubernetes minor in its stack, per resource type, and how
 * its cloud upgrades it. Every managed control plane moves one minor at a time and never back:
 * - EKS: "you can update only one minor version at a time" (docs.aws.amazon.com/eks/latest/userguide/update-cluster.html);
 *   UpdateClusterVersion refuses a skip or a downgrade at apply, after the plan looked fine.
 * - AKS: "you can't skip minor versions" and downgrades are not supported (learn.microsoft.com/azure/aks/upgrade-cluster).
 * - GKE: the control plane upgrades one minor at a time; a lower `min_master_version` is no downgrade:
 *   the provider keeps the running version and the fleet then says one thing while the cluster runs another
 *   (terraform-provider-google v6.50.0 resource_container_cluster.go: "Only upgrade the master if the current
 *   version is lower than the desired version"; min_master_version is never read back, so no diff either).
 */
const VERSION_ATTRIBUTE: Readonly<Record<string, { readonly attribute: string; readonly cloud: string }>> = {
  aws_eks_cluster: { attribute: 'version', cloud: 'EKS' },
  azurerm_kubernetes_cluster: { attribute: 'kubernetes_version', cloud: 'AKS' },
  google_container_cluster: { attribute: 'min_master_version', cloud: 'GKE' },
};

/**
 * The minor a stack written with `was` goes to next: one up, except that a GKE stack written with a minor the
 * Regular channel no longer offers (the catalog left 1.32 and 1.33 on 2026-11-28) goes straight to the oldest
 * it offers. GKE has moved such a cluster on:
 * "when a version reaches the end of support, cluster control planes and nodes are automatically upgraded
 * regardless of release channel enrollment" (GKE docs, About release channels), and the provider raises the
 * control plane only when it runs below `min_master_version` (above): the fleet catches up with the cluster.
 */
function nextMinor(cloud: string, was: number): number {
  if (cloud !== 'GKE') return was + 1;
  return Math.max(was + 1, Math.min(...CLOUD_CATALOG.gcp.kubernetesVersions.map((v) => minorOf(v) ?? Infinity)));
}

/**
 * A cluster's Kubernetes version against the one its stack was last written with: one minor up, or
 * the same. A skip or a downgrade is refused at `clusters[<name>].kubernetesVersion` (nothing to
 * allow: the cloud refuses it anyway, or ignores it). The written stack is not the running cluster:
 * two bumps written without an apply between pass here, one at a time (the README says to apply each).
 */
export function versionSteps(fleet: ResolvedFleet, changes: readonly StackChange[]): Problem[] {
  const problems: Problem[] = [];
  for (const change of changes) {
    const cluster = fleet.clusters.find((c) => stackName(c) === change.stack);
    if (!cluster) continue;
    const parse = (text: string) => {
      try {
        return JSON.parse(text) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
      } catch {
        return undefined;
      }
    };
    const before = parse(change.before);
    const after = parse(change.after);
    for (const [type, { attribute, cloud }] of Object.entries(VERSION_ATTRIBUTE)) {
      for (const [name, resource] of Object.entries(after?.resource?.[type] ?? {})) {
        const was = minorOf(before?.resource?.[type]?.[name]?.[attribute]);
        const now = minorOf(resource[attribute]);
        if (was === undefined || now === undefined || now === was || now === nextMinor(cloud, was)) continue;
        problems.push({
          path: `clusters[${cluster.name}].kubernetesVersion`,
          message: now < was
            ? `${cloud} does not downgrade a control plane: its stack was written with 1.${was}`
            : `${cloud} upgrades a control plane one minor at a time: its stack was written with 1.${was}, and the cloud refuses 1.${was} → 1.${now} at apply`,
          given: JSON.stringify(cluster.kubernetesVersion),
          allowed: now < was
            ? `"1.${was}" or later; if 1.${was} was never applied, put back the stack as it was applied (git checkout <that commit> -- dist/terraform/stacks/${change.stack}/cdk.tf.json) and synth again`
            : `"1.${nextMinor(cloud, was)}" first (apply it), then the next`,
        });
      }
    }
  }
  return problems;
}
