import { ARGOCD_NAMESPACE, clusterApplicationName, clusterManifestFolder, managementCluster, Problem, ResolvedFleet } from '../fleet';
import { OutputIndex } from './output-index';

/**
 * A fleet app whose `deployAs` differs from how the previous synth deployed it. Both ways name the
 * Applications `<cluster>-<app>`, so the switch swaps one owner of the same Applications for the
 * other, and Argo CD deletes the workloads on the way:
 * - ApplicationSet to Applications: the root prunes the ApplicationSet; Kubernetes then deletes the
 *   Applications it owns (ownerReferences; argo-cd docs/operator-manual/applicationset/Application-Deletion.md),
 *   whose resources finalizer deletes everything they deployed, and the root recreates them after.
 * - Applications to ApplicationSet: the root prunes its Applications (resources finalizer), while the
 *   ApplicationSet controller adopts and regenerates the same names.
 * So it is an error unless the app is in `allowed`: after the README's migration ("Switching deployAs"),
 * which hands the Applications over without deleting what they deployed.
 */
export function deployAsChanges(fleet: ResolvedFleet, previous: OutputIndex | undefined, allowed: readonly string[] = []): Problem[] {
  if (!previous) return [];
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}`;
  const had = (file: string) => `${folder}/${file}` in previous.files;
  const workloads = fleet.clusters.filter((c) => c.role === 'workload');
  const problems: Problem[] = [];
  for (const app of fleet.apps.filter((a) => !allowed.includes(a.name))) {
    const was = (message: string, before: string) => problems.push({
      path: `apps[${app.name}].deployAs`,
      message,
      given: JSON.stringify(app.deployAs),
      allowed: `${JSON.stringify(before)} as before; or hand the Applications over first (README, Apps, "Switching deployAs") and synth with --allow-deploy-as-change ${app.name}`,
    });
    if (app.deployAs === 'applications') {
      if (had(`applicationset.argoproj.io_${app.name}.yaml`)) was(`the previous synth deployed the app as an ApplicationSet; switching prunes it, and Kubernetes then deletes its Applications (<cluster>-${app.name}, owned by it) and Argo CD every workload they deployed, before the new Applications of the same names deploy them again`, 'applicationSet');
      continue;
    }
    const explicit = workloads.map((c) => clusterApplicationName(c, app.name)).filter((name) => had(`application.argoproj.io_${name}.yaml`));
    if (explicit.length > 0) was(`the previous synth deployed the app as explicit Applications (${explicit.join(', ')}); switching prunes them, and Argo CD deletes every workload they deployed (resources finalizer) while the ApplicationSet generates the same names again`, 'applications');
  }
  return problems;
}
