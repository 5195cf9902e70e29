import { ARGOCD_NAMESPACE, CLUSTER_APPLICATION, clusterApplicationName, clusterManifestFolder, managementCluster, Problem, ResolvedFleet, rootAppName } from '../fleet';
import { OutputIndex } from './output-index';

const APPLICATION_FILE = /^application\.argoproj\.io_([a-z0-9.-]+)\.yaml$/;

/**
 * Applications that change root: written by the previous synth in the management cluster's `argocd/`
 * folder (the fleet's root syncs it) and now in `argocd/clusters/<cluster>/` (that cluster's root
 * syncs it), or the other way. Argo CD tracks an object by the Application that applied it (the
 * `argocd.argoproj.io/tracking-id` annotation, util/argo/resource_tracking.go), so the root that no
 * longer has it prunes it, and its resources finalizer deletes everything it deployed, while the other
 * root deploys it again: every platform chart of the cluster goes down and comes back. So it is an
 * error unless `allowed`: after the README's hand-over ("Moving Applications to the clusters' roots"),
 * which re-labels them as the new root's first, so that nothing is pruned.
 */
export function applicationMoves(fleet: ResolvedFleet, previous: OutputIndex | undefined, paths: readonly string[], allowed: boolean): Problem[] {
  if (!previous || allowed) return [];
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}/`;
  // Where each Application sits: '' in the fleet root's folder, else the cluster whose root has it.
  const places = (list: Iterable<string>) => {
    const out = new Map<string, string>();
    for (const p of list) {
      if (!p.startsWith(folder)) continue;
      const rest = p.slice(folder.length).split('/');
      const file = rest[rest.length - 1].match(APPLICATION_FILE);
      if (!file) continue;
      if (rest.length === 1) out.set(file[1], '');
      else if (rest.length === 3 && rest[0] === 'clusters') out.set(file[1], rest[1]);
    }
    return out;
  };
  const before = places(Object.keys(previous.files));
  const moved = new Map<string, { from: string; to: string; names: string[] }>();
  for (const [name, to] of places(paths)) {
    const from = before.get(name);
    if (from === undefined || from === to) continue;
    const key = `${from}\u0000${to}`;
    if (!moved.has(key)) moved.set(key, { from, to, names: [] });
    moved.get(key)!.names.push(name);
  }
  const rootOf = (cluster: string) => (cluster === '' ? rootAppName(fleet) : clusterApplicationName({ name: cluster }, CLUSTER_APPLICATION.root));
  return [...moved.values()]
    .sort((a, b) => (a.to + a.from < b.to + b.from ? -1 : 1))
    .map(({ from, to, names }) => {
      const cluster = to || from;
      names.sort();
      return {
        path: `${folder}clusters/${cluster}`,
        message: `${names.length === 1 ? '1 Application' : `${names.length} Applications`} of cluster ${cluster} ${names.length === 1 ? 'moves' : 'move'} from ${rootOf(from)} to ${rootOf(to)}: ${rootOf(from)} would prune ${names.length === 1 ? 'it' : 'them'}, and the resources finalizer delete everything ${names.length === 1 ? 'it' : 'they'} deployed on ${cluster}, while ${rootOf(to)} deploys it again`,
        given: names.join(', '),
        allowed: `hand them over first (README, What is in it, "Moving Applications to the clusters' roots") and synth with --allow-application-move`,
      };
    });
}
