import { compareStrings, Problem, ResolvedCluster, ResolvedFleet } from '../fleet';
import type { PlatformChart } from '../k8s/argocd/platform-chart';
import { SIDECAR_REQUIRED_LABEL } from '../k8s/istio/sidecar-required-policy';
import type { ClusterObject } from './render-fleet';

/**
 * Fleet apps whose namespace the platform uses on one of their clusters: a platform chart installs
 * there, or the core or an add-on writes an object there (or the Namespace itself). Read from what
 * was rendered for the cluster, so every add-on counts, the users' own included.
 *
 * Such an app would own the namespace: its project may write into it, the cluster's bootstrap stage
 * labels it for sidecar injection and for the `fleetsynth-sidecar-required` policy (cert-manager's
 * and istio-csr's pods, the mesh's CA, would then need sidecars), and removing the app, or the
 * cluster leaving its selection, removes the Namespace object, which that Application prunes
 * (automated prune), deleting the platform service with it.
 */
export function appNamespaceProblems(fleet: ResolvedFleet, cluster: ResolvedCluster, chartsOf: () => readonly PlatformChart[], objects: readonly ClusterObject[]): Problem[] {
  const apps = fleet.apps.filter((a) => a.clusters.includes(cluster.name));
  if (apps.length === 0) return [];
  const users = new Map<string, string>();
  const use = (namespace: string | undefined, who: string) => {
    if (namespace && !users.has(namespace)) users.set(namespace, who);
  };
  for (const chart of chartsOf()) use(chart.namespace, `chart ${chart.chart}, Application ${cluster.name}-${chart.name}`);
  for (const { object, addon } of objects) {
    const labels = (object.metadata as { labels?: Record<string, string> }).labels ?? {};
    // The apps' own namespaces (ClusterBootstrapChart), the only objects the core writes for apps.
    if (object.kind === 'Namespace' && !addon && labels[SIDECAR_REQUIRED_LABEL] === 'true') continue;
    const who = `${object.kind} ${object.metadata.name}${addon ? ` of add-on ${addon}` : ''}`;
    use(object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace, who);
  }
  const taken = [...users.keys()].sort(compareStrings);
  return apps
    .filter((a) => users.has(a.namespace))
    .map((a) => ({
      path: `apps[${a.name}].namespace`,
      message: `the platform uses this namespace on ${cluster.name} (${users.get(a.namespace)}): the app would label it for sidecar injection and the sidecar-required policy, its project could write there, and removing the app would delete the namespace`,
      given: JSON.stringify(a.namespace),
      allowed: `a namespace of the app's own, not one the platform uses on ${cluster.name} (${taken.join(', ')})`,
    }));
}
