import { ARGOCD_NAMESPACE, ClusterOutputs, clusterManifestFolder, managementCluster, Problem, ResolvedFleet, rootAppName } from '../fleet';
import { OutputIndex } from './output-index';

/**
 * The management cluster against the previous synth's: the cluster whose `argocd/` folder holds the
 * root app `<fleet>-root`. Argo CD runs there, and its root reads that folder. Another management
 * cluster moves the folder (the root, the clusters' roots, the registrations, Argo CD's own
 * Application) under the new one: the running root then reads a path that is gone and stops at "app
 * path does not exist" (argo-cd v3.4.4 util/app/path/path.go), syncing nothing more, while the
 * Applications it made keep syncing the clusters' folders as this synth rewrote them, pruning what
 * left them; and the clusters' stacks, once applied, trust only the new cluster's Argo CD. Handing a
 * running fleet over to an Argo CD on another cluster (bootstrap it there, take the Applications over
 * without cascading deletes, then switch the stacks' trust) is not a procedure fleetsynth has, so the
 * change is refused, with no flag. A management cluster rebuilt under its own name is the same cluster
 * here (README, "When the management cluster is replaced"). A former management cluster without
 * Terraform outputs may never have been applied, and Argo CD is installed only after its outputs are
 * saved (README, "Bootstrap", steps 1 and 2): the refusal then says how to start over.
 * @param outputs the clusters' Terraform outputs @default none known
 * @param shownAs how the output folder is named in messages @default 'dist'
 */
export function managementSwitch(fleet: ResolvedFleet, previous: OutputIndex | undefined, outputs?: ReadonlyMap<string, ClusterOutputs>, shownAs = 'dist'): Problem[] {
  if (!previous) return [];
  const root = new RegExp(`^k8s/(aws|gcp|azure)/([a-z0-9-]+)/${ARGOCD_NAMESPACE}/application\\.argoproj\\.io_${rootAppName(fleet)}\\.yaml$`);
  const management = managementCluster(fleet);
  const roots = Object.keys(previous.files).map((p) => root.exec(p)).filter((m): m is RegExpExecArray => m !== null).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (roots.length === 0 || roots.some(([, cloud, name]) => cloud === management.cloud && name === management.name)) return [];
  const [before, cloud, name] = roots[0];
  const consequence = `Argo CD runs there, and its root app ${rootAppName(fleet)} syncs the output's ${before.slice(0, before.lastIndexOf('/'))}; this synth would move that folder to ${clusterManifestFolder(management)}/${ARGOCD_NAMESPACE}, and the running root would stop at "app path does not exist" while the Applications it made keep syncing the clusters' folders as rewritten and prune what left them, and the stacks would then trust only an Argo CD on the new cluster`;
  const neverApplied = outputs?.has(name) === false ? `; if ${name} was never applied (it has no Terraform outputs, so Argo CD was never installed there: README, "Bootstrap"), nothing runs yet: remove ${shownAs} and synth again` : '';
  const noWay = `fleetsynth has no procedure to hand a running fleet over to an Argo CD on another cluster (README, "Losing the management cluster")${neverApplied}`;
  if (name === management.name) {
    return [{
      path: `clusters[${name}].cloud`,
      message: `the previous synth made ${name} on ${cloud} the management cluster: ${consequence}`,
      given: JSON.stringify(management.cloud),
      allowed: `${JSON.stringify(cloud)} as before: a management cluster on another cloud is another cluster, and ${noWay}`,
    }];
  }
  const former = fleet.clusters.find((c) => c.name === name);
  const at = former && former.role !== 'management' ? former : management;
  const keep = at === former
    ? `"management" as before`
    : `"workload" as before, with ${name} back in the fleet as the management cluster (one rebuilt keeps its name: README, "When the management cluster is replaced")`;
  return [{
    path: `clusters[${at.name}].role`,
    message: `the previous synth made ${name} the management cluster: ${consequence}`,
    given: JSON.stringify(at.role),
    allowed: `${keep}: ${noWay}`,
  }];
}
