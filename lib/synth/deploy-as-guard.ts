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

/**
 * An allowed switch (the hand-over done) of an app on a cluster whose Argo CD objects are kept as the
 * previous synth wrote them (registration-guard.ts): the kept Applications `<cluster>-<app>` stay in
 * Git while the new ApplicationSet generates the same names, and the controller adopts them (argo-cd
 * applicationset_controller.go CreateOrUpdate): two owners of one Application. The switch waits.
 */
export function deployAsChangesOnKept(fleet: ResolvedFleet, previous: OutputIndex | undefined, allowed: readonly string[] = [], kept: readonly string[] = []): Problem[] {
  if (kept.length === 0 || allowed.length === 0) return [];
  const switched = new Set(deployAsChanges(fleet, previous).map((p) => p.path));
  return fleet.apps
    .filter((a) => allowed.includes(a.name) && switched.has(`apps[${a.name}].deployAs`))
    .flatMap((a) => {
      const on = a.clusters.filter((c) => kept.includes(c));
      return on.length === 0 ? [] : [{
        path: `apps[${a.name}].deployAs`,
        message: `runs on ${on.join(', ')}, whose Argo CD objects (its Applications <cluster>-${a.name} among them) are kept as the previous synth wrote them until their stacks are applied again; the new form would generate the same Application names beside them`,
        given: JSON.stringify(a.deployAs),
        allowed: `apply the stacks of ${on.join(', ')} and synth once, then switch`,
      } as Problem];
    });
}
