import { lokiChart } from './central-stores';
import { grafanaChart } from './grafana';
import { metricsAgentChart } from './metrics-agent';

/*
 * Who the observability charts let read the Secrets of a cluster, with the values the add-on sets: each
 * chart's RBAC templates at its pinned version, reduced to that question. The alloy chart's is
 * alloy-access.test.ts.
 */

type Values = Record<string, any>;
/** A Helm value at a path, or the chart's default when the add-on sets none. */
const valueAt = (values: Values, path: string, fallback: unknown): any => path.split('.').reduce<any>((v, k) => (v && typeof v === 'object' ? v[k] : undefined), values) ?? fallback;

interface SecretRead {
  /** get/list/watch of every Secret in every namespace (a ClusterRole bound cluster-wide). */
  readonly clusterWide: boolean;
  /** The namespaces whose Secrets and ConfigMaps a Role lets it read. */
  readonly namespaces: readonly string[];
}

/**
 * grafana-community/helm-charts charts/grafana, tag grafana-12.11.1: templates/clusterrole.yaml (ConfigMaps and
 * Secrets when any sidecar is on, unless `rbac.namespaced`), role.yaml (the same in the release's namespace and
 * `rbac.namespaces`, when namespaced); values.yaml `rbac.create: true`, `rbac.namespaced: false`.
 */
function grafanaSecretRead(values: Values, namespace: string): SecretRead {
  const create = valueAt(values, 'rbac.create', true);
  const namespaced = valueAt(values, 'rbac.namespaced', false);
  const sidecar = ['dashboards', 'datasources', 'plugins'].some((s) => valueAt(values, `sidecar.${s}.enabled`, false));
  return {
    clusterWide: create && !namespaced && (sidecar || valueAt(values, 'sidecar.alerts.enabled', false)),
    namespaces: create && namespaced && sidecar ? [...valueAt(values, 'rbac.namespaces', []), namespace] : [],
  };
}

/**
 * grafana-community/helm-charts charts/loki, tag loki-18.11.0: templates/backend/clusterrole.yaml and
 * clusterrolebinding.yaml (unless `rbac.namespaced`; ConfigMaps and Secrets when `sidecar.rules.enabled`, bound to
 * the release's service account, which the single binary runs as), role.yaml (namespaced and the sidecar on);
 * values.yaml `rbac.namespaced: false`, `sidecar.rules.enabled: true`.
 */
function lokiSecretRead(values: Values, namespace: string): SecretRead {
  const namespaced = valueAt(values, 'rbac.namespaced', false);
  const sidecar = valueAt(values, 'sidecar.rules.enabled', true);
  return { clusterWide: !namespaced && sidecar, namespaces: namespaced && sidecar ? [namespace] : [] };
}

/** kube-state-metrics chart 8.4.0 values.yaml `collectors` (its default list). */
const KSM_DEFAULT_COLLECTORS = [
  'certificatesigningrequests', 'configmaps', 'cronjobs', 'daemonsets', 'deployments', 'endpointslices', 'horizontalpodautoscalers', 'ingresses', 'jobs', 'leases', 'limitranges',
  'mutatingwebhookconfigurations', 'namespaces', 'networkpolicies', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'poddisruptionbudgets', 'pods', 'replicasets',
  'replicationcontrollers', 'resourcequotas', 'secrets', 'services', 'statefulsets', 'storageclasses', 'validatingwebhookconfigurations', 'volumeattachments',
];

/**
 * The collectors kube-state-metrics runs, and its ClusterRole's resources (list, watch), as the subchart of
 * kube-prometheus-stack 88.5.3 writes them (kube-state-metrics 8.4.0 templates/_helpers.tpl
 * kube-state-metrics.collectors: `collectors` less `collectorsExclude`, plus `collectorsExtra`; role.yaml, a
 * ClusterRole with `rbac.useClusterRole: true`, its default).
 */
function kubeStateMetricsCollectors(values: Values): string[] {
  const ksm = valueAt(values, 'kube-state-metrics', {});
  const exclude: string[] = valueAt(ksm, 'collectorsExclude', []);
  return [...valueAt(ksm, 'collectors', KSM_DEFAULT_COLLECTORS).filter((c: string) => !exclude.includes(c)), ...valueAt(ksm, 'collectorsExtra', [])];
}

describe('no observability chart lets its pods read every Secret of the cluster', () => {
  test('Grafana: its dashboards sidecar reads its own namespace only', () => {
    const chart = grafanaChart({ tenant: 'acme', metrics: true, logs: true });
    expect(grafanaSecretRead(chart.values as Values, chart.namespace)).toEqual({ clusterWide: false, namespaces: [chart.namespace] });
  });

  test('Loki: its rules sidecar reads its own namespace only', () => {
    const chart = lokiChart({ cloud: 'aws', region: 'r', storage: { metricsBucket: 'm', logsBucket: 'l', identity: 'arn:aws:iam::123456789012:role/o' }, labels: { cluster: 'c', cloud: 'aws', region: 'r', env: 'test' }, clusters: 3, tenant: 'acme' });
    expect(lokiSecretRead(chart.values as Values, chart.namespace)).toEqual({ clusterWide: false, namespaces: [chart.namespace] });
  });

  test('kube-state-metrics: every collector of the chart but Secrets', () => {
    const values = metricsAgentChart({ cloud: 'aws', labels: { cluster: 'c', cloud: 'aws', region: 'r', env: 'test' }, tenant: 'acme', serviceCidr: '10.0.0.0/16' }).values as Values;
    expect(kubeStateMetricsCollectors(values)).toEqual(KSM_DEFAULT_COLLECTORS.filter((c) => c !== 'secrets'));
  });

  test('the charts\' defaults, which the add-on overrides, do read every Secret', () => {
    expect(grafanaSecretRead({ sidecar: { dashboards: { enabled: true } } }, 'grafana').clusterWide).toBe(true);
    expect(lokiSecretRead({}, 'loki').clusterWide).toBe(true);
    expect(kubeStateMetricsCollectors({})).toContain('secrets');
  });
});
