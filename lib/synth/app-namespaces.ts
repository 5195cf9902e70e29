import { compareStrings, Problem, ResolvedCluster, ResolvedFleet } from '../fleet';
import type { PlatformChart } from '../k8s/argocd/platform-chart';
import { SIDECAR_REQUIRED_LABEL } from '../k8s/istio/sidecar-required-policy';
import type { ClusterObject } from './render-fleet';

/**
 * The namespaces a cluster's own objects use, each with the first object that uses it: every Namespace
 * object (the core's and the add-ons'), the apps' own aside, and the namespace of every other object
 * of the core. An add-on's object in a namespace it does not create is not a claim on it: add-ons put
 * policy into the apps' namespaces on purpose (a default-deny NetworkPolicy, a ResourceQuota per app),
 * and an add-on that needs a namespace of its own creates it (then its Namespace object counts).
 */
export function namespaceUsers(objects: readonly ClusterObject[]): Record<string, string> {
  const users: Record<string, string> = {};
  for (const { object, addon } of objects) {
    const labels = (object.metadata as { labels?: Record<string, string> }).labels ?? {};
    // The apps' own namespaces (ClusterBootstrapChart), the only objects the core writes for apps.
    if (object.kind === 'Namespace' && !addon && labels[SIDECAR_REQUIRED_LABEL] === 'true') continue;
    if (object.kind !== 'Namespace' && addon) continue;
    const namespace = object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace;
    if (namespace && !(namespace in users)) users[namespace] = `${object.kind} ${object.metadata.name}${addon ? ` of add-on ${addon}` : ''}`;
  }
  return users;
}

/**
 * Fleet apps whose namespace the platform uses on one of their clusters: a platform chart installs
 * there (`charts`), the core writes an object there, or the core or an add-on creates it as a
 * Namespace (`objectUsers`, see namespaceUsers). Read from what was rendered for the cluster, so every add-on counts, the users'
 * own included.
 *
 * Such an app would own the namespace: its project may write into it, the cluster's bootstrap stage
 * labels it for sidecar injection and for the `fleetsynth-sidecar-required` policy (cert-manager's
 * and istio-csr's pods, the mesh's CA, would then need sidecars), and removing the app, or the
 * cluster leaving its selection, removes the Namespace object, which that Application prunes
 * (automated prune), deleting the platform service with it.
 */
export function appNamespaceProblems(fleet: ResolvedFleet, cluster: ResolvedCluster, charts: readonly PlatformChart[], objectUsers: Readonly<Record<string, string>>): Problem[] {
  const apps = fleet.apps.filter((a) => a.clusters.includes(cluster.name));
  if (apps.length === 0) return [];
  const users = new Map<string, string>();
  for (const chart of charts) if (!users.has(chart.namespace)) users.set(chart.namespace, `chart ${chart.chart}, Application ${cluster.name}-${chart.name}`);
  for (const [namespace, who] of Object.entries(objectUsers)) if (!users.has(namespace)) users.set(namespace, who);
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

/**
 * Fleet apps whose Application on one of their clusters (`<cluster>-<app>`) would have the name of a
 * platform chart's Application (`<cluster>-<chart>`, on any cluster: `aws` + `prod-cert-manager` meets
 * `aws-prod` + `cert-manager`). The charts come from the add-ons, the users' own included, so this is
 * checked on what was rendered; fleet validation reserves synth's other Application names
 * (validate-fleet-apps.ts). Two owners of one Application in Argo CD's namespace would overwrite each
 * other, or the ApplicationSet controller would refuse to generate it.
 */
export function appApplicationNameProblems(fleet: ResolvedFleet, charts: Readonly<Record<string, readonly PlatformChart[]>>): Problem[] {
  const taken = new Map<string, string>();
  for (const [cluster, list] of Object.entries(charts)) for (const chart of list) taken.set(`${cluster}-${chart.name}`, `the Application of platform chart ${chart.chart} on ${cluster}`);
  if (taken.size === 0) return [];
  const chartNames = [...new Set(Object.values(charts).flatMap((list) => list.map((c) => c.name)))].sort(compareStrings);
  return fleet.apps.flatMap((a) =>
    a.clusters.flatMap((cluster) => {
      const name = `${cluster}-${a.name}`;
      const owner = taken.get(name);
      return owner === undefined
        ? []
        : [{ path: `apps[${a.name}].name`, message: `its Application on ${cluster} would be "${name}", already ${owner}`, given: JSON.stringify(a.name), allowed: `a name that makes no platform chart's Application name (<cluster>-${chartNames.join(', <cluster>-')})` }];
    }),
  );
}
