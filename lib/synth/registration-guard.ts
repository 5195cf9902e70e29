import * as path from 'path';
import { ARGOCD_NAMESPACE, clusterManifestFolder, HeldBack, managementCluster, Problem, ResolvedFleet } from '../fleet';
import { OutputIndex } from './output-index';

/**
 * A cluster the previous synth registered with Argo CD that is still in the fleet but whose
 * Terraform outputs are missing now (a pipeline that lost its outputs folder). Writing would remove
 * its registration and every Application targeting it; Argo CD's root app would prune them, and each
 * Application's resources finalizer would then delete everything on the cluster. So it is an error:
 * restore the outputs, or remove the cluster from the fleet to decommission it on purpose.
 *
 * The same holds for a cluster that has outputs but whose registration is held back now (its Argo CD
 * access missing from its outputs or trusting something else, or the management cluster's outputs
 * missing: lib/fleet/argocd-access.ts): `heldBack` names why.
 */
export function lostRegistrations(fleet: ResolvedFleet, pending: readonly string[], previous: OutputIndex | undefined, outputsDir: string, heldBack: readonly HeldBack[] = []): Problem[] {
  if (!previous) return [];
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}`;
  const wasRegistered = (name: string) => `${folder}/secret_cluster-${name}.yaml` in previous.files;
  const heldNow = fleet.clusters
    .filter((c) => c.role === 'workload' && !pending.includes(c.name) && wasRegistered(c.name))
    .flatMap((c) => heldBack.filter((h) => h.subject === c.name && h.what.startsWith('Argo CD registration')).map((h) => ({ name: c.name, why: h.waitingFor })));
  const held = heldNow.map(({ name, why }) => ({
    path: `clusters[${name}]`,
    message: 'was registered with Argo CD by the previous synth but its registration would be held back now; writing would unregister it and Argo CD would delete everything its Applications deployed',
    given: `waiting for ${why}`,
    allowed: `restore the Terraform outputs Argo CD's access was registered with (${path.join(outputsDir, `${name}.json`)} and the management cluster's), or remove the cluster from the fleet to decommission it`,
  }));
  return pending
    .filter(wasRegistered)
    .map((name) => ({
      path: `clusters[${name}]`,
      message: 'was registered with Argo CD by the previous synth but its Terraform outputs are missing now; writing would unregister it and Argo CD would delete everything its Applications deployed',
      given: `no ${path.join(outputsDir, `${name}.json`)}`,
      allowed: `restore ${path.join(outputsDir, `${name}.json`)} (terraform output -json of its stack), or remove the cluster from the fleet to decommission it`,
    }) as Problem)
    .concat(held);
}
