import { createHash } from 'crypto';
import { clusterManifestFolder, ResolvedFleet } from '../fleet';
import { ARGOCD_CHART, ARGOCD_CHART_CONTENTS, APPLICATION_HEALTH_CHECK } from '../k8s/argocd/argocd-install';
import { ChartContents } from '../k8s/argocd/platform-chart';
import { ChartCatalog, convergenceProblems } from '../verify';
import { Rendered } from './render-fleet';
import { Problem } from '../fleet';
import { codeIdentity, SynthCache } from './synth-cache';

/** What every chart an Application installs brings (Argo CD's own, Istio's, the add-ons'), for the simulation. */
function chartCatalog(rendered: Rendered): ChartCatalog {
  const key = (repoURL: string, chart: string, version: string) => `${repoURL}\u0000${chart}\u0000${version}`;
  const known = new Map<string, ChartContents>([[key(ARGOCD_CHART.repoURL, ARGOCD_CHART.chart, ARGOCD_CHART.version), ARGOCD_CHART_CONTENTS]]);
  for (const c of rendered.charts) known.set(key(c.repoURL, c.chart, c.version), c.contents);
  return (repoURL, chart, version) => known.get(key(repoURL, chart, version));
}

/**
 * Simulates Argo CD applying what was rendered, from the documented bootstrap (helm install of Argo
 * CD with the generated values, then kubectl apply of the platform project and the root app), and
 * returns every way it would not converge (lib/verify).
 *
 * With a cache, a render that converged before is not simulated again: the key is everything the
 * simulation reads (every Kubernetes file's path and object, the GitOps repository, the bootstrap,
 * Argo CD's values, the chart catalog, the folders held back) and fleetsynth's code. Only
 * convergence is remembered: problems are always found afresh.
 */
export function convergenceCheck(fleet: ResolvedFleet, rendered: Rendered, options: { readonly cache?: SynthCache } = {}): Problem[] {
  const values = JSON.stringify(rendered.argoCdValues);
  // A file rendered with its object's hash has an object: its JSON is not read for that.
  const files = rendered.files.filter((f) => f.path.startsWith('k8s/') && (f.objectSha256 !== undefined || f.objects));
  const heldBackFolders = fleet.clusters.filter((c) => rendered.unreachable.includes(c.name)).map((c) => clusterManifestFolder(c));
  let entry: string | undefined;
  if (options.cache) {
    const hash = createHash('sha256').update(codeIdentity()).update(JSON.stringify([fleet.gitops, rendered.bootstrap, values, rendered.charts, heldBackFolders]));
    for (const f of files) hash.update(`\0${f.path}\0${f.objectSha256 ?? createHash('sha256').update(f.objectJson ?? JSON.stringify(f.objects)).digest('hex')}`);
    entry = `convergence/${hash.digest('hex').slice(0, 48)}`;
    if (options.cache.read(entry) === 'converges') return [];
  }
  const problems = convergenceProblems({
    // Parsed for the simulation alone, not kept with the files (they are held until the commit; the objects, several times their JSON's size, need not be).
    files: files.flatMap((f) => (f.objectJson !== undefined ? [JSON.parse(f.objectJson) as Record<string, unknown>] : (f.objects as unknown as Record<string, unknown>[])).map((object) => ({ path: f.path, object }))),
    gitops: fleet.gitops,
    bootstrap: {
      kubectlApply: rendered.bootstrap.kubectlApply,
      // The health check is in the values Argo CD is installed with, or parents would not wait for children.
      applicationHealthCheck: values.includes(JSON.stringify(APPLICATION_HEALTH_CHECK)),
    },
    charts: chartCatalog(rendered),
    heldBackFolders,
  });
  if (entry && problems.length === 0) options.cache!.write(entry, 'converges');
  return problems;
}
