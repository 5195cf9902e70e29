import { appProjectName, ARGOCD_NAMESPACE, BOOTSTRAP_STAGE_FOLDER, closest, clusterManifestFolder, managementCluster, Problem, ResolvedApp, ResolvedFleet } from '../fleet';
import { parseObject } from './cluster-selection';
import { OutputIndex } from './output-index';
import { previousClusters } from './removal-guard';
import { rememberedAnswer, SynthCache } from './synth-cache';

/** What this synth leaves in the output folder: the files it writes, and those it carries over as they are (`--cluster`, kept registrations). */
export interface FutureFiles {
  readonly written: readonly string[];
  readonly carried: readonly string[];
}

/** A previous synth's file, as it is in the output folder; undefined when it is not a readable file. */
export type ReadPrevious = (path: string) => string | undefined;

/** An app as the previous synth deployed it. */
interface PreviousApp {
  readonly name: string;
  /** The namespace its project allows (from `<fleet>-app-<app>`); undefined when the file cannot be read. */
  readonly namespace: string | undefined;
  /** Its files in the management cluster's `argocd/` folder: its project, its ApplicationSet or its Applications. */
  readonly argocdFiles: readonly string[];
  readonly hadApplicationSet: boolean;
}

/**
 * The apps a previous synth deployed: each has its project `<fleet>-app-<app>` in the management
 * cluster's `argocd/` folder (fleet-gitops.ts), which lists the app's namespace as its destinations'.
 */
function previousApps(fleet: ResolvedFleet, previous: OutputIndex, read: ReadPrevious, cache: SynthCache | undefined): PreviousApp[] {
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}`;
  const prefix = `${folder}/appproject.argoproj.io_${appProjectName(fleet, { name: '' })}`;
  const clusters = new Set([...previousClusters(previous), ...fleet.clusters.map((c) => c.name)]);
  const files = Object.keys(previous.files);
  return files
    .filter((p) => p.startsWith(prefix) && p.endsWith('.yaml') && !p.slice(prefix.length).includes('/'))
    .map((project) => {
      const name = project.slice(prefix.length, -'.yaml'.length);
      const text = read(project);
      const namespace = text === undefined ? undefined : projectNamespace(text, cache);
      const applicationSet = `${folder}/applicationset.argoproj.io_${name}.yaml`;
      const applications = [...clusters].map((c) => `${folder}/application.argoproj.io_${c}-${name}.yaml`).filter((p) => p in previous.files);
      const hadApplicationSet = applicationSet in previous.files;
      return { name, namespace, argocdFiles: [project, ...(hadApplicationSet ? [applicationSet] : []), ...applications], hadApplicationSet };
    });
}

/**
 * The namespace a project's text names (its first destination's). A project lists every workload
 * cluster, so parsing the YAML grows with the fleet (~20 KB each at 300 clusters, tens of ms for a
 * synth that edits one cluster): with `cache`, the answer is kept under the hash of the bytes (and
 * fleetsynth's code), so a project that is as it was is not parsed again.
 */
function projectNamespace(text: string, cache: SynthCache | undefined): string | undefined {
  return rememberedAnswer(cache, 'previous-app-projects', text, (): { namespace?: string } => {
    const spec = parseObject(text) as { spec?: { destinations?: unknown } } | undefined;
    // A hand-edited project may hold anything: only a list of objects names a namespace.
    const destinations = Array.isArray(spec?.spec?.destinations) ? (spec!.spec!.destinations as unknown[]) : [];
    const namespace = destinations.map((d) => (d !== null && typeof d === 'object' ? (d as { namespace?: unknown }).namespace : undefined)).find((n): n is string => typeof n === 'string');
    return namespace === undefined ? {} : { namespace };
  }).namespace;
}

const NAMESPACE_FILE = new RegExp(`^k8s/[a-z]+/([a-z0-9-]+)/${BOOTSTRAP_STAGE_FOLDER}/_cluster/namespace_([a-z0-9-]+)\\.yaml$`);

/** What a synth does to the previous apps' files: those it writes, those it keeps, and where the previous synth created each namespace. */
class Outcome {
  private readonly written: Set<string>;
  private readonly kept: Set<string>;
  /** namespace → its files `k8s/<cloud>/<cluster>/_bootstrap/_cluster/namespace_<ns>.yaml` → cluster. */
  private readonly namespaces = new Map<string, Map<string, string>>();

  constructor(previous: OutputIndex, future: FutureFiles) {
    this.written = new Set(future.written);
    this.kept = new Set([...future.written, ...future.carried]);
    for (const p of Object.keys(previous.files).sort()) {
      const m = NAMESPACE_FILE.exec(p);
      if (!m) continue;
      if (!this.namespaces.has(m[2])) this.namespaces.set(m[2], new Map());
      this.namespaces.get(m[2])!.set(p, m[1]);
    }
  }

  /**
   * Whether this synth writes or prunes any of the app's Argo CD files or prunes its (previous)
   * namespace somewhere, and the clusters where it prunes that namespace. A namespace file written
   * again is another app's namespace, or the same one: nothing of this app's.
   */
  of(app: PreviousApp, namespace: string | undefined): { touched: boolean; deletedIn: string[] } {
    const pruned = (p: string) => !this.kept.has(p);
    const files = namespace === undefined ? [] : [...(this.namespaces.get(namespace) ?? [])];
    const deletedIn = files.filter(([p]) => pruned(p)).map(([, cluster]) => cluster);
    const touched = app.argocdFiles.some((p) => this.written.has(p) || pruned(p)) || deletedIn.length > 0;
    return { touched, deletedIn };
  }
}

// Deleting a Namespace deletes every object in it; a dynamically provisioned volume takes its
// StorageClass's reclaim policy, Delete by default (kubernetes.io/docs/concepts/storage/persistent-volumes, "Delete").
// The bootstrap stage prunes: its Namespace objects carry no Prune=false (cluster-chart.ts, argocd-application.ts automated prune).
const volumes = (namespace: string, clusters: readonly string[]) =>
  `the bootstrap stage would delete namespace ${namespace} on ${clusters.join(', ')}, and Kubernetes every volume claim (with its volume, under the usual reclaim policy Delete) and Secret in it`;

/**
 * Apps a previous synth deployed that the fleet no longer has, where this synth writes or prunes
 * something of theirs. The root prunes the app's ApplicationSet (Kubernetes then deletes the
 * Applications it owns) or its Applications, and their resources finalizer deletes everything they
 * deployed (argo-cd docs/operator-manual/applicationset/Application-Deletion.md); each cluster's
 * bootstrap stage prunes the app's namespace, which no other app uses there, with every volume claim
 * and Secret in it. A renamed app is a removed one plus a new one: the new Helm release (named after
 * the app) names its objects anew, so nothing of the old one carries over. So it is an error unless
 * the app is in `allowed`.
 */
export function removedApps(fleet: ResolvedFleet, previous: OutputIndex | undefined, future: FutureFiles, read: ReadPrevious, allowed: readonly string[] = [], cache?: SynthCache): Problem[] {
  if (!previous) return [];
  const apps = previousApps(fleet, previous, read, cache);
  const before = new Set(apps.map((a) => a.name));
  const current = new Set(fleet.apps.map((a) => a.name));
  const added = fleet.apps.filter((a) => !before.has(a.name));
  const gone = apps.filter((a) => !current.has(a.name));
  if (gone.length === 0) return [];
  const outcome = new Outcome(previous, future);
  return gone
    .filter((app) => !allowed.includes(app.name))
    .flatMap((app) => {
      const { touched, deletedIn } = outcome.of(app, app.namespace);
      if (!touched) return [];
      const renamed = renamedTo(app, added, gone.length);
      const owner = app.hadApplicationSet ? `its ApplicationSet, and Kubernetes then its Applications <cluster>-${app.name}` : `its Applications <cluster>-${app.name}`;
      const what = `the root app would prune ${owner}, and Argo CD delete everything they deployed (resources finalizer)${deletedIn.length > 0 ? `; ${volumes(app.namespace!, deletedIn)}` : ''}`;
      if (renamed) {
        return [{
          path: `apps[${renamed.name}].name`,
          message: `app ${app.name}, which the previous synth deployed, is no longer in the fleet (renamed to ${renamed.name}? a renamed app is a removed one plus a new one: its release is named after the app, so its objects get new names, new Services and new volume claims, and nothing of ${app.name} carries over): ${what}`,
          given: JSON.stringify(renamed.name),
          allowed: `${JSON.stringify(app.name)} as before; to rename it, add ${renamed.name} beside it, move traffic and data over, then remove ${app.name} with --allow-app-removal ${app.name} (README, Apps, "Renaming, moving or removing an app")`,
        }];
      }
      return [{
        path: 'apps',
        message: `app ${app.name}, which the previous synth deployed, is no longer in the fleet: ${what}`,
        given: `no app ${JSON.stringify(app.name)}`,
        allowed: `keep it in the fleet; or, to delete it with what it deployed, synth with --allow-app-removal ${app.name} (README, Apps, "Renaming, moving or removing an app")`,
      }];
    });
}

/** The new app a gone one was likely renamed to: the one new app in its namespace, else the closest name, else the one new app when one app went. */
function renamedTo(app: PreviousApp, added: readonly ResolvedApp[], goneCount: number): ResolvedApp | undefined {
  const sameNamespace = added.filter((a) => a.namespace === app.namespace);
  if (sameNamespace.length === 1) return sameNamespace[0];
  const near = closest(app.name, added.map((a) => a.name));
  if (near !== undefined) return added.find((a) => a.name === near);
  return added.length === 1 && goneCount === 1 ? added[0] : undefined;
}

/**
 * Apps whose namespace differs from the one the previous synth deployed them into, where this synth
 * writes or prunes something of theirs. The app's project then permits the new namespace only, and
 * Argo CD compares only the live objects its project permits (argo-cd v3.4.4 controller/state.go,
 * "filter out all resources which are not permitted in the application project"), so the app starts
 * anew in the new namespace on new volume claims while its objects in the old one are no longer
 * Argo CD's; and the bootstrap stage prunes the old namespace where no other app uses it, with
 * everything in it. So it is an error unless the app is in `allowed` (`--allow-app-removal`: the old
 * namespace's content is given up).
 */
export function appNamespaceChanges(fleet: ResolvedFleet, previous: OutputIndex | undefined, future: FutureFiles, read: ReadPrevious, allowed: readonly string[] = [], cache?: SynthCache): Problem[] {
  if (!previous) return [];
  const before = new Map(previousApps(fleet, previous, read, cache).map((a) => [a.name, a]));
  const moved = fleet.apps.filter((app) => !allowed.includes(app.name) && before.get(app.name)?.namespace !== undefined && before.get(app.name)!.namespace !== app.namespace);
  if (moved.length === 0) return [];
  const outcome = new Outcome(previous, future);
  return moved
    .flatMap((app) => {
      const was = before.get(app.name)!;
      const old = was.namespace!;
      const { touched, deletedIn } = outcome.of(was, old);
      if (!touched) return [];
      const fate = deletedIn.length > 0
        ? volumes(old, deletedIn)
        : `what it deployed in ${old} would stay there, no longer Argo CD's (its project would no longer permit ${old})`;
      return [{
        path: `apps[${app.name}].namespace`,
        message: `the previous synth deployed the app into namespace ${old}: the app would start anew in ${app.namespace}, on new volume claims, and ${fate}`,
        given: JSON.stringify(app.namespace),
        allowed: `${JSON.stringify(old)} as before; to move it, add an app in ${app.namespace} beside it, move traffic and data over, then remove this one (README, Apps, "Renaming, moving or removing an app"); to give up what is in ${old} now, synth with --allow-app-removal ${app.name}`,
      }];
    });
}
