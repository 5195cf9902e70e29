/**
 * Clusters Argo CD can deploy to: its own (in-cluster) and those registered by declarative cluster
 * Secrets, and how an Application's destination resolves to one of them.
 */
import { ClusterAddress } from './argo-project';
import { identityOf, isRecord, labelsOf, annotationsOf } from './kube-kinds';

/** Argo CD's own cluster (argoproj/argo-cd pkg/apis/application/v1alpha1 KubernetesInternalAPIServerAddr, KubernetesInClusterName). */
export const IN_CLUSTER: ClusterAddress = { name: 'in-cluster', server: 'https://kubernetes.default.svc' };

/** The label that makes a Secret a cluster registration (argoproj/argo-cd common/common.go LabelKeySecretType). */
export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

/** A cluster as a declarative cluster Secret registers it (docs: operator-manual/declarative-setup.md#clusters). */
export interface RegisteredCluster extends ClusterAddress {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The Secret's `project` key: the cluster is scoped to that project. */
  readonly project: string;
  /** The Secret's own metadata.name. */
  readonly secretName: string;
}

/** Whether an object is a cluster Secret Argo CD would read (in its namespace, with the label). */
export function isClusterSecret(object: Record<string, any>, argocdNamespace: string): boolean {
  const id = identityOf(object);
  return id.group === '' && id.kind === 'Secret' && id.namespace === argocdNamespace && labelsOf(object)[SECRET_TYPE_LABEL] === 'cluster';
}

/**
 * The cluster a cluster Secret registers, or a reason it registers none. `stringData` wins over
 * `data` (the API server merges it into data on write); `server` without a trailing `/`.
 */
export function clusterOfSecret(object: Record<string, any>): RegisteredCluster | string {
  const field = (key: string): string | undefined => {
    const plain = isRecord(object.stringData) ? object.stringData[key] : undefined;
    if (typeof plain === 'string') return plain;
    const encoded = isRecord(object.data) ? object.data[key] : undefined;
    if (typeof encoded !== 'string') return undefined;
    const decoded = Buffer.from(encoded, 'base64');
    return decoded.toString('base64') === encoded.replace(/\s/g, '') ? decoded.toString('utf8') : undefined;
  };
  const server = field('server');
  if (server === undefined || server === '') return 'has no server in stringData or (base64) data';
  return {
    // argoproj/argo-cd util/db/cluster.go SecretToCluster: name, server (no trailing `/`) and project as written.
    name: field('name') ?? '',
    server: server.replace(/\/+$/, ''),
    labels: labelsOf(object),
    annotations: annotationsOf(object),
    project: field('project') ?? '',
    secretName: identityOf(object).name,
  };
}

/** A destination that names no registered cluster, and what would make it resolve. */
export interface UnresolvedDestination {
  readonly reason: string;
  /** The cluster name or server that is missing, when registering one would fix it. */
  readonly missing?: { readonly by: 'name' | 'server'; readonly value: string };
}

/**
 * util/argo/argo.go GetDestinationServer + util/db/cluster.go GetCluster: name and server are
 * exclusive; a name must match exactly one registered cluster ('in-cluster' is Argo CD's own unless a
 * Secret takes it); a server must be registered (kubernetes.default.svc always is).
 */
export function resolveDestination(destination: Record<string, any>, registered: readonly RegisteredCluster[]): ClusterAddress | UnresolvedDestination {
  const name = typeof destination.name === 'string' ? destination.name : '';
  const server = typeof destination.server === 'string' ? destination.server.replace(/\/+$/, '') : '';
  if (name !== '' && server !== '') return { reason: `destination has both name "${name}" and server "${server}": Argo CD accepts one` };
  if (server !== '') {
    const found = registered.find((c) => c.server === server);
    if (found) return found;
    if (server === IN_CLUSTER.server) return IN_CLUSTER;
    return { reason: `destination server "${server}" is not registered (no cluster Secret with that server)`, missing: { by: 'server', value: server } };
  }
  if (name !== '') {
    const servers = [...new Set((byName(registered).get(name) ?? []).map((c) => c.server))];
    if (servers.length === 0 && name === IN_CLUSTER.name) return IN_CLUSTER;
    if (servers.length === 0) return { reason: `destination cluster "${name}" is not registered (no cluster Secret with that name)`, missing: { by: 'name', value: name } };
    if (servers.length > 1) return { reason: `there are ${servers.length} clusters named "${name}": [${servers.join(' ')}]` };
    return registered.find((c) => c.server === servers[0])!;
  }
  return { reason: 'destination has neither name nor server' };
}

const indexes = new WeakMap<readonly RegisteredCluster[], Map<string, RegisteredCluster[]>>();

function byName(registered: readonly RegisteredCluster[]): Map<string, RegisteredCluster[]> {
  let index = indexes.get(registered);
  if (!index) {
    index = new Map();
    for (const c of registered) index.set(c.name, [...(index.get(c.name) ?? []), c]);
    indexes.set(registered, index);
  }
  return index;
}

export function isUnresolved(d: ClusterAddress | UnresolvedDestination): d is UnresolvedDestination {
  return (d as UnresolvedDestination).reason !== undefined;
}
