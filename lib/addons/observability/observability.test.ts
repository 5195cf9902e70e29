import * as path from 'path';
import { parse } from 'yaml';
import { CLOUD_CATALOG, FleetError, registrationLabels, REGISTRATION_LABEL, resolveFleet } from '../../fleet';
import { synth } from '../../synth';
import { schemaProblems } from '../../synth/schema-validation';
import { fakeOutputs, observedTestFleet, outputsFolder, TEST_OBSERVABILITY_STORAGE } from '../../../test/fleets';
import { readTree, tempDir } from '../../../test/tree';
import { ALLOY, GRAFANA_CHART, KUBE_PROMETHEUS_STACK, LOKI_CHART, MIMIR_CHART } from './chart-versions';
import { LOKI, MIMIR, TENANT_HEADER } from './central-endpoints';
import { checkPromql, fleetAlertGroups, FleetPrometheusRule, HEARTBEAT_LABEL, SCRAPED_TELEMETRY_LABELS_MOVED, observabilityChartsOn, promqlProblems, REPLICA_LABEL, ruleName, TELEMETRY_LABEL_NAMES, telemetryLabels } from '.';
import { observabilityProblems } from './settings';

// A test that puts a Kubernetes minor back in the catalog (jest.replaceProperty) leaves it as it was.
afterEach(() => jest.restoreAllMocks());

/*
 * The observability add-on end to end: a synth of the test fleet with it on, read back from the
 * files Argo CD would apply.
 */

const errorOf = (fn: () => unknown): FleetError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e;
    throw e;
  }
  throw new Error('expected a FleetError');
};

function render(settings: Record<string, unknown> = {}, outputs?: Map<string, any>) {
  const fleet = observedTestFleet(settings);
  const out = path.join(tempDir(), 'dist');
  const result = synth(fleet, { outDir: out, outputsDir: outputsFolder(outputs ?? fakeOutputs(fleet)) });
  return { fleet, tree: readTree(out), result };
}

const MGMT = 'k8s/aws/t-mgmt';
// A cluster's chart Applications are in its root's folder, argocd/clusters/<cluster>/.
const app = (tree: Record<string, string>, name: string) => {
  const file = Object.keys(tree).find((p) => p.startsWith(`${MGMT}/argocd/`) && p.endsWith(`/application.argoproj.io_${name}.yaml`));
  if (!file) throw new Error(`no Application ${name} in ${MGMT}/argocd/`);
  return parse(tree[file]);
};
const values = (tree: Record<string, string>, name: string) => app(tree, name).spec.source.helm.valuesObject;
const CLUSTERS = ['t-mgmt', 't-aws', 't-gcp', 't-azure'];
/** The attributes of the one `endpoint` block of Alloy's `loki.write`, as written (strings keep their quotes). */
const lokiEndpoint = (alloy: string): Record<string, string> => {
  const blocks = [...alloy.matchAll(/^loki\.write "[^"]*" \{\n {2}endpoint \{\n([^}]*)\n {2}\}/gm)];
  expect(blocks).toHaveLength(1);
  return Object.fromEntries(blocks[0][1].split('\n').map((l) => /^\s*(\w+)\s*=\s*(.*)$/.exec(l)!.slice(1, 3)));
};

describe('observability add-on', () => {
  const { fleet, tree } = render();
  const resolved = resolveFleet(fleet);
  const rule = parse(tree[`${MGMT}/monitoring/prometheusrule.monitoring.coreos.com_fleet-alerts.yaml`]);

  test('the labels are identical for every cluster: registration, agent externalLabels, Alloy external_labels, alert rules', () => {
    for (const cluster of resolved.clusters) {
      const expected = telemetryLabels(cluster);
      expect(Object.keys(expected)).toEqual([...TELEMETRY_LABEL_NAMES]);
      // The registration (written for workload clusters) carries the same values.
      if (cluster.role === 'workload') {
        const secret = parse(tree[`${MGMT}/argocd/secret_cluster-${cluster.name}.yaml`]);
        expect(secret.metadata.labels).toMatchObject({ [REGISTRATION_LABEL.cluster]: expected.cluster, [REGISTRATION_LABEL.cloud]: expected.cloud, [REGISTRATION_LABEL.region]: expected.region, env: expected.env });
      }
      expect(expected).toEqual({ cluster: registrationLabels(cluster)[REGISTRATION_LABEL.cluster], cloud: cluster.cloud, region: cluster.region, env: cluster.labels.env });
      expect(values(tree, `${cluster.name}-metrics-agent`).prometheus.prometheusSpec.externalLabels).toEqual(expected);
      const alloy: string = values(tree, `${cluster.name}-log-agent`).alloy.configMap.content;
      const block = /external_labels = \{\n([^}]*)\n {2}\}/.exec(alloy)![1];
      expect(Object.fromEntries(block.split('\n').map((l) => /(\w+) = "([^"]*)",/.exec(l.trim())!.slice(1, 3)))).toEqual(expected);
      // The cluster's rules (the memory of having reported, and both silence alerts) select exactly its labels.
      const own = rule.spec.groups[0].rules.filter((r: any) => r.expr.includes(`cluster=${JSON.stringify(cluster.name)}`));
      expect(own.map((r: any) => r.record ?? r.alert)).toEqual(['fleet:cluster_has_reported', 'FleetClusterStoppedReporting', 'FleetClusterNeverReported']);
      expect(own[1].labels).toEqual({ ...expected, severity: 'critical' });
      expect(own[2].labels).toEqual({ ...expected, severity: 'warning' });
      for (const r of own) for (const [k, v] of Object.entries(expected)) expect(r.expr).toContain(`${k}=${JSON.stringify(v)}`);
    }
  });

  test('one "cluster stopped reporting" alert per cluster, over exactly its labels', () => {
    const stopped = rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert === 'FleetClusterStoppedReporting');
    expect(stopped.map((r: any) => r.labels.cluster).sort()).toEqual([...CLUSTERS].sort());
    const gcp = '{cluster="t-gcp",cloud="gcp",region="europe-west4",env="test"}';
    // Silence pages only for a cluster that has reported (its memory, fleet:cluster_has_reported, exists).
    expect(stopped.find((r: any) => r.labels.cluster === 't-gcp').expr).toBe(`absent_over_time(up${gcp}[5m]) and on() fleet:cluster_has_reported${gcp}`);
    const gateways = rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert === 'FleetEastWestGatewayDown');
    expect(gateways).toHaveLength(CLUSTERS.length);
    expect(rule.spec.groups.flatMap((g: any) => g.rules).map((r: any) => r.alert)).toContain('FleetRemoteWriteFailing');
    expect(rule.metadata.labels).toEqual({ 'fleetsynth.io/rules': 'fleet' });
  });

  test('the heartbeat: one Watchdog (kube-prometheus\' convention), firing while the management cluster\'s samples can be read, labelled for an external dead man\'s switch', () => {
    const rules = rule.spec.groups.flatMap((g: any) => g.rules);
    const heartbeats = rules.filter((r: any) => r.labels?.heartbeat !== undefined);
    // Through Mimir's read path, not vector(1): fleet-alerts.test.ts evaluates it.
    expect(heartbeats).toEqual([{ alert: 'Watchdog', expr: 'group(up{cluster="t-mgmt",cloud="aws",region="eu-west-1",env="test"})', labels: { severity: 'none', heartbeat: 'true' }, annotations: { summary: expect.any(String), description: expect.stringContaining('heartbeat="true"') } }]);
    expect(HEARTBEAT_LABEL).toEqual({ heartbeat: 'true' });
    // It fires on the first evaluation: no `for`.
    expect(heartbeats[0].for).toBeUndefined();
    // Without it, nothing of the fleet's rules always fires: the agents create no default rules.
    expect(values(tree, 't-gcp-metrics-agent').defaultRules).toEqual({ create: false });
  });

  test('every cluster remote-writes to Mimir and ships logs to Loki on the management cluster, as the fleet\'s tenant', () => {
    for (const name of CLUSTERS) {
      const spec = values(tree, `${name}-metrics-agent`).prometheus.prometheusSpec;
      expect(values(tree, `${name}-metrics-agent`).prometheus.agentMode).toBe(true);
      expect(spec.remoteWrite).toEqual([{ name: 'mimir', url: 'http://mimir-gateway.mimir.svc.cluster.local/api/v1/push', headers: { [TENANT_HEADER]: 'test-fleet' }, queueConfig: { retryOnRateLimit: true } }]);
      expect(spec.replicaExternalLabelName).toBe(REPLICA_LABEL);
      expect(spec.replicas).toBe(2);
      const endpoint = lokiEndpoint(values(tree, `${name}-log-agent`).alloy.configMap.content);
      expect(endpoint).toMatchObject({ url: JSON.stringify(LOKI.pushURL), tenant_id: '"test-fleet"' });
      expect(app(tree, `${name}-metrics-agent`).spec.destination).toEqual(name === 't-mgmt' ? { server: 'https://kubernetes.default.svc', namespace: 'monitoring' } : { name, namespace: 'monitoring' });
    }
    // Workload clusters resolve the gateways through selector-less stubs of the same name (Istio merges them).
    for (const [cloud, name] of [['aws', 't-aws'], ['gcp', 't-gcp'], ['azure', 't-azure']]) {
      const stub = parse(tree[`k8s/${cloud}/${name}/mimir/service_mimir-gateway.yaml`]);
      expect(stub.spec).toEqual({ type: 'ClusterIP', ports: [{ name: 'http-metrics', port: 80, protocol: 'TCP' }] });
      // The chart's own gateway Service names its port `http` (charts/loki/templates/gateway/service.yaml, loki-18.11.0).
      expect(parse(tree[`k8s/${cloud}/${name}/loki/service_loki-gateway.yaml`]).spec).toEqual({ type: 'ClusterIP', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
    }
    // The management cluster has the charts' own Services: no stub there.
    expect(Object.keys(tree).filter((f) => /^k8s\/aws\/t-mgmt\/(mimir|loki)\/service_/.test(f))).toEqual([]);
  });

  test('the DNS exporter scraped is the cluster\'s DNS server: kube-dns on GKE, CoreDNS on EKS and AKS', () => {
    // The ports each exporter of kube-prometheus-stack 88.5.3 scrapes on the pods labelled k8s-app=kube-dns
    // (templates/exporters/core-dns, kube-dns; values.yaml coreDns.service, kubeDns.service), and the ports
    // each DNS server serves metrics on: CoreDNS's prometheus plugin on 9153 (EKS's and AKS's CoreDNS);
    // GKE Standard's default kube-dns on 10055 and 10054 (kubernetes/kubernetes cluster/addons/dns/kube-dns).
    const scraped = (v: any) => [...(v.coreDns?.enabled !== false ? [9153] : []), ...(v.kubeDns?.enabled === true ? [10054, 10055] : [])];
    const serves: Record<string, number[]> = { aws: [9153], azure: [9153], gcp: [10054, 10055] };
    for (const cluster of resolved.clusters) expect([cluster.name, scraped(values(tree, `${cluster.name}-metrics-agent`))]).toEqual([cluster.name, serves[cluster.cloud]]);
  });

  test('a batch Mimir refuses for the tenant\'s rate (HTTP 429) is retried by every metrics agent, not dropped', () => {
    // Mimir answers 429 to a tenant over its ingestion rate (grafana/mimir pkg/distributor/errors.go); Prometheus
    // v3.14.0 retries it only with retry_on_http_429 (default false), which prometheus-operator v0.93.0 writes
    // from queueConfig.retryOnRateLimit (pkg/prometheus/promcfg.go).
    for (const name of CLUSTERS) {
      for (const w of values(tree, `${name}-metrics-agent`).prometheus.prometheusSpec.remoteWrite) expect([name, w.queueConfig?.retryOnRateLimit]).toEqual([name, true]);
    }
  });

  test('the central stores: Mimir and Loki multitenant, HA deduplication on cluster + __replica__, the buckets and identity given', () => {
    const mimir = values(tree, 't-mgmt-mimir');
    expect(mimir.mimir.structuredConfig).toMatchObject({
      multitenancy_enabled: true,
      common: { storage: { backend: 's3', s3: { bucket_name: TEST_OBSERVABILITY_STORAGE.metricsBucket, region: 'eu-west-1', endpoint: 's3.eu-west-1.amazonaws.com' } } },
      distributor: { ha_tracker: { enable_ha_tracker: true } },
      limits: { accept_ha_samples: true, out_of_order_time_window: '4h' },
    });
    // Mimir's per-tenant defaults once per cluster of the fleet (four here), for the fleet's tenant, in the runtime configuration.
    expect(mimir.runtimeConfig).toEqual({ overrides: { 'test-fleet': { accept_ha_samples: true, out_of_order_time_window: '4h', max_label_names_per_series: 40, ingestion_rate: 40_000, ingestion_burst_size: 800_000, max_global_series_per_user: 600_000, ruler_max_rules_per_rule_group: 80, ruler_max_rule_groups_per_tenant: 280, ha_max_clusters: 100 } } });
    expect(mimir.serviceAccount.annotations).toEqual({ 'eks.amazonaws.com/role-arn': TEST_OBSERVABILITY_STORAGE.identity });
    expect(mimir.minio).toEqual({ enabled: false });
    expect(mimir.gateway).toEqual({ podLabels: { 'sidecar.istio.io/inject': 'true' }, service: { port: MIMIR.gateway.port } });
    const loki = values(tree, 't-mgmt-loki');
    expect(loki.loki).toMatchObject({ auth_enabled: true, storage: { type: 's3', bucketNames: { chunks: TEST_OBSERVABILITY_STORAGE.logsBucket } } });
    const grafana = values(tree, 't-mgmt-grafana');
    const sources = grafana.datasources['datasources.yaml'].datasources;
    expect(sources.map((d: any) => [d.uid, d.url, d.jsonData.httpHeaderName1, d.secureJsonData.httpHeaderValue1])).toEqual([
      ['mimir', MIMIR.queryURL, TENANT_HEADER, 'test-fleet'],
      ['mimir-alertmanager', MIMIR.alertmanagerURL, TENANT_HEADER, 'test-fleet'],
      ['loki', LOKI.queryURL, TENANT_HEADER, 'test-fleet'],
    ]);
    // The central stores run on the management cluster only.
    expect(Object.keys(tree).filter((f) => /application\.argoproj\.io_t-(aws|gcp|azure)-(mimir|loki|grafana|rules-sync)\.yaml$/.test(f))).toEqual([]);
  });

  test('a tenant of its own, when set', () => {
    const { tree: t } = render({ tenant: 'acme' });
    expect(values(t, 't-gcp-metrics-agent').prometheus.prometheusSpec.remoteWrite[0].headers).toEqual({ [TENANT_HEADER]: 'acme' });
    expect(values(t, 't-mgmt-rules-sync').alloy.configMap.content).toContain('tenant_id = "acme"');
  });

  test('chart versions are exact and the pinned ones', () => {
    expect([KUBE_PROMETHEUS_STACK, ALLOY, MIMIR_CHART, LOKI_CHART, GRAFANA_CHART].map((c) => `${c.chart}@${c.version}`)).toEqual([
      'kube-prometheus-stack@88.5.3',
      'alloy@1.11.1',
      'mimir-distributed@6.2.0',
      'loki@18.11.0',
      'grafana@12.11.1',
    ]);
    const apps = Object.keys(tree).filter((f) => /-(metrics-agent|log-agent|mimir|loki|grafana|rules-sync)\.yaml$/.test(f));
    expect(apps).toHaveLength(CLUSTERS.length * 2 + 4);
    for (const f of apps) expect(parse(tree[f]).spec.source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('waves: agents with the platform charts (after istiod, so pods get their sidecar); Mimir, Loki and Grafana last; custom resources in the cluster folders after the agents', () => {
    const wave = (name: string) => Number(app(tree, name).metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect([wave('t-aws-metrics-agent'), wave('t-aws-log-agent'), wave('t-mgmt-rules-sync')]).toEqual([-3, -3, -3]);
    expect(wave('t-mgmt-istiod')).toBeLessThan(wave('t-aws-metrics-agent'));
    expect(wave('t-aws-platform')).toBeGreaterThan(wave('t-aws-metrics-agent'));
    // Each waits on state made by hand (buckets and identity; the admin Secret): in the root's last wave,
    // which Argo CD does not wait for, so a missing identity cannot hold the management cluster's folder.
    const lastWave = Math.max(...Object.keys(tree).filter((f) => f.startsWith(`${MGMT}/argocd/clusters/t-mgmt/`)).map((f) => Number(parse(tree[f]).metadata.annotations['argocd.argoproj.io/sync-wave'])));
    expect([wave('t-mgmt-mimir'), wave('t-mgmt-loki'), wave('t-mgmt-grafana')]).toEqual([lastWave, lastWave, lastWave]);
    expect(wave('t-mgmt-platform')).toBeLessThan(lastWave);
    expect(app(tree, 't-aws-metrics-agent').spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
  });

  test('ServiceMonitors for istiod and the east-west gateway in every cluster', () => {
    for (const folder of ['k8s/aws/t-mgmt', 'k8s/aws/t-aws', 'k8s/gcp/t-gcp', 'k8s/azure/t-azure']) {
      expect(parse(tree[`${folder}/istio-system/servicemonitor.monitoring.coreos.com_istiod.yaml`]).spec.endpoints).toEqual([{ port: 'http-monitoring', interval: '15s', metricRelabelings: SCRAPED_TELEMETRY_LABELS_MOVED }]);
      expect(parse(tree[`${folder}/istio-system/servicemonitor.monitoring.coreos.com_istio-eastwestgateway.yaml`]).spec.selector).toEqual({ matchLabels: { istio: 'eastwestgateway' } });
    }
  });

  test('a scraped series keeps none of the telemetry labels of its own: every monitor fleetsynth writes moves them to exported_<name>', () => {
    // istiod's istiod_remote_cluster_sync_status carries `cluster`, a peer's id (istio/istio 1.30.3
    // pkg/kube/multicluster/secretcontroller.go), and a series' own label wins over the agent's external one
    // (prometheus v3.14.0 storage/remote/queue_manager.go processExternalLabels). Relabeled in this order
    // (prometheus model/relabel: replace with regex (.+) only when the label is set; labeldrop by name).
    expect(SCRAPED_TELEMETRY_LABELS_MOVED).toEqual([
      ...TELEMETRY_LABEL_NAMES.map((name) => ({ action: 'replace', sourceLabels: [name], regex: '(.+)', targetLabel: `exported_${name}`, replacement: '$1' })),
      { action: 'labeldrop', regex: TELEMETRY_LABEL_NAMES.join('|') },
    ]);
    for (const folder of ['k8s/aws/t-mgmt', 'k8s/aws/t-aws', 'k8s/gcp/t-gcp', 'k8s/azure/t-azure']) {
      const monitors = Object.keys(tree).filter((f) => f.startsWith(`${folder}/`) && /(servicemonitor|podmonitor)\.monitoring\.coreos\.com_/.test(f));
      // istiod, the east-west gateway, the sidecars, the log agent; the rules sync on the management cluster.
      expect(monitors.length).toBe(folder === MGMT ? 5 : 4);
      for (const file of monitors) {
        const spec = parse(tree[file]).spec;
        for (const endpoint of spec.endpoints ?? spec.podMetricsEndpoints) expect([file, endpoint.metricRelabelings]).toEqual([file, SCRAPED_TELEMETRY_LABELS_MOVED]);
      }
    }
  });

  test('the east-west gateway\'s Envoy is scraped once: by its ServiceMonitor, not by the sidecars\' PodMonitor too', () => {
    // A LabelSelector's matchExpressions (k8s.io/apimachinery labels.Requirement.Matches: NotIn and
    // DoesNotExist match a pod without the label), as prometheus-operator v0.93.0 pkg/prometheus/promcfg.go
    // generatePodMonitorConfig turns them into keep/drop relabelings.
    type Expression = { key: string; operator: string; values?: string[] };
    const selects = (expressions: Expression[], labels: Record<string, string>) =>
      expressions.every(({ key, operator, values: v = [] }) => {
        const has = key in labels;
        if (operator === 'In') return has && v.includes(labels[key]);
        if (operator === 'NotIn') return !has || !v.includes(labels[key]);
        if (operator === 'Exists') return has;
        if (operator === 'DoesNotExist') return !has;
        throw new Error(`operator ${operator}`);
      });
    for (const [folder, cluster] of [['k8s/aws/t-mgmt', 't-mgmt'], ['k8s/aws/t-aws', 't-aws'], ['k8s/gcp/t-gcp', 't-gcp'], ['k8s/azure/t-azure', 't-azure']]) {
      const podMonitor = parse(tree[`${folder}/istio-system/podmonitor.monitoring.coreos.com_envoy-stats.yaml`]);
      const serviceMonitor = parse(tree[`${folder}/istio-system/servicemonitor.monitoring.coreos.com_istio-eastwestgateway.yaml`]);
      // The gateway chart's pod labels: app and istio from values.labels, the others as given, and the
      // injection label (istio/istio 1.30.3 manifests/charts/gateway/templates/deployment.yaml, _helpers.tpl).
      const gateway = values(tree, `${cluster}-istio-eastwest`);
      const gatewayPod = { ...gateway.labels, 'sidecar.istio.io/inject': 'true', 'app.kubernetes.io/name': gateway.name };
      expect(serviceMonitor.spec.selector.matchLabels).toEqual({ istio: gatewayPod.istio });
      expect(selects(podMonitor.spec.selector.matchExpressions, gatewayPod)).toBe(false);
      // Every other sidecar still is (an injected app pod carries no `istio` label).
      expect(selects(podMonitor.spec.selector.matchExpressions, { app: 'checkout', 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': 'checkout' })).toBe(true);
    }
  });

  test('a cluster\'s east-west gateway is scraped no later than its samples can count: a new cluster is no FleetEastWestGatewayDown', () => {
    // Argo CD's default wave is 0 (argocd.argoproj.io/sync-wave absent).
    const wave = (file: string) => Number(parse(tree[file]).metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
    const monitor = (folder: string) => wave(`${folder}/istio-system/servicemonitor.monitoring.coreos.com_istio-eastwestgateway.yaml`);
    // A workload cluster's agent reaches Mimir once the name it writes to resolves (the stub) and its
    // istiod knows the management cluster's endpoints (that cluster's remote secret, the folder's last wave).
    for (const folder of ['k8s/aws/t-aws', 'k8s/gcp/t-gcp', 'k8s/azure/t-azure']) {
      expect(monitor(folder)).toBeLessThanOrEqual(wave(`${folder}/mimir/service_mimir-gateway.yaml`));
      expect(monitor(folder)).toBeLessThan(wave(`${folder}/istio-system/externalsecret.external-secrets.io_istio-remote-secret-t-mgmt.yaml`));
    }
    // The management cluster's agent writes in-cluster from its first minute; its rules reach the ruler with this file.
    expect(monitor(MGMT)).toBeLessThanOrEqual(wave(`${MGMT}/monitoring/prometheusrule.monitoring.coreos.com_fleet-alerts.yaml`));
  });

  test('the rules sync is watched: a ServiceMonitor for the management cluster\'s alloy-rules and a fleet alert on its failed loads', () => {
    const monitor = parse(tree[`${MGMT}/monitoring/servicemonitor.monitoring.coreos.com_alloy-rules.yaml`]);
    // the chart's Service: labels of release alloy-rules, port http-metrics (grafana/alloy templates/service.yaml)
    expect(monitor.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'alloy', 'app.kubernetes.io/instance': app(tree, 't-mgmt-rules-sync').spec.source.helm.releaseName } });
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'http-metrics', relabelings: [{ targetLabel: 'job', replacement: 'alloy-rules', action: 'replace' }] });
    expect(Object.keys(tree).filter((f) => f.endsWith('servicemonitor.monitoring.coreos.com_alloy-rules.yaml'))).toEqual([`${MGMT}/monitoring/servicemonitor.monitoring.coreos.com_alloy-rules.yaml`]);
    const failing = rule.spec.groups.flatMap((g: any) => g.rules).find((r: any) => r.alert === 'FleetRulesSyncFailing');
    expect(failing.expr).toContain('alloy_component_controller_running_components{job="alloy-rules",health_type="unhealthy"}');
    expect(promqlProblems(failing.expr)).toEqual([]);
  });

  test('log shipping is watched: a ServiceMonitor for every cluster\'s Alloy (its port outside the sidecar) and a fleet alert on dropped entries', () => {
    for (const folder of ['k8s/aws/t-mgmt', 'k8s/aws/t-aws', 'k8s/gcp/t-gcp', 'k8s/azure/t-azure']) {
      const monitor = parse(tree[`${folder}/monitoring/servicemonitor.monitoring.coreos.com_alloy-logs.yaml`]);
      // the chart's Service: labels of release alloy-logs, port http-metrics (grafana/alloy templates/service.yaml)
      expect(monitor.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'alloy', 'app.kubernetes.io/instance': 'alloy-logs' } });
      expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'http-metrics', relabelings: [{ targetLabel: 'job', replacement: 'alloy-logs', action: 'replace' }] });
    }
    const agent = app(tree, 't-gcp-log-agent').spec.source.helm;
    expect(agent.releaseName).toBe('alloy-logs');
    expect(agent.valuesObject.controller.podAnnotations['traffic.sidecar.istio.io/excludeInboundPorts'].split(',')).toContain(String(agent.valuesObject.alloy.listenPort ?? 12345));
    const dropped = rule.spec.groups.flatMap((g: any) => g.rules).find((r: any) => r.alert === 'FleetLogShippingFailing');
    // An increase, or a counter new in the last 15 minutes (its first drop: fleet-alerts.test.ts evaluates both).
    const counter = 'loki_write_dropped_entries_total{job="alloy-logs"}';
    expect(dropped.expr).toBe(`sum by (cluster, cloud, region, env) (increase(${counter}[15m])) > 0 or sum by (cluster, cloud, region, env) (${counter} unless ${counter} offset 15m unless last_over_time(${counter}[1h] offset 15m) == ${counter}) > 0`);
    expect(promqlProblems(dropped.expr)).toEqual([]);
    // without logs, neither
    const { tree: noLogs } = render({ logs: false });
    expect(Object.keys(noLogs).filter((f) => f.includes('alloy-logs'))).toEqual([]);
    const rules = parse(noLogs[`${MGMT}/monitoring/prometheusrule.monitoring.coreos.com_fleet-alerts.yaml`]).spec.groups.flatMap((g: any) => g.rules);
    expect(rules.map((r: any) => r.alert)).not.toEqual(expect.arrayContaining(['FleetLogShippingFailing']));
    expect(rules.map((r: any) => r.alert)).not.toEqual(expect.arrayContaining(['FleetLogShippingStalled']));
  });

  test('a new log agent pod on a node goes on where the last one stopped: its positions are on the node, not in the pod', () => {
    for (const name of CLUSTERS) {
      const { alloy, controller } = values(tree, `${name}-log-agent`);
      // --storage.path (grafana/alloy chart 1.11.1 templates/containers/_agent.yaml) holds loki.source.file's positions.yml.
      const mount = alloy.mounts.extra.find((m: any) => m.mountPath === alloy.storagePath);
      expect(mount).toBeDefined();
      expect(alloy.storagePath).not.toMatch(/^\/tmp\//);
      // templates/controllers/_pod.yaml adds controller.volumes.extra to the DaemonSet's pod.
      expect(controller.volumes.extra.find((v: any) => v.name === mount.name)).toEqual({ name: mount.name, hostPath: { path: '/var/lib/alloy-logs', type: 'DirectoryOrCreate' } });
      expect(alloy.mounts.varlog).toBe(true);
    }
  });

  test('the per-node agents run on every node: tainted pools and AKS spot nodes included', () => {
    // kubernetes/kubernetes staging/src/k8s.io/api/core/v1/toleration.go ToleratesTaint: an empty key with
    // Exists matches every key, an empty effect every effect.
    type Taint = { key: string; value?: string; effect: string };
    type Toleration = { key?: string; operator?: string; value?: string; effect?: string };
    const tolerates = (t: Toleration, taint: Taint) =>
      (!t.effect || t.effect === taint.effect) && (!t.key ? t.operator === 'Exists' : t.key === taint.key && (t.operator === 'Exists' || t.value === taint.value));
    const fleet = observedTestFleet();
    for (const c of fleet.clusters) {
      const machineType = c.nodePools[0].machineType;
      c.nodePools = [...c.nodePools, { name: 'batch', machineType, minSize: 0, maxSize: 3, taints: [{ key: 'dedicated', value: 'batch', effect: 'NoExecute' }, { key: 'gpu', value: 'true', effect: 'NoSchedule' }] }];
      if (c.cloud === 'azure') c.nodePools.push({ name: 'spot', machineType, minSize: 0, maxSize: 3, spot: true });
    }
    const out = path.join(tempDir(), 'dist');
    synth(fleet, { outDir: out, outputsDir: outputsFolder(fakeOutputs(fleet)) });
    const t = readTree(out);
    for (const cluster of resolveFleet(fleet).clusters) {
      // AKS puts this taint on every spot node itself (lib/infra/aks-cluster.ts SPOT_TAINT).
      const spot = cluster.cloud === 'azure' ? [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }] : [];
      const taints: Taint[] = cluster.nodePools.flatMap((p) => [...p.taints, ...(p.spot ? spot : [])]);
      expect(taints.length).toBeGreaterThan(0);
      // alloy chart 1.11.1 templates/controllers/_pod.yaml; prometheus-node-exporter 4.56.1 templates/daemonset.yaml.
      const logAgent: Toleration[] = values(t, `${cluster.name}-log-agent`).controller.tolerations ?? [];
      const nodeExporter: Toleration[] = values(t, `${cluster.name}-metrics-agent`)['prometheus-node-exporter']?.tolerations ?? [{ effect: 'NoSchedule', operator: 'Exists' }];
      for (const taint of taints) {
        expect([cluster.name, taint, logAgent.some((x) => tolerates(x, taint))]).toEqual([cluster.name, taint, true]);
        expect([cluster.name, taint, nodeExporter.some((x) => tolerates(x, taint))]).toEqual([cluster.name, taint, true]);
      }
    }
  });

  test('logs wait while Loki is unreachable: every log agent retries a batch without end instead of dropping it after 10 tries', () => {
    for (const name of CLUSTERS) {
      const endpoint = lokiEndpoint(values(tree, `${name}-log-agent`).alloy.configMap.content);
      // grafana/alloy v1.18.1 internal/component/loki/write/types.go: default 10; dskit backoff: 0 is no limit.
      expect(endpoint.max_backoff_retries).toBe('0');
      // Nothing that would drop instead of block: the queue's block_on_overflow stays on (its default), no WAL.
      expect(Object.keys(endpoint).sort()).toEqual(['max_backoff_retries', 'tenant_id', 'url']);
      expect(values(tree, `${name}-log-agent`).alloy.configMap.content).not.toMatch(/queue_config|wal \{|retry_on_http_429/);
    }
    const rules = rule.spec.groups.flatMap((g: any) => g.rules);
    const stalled = rules.find((r: any) => r.alert === 'FleetLogShippingStalled');
    expect(stalled.expr).toBe('(sum by (cluster, cloud, region, env, instance) (rate(loki_write_batch_retries_total{job="alloy-logs"}[10m])) > 0) unless (sum by (cluster, cloud, region, env, instance) (rate(loki_write_sent_entries_total{job="alloy-logs"}[10m])) > 0)');
    expect(promqlProblems(stalled.expr)).toEqual([]);
  });

  test('the fleet dashboard is provisioned from Git for the Grafana sidecar, and names every mesh service\'s failover order', () => {
    const cm = parse(tree[`${MGMT}/grafana/configmap_fleet-dashboard.yaml`]);
    expect(cm.metadata.labels).toEqual({ grafana_dashboard: '1' });
    expect(values(tree, 't-mgmt-grafana').sidecar.dashboards).toMatchObject({ enabled: true, label: 'grafana_dashboard', labelValue: '1' });
    const dashboard = JSON.parse(cm.data['fleet.json']);
    expect(dashboard.panels.map((p: any) => p.title)).toEqual(expect.arrayContaining(['Clusters reporting (of 4)', 'Mesh requests per second, per cloud', 'Mesh 5xx ratio, per cloud', 'Cross-cloud failover events (outlier ejections)']));
    for (const p of dashboard.panels) for (const t of p.targets ?? []) expect(promqlProblems(t.expr)).toEqual([]);
  });

  // Retried batches (a 429 from Mimir's rate limit, a 5xx) are not failed ones (prometheus v3.14.0 queue_manager.go recordRetry).
  test('the remote-write panel shows retried samples beside failed ones, so a rate-limited cluster shows', () => {
    const panels = JSON.parse(parse(tree[`${MGMT}/grafana/configmap_fleet-dashboard.yaml`]).data['fleet.json']).panels;
    const exprs = panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr)).join('\n');
    expect(exprs).toContain('prometheus_remote_storage_samples_failed_total');
    expect(exprs).toContain('prometheus_remote_storage_samples_retried_total');
  });

  test('the failover panel\'s Envoy stat is exported by every cluster\'s proxies, which Istio drops by default', () => {
    // istio/istio pkg/bootstrap/config.go (1.30.3): the stat prefixes every proxy keeps without proxyStatsMatcher.
    const istioDefaultPrefixes = ['cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc', 'wasm'];
    // The Envoy stat behind envoy_cluster_outlier_detection_ejections_enforced_total{cluster_name=...}.
    const stat = 'cluster.outbound|8080||checkout.shop.svc.cluster.local.outlier_detection.ejections_enforced_total';
    const panel = JSON.parse(parse(tree[`${MGMT}/grafana/configmap_fleet-dashboard.yaml`]).data['fleet.json']).panels.find((p: any) => p.title === 'Cross-cloud failover events (outlier ejections)');
    expect(panel.targets[0].expr).toContain('envoy_cluster_outlier_detection_ejections_enforced_total');
    expect(istioDefaultPrefixes.some((prefix) => stat.startsWith(prefix))).toBe(false);
    for (const cluster of CLUSTERS) {
      const regexps: string[] = values(tree, `${cluster}-istiod`).meshConfig.defaultConfig.proxyStatsMatcher.inclusionRegexps;
      // Envoy matches the whole stat name (a StringMatcher's safe_regex).
      expect(regexps.some((r) => new RegExp(`^(?:${r})$`).test(stat))).toBe(true);
    }
    const { tree: noGrafana } = render({ grafana: false });
    expect(values(noGrafana, 't-gcp-istiod').meshConfig.defaultConfig.proxyStatsMatcher).toBeUndefined();
  });

  test('each piece can be turned off', () => {
    const { tree: t } = render({ logs: false, grafana: false, alerts: false });
    const names = Object.keys(t);
    expect(names.filter((f) => /log-agent|loki|grafana|rules-sync|alloy-rules|prometheusrule/.test(f))).toEqual([]);
    expect(names.filter((f) => f.endsWith('-metrics-agent.yaml'))).toHaveLength(4);
    const { tree: none } = render({ metrics: false, logs: false, grafana: false, alerts: false, storage: undefined });
    expect(Object.keys(none).filter((f) => /monitor|mimir|loki|alloy|agent|grafana/.test(f))).toEqual([]);
  });

  test('a pending cluster\'s alerts are held back until it is registered', () => {
    const fleet = observedTestFleet();
    const outputs = fakeOutputs(fleet);
    outputs.delete('t-azure');
    const { tree: t, result } = render({}, outputs);
    const r = parse(t[`${MGMT}/monitoring/prometheusrule.monitoring.coreos.com_fleet-alerts.yaml`]);
    expect(r.spec.groups[0].rules.filter((x: any) => x.alert === 'FleetClusterStoppedReporting').map((x: any) => x.labels.cluster)).toEqual(['t-aws', 't-gcp', 't-mgmt']);
    expect(result.heldBack).toContainEqual(expect.objectContaining({ subject: 'addons[observability]', what: expect.stringContaining('t-azure') }));
  });

  test('fails when object storage is missing while metrics or logs are on, naming the field', () => {
    const fleet = observedTestFleet({ storage: undefined });
    const error = errorOf(() => synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(fleet)) }));
    expect(error.problems.map((p) => p.path)).toEqual(['platform.observability.storage']);
  });

  test('fails when settings are wrong, every problem with its path at once', () => {
    const fleet = observedTestFleet({ metrics: 'yes', tenant: 'Acme', colour: 'blue', storage: { ...TEST_OBSERVABILITY_STORAGE, identity: 'projects/x', logsBucket: TEST_OBSERVABILITY_STORAGE.metricsBucket } });
    const error = errorOf(() => synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(fleet)) }));
    expect(error.problems.map((p) => p.path)).toEqual([
      'platform.observability.colour',
      'platform.observability.metrics',
      'platform.observability.tenant',
      'platform.observability.storage.logsBucket',
      'platform.observability.storage.identity',
    ]);
  });

  test('fails when the identity of a GKE management cluster is a service account email whose name is too short, saying how long it may be', () => {
    const problems = observabilityProblems(
      { storage: { ...TEST_OBSERVABILITY_STORAGE, identity: 'mimir@acme-prod-123456.iam.gserviceaccount.com' } },
      { clusters: [{ name: 'm', cloud: 'gcp', role: 'management' }] },
    );
    expect(problems).toEqual([expect.objectContaining({ path: 'platform.observability.storage.identity', allowed: expect.stringContaining('name and project id each 6-30 lowercase letters') })]);
  });

  test('the charts the Kubernetes version check knows of are the charts each cluster gets', () => {
    const OBSERVABILITY_APPS = /^(.+)-(metrics-agent|log-agent|mimir|loki|rules-sync|grafana)\.yaml$/;
    for (const [settings, on] of [
      [{}, { metrics: true, logs: true, alerts: true, grafana: true }],
      [{ logs: false, grafana: false, alerts: false }, { metrics: true, logs: false, alerts: false, grafana: false }],
    ] as const) {
      const { tree: t } = render(settings);
      for (const cluster of resolved.clusters) {
        const installed = Object.keys(t)
          .filter((f) => f.startsWith(`${MGMT}/argocd/clusters/${cluster.name}/application.argoproj.io_${cluster.name}-`) && OBSERVABILITY_APPS.exec(f.split('_').pop()!)?.[1] === cluster.name)
          .map((f) => parse(t[f]).spec.source)
          .map((source) => `${source.chart}@${source.targetRevision}`);
        expect([cluster.name, installed.sort()]).toEqual([cluster.name, observabilityChartsOn(cluster.role, on).map((u) => `${u.chart.chart}@${u.chart.version}`).sort()]);
      }
    }
  });

  test('fails when the management cluster\'s Kubernetes version is one a chart it runs refuses (EKS 1.31, mimir-distributed ^1.32), at its kubernetesVersion', () => {
    // EKS offered 1.31 until 2026-11-28: put back, as a minor a cloud offers that a chart refuses.
    jest.replaceProperty(CLOUD_CATALOG.aws, 'kubernetesVersions', ['1.31', ...CLOUD_CATALOG.aws.kubernetesVersions]);
    const fleet = observedTestFleet();
    fleet.clusters[0].kubernetesVersion = '1.31';
    const error = errorOf(() => synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(fleet)) }));
    // Istio's own minimum (lib/fleet/istio-kubernetes-support.ts) refuses 1.31 too, and so do the tables with no 1.31
    // row left (EKS add-ons, the Cluster Autoscaler): all are reported, at once.
    expect(error.problems.map((p) => [p.path, p.message])).toEqual(expect.arrayContaining([
      ['clusters[t-mgmt].kubernetesVersion', expect.stringMatching(/^Istio \S+, which every cluster of the mesh runs, supports Kubernetes 1\.32 and later/)],
      ['clusters[t-mgmt].kubernetesVersion', expect.stringMatching(/^mimir-distributed 6\.2\.0 \(Mimir\) requires Kubernetes \^1\.32\.0-0/)],
    ]));
  });

  test('fails when alerts are on but metrics are off', () => {
    const fleet = observedTestFleet({ metrics: false, alerts: true });
    const error = errorOf(() => synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(fleet)) }));
    expect(error.problems.map((p) => p.path)).toEqual(['platform.observability.alerts']);
  });
});

describe('PromQL check', () => {
  test('every generated expression parses and type-checks', () => {
    const groups = fleetAlertGroups(resolveFleet(observedTestFleet()).clusters, { logs: true });
    expect(groups.flatMap((g) => g.rules).map(ruleName)).toEqual(expect.arrayContaining(['FleetLogShippingFailing', 'FleetClusterNeverReported', 'fleet:cluster_has_reported']));
    for (const r of groups.flatMap((g) => g.rules)) expect([ruleName(r), promqlProblems(r.expr)]).toEqual([ruleName(r), []]);
  });

  test.each([
    ['rate(up[5m]', 'unclosed call'],
    ['sum by cloud (up)', 'grouping without parentheses'],
    ['rate(up)', 'a function given the wrong type'],
    ['up +', 'a dangling operator'],
    ['', 'nothing'],
  ])('fails when an expression is broken: %s (%s)', (expr) => {
    expect(promqlProblems(expr).length).toBeGreaterThan(0);
  });

  test('fails when a rule\'s expression does not parse, naming the file, the rule and its field', () => {
    const management = resolveFleet(observedTestFleet()).clusters.find((c) => c.role === 'management')!;
    const error = errorOf(() => checkPromql(management, [{ name: 'g', rules: [{ alert: 'Broken', expr: 'sum by cloud (up)', for: '5m', labels: {}, annotations: { summary: 's', description: 'd' } }] }], []));
    expect(error.problems[0]).toMatchObject({ path: 'k8s/aws/t-mgmt/monitoring/prometheusrule.monitoring.coreos.com_fleet-alerts.yaml: spec.groups[0].rules[0].expr', message: expect.stringMatching(/^g\/Broken: PromQL /) });
  });
});

describe('upstream schemas (@kubernetes-models/prometheus-operator, strict)', () => {
  const objects = (extra: Record<string, unknown> = {}) => {
    const { App, Chart, Testing } = require('cdk8s');
    const chart = new Chart(new App(), 'test');
    new FleetPrometheusRule(chart, 'r', { name: 'fleet-alerts', namespace: 'monitoring', groups: fleetAlertGroups(resolveFleet(observedTestFleet()).clusters, { logs: true }) });
    const [object] = Testing.synth(chart);
    return { file: 'rule.yaml', object: { ...object, spec: { ...object.spec, ...extra } } };
  };

  test('the PrometheusRule is valid', () => {
    expect(schemaProblems([objects()])).toEqual([]);
  });

  test('fails when a field is unknown, naming it', () => {
    expect(schemaProblems([objects({ groupz: [] })]).map((p) => p.path)).toEqual(['rule.yaml: spec.groupz']);
  });
});

/*
 * Who may call the central stores. Argo CD renders the charts (nothing here runs Helm), so the
 * gateway pods' labels and the callers' service accounts are computed from each rendered
 * Application's chart, release and values with the charts' own rules, re-stated from their sources at
 * the pinned versions (re-read them on a bump, see chart-versions.ts).
 */
describe('the central stores\' gateways admit only their callers (Istio AuthorizationPolicy)', () => {
  type Source = { chart: string; helm: { releaseName: string; valuesObject: Values } };
  type Values = Record<string, any>;
  const { tree } = render();
  const policy = (t: Record<string, string>, store: 'mimir' | 'loki') => {
    const file = t[`${MGMT}/${store}/authorizationpolicy.security.istio.io_${store}-gateway.yaml`];
    return file === undefined ? undefined : parse(file);
  };
  const applications = (t: Record<string, string>) => Object.keys(t).filter((f) => /\/application\.argoproj\.io_[^/]+\.yaml$/.test(f)).map((f) => parse(t[f]));

  /**
   * A pod's labels in mimir-distributed 6.x, release `releaseName`: global.podLabels, then name,
   * instance, managed-by and component (templates/_helpers.tpl "mimir.podLabels"; as rendered in
   * operations/helm/tests/test-oss-values-generated/.../gateway/gateway-dep.yaml at 063371e), then the
   * component's podLabels (its values section: `gateway`, `query_frontend`, …).
   */
  const mimirPodLabels = (source: Source, component: string) => {
    const v = source.helm.valuesObject;
    return { ...(v.global?.podLabels ?? {}), 'app.kubernetes.io/name': v.nameOverride ?? 'mimir', 'app.kubernetes.io/instance': source.helm.releaseName, 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/component': component, ...(v[component.replace(/-/g, '_')]?.podLabels ?? {}) };
  };
  /**
   * A pod's labels in charts/loki 18.11.0: loki.podLabels, the component's podLabels, then
   * loki.selectorLabels (name, instance) and the component (templates/gateway/deployment.yaml,
   * templates/_workload.tpl).
   */
  const lokiPodLabels = (source: Source, component: string, section: string) => {
    const v = source.helm.valuesObject;
    return { ...(v.loki?.podLabels ?? {}), ...(v[section]?.podLabels ?? {}), 'app.kubernetes.io/name': v.nameOverride ?? 'loki', 'app.kubernetes.io/instance': source.helm.releaseName, 'app.kubernetes.io/component': component };
  };
  const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

  /**
   * The service account a caller's pods run as: kube-prometheus-stack 88.5.3 templates/_helpers.tpl
   * ("kube-prometheus-stack.fullname" cut to 26, "…prometheus.serviceAccountName"); alloy 1.11.1
   * templates/_helpers.tpl ("alloy.fullname", "alloy.serviceAccountName"). Any other chart calling a
   * gateway fails the test until its rule is added here.
   */
  const serviceAccount = (source: Source): string => {
    const v = source.helm.valuesObject;
    const fullname = (chart: string, cut: number) => {
      const name = v.nameOverride ?? chart;
      const full = v.fullnameOverride ?? (source.helm.releaseName.includes(name) ? source.helm.releaseName : `${source.helm.releaseName}-${name}`);
      return full.slice(0, cut).replace(/-+$/, '');
    };
    switch (source.chart) {
      case 'kube-prometheus-stack':
        return v.prometheus?.serviceAccount?.name || `${fullname('kube-prometheus-stack', 26)}-prometheus`;
      case 'alloy':
        return v.serviceAccount?.name || fullname('alloy', 63);
    }
    throw new Error(`${source.chart} calls a gateway: re-state its service account here`);
  };

  /** Every Application of the render whose values address the gateway, as `<namespace>/<service account>`. */
  const callers = (t: Record<string, string>, host: string) =>
    [...new Set(applications(t).filter((a) => JSON.stringify(a.spec.source?.helm?.valuesObject ?? {}).includes(`//${host}`)).map((a) => `${a.spec.destination.namespace}/${serviceAccount(a.spec.source)}`))].sort();
  const principals = (p: any) => [...p.spec.rules[0].from[0].source.principals].sort();
  const expected = (trustDomains: string[], who: string[]) => trustDomains.flatMap((td) => who.map((c) => `${td}/ns/${c.replace('/', '/sa/')}`)).sort();

  test.each(['mimir', 'loki'] as const)('%s: the policy selects the gateway pods and no other pod of the release', (store) => {
    const p = policy(tree, store)!;
    expect(p).toMatchObject({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { namespace: store }, spec: { action: 'ALLOW' } });
    const source: Source = app(tree, `t-mgmt-${store}`).spec.source;
    expect(app(tree, `t-mgmt-${store}`).spec.destination.namespace).toBe(store);
    const selector = p.spec.selector.matchLabels;
    if (store === 'mimir') {
      expect(selects(selector, mimirPodLabels(source, 'gateway'))).toBe(true);
      // The components mimir-distributed 6.x runs with our values (classic architecture).
      for (const other of ['distributor', 'ingester', 'querier', 'query-frontend', 'query-scheduler', 'ruler', 'alertmanager', 'store-gateway', 'compactor', 'overrides-exporter']) expect([other, selects(selector, mimirPodLabels(source, other))]).toEqual([other, false]);
    } else {
      expect(source.helm.valuesObject.gateway.enabled).toBe(true);
      expect(selects(selector, lokiPodLabels(source, 'gateway', 'gateway'))).toBe(true);
      for (const [other, section] of [['single-binary', 'singleBinary'], ['memcached-chunks-cache', 'chunksCache'], ['memcached-results-cache', 'resultsCache']]) expect([other, selects(selector, lokiPodLabels(source, other, section))]).toEqual([other, false]);
    }
  });

  test('the principals are exactly the service accounts of the rendered callers of each gateway, in the fleet\'s trust domain', () => {
    const fleet = resolveFleet(observedTestFleet());
    expect(fleet.mesh.trustDomainAliases).toEqual([]);
    expect(callers(tree, 'mimir-gateway.mimir.svc.cluster.local')).toEqual(['monitoring/kube-prometheus-stack-prometheus']);
    expect(callers(tree, 'loki-gateway.loki.svc.cluster.local')).toEqual(['monitoring/alloy-logs']);
    expect(principals(policy(tree, 'mimir'))).toEqual(expected([fleet.mesh.trustDomain], callers(tree, 'mimir-gateway.mimir.svc.cluster.local')));
    expect(principals(policy(tree, 'loki'))).toEqual(expected([fleet.mesh.trustDomain], callers(tree, 'loki-gateway.loki.svc.cluster.local')));
    // Nothing else in the output addresses a gateway: Grafana and the rules sync use the stores' own Services.
    const addressing = Object.keys(tree).filter((f) => /(mimir|loki)-gateway\.(mimir|loki)\.svc/.test(tree[f]));
    expect(addressing.every((f) => /\/application\.argoproj\.io_t-(mgmt|aws|gcp|azure)-(metrics-agent|log-agent)\.yaml$/.test(f))).toBe(true);
    expect(addressing).toHaveLength(CLUSTERS.length * 2);
  });

  test('with trust domain aliases, each principal in the trust domain and every alias', () => {
    const fleet = { ...observedTestFleet(), mesh: { trustDomain: 'acme.example', trustDomainAliases: ['cluster.local', 'old.example'] } };
    const out = path.join(tempDir(), 'dist');
    synth(fleet, { outDir: out, outputsDir: outputsFolder(fakeOutputs(fleet)) });
    const t = readTree(out);
    expect(principals(policy(t, 'mimir'))).toEqual(expected(['acme.example', 'cluster.local', 'old.example'], callers(t, 'mimir-gateway.mimir.svc.cluster.local')));
    expect(principals(policy(t, 'loki'))).toEqual(expected(['acme.example', 'cluster.local', 'old.example'], callers(t, 'loki-gateway.loki.svc.cluster.local')));
  });

  test('only the push path each caller is configured with, with POST', () => {
    const remoteWrite = new URL(values(tree, 't-aws-metrics-agent').prometheus.prometheusSpec.remoteWrite[0].url).pathname;
    const push = new URL(JSON.parse(lokiEndpoint(values(tree, 't-aws-log-agent').alloy.configMap.content).url)).pathname;
    expect(policy(tree, 'mimir').spec.rules).toEqual([{ from: [expect.anything()], to: [{ operation: { paths: [remoteWrite], methods: ['POST'] } }] }]);
    expect(policy(tree, 'loki').spec.rules).toEqual([{ from: [expect.anything()], to: [{ operation: { paths: [push], methods: ['POST'] } }] }]);
  });

  test('each policy and its namespace exist exactly when its gateway does', () => {
    // The namespace is the folder's (its chart comes after the folder), before the policy in it.
    const namespaceBeforePolicy = (t: Record<string, string>, store: 'mimir' | 'loki') => {
      const file = t[`${MGMT}/_cluster/namespace_${store}.yaml`];
      const wave = (o: Values) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
      return file !== undefined && wave(parse(file)) < wave(policy(t, store)!);
    };
    const present = (t: Record<string, string>) => ({
      mimir: policy(t, 'mimir') !== undefined && namespaceBeforePolicy(t, 'mimir'),
      mimirGateway: Object.keys(t).some((f) => f.endsWith('/application.argoproj.io_t-mgmt-mimir.yaml')),
      loki: policy(t, 'loki') !== undefined && namespaceBeforePolicy(t, 'loki'),
      lokiGateway: Object.keys(t).some((f) => f.endsWith('/application.argoproj.io_t-mgmt-loki.yaml')),
    });
    expect(present(tree)).toEqual({ mimir: true, mimirGateway: true, loki: true, lokiGateway: true });
    expect(present(render({ logs: false }).tree)).toEqual({ mimir: true, mimirGateway: true, loki: false, lokiGateway: false });
    expect(present(render({ metrics: false, alerts: false }).tree)).toEqual({ mimir: false, mimirGateway: false, loki: true, lokiGateway: true });
    expect(present(render({ metrics: false, logs: false, grafana: false, alerts: false, storage: undefined }).tree)).toEqual({ mimir: false, mimirGateway: false, loki: false, lokiGateway: false });
    expect(Object.keys(render({ metrics: false, logs: false, grafana: false, alerts: false, storage: undefined }).tree).filter((f) => /_cluster\/namespace_(mimir|loki)\.yaml$/.test(f))).toEqual([]);
    // Never on a workload cluster, which has only the stubs.
    expect(Object.keys(tree).filter((f) => f.includes('authorizationpolicy') && !f.startsWith(`${MGMT}/`))).toEqual([]);
  });

  test('the policy passes the upstream schema (@kubernetes-models/istio, strict), and a wrong field fails it', () => {
    const object = policy(tree, 'mimir');
    expect(schemaProblems([{ file: 'p.yaml', object }])).toEqual([]);
    expect(schemaProblems([{ file: 'p.yaml', object: { ...object, spec: { ...object.spec, action: 'PERMIT' } } }]).map((p) => p.path)).toEqual(['p.yaml: spec.action']);
  });
});
