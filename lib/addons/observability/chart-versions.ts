import { ChartImage } from '../../fleet';
import { ChartContents } from '../../k8s/argocd/platform-chart';

/*
 * Every chart the observability add-on installs, pinned to an exact version that exists in its
 * repository's index, with what it creates cluster-wide (for the convergence check and the
 * platform project) and the Kubernetes versions it installs on. Bump a version here and re-read the
 * chart's Chart.yaml (kubeVersion included), crds/ and values, and the templates for the value paths the
 * add-on sets (chart-versions.test.ts: a path no template reads is ignored by Helm without a word).
 */

const RBAC = 'rbac.authorization.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';
const CLUSTER_RBAC = [{ group: RBAC, kind: 'ClusterRole' }, { group: RBAC, kind: 'ClusterRoleBinding' }];

export interface PinnedChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /** The version of the software the chart runs (its Chart.yaml appVersion). */
  readonly appVersion: string;
  /**
   * The Kubernetes versions the chart installs on: its Chart.yaml `kubeVersion` (a Helm semver range).
   * Helm refuses to render the chart for any other version, and Argo CD renders with the destination
   * cluster's (argo-cd v3.4.7 reposerver/repository/repository.go, controller/state.go serverVersion):
   * validate-kube-versions.ts checks every cluster that runs the chart against it.
   * @default any version (the chart declares none)
   */
  readonly kubeVersion?: string;
  readonly contents: ChartContents;
  /**
   * The images it runs with the values the add-on sets, as its values.yaml names them, and where: what
   * a cluster's `imageMirrors` rewrites (chartImageValues). Re-read on a bump, with the templates that
   * join them into an image (chart-versions.test.ts checks every path is read).
   */
  readonly images: readonly ChartImage[];
}

/** Images whose chart joins `<at>.registry` and `<at>.repository` with a "/". */
const registryImages = (images: Readonly<Record<string, string>>): ChartImage[] => Object.entries(images).map(([at, image]) => ({ image, at, spelling: 'registry' }));

/**
 * prometheus-community/helm-charts charts/kube-prometheus-stack/Chart.yaml 88.5.3 (tag
 * kube-prometheus-stack-88.5.3): Prometheus Operator v0.93.1, `kubeVersion: ">=1.25.0-0"`. Its `crds` subchart
 * (charts/crds/crds/crd-*.yaml) installs the ten monitoring.coreos.com CRDs, all namespaced;
 * four are over 256 KiB (prometheuses 833 KB), which Argo CD can only apply server-side: our
 * Applications sync with ServerSideApply=true (lib/k8s/argocd/argocd-application.ts).
 */
export const KUBE_PROMETHEUS_STACK: PinnedChart = {
  repoURL: 'https://prometheus-community.github.io/helm-charts',
  chart: 'kube-prometheus-stack',
  version: '88.5.3',
  appVersion: 'v0.93.1',
  kubeVersion: '>=1.25.0-0',
  contents: {
    crds: ['Alertmanager', 'AlertmanagerConfig', 'PodMonitor', 'Probe', 'Prometheus', 'PrometheusAgent', 'PrometheusRule', 'ScrapeConfig', 'ServiceMonitor', 'ThanosRuler'].map((kind) => ({
      group: 'monitoring.coreos.com',
      kind,
      scope: 'Namespaced' as const,
    })),
    // templates/prometheus-operator/admission-webhooks/{mutatingWebhookConfiguration,validatingWebhookConfiguration}.yaml
    clusterResources: [...CLUSTER_RBAC, { group: ADMISSION, kind: 'MutatingWebhookConfiguration' }, { group: ADMISSION, kind: 'ValidatingWebhookConfiguration' }],
  },
  // values.yaml; templates/prometheus-operator/deployment.yaml (operator, config reloader flag),
  // admission-webhooks/job-patch/*.yaml (certgen), prometheus/prometheus.yaml: `<registry>/<repository>`
  // (global.imageRegistry, one registry for all, is left unset: these come from three). The subcharts'
  // _helpers.tpl: kube-state-metrics 8.4.0 and prometheus-node-exporter 4.56.1, `printf "%s/%s:%s"`.
  images: registryImages({
    'prometheusOperator.image': 'quay.io/prometheus-operator/prometheus-operator',
    'prometheusOperator.prometheusConfigReloader.image': 'quay.io/prometheus-operator/prometheus-config-reloader',
    'prometheusOperator.admissionWebhooks.patch.image': 'ghcr.io/jkroepke/kube-webhook-certgen',
    'prometheus.prometheusSpec.image': 'quay.io/prometheus/prometheus',
    'kube-state-metrics.image': 'registry.k8s.io/kube-state-metrics/kube-state-metrics',
    'prometheus-node-exporter.image': 'quay.io/prometheus/node-exporter',
  }),
};

/**
 * grafana/alloy operations/helm/charts/alloy/Chart.yaml 1.11.1 (tag helm-chart/1.11.1): Alloy
 * v1.18.1; no kubeVersion (nor in the grafana/helm-charts gh-pages index.yaml entry). Its `crds`
 * subchart installs PodLogs (monitoring.grafana.com, namespaced); turned off on the second release
 * of a cluster (one owner per CRD).
 */
export const ALLOY: PinnedChart = {
  repoURL: 'https://grafana.github.io/helm-charts',
  chart: 'alloy',
  version: '1.11.1',
  appVersion: 'v1.18.1',
  contents: { crds: [{ group: 'monitoring.grafana.com', kind: 'PodLogs', scope: 'Namespaced' }], clusterResources: CLUSTER_RBAC },
  // values.yaml; templates/containers/_agent.yaml and _watch.yaml: `<registry>/<repository>` (global.image.registry unset).
  images: registryImages({ image: 'docker.io/grafana/alloy', 'configReloader.image': 'quay.io/prometheus-operator/prometheus-config-reloader' }),
};

/**
 * grafana/mimir operations/helm/charts/mimir-distributed, 6.2.0 in https://grafana.github.io/helm-charts
 * index.yaml (created 2026-08-20, digest 6ef7fd69…cbc6): Mimir 3.2.0, `kubeVersion: ^1.32.0-0` (6.1.1-weekly.368
 * still had ^1.29.0-0): no minor the catalog offers is below it (EKS 1.31 was until 2026-11-28). No CRDs of its own with the
 * values we set (rollout-operator off: its ZoneAwarePodDisruptionBudget CRD is not needed without
 * zone-aware replication).
 */
export const MIMIR_CHART: PinnedChart = {
  repoURL: 'https://grafana.github.io/helm-charts',
  chart: 'mimir-distributed',
  version: '6.2.0',
  appVersion: '3.2.0',
  kubeVersion: '^1.32.0-0',
  contents: { crds: [], clusterResources: CLUSTER_RBAC },
  // values.yaml: every Mimir component's image is the top-level `image` (templates/_helpers.tpl
  // mimir.imageReference, `<repository>:<tag>`, the repository naming its registry); the nginx gateway's
  // is `<registry>/<repository>:<tag>` (templates/gateway/gateway-dep.yaml, read at 8d55127, 6.x). The
  // caches, Kafka, MinIO and the rollout-operator are off.
  images: [{ image: 'docker.io/grafana/mimir', at: 'image.repository', spelling: 'image' }, ...registryImages({ 'gateway.nginx.image': 'docker.io/nginxinc/nginx-unprivileged' })],
};

/**
 * grafana-community/helm-charts charts/loki/Chart.yaml 18.11.0 (tag loki-18.11.0): Loki 3.7.6,
 * `kubeVersion: ">=1.25.0-0"`.
 * The OSS Loki chart moved there from grafana/loki on 2026-03-16 (grafana/helm-charts
 * charts/loki/README.md). No CRDs.
 */
export const LOKI_CHART: PinnedChart = {
  repoURL: 'https://grafana-community.github.io/helm-charts',
  chart: 'loki',
  version: '18.11.0',
  appVersion: '3.7.6',
  kubeVersion: '>=1.25.0-0',
  // Nothing cluster-wide with `rbac.namespaced` (central-stores.ts): templates/backend/clusterrole.yaml, clusterrolebinding.yaml.
  contents: { crds: [] },
  // values.yaml; templates/_helpers.tpl loki.image: `<registry>/<repository>` (global.imageRegistry unset);
  // every Loki target's image defaults to `loki.image`. The gateway's log exporter sidecar (gateway.metrics,
  // on by default), the memcached caches and their exporter, the rules sidecar and the PVC-resize job
  // (templates/_workload.tpl, a pre-upgrade hook) each have their own.
  images: registryImages({
    'loki.image': 'docker.io/grafana/loki',
    'gateway.image': 'docker.io/nginxinc/nginx-unprivileged',
    'gateway.metrics.image': 'ghcr.io/jkroepke/access-log-exporter',
    'memcached.image': 'docker.io/library/memcached',
    'memcachedExporter.image': 'docker.io/prom/memcached-exporter',
    'sidecar.image': 'docker.io/kiwigrid/k8s-sidecar',
    'defaults.statefulSetRecreateJob.image': 'registry.k8s.io/kubectl',
  }),
};

/**
 * grafana-community/helm-charts charts/grafana/Chart.yaml 12.11.1 (tag grafana-12.11.1): Grafana
 * 13.2.0, `kubeVersion: "^1.25.0-0"`. The chart moved there from grafana/helm-charts on 2026-01-30 (commit 3a90565 "migrate
 * chart grafana"). No CRDs.
 */
export const GRAFANA_CHART: PinnedChart = {
  repoURL: 'https://grafana-community.github.io/helm-charts',
  chart: 'grafana',
  version: '12.11.1',
  appVersion: '13.2.0',
  kubeVersion: '^1.25.0-0',
  // Nothing cluster-wide with `rbac.namespaced` (grafana.ts): templates/clusterrole.yaml, clusterrolebinding.yaml.
  contents: { crds: [] },
  // values.yaml; templates/_pod.tpl: `<registry>/<repository>` (global.imageRegistry unset). No
  // persistence, so no initChownData container.
  images: registryImages({ image: 'docker.io/grafana/grafana', 'sidecar.image': 'quay.io/kiwigrid/k8s-sidecar' }),
};

/** Every chart the add-on installs. */
export const OBSERVABILITY_CHARTS: readonly PinnedChart[] = [KUBE_PROMETHEUS_STACK, ALLOY, MIMIR_CHART, LOKI_CHART, GRAFANA_CHART];

/** The pinned chart a chart of the add-on installs. */
export function pinnedChartOf(chart: { readonly chart: string; readonly version: string }): PinnedChart {
  const pinned = OBSERVABILITY_CHARTS.find((c) => c.chart === chart.chart && c.version === chart.version);
  if (!pinned) throw new Error(`observability: ${chart.chart}@${chart.version} is not a pinned chart (chart-versions.ts)`);
  return pinned;
}
