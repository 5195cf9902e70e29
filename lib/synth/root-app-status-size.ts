import { clusterManifestFolder, ResolvedFleet, rootAppName } from '../fleet';

/*
 * Argo CD keeps, in an Application's own status, one entry per object it manages (status.resources)
 * and one per object its last sync applied (status.operationState.syncResult.resources); argo-cd
 * v3.4.4 pkg/apis/application/v1alpha1/types.go ResourceStatus, ResourceResult (resource health is
 * kept in Redis since 3.0: argocd-cmd-params-cm.yaml controller.resource.health.persist "false"). The
 * API server stores the whole Application as one etcd value, and etcd refuses a request over 1.5 MiB
 * (etcd.io/docs dev-guide/limit.md, --max-request-bytes): past it Argo CD can no longer save the
 * Application's status or its sync's result, and the sync never completes (argo-cd#14486, open: "an
 * app fail[ed] to sync when it hit ~3k resources"; argo-cd#621 "etcdserver: request is too large";
 * argo-cd#28703, open: the controller retries the operation state's patch for good).
 * The root app syncs the management cluster's `argocd/` folder (not its subfolders): a registration
 * and a root per cluster, and an Application per cluster for each app deployed as `applications`, so it
 * grows with clusters × apps. Whether the management cluster's etcd takes more only its operator
 * knows, so synth warns: it is not an error.
 */

/** etcd's default limit on one request (`--max-request-bytes`, 1.5 MiB). */
export const ETCD_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

/** An object of the root app's folder, from its file's name (`<kind>[.<group>]_<name>.yaml`, lib/synth's layout). */
function folderObject(file: string): { group: string; version: string; kind: string; name: string } | undefined {
  const m = /^([^._]+)(?:\.([^_]+))?_(.+)\.yaml$/.exec(file);
  if (!m) return undefined;
  const [, kind, group = '', name] = m;
  // The version's length is all that counts: Argo CD's kinds are v1alpha1, every other kind here v1.
  return { group, version: group === 'argoproj.io' ? 'v1alpha1' : 'v1', kind, name };
}

/**
 * The bytes the root app's status takes for its objects alone: each object's two entries as Argo CD
 * writes them (JSON: the fields of ResourceStatus and ResourceResult, the message of a server-side
 * apply), with its two shortest values. Its spec, history and conditions come on top: a lower bound.
 */
export function rootAppStatusBytes(objects: readonly { group: string; version: string; kind: string; name: string }[], namespace = 'argocd'): number {
  let bytes = 0;
  for (const o of objects) {
    const id = { ...(o.group ? { group: o.group } : {}), version: o.version, kind: o.kind, namespace, name: o.name };
    const resource = { ...id, status: 'Synced', syncWave: -1 };
    // ResourceResult's group has no omitempty; a synced object's hookPhase is Running (gitops-engine sync_context.go), its message kubectl's.
    const result = { ...id, group: o.group, status: 'Synced', message: `${o.kind}${o.group ? `.${o.group}` : ''}/${o.name} serverside-applied`, hookPhase: 'Running', syncPhase: 'Sync' };
    bytes += JSON.stringify(resource).length + JSON.stringify(result).length + 2;
  }
  return bytes;
}

const MIB = 1024 * 1024;

/** One warning when the root app's status, for the objects of the management cluster's `argocd/` folder alone, passes etcd's default request limit. */
export function rootAppStatusSizeWarnings(fleet: Pick<ResolvedFleet, 'name' | 'clusters'>, files: readonly { readonly path: string }[]): string[] {
  const management = fleet.clusters.find((c) => c.role === 'management');
  if (!management) return [];
  const folder = `${clusterManifestFolder(management)}/argocd/`;
  const objects = files.filter((f) => f.path.startsWith(folder) && !f.path.slice(folder.length).includes('/')).flatMap((f) => folderObject(f.path.slice(folder.length)) ?? []);
  const bytes = rootAppStatusBytes(objects);
  if (bytes <= ETCD_MAX_REQUEST_BYTES) return [];
  const apps = objects.filter((o) => o.kind === 'application').length;
  return [
    `Argo CD's root app ${rootAppName(fleet)} manages ${objects.length} objects (${apps} Applications) in ${folder}: its status lists each twice, ` +
      `at least ${(bytes / MIB).toFixed(1)} MiB, more than etcd's default limit of 1.5 MiB for one object: unless the management cluster's etcd takes more ` +
      `(--max-request-bytes), Argo CD cannot save the root app's status and its syncs never complete (argo-cd#14486). Deploy apps as ApplicationSets ` +
      `(deployAs: 'applicationSet', the default): the root app then holds one ApplicationSet per app instead of an Application per cluster`,
  ];
}
