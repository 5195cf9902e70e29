import { Construct } from 'constructs';
import { ChartImage, chartImageValues, ImageMirrors, mergeHelmValues } from '../../fleet';
import { ApplicationDestination, ArgoCdApplication } from './argocd-application';

/** A Kubernetes kind, by API group ('' for the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * What a Helm chart installs that others depend on or that a project must allow. The convergence
 * check (lib/verify) uses it to know which CRDs exist once the chart's Application is healthy.
 */
export interface ChartContents {
  /** CRDs the chart installs (from its `crds/` folder or its templates). */
  readonly crds: readonly (GroupKind & { readonly scope: 'Namespaced' | 'Cluster' })[];
  /** Cluster-scoped kinds it creates besides CRDs (ClusterRole, webhooks, …). @default none */
  readonly clusterResources?: readonly GroupKind[];
  /**
   * It creates a Service of type LoadBalancer, which Argo CD reads Progressing until the cloud gives it an
   * address: the convergence check reports the chart's Application in a wave its parent waits for. @default false
   */
  readonly loadBalancerService?: boolean;
}

/** A Helm chart Argo CD installs on one cluster, as part of the platform (Istio, operators, agents). */
export interface PlatformChart {
  /** The Application is named `<cluster>-<name>`; a DNS label. */
  readonly name: string;
  /** Namespace it installs into (created by Argo CD, with `namespaceLabels`). */
  readonly namespace: string;
  readonly repoURL: string;
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
  /** @default the chart name */
  readonly releaseName?: string;
  /** Helm values. @default none */
  readonly values?: { readonly [key: string]: unknown };
  /** Sync wave in its cluster's root: see SYNC_WAVE (operators, istioBase, istiod, gateways, platformCharts). */
  readonly wave: number;
  readonly contents: ChartContents;
  /**
   * Labels of the namespace Argo CD creates (`managedNamespaceMetadata`). Leave it out for a namespace
   * that is a Namespace object in Git: Argo CD applies the metadata to an existing namespace too, with
   * server-side apply under the same field manager as the object's own Application, so each would
   * strip the other's fields on every sync (argo-cd controller/sync_namespace.go). @default none
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** Fields Argo CD should not diff (what a controller rewrites after install). @default none */
  readonly ignoreDifferences?: readonly { readonly group: string; readonly kind: string; readonly name?: string; readonly jsonPointers: readonly string[] }[];
  /**
   * When the chart leaves the fleet, its Application is deleted after the rest of its cluster's root has
   * synced and is healthy, not in its own wave (`PruneLast=true` on the Application, which gitops-engine
   * reads from the live object: argo-cd v3.4.7 gitops-engine/pkg/sync/sync_context.go getSyncTasks). The
   * prune goes a wave after the root's last, so that sync waits for the last wave too, which no other does
   * (sync-wave.ts; synth warns: lib/synth/istio-cni-removal.ts). @default false
   */
  readonly pruneLast?: boolean;
}

/** The chart with its images pointed at the cluster's registry mirrors (chartImageValues); the very chart when no mirror applies. */
export function withImageMirrors(chart: PlatformChart, images: readonly ChartImage[], mirrors: ImageMirrors | undefined): PlatformChart {
  const values = chartImageValues(mirrors, images);
  return Object.keys(values).length === 0 ? chart : { ...chart, values: mergeHelmValues(chart.values ?? {}, values) };
}

export interface ChartApplicationProps {
  readonly chart: PlatformChart;
  /** The target cluster's name: prefixes the Application's name. */
  readonly clusterName: string;
  readonly project: string;
  /** The target cluster. */
  readonly destination: Omit<ApplicationDestination, 'namespace'>;
}

/** The Argo CD Application `<cluster>-<chart name>` that installs a platform chart on one cluster. */
export class ChartApplication extends ArgoCdApplication {
  constructor(scope: Construct, id: string, props: ChartApplicationProps) {
    const { chart } = props;
    super(scope, id, {
      name: `${props.clusterName}-${chart.name}`,
      project: props.project,
      source: {
        repoURL: chart.repoURL,
        chart: chart.chart,
        targetRevision: chart.version,
        helm: { ...(chart.releaseName ? { releaseName: chart.releaseName } : {}), ...(chart.values ? { valuesObject: chart.values } : {}) },
      },
      destination: { ...props.destination, namespace: chart.namespace },
      syncPolicy: chart.namespaceLabels ? { managedNamespaceLabels: chart.namespaceLabels } : {},
      ...(chart.ignoreDifferences ? { ignoreDifferences: chart.ignoreDifferences } : {}),
      ...(chart.pruneLast ? { annotations: { 'argocd.argoproj.io/sync-options': 'PruneLast=true' } } : {}),
      syncWave: chart.wave,
    });
  }
}
