import { Cloud, MIRRORED_REGISTRIES } from '../../fleet';
import { PlatformChart, withImageMirrors } from '../../k8s/argocd/platform-chart';
import { CentralStoreProps, lokiChart, mimirChart } from './central-stores';
import { ALLOY, GRAFANA_CHART, KUBE_PROMETHEUS_STACK, LOKI_CHART, MIMIR_CHART, PinnedChart } from './chart-versions';
import { grafanaChart } from './grafana';
import { logAgentChart } from './log-agent';
import { metricsAgentChart } from './metrics-agent';
import { rulesSyncChart } from './rules-sync';
import { readsValue, valueLeaves } from '../../../test/chart-values';

/*
 * Every Helm value the add-on sets is one its pinned chart reads. Helm ignores a key no template reads (a
 * typo, a key renamed or moved, a subchart's value outside its alias) without a word: the setting would look
 * right in dist/ and do nothing in the cluster. The paths below are re-read from each chart's templates at its
 * pinned version (re-read them on a bump: the table is keyed by version). A segment `*` is any one key; a
 * path ending in `**` is passed through whole (`toYaml`, `tpl`, a merged config), so whatever is under it is
 * the software's to read, not the chart's.
 */
const READ: Record<string, readonly string[]> = {
  // prometheus-community/helm-charts, tag kube-prometheus-stack-88.5.3, charts/kube-prometheus-stack.
  'kube-prometheus-stack@88.5.3': [
    'defaultRules.create', // templates/prometheus/rules-1.14/*.yaml
    'alertmanager.enabled', // templates/alertmanager/*.yaml
    'grafana.enabled', // Chart.yaml: the grafana subchart's condition
    // templates/exporters/<name>/{service,servicemonitor}.yaml
    'kubeControllerManager.enabled',
    'kubeEtcd.enabled',
    'kubeScheduler.enabled',
    'kubeProxy.enabled',
    'coreDns.enabled',
    'kubeDns.enabled',
    // The prometheus-node-exporter subchart (4.56.1, no alias): templates/daemonset.yaml `.Values.tolerations`.
    'prometheus-node-exporter.tolerations.**',
    'prometheus-node-exporter.resources.**', // templates/daemonset.yaml: toYaml into the container's resources
    'prometheus-node-exporter.priorityClassName', // templates/daemonset.yaml `with .Values.priorityClassName`
    'prometheusOperator.resources.**', // templates/prometheus-operator/deployment.yaml: toYaml into the container's resources
    // The kube-state-metrics subchart (8.4.0, no alias): templates/_helpers.tpl kube-state-metrics.collectors.
    'kube-state-metrics.collectorsExclude',
    'kube-state-metrics.resources.**', // templates/deployment.yaml: toYaml into the container's resources
    // templates/prometheus/prometheus.yaml
    'prometheus.agentMode',
    'prometheus.prometheusSpec.replicas',
    'prometheus.prometheusSpec.resources.**', // toYaml into the PrometheusAgent's spec.resources
    'prometheus.prometheusSpec.externalLabels.**',
    'prometheus.prometheusSpec.replicaExternalLabelName',
    'prometheus.prometheusSpec.prometheusExternalLabelNameClear',
    'prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues',
    'prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues',
    'prometheus.prometheusSpec.podMetadata.**',
    'prometheus.prometheusSpec.remoteWrite.**',
    // The images (chart-versions.ts KUBE_PROMETHEUS_STACK.images): templates/prometheus-operator/deployment.yaml,
    // admission-webhooks/job-patch/job-{createSecret,patchWebhook}.yaml, prometheus/prometheus.yaml; the
    // subcharts' _helpers.tpl kube-state-metrics.image (8.4.0), prometheus-node-exporter.image (4.56.1).
    ...['prometheusOperator.image', 'prometheusOperator.prometheusConfigReloader.image', 'prometheusOperator.admissionWebhooks.patch.image', 'prometheus.prometheusSpec.image', 'kube-state-metrics.image', 'prometheus-node-exporter.image'].flatMap((i) => [`${i}.registry`, `${i}.repository`]),
  ],
  // grafana/alloy, tag helm-chart/1.11.1, operations/helm/charts/alloy (`alloy` merged over the legacy `agent`).
  'alloy@1.11.1': [
    'crds.create', // Chart.yaml: the crds subchart's condition
    'alloy.configMap.content', // templates/configmap.yaml
    'rbac.rules.**', // templates/rbac.yaml: the ClusterRole's rules, written whole (toYaml)
    // templates/containers/_agent.yaml
    'alloy.storagePath',
    'alloy.extraEnv.**',
    'alloy.mounts.varlog',
    'alloy.mounts.extra.**',
    'alloy.resources.**', // toYaml into the container's resources
    // templates/controllers/{daemonset,deployment,_pod}.yaml
    'controller.type',
    'controller.replicas',
    'controller.tolerations.**',
    'controller.priorityClassName', // templates/controllers/_pod.yaml
    'controller.podLabels.**',
    'controller.podAnnotations.**',
    'controller.volumes.extra.**',
    // templates/containers/_agent.yaml, _watch.yaml
    'image.registry',
    'image.repository',
    'configReloader.image.registry',
    'configReloader.image.repository',
  ],
  // grafana/mimir operations/helm/charts/mimir-distributed, 6.x (values.yaml at 063371e, templates as stored
  // up to 6.1.1-weekly.368; none of these paths changed in 6.x).
  'mimir-distributed@6.2.0': [
    'fullnameOverride', // templates/_helpers.tpl mimir.fullname
    'minio.enabled', // Chart.yaml: the minio subchart's condition
    'rollout_operator.enabled', // Chart.yaml: the rollout-operator subchart's condition (alias rollout_operator)
    'kafka.enabled', // templates/kafka/*, values.yaml mimir.config
    // values.yaml mimir.config and the ingester/store-gateway StatefulSets
    'ingester.zoneAwareReplication.enabled',
    'store_gateway.zoneAwareReplication.enabled',
    // templates/{ingester,store-gateway,compactor}/*-statefulset.yaml volumeClaimTemplates (read at b1d2ff6,
    // 8d55127, b71e9d9): `storage: "{{ .size }}"` with `.Values.<component>.persistentVolume`
    'ingester.persistentVolume.size',
    'store_gateway.persistentVolume.size',
    'compactor.persistentVolume.size',
    // templates/serviceaccount.yaml
    'serviceAccount.create',
    'serviceAccount.annotations.**',
    // templates/_helpers.tpl mimir.podLabels, mimir.podAnnotations (every component's pods)
    'global.podLabels.**',
    'global.podAnnotations.**',
    'gateway.podLabels.**', // mimir.podLabels: the component's own section
    'gateway.service.port', // templates/gateway/gateway-svc.yaml
    // templates/lib/service-monitor.tpl
    'metaMonitoring.serviceMonitor.enabled',
    'metaMonitoring.serviceMonitor.clusterLabel',
    'mimir.structuredConfig.**', // templates/_helpers.tpl mimir.calculatedConfig: merged over mimir.config
    'runtimeConfig.**', // templates/runtime-configmap.yaml
    'image.repository', // templates/_helpers.tpl mimir.imageReference (every component)
    // templates/gateway/gateway-dep.yaml (read at 8d55127, 6.x)
    'gateway.nginx.image.registry',
    'gateway.nginx.image.repository',
  ],
  // grafana-community/helm-charts, tag loki-18.11.0, charts/loki.
  'loki@18.11.0': [
    'fullnameOverride', // templates/_helpers.tpl loki.fullname
    'deploymentMode', // templates/_helpers.tpl loki.deployment.isMonolithic
    // values.yaml loki.config
    'loki.auth_enabled',
    'loki.commonConfig.**',
    'loki.schemaConfig.**',
    // templates/_helpers.tpl loki.commonStorageConfig, loki.rulerStorageConfig, loki.lokiStorageConfig.{s3,azure}
    'loki.storage.type',
    'loki.storage.bucketNames.chunks',
    'loki.storage.bucketNames.ruler',
    'loki.storage.s3.region',
    'loki.storage.azure.accountName',
    'loki.storage.azure.useFederatedToken',
    'loki.runtimeConfig.**', // templates/runtime-configmap.yaml
    // templates/_pod.tpl loki.podTemplate
    'loki.podLabels.**',
    'loki.podAnnotations.**',
    // templates/_helpers.tpl loki.monolithicReplicas; templates/validate.yaml, the targets' workloads
    'singleBinary.replicas',
    // templates/monolithic/workload.yaml → _pod.tpl loki.podTemplate: coalesce of the component's, defaults' and
    // loki's resources, toYaml into the container's; _helpers.tpl loki.componentEnv reads limits.memory (GOMEMLIMIT)
    'singleBinary.resources.**',
    // templates/monolithic/pdb.yaml, _pdb.tpl loki.pdb: every key of the component's podDisruptionBudget but
    // enabled/labels/annotations lands in the PodDisruptionBudget's spec
    'singleBinary.podDisruptionBudget.maxUnavailable',
    'singleBinary.podDisruptionBudget.unhealthyPodEvictionPolicy',
    'backend.replicas',
    'read.replicas',
    'write.replicas',
    // templates/serviceaccount.yaml (_serviceaccount.tpl, the release's own section)
    'serviceAccount.create',
    'serviceAccount.annotations.**',
    'rbac.namespaced', // templates/backend/clusterrole.yaml, clusterrolebinding.yaml, role.yaml, rolebinding.yaml
    // templates/gateway/*.yaml
    'gateway.enabled',
    'gateway.podLabels.**',
    'gateway.podAnnotations.**',
    'gateway.service.port',
    // templates/{chunks,results}-cache/statefulset.yaml, memcached/_memcached-statefulset.tpl
    'chunksCache.allocatedMemory',
    'resultsCache.allocatedMemory',
    'lokiCanary.enabled', // templates/loki-canary/*.yaml
    'test.enabled', // templates/tests/test-canary.yaml
    // templates/_helpers.tpl loki.image, called by templates/_pod.tpl (loki.image, sidecar.image),
    // gateway/deployment.yaml (gateway.image, gateway.metrics.image), memcached/_memcached-statefulset.tpl
    // (memcached, memcachedExporter) and _workload.tpl (defaults.statefulSetRecreateJob)
    ...['loki.image', 'gateway.image', 'gateway.metrics.image', 'memcached.image', 'memcachedExporter.image', 'sidecar.image', 'defaults.statefulSetRecreateJob.image'].flatMap((i) => [`${i}.registry`, `${i}.repository`]),
  ],
  // grafana-community/helm-charts, tag grafana-12.11.1, charts/grafana.
  'grafana@12.11.1': [
    'admin.existingSecret', // templates/_pod.tpl
    'datasources.**', // templates/_config.tpl: each key a provisioning file
    // templates/_pod.tpl, the dashboards sidecar
    'sidecar.dashboards.enabled',
    'sidecar.dashboards.label',
    'sidecar.dashboards.labelValue',
    'rbac.namespaced', // templates/clusterrole.yaml, clusterrolebinding.yaml, role.yaml, rolebinding.yaml
    // templates/_pod.tpl
    'resources.**', // toYaml into the grafana container's resources
    'image.registry',
    'image.repository',
    'sidecar.image.registry',
    'sidecar.image.repository',
  ],
};

const CLOUDS: Cloud[] = ['aws', 'gcp', 'azure'];
const LABELS = { cluster: 'c', cloud: 'aws', region: 'r', env: 'test' };
const storeProps = (cloud: Cloud): CentralStoreProps => ({
  cloud,
  region: 'r',
  storage: { metricsBucket: 'm-bucket', logsBucket: 'l-bucket', identity: 'id', ...(cloud === 'azure' ? { azureStorageAccount: 'acct' } : {}) },
  labels: LABELS,
  clusters: 3,
  tenant: 'acme',
});

/** Every chart the add-on writes, on every cloud and with every switch that changes its values. */
const CHARTS: readonly { readonly setting: string; readonly pinned: PinnedChart; readonly chart: PlatformChart }[] = [
  ...CLOUDS.map((cloud) => ({ setting: cloud, pinned: KUBE_PROMETHEUS_STACK, chart: metricsAgentChart({ cloud, labels: LABELS, tenant: 'acme', serviceCidr: '10.0.0.0/16' }) })),
  { setting: 'every cloud', pinned: ALLOY, chart: logAgentChart({ labels: LABELS, tenant: 'acme', serviceCidr: '10.0.0.0/16' }) },
  { setting: 'every cloud', pinned: ALLOY, chart: rulesSyncChart('acme') },
  ...CLOUDS.map((cloud) => ({ setting: cloud, pinned: MIMIR_CHART, chart: mimirChart(storeProps(cloud)) })),
  ...CLOUDS.map((cloud) => ({ setting: cloud, pinned: LOKI_CHART, chart: lokiChart(storeProps(cloud)) })),
  ...[
    { metrics: true, logs: true },
    { metrics: true, logs: false },
    { metrics: false, logs: true },
  ].map((s) => ({ setting: `metrics ${s.metrics ? 'on' : 'off'}, logs ${s.logs ? 'on' : 'off'}`, pinned: GRAFANA_CHART, chart: grafanaChart({ tenant: 'acme', ...s }) })),
];

/** A mirror for every registry the platform pulls from: every chart with its image values set. */
const EVERY_MIRROR = Object.fromEntries(MIRRORED_REGISTRIES.map((r) => [r, `111122223333.dkr.ecr.us-west-2.amazonaws.com/${r.replace(/\./g, '-')}`]));
const MIRRORED = CHARTS.map((c) => ({ ...c, setting: `${c.setting}, every registry mirrored`, chart: withImageMirrors(c.chart, c.pinned.images, EVERY_MIRROR) }));

describe('every Helm value the add-on sets is one its pinned chart reads', () => {
  test.each([...CHARTS, ...MIRRORED].map((c) => [`${c.chart.name} (${c.pinned.chart}@${c.pinned.version}), ${c.setting}`, c] as const))('%s', (_, { pinned, chart }) => {
    expect([chart.chart, chart.version]).toEqual([pinned.chart, pinned.version]);
    const read = READ[`${pinned.chart}@${pinned.version}`];
    // A new version: re-read its templates and key the paths by it.
    expect(read).toBeDefined();
    const unread = valueLeaves(chart.values).filter((path) => !read.some((pattern) => readsValue(pattern, path)));
    expect(unread.map((path) => path.join('.'))).toEqual([]);
  });

  test('the matching: a typo, a key under another parent and a subchart value outside its alias are unread', () => {
    const read = READ['kube-prometheus-stack@88.5.3'];
    const unread = (path: string[]) => !read.some((pattern) => readsValue(pattern, path));
    expect(unread(['prometheus', 'prometheusSpec', 'replica'])).toBe(true);
    expect(unread(['prometheusSpec', 'replicas'])).toBe(true);
    expect(unread(['nodeExporter', 'tolerations'])).toBe(true);
    expect(unread(['prometheus', 'prometheusSpec', 'podMetadata', 'labels', 'sidecar.istio.io/inject'])).toBe(false);
    expect(unread(['prometheus', 'podMetadata', 'labels', 'sidecar.istio.io/inject'])).toBe(true);
  });
});
