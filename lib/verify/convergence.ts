/**
 * The GitOps convergence check: an offline simulation of Argo CD applying the generated Kubernetes
 * objects, from the documented bootstrap onwards, that returns every way it would fail to converge.
 * Pure: no I/O, no cdk8s or cdktf.
 */
import type { Problem } from '../fleet';
import { fileOwnershipProblems } from './file-ownership';
import { Simulation } from './simulation';

/** One generated Kubernetes object. */
export interface ManifestFile {
  /** Relative to the output folder, e.g. "k8s/aws/mgmt/argocd/application.argoproj.io_acme-root.yaml". */
  readonly path: string;
  readonly object: Record<string, any>;
}

/** What a Helm chart brings. */
export interface ChartContents {
  /** CRDs the chart installs (from its crds/ folder or templates). */
  readonly crds: readonly { readonly group: string; readonly kind: string; readonly scope: 'Namespaced' | 'Cluster' }[];
  /** Cluster-scoped kinds the chart creates besides CRDs (ClusterRole, ValidatingWebhookConfiguration, …): checked against the project's clusterResourceWhitelist. */
  readonly clusterResources?: readonly { readonly group: string; readonly kind: string }[];
  /**
   * Whether it renders a Service of type LoadBalancer, as its Application installs it (Istio's `gateway` chart:
   * `service.type`, LoadBalancer by default), not marked argocd.argoproj.io/ignore-healthcheck: the
   * Application's health waits for the cloud's address. @default false
   */
  readonly loadBalancerService?: boolean;
}

/** What a Helm chart brings, or undefined when unknown (then: no CRDs, no cluster-scoped resources are assumed). */
export type ChartCatalog = (repoURL: string, chart: string, version: string) => ChartContents | undefined;

export interface ConvergenceInput {
  /** Every generated file under k8s/, one Kubernetes object per file. */
  readonly files: readonly ManifestFile[];
  /** Where the output folder sits in the GitOps repo: Application sources with this repoURL + targetRevision and a path under `path` resolve to files. */
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string; readonly path: string };
  /** The documented bootstrap, done by hand on the management cluster before Argo CD takes over. */
  readonly bootstrap: {
    /**
     * Files (paths among `files`) applied with `kubectl apply` into the management cluster, in this
     * order (e.g. the platform AppProject, then the root Application). An object without a namespace
     * goes to Argo CD's namespace (`kubectl apply -n argocd`, as the README's bootstrap runs it).
     */
    readonly kubectlApply: readonly string[];
    /** Argo CD's namespace; Argo CD itself (and its CRDs Application, ApplicationSet, AppProject) is installed there by helm before anything else. @default 'argocd' */
    readonly argocdNamespace?: string;
    /** Whether Argo CD was installed with the Application health check (resource.customizations.health.argoproj.io_Application in argocd-cm). Without it, parents do not wait for child Applications. */
    readonly applicationHealthCheck: boolean;
  };
  readonly charts: ChartCatalog;
  /**
   * Folders (relative to the output folder, e.g. `k8s/gcp/gcp-prod`) of clusters that are not
   * registered yet: their files are written but nothing applies them until they are, so they are
   * not orphans. A second run with every cluster registered checks them. @default none
   */
  readonly heldBackFolders?: readonly string[];
}

/**
 * Every way Argo CD would fail to converge on these files, each at the file of the object at fault
 * (`<Kind> <name>: <reason>`), sorted by path then message. Empty when it converges.
 */
export function convergenceProblems(input: ConvergenceInput): Problem[] {
  const simulation = new Simulation(input);
  simulation.run();
  const problems = [...simulation.problems(), ...fileOwnershipProblems(input, simulation.applicationsOwningFiles())];
  const unique = new Map(problems.map((p) => [`${p.path}\u0000${p.message}`, p]));
  return [...unique.values()].sort((a, b) => (a.path === b.path ? cmpStr(a.message, b.message) : cmpStr(a.path, b.path)));
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
