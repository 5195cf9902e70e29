import { isDns1123Label, isDns1123Subdomain, Problem } from '../fleet';

/** Minimal shape of a Kubernetes object, enough to name its file. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/**
 * File of one object inside its cluster folder: `<namespace>/<kind>[.<group>]_<name>.yaml`, or
 * `_cluster/…` for cluster-scoped objects. Namespaces and names never contain "_", kinds never
 * contain "." and groups never contain "_", so the mapping is one-to-one: two objects can share a
 * file only if they are the same object. `subfolder` (ending in "/") goes between the namespace's
 * folder and the file: the clusters' roots' folders in `argocd/` (FleetGitOps.folderOf).
 */
export function manifestPath(obj: KubeObject, subfolder = ''): string {
  const slash = obj.apiVersion.lastIndexOf('/');
  const group = slash >= 0 ? obj.apiVersion.slice(0, slash) : '';
  const kind = obj.kind.toLowerCase();
  const folder = obj.metadata.namespace ?? '_cluster';
  return `${folder}/${subfolder}${group ? `${kind}.${group}` : kind}_${obj.metadata.name}.yaml`;
}


/** Every object has an explicit DNS-1123 name (and namespace): file names and Argo CD both rely on it. */
export function nameProblems(obj: KubeObject, file: string): Problem[] {
  const problems: Problem[] = [];
  const { name, namespace } = obj.metadata ?? {};
  if (!isDns1123Subdomain(name)) {
    problems.push({ path: `${file}: metadata.name`, message: 'not a DNS-1123 subdomain', given: JSON.stringify(name), allowed: 'lowercase letters, digits, "-" and "."' });
  }
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    problems.push({ path: `${file}: metadata.namespace`, message: 'not a DNS-1123 label', given: JSON.stringify(namespace), allowed: 'lowercase letters, digits and "-"' });
  }
  return problems;
}
