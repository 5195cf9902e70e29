import { parse } from 'yaml';
import { clusterManifestFolder, closest, CommandLineError, managementCluster, Problem, REGISTRATION_LABEL, ResolvedFleet, stackName } from '../fleet';
import { TERRAFORM_DIR } from './render-fleet';

/*
 * `--cluster`: which generated files belong to which cluster. A file belongs to one cluster, or to
 * the whole fleet (undefined):
 *   - k8s/<cloud>/<cluster>/…                    that cluster's, except the management cluster's argocd/ folder:
 *   - …/<management>/argocd/ Application         a cluster's root (label fleetsynth.io/cluster): that cluster; else the cluster it
 *                                                 deploys to (spec.destination.name; in-cluster: the management cluster)
 *   - …/<management>/argocd/ cluster Secret      the cluster it registers (label fleetsynth.io/cluster)
 *   - …/<management>/argocd/ anything else       the fleet's (AppProjects and ApplicationSets list every cluster; Argo CD's cloud identity config)
 *   - terraform/stacks/<cluster's stack>/        that cluster's
 *   - everything else                            the fleet's: fleet-wide stacks, fleet.md, bootstrap/, terraform/.gitignore
 */

/** Argo CD's name and address for the cluster it runs in (argoproj/argo-cd common/common.go KubernetesInternalAPIServerAddr). */
const IN_CLUSTER = { name: 'in-cluster', server: 'https://kubernetes.default.svc' } as const;

/** The fleet's clusters the names select; throws CommandLineError naming each unknown name, with the closest cluster. */
export function selectClusters(fleet: ResolvedFleet, names: readonly string[]): readonly string[] {
  const known = fleet.clusters.map((c) => c.name);
  const problems: Problem[] = names
    .filter((n) => !known.includes(n))
    .map((n) => {
      const near = closest(n, known);
      return { path: '--cluster', message: `no cluster is called ${JSON.stringify(n)}${near ? `; did you mean ${JSON.stringify(near)}?` : ''}`, given: JSON.stringify(n), allowed: known.join(', ') };
    });
  if (problems.length > 0) throw new CommandLineError(problems);
  return [...new Set(names)];
}

/** Whether a file's owner can only be told from its content (an object in the management cluster's argocd/ folder). */
export function scopeNeedsObject(fleet: ResolvedFleet, path: string): boolean {
  return path.startsWith(`${clusterManifestFolder(managementCluster(fleet))}/argocd/`);
}

/** The cluster a generated file belongs to, or undefined when the whole fleet shares it (see above). */
export function fileScope(fleet: ResolvedFleet, path: string, object?: unknown): string | undefined {
  if (scopeNeedsObject(fleet, path)) return argoCdObjectScope(fleet, object);
  if (path.startsWith('k8s/')) return fleet.clusters.find((c) => path.startsWith(`${clusterManifestFolder(c)}/`))?.name;
  const stack = new RegExp(`^${TERRAFORM_DIR}/stacks/([^/]+)/`).exec(path)?.[1];
  return fleet.clusters.find((c) => stackName(c) === stack)?.name;
}

/**
 * The cluster a rendered file belongs to (fileScope). Only a file whose owner is told from its
 * content has its object read, parsed from its JSON and let go: `objects` keeps what it parses for
 * as long as the file is held (until the commit), and every object of a whole fleet's render, read
 * that way, stayed through the convergence check and the write.
 */
export function renderedFileScope(fleet: ResolvedFleet, file: { readonly path: string; readonly objectJson?: string; readonly objects?: readonly unknown[] }): string | undefined {
  if (!scopeNeedsObject(fleet, file.path)) return fileScope(fleet, file.path);
  return fileScope(fleet, file.path, file.objectJson !== undefined ? JSON.parse(file.objectJson) : file.objects?.[0]);
}

function argoCdObjectScope(fleet: ResolvedFleet, object: unknown): string | undefined {
  const o = (object ?? {}) as { kind?: string; metadata?: { labels?: Record<string, string> }; spec?: { destination?: { name?: string; server?: string } } };
  const names = new Set(fleet.clusters.map((c) => c.name));
  if (o.kind === 'Application') {
    const owner = o.metadata?.labels?.[REGISTRATION_LABEL.cluster];
    if (owner !== undefined) return names.has(owner) ? owner : undefined;
    const d = o.spec?.destination ?? {};
    if (d.name === IN_CLUSTER.name || d.server === IN_CLUSTER.server) return managementCluster(fleet).name;
    return d.name && names.has(d.name) ? d.name : undefined;
  }
  if (o.kind === 'Secret' && o.metadata?.labels?.['argocd.argoproj.io/secret-type'] === 'cluster') {
    const name = o.metadata.labels[REGISTRATION_LABEL.cluster];
    return name && names.has(name) ? name : undefined;
  }
  return undefined;
}

/** A generated YAML file's object, or undefined when it does not parse (then it counts as the fleet's). */
export function parseObject(content: string): unknown {
  try {
    return parse(content);
  } catch {
    return undefined;
  }
}
