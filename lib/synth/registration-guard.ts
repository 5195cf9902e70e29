import * as path from 'path';
import { ARGOCD_NAMESPACE, clusterManifestFolder, managementCluster, Problem, ResolvedFleet } from '../fleet';
import { OutputIndex } from './output-index';

/**
 * A cluster the previous synth registered with Argo CD that is still in the fleet but whose
 * Terraform outputs are missing now (a pipeline that lost its outputs folder). Writing would remove
 * its registration and every Application targeting it; Argo CD's root app would prune them, and each
 * Application's resources finalizer would then delete everything on the cluster. So it is an error:
 * restore the outputs, or remove the cluster from the fleet to decommission it on purpose.
 */
export function lostRegistrations(fleet: ResolvedFleet, pending: readonly string[], previous: OutputIndex | undefined, outputsDir: string): Problem[] {
  if (!previous) return [];
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}`;
  return pending
    .filter((name) => `${folder}/secret_cluster-${name}.yaml` in previous.files)
    .map((name) => ({
      path: `clusters[${name}]`,
      message: 'was registered with Argo CD by the previous synth but its Terraform outputs are missing now; writing would unregister it and Argo CD would delete everything its Applications deployed',
      given: `no ${path.join(outputsDir, `${name}.json`)}`,
      allowed: `restore ${path.join(outputsDir, `${name}.json`)} (terraform output -json of its stack), or remove the cluster from the fleet to decommission it`,
    }));
}
