import { clusterManifestFolder, ResolvedFleet } from '../fleet';
import { ARGOCD_CHART, ARGOCD_CHART_CONTENTS, APPLICATION_HEALTH_CHECK } from '../k8s/argocd/argocd-install';
import { ChartContents } from '../k8s/argocd/platform-chart';
import { ChartCatalog, convergenceProblems } from '../verify';
import { Rendered } from './render-fleet';
import { Problem } from '../fleet';

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
 */
export function convergenceCheck(fleet: ResolvedFleet, rendered: Rendered): Problem[] {
  const values = JSON.stringify(rendered.argoCdValues);
  return convergenceProblems({
    files: rendered.files.flatMap((f) => (f.path.startsWith('k8s/') && f.objects ? f.objects.map((object) => ({ path: f.path, object: object as unknown as Record<string, unknown> })) : [])),
    gitops: fleet.gitops,
    bootstrap: {
      kubectlApply: rendered.bootstrap.kubectlApply,
      // The health check is in the values Argo CD is installed with, or parents would not wait for children.
      applicationHealthCheck: values.includes(JSON.stringify(APPLICATION_HEALTH_CHECK)),
    },
    charts: chartCatalog(rendered),
    heldBackFolders: fleet.clusters.filter((c) => rendered.unreachable.includes(c.name)).map((c) => clusterManifestFolder(c)),
  });
}
