import { App, Chart, Testing } from 'cdk8s';
import { Cloud } from '../../fleet';
import { CentralStoreProps, LOKI_GATEWAY_EXPORTER_PORT, lokiChart, lokiTenantLimits, MIMIR_MAX_LABEL_NAMES_PER_SERIES, MIMIR_OUT_OF_ORDER_WINDOW, MIMIR_VOLUMES, mimirChart, mimirTenantLimits, STORAGE_IDENTITY_ANNOTATION } from './central-stores';
import { SidecarPodMonitor } from './mesh-monitors';
import { TELEMETRY_LABEL_NAMES } from './telemetry-labels';

/*
 * The central stores' values against the charts' own rules, with the charts' defaults for what we
 * leave out: the rules are re-stated from the chart sources at the pinned versions (re-read them on
 * a bump, see chart-versions.ts), so these tests check the rule, not a constant we chose.
 */

type Values = Record<string, any>;

const props = (cloud: Cloud): CentralStoreProps => ({
  cloud,
  region: { aws: 'eu-west-1', gcp: 'europe-west4', azure: 'westeurope' }[cloud],
  storage: { metricsBucket: 'm', logsBucket: 'l', identity: 'id', ...(cloud === 'azure' ? { azureStorageAccount: 'acct' } : {}) },
  labels: { cluster: 't-mgmt', cloud, region: 'r', env: 'test' },
  clusters: 4,
  tenant: 'acme',
});
const CLOUDS: Cloud[] = ['aws', 'gcp', 'azure'];

/** grafana-community/helm-charts charts/loki/values.yaml, tag loki-18.11.0: every target's `replicas`. */
const LOKI_REPLICA_DEFAULTS: Record<string, number> = {
  singleBinary: 0,
  backend: 3, read: 3, write: 3,
  ingester: 0, distributor: 0, querier: 0, queryFrontend: 0, queryScheduler: 0, indexGateway: 0, compactor: 0, ruler: 0,
};

/**
 * charts/loki/templates/validate.yaml (tag loki-18.11.0), the `fail` rules on deployment modes,
 * storage, schema and tests, over the chart's defaults (`int` of a missing value is 0 in Helm).
 */
function lokiValidateFailures(values: Values): string[] {
  const replicas = (target: string) => Number(values[target]?.replicas ?? LOKI_REPLICA_DEFAULTS[target] ?? 0);
  const mode: string = values.deploymentMode ?? 'Monolithic';
  const monolithic = replicas('singleBinary');
  const scalable = ['backend', 'read', 'write'].some((t) => replicas(t) > 0);
  const distributed = ['ingester', 'distributor', 'querier', 'queryFrontend', 'queryScheduler', 'indexGateway', 'compactor', 'ruler'].some((t) => replicas(t) > 0);
  // _helpers.tpl loki.isUsingObjectStorage; values.yaml loki.storage.type defaults to s3.
  const filesystem = !['s3', 'gcs', 'azure', 'swift', 'alibabacloud', 'cos', 'bos'].includes(values.loki?.storage?.type ?? 's3');
  const canary = values.lokiCanary?.enabled ?? true;
  const test = values.test?.enabled ?? true;
  const hasSchema = Object.keys(values.loki?.schemaConfig ?? {}).length > 0 || Object.keys(values.loki?.structuredConfig?.schema_config ?? {}).length > 0;
  const useTestSchema = values.loki?.useTestSchema ?? false;
  const failures: string[] = [];
  if (!canary && test) failures.push('Helm test requires the Loki Canary to be enabled');
  if ((values.minio?.enabled ?? false) && !(values.ignoreMinioDeprecation ?? false)) failures.push('builtin MinIO dependency is deprecated');
  if (filesystem && monolithic > 1) failures.push('Cannot run more than 1 Monolithic replica without an object storage backend.');
  if (filesystem && monolithic === 0 && (scalable || distributed)) failures.push('Cannot run scalable targets or distributed targets without an object storage backend.');
  if (scalable && distributed && mode !== 'SimpleScalable<->Distributed') failures.push('more than zero replicas configured for scalable targets and distributed targets');
  if (monolithic > 0 && distributed) failures.push('more than zero replicas configured for both the monolithic and distributed targets');
  if (monolithic > 0 && scalable && mode !== 'Monolithic<->SimpleScalable' && mode !== 'SingleBinary<->SimpleScalable') failures.push('more than zero replicas configured for both the monolithic and simple scalable targets');
  if (hasSchema && useTestSchema) failures.push('loki.useTestSchema must be false if loki.schemaConfig is defined');
  if (!hasSchema && !useTestSchema) failures.push('You must provide a schema_config for Loki');
  return failures;
}

/**
 * The spec of the PodDisruptionBudget charts/loki renders for a component (templates/_pdb.tpl loki.pdb, tag loki-18.11.0),
 * or none: only when its budget is enabled and it runs more than one replica (no autoscaling here), with the
 * component's legacy `maxUnavailable` and every key of its `podDisruptionBudget` but enabled/labels/annotations
 * that is not null, and only when that leaves something. The single binary's budget is the deprecated top-level
 * `podDisruptionBudget` (values.yaml `enabled: true`) merged under `singleBinary.podDisruptionBudget`
 * (templates/monolithic/pdb.yaml), `enabled: true` by default in both.
 */
function lokiPdbSpec(component: Values, defaults: { replicas: number; podDisruptionBudget: Values }, legacy: Values = {}): Values | undefined {
  const budget = { ...defaults.podDisruptionBudget, ...legacy, ...(component.podDisruptionBudget ?? {}) };
  if (!budget.enabled || Number(component.replicas ?? defaults.replicas) <= 1) return undefined;
  const spec: Values = {};
  if (component.maxUnavailable !== undefined && component.maxUnavailable !== null) spec.maxUnavailable = component.maxUnavailable;
  for (const [key, value] of Object.entries(budget)) if (!['enabled', 'labels', 'annotations'].includes(key) && value !== null) spec[key] = value;
  return Object.keys(spec).length > 0 ? spec : undefined;
}
/** values.yaml defaults (loki-18.11.0): the single binary's budget enabled with every field null. */
const LOKI_BUDGET_DEFAULTS = { podDisruptionBudget: { enabled: true, minAvailable: null, maxUnavailable: null, unhealthyPodEvictionPolicy: null } };

describe('Loki values against charts/loki 18.11.0', () => {
  test('a PodDisruptionBudget for the three replicas, one evicted at a time, never waiting on an unready one: the chart\'s own renders none with its defaults', () => {
    const values = lokiChart(props('aws')).values as Values;
    const singleBinary = { ...LOKI_BUDGET_DEFAULTS, replicas: 0 };
    expect(lokiPdbSpec(values.singleBinary, singleBinary, { enabled: true })).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const { podDisruptionBudget, ...before } = values.singleBinary;
    expect(podDisruptionBudget).toBeDefined();
    expect(lokiPdbSpec(before, singleBinary, { enabled: true })).toBeUndefined();
  });


  test('the fleet\'s one log tenant gets Loki\'s per-tenant defaults once per cluster (4 MB/s, bursts of 6 MB, 5000 streams)', () => {
    expect(lokiTenantLimits(1)).toEqual({ ingestion_rate_mb: 4, ingestion_burst_size_mb: 6, max_global_streams_per_user: 5_000 });
    expect(lokiTenantLimits(300)).toEqual({ ingestion_rate_mb: 1_200, ingestion_burst_size_mb: 1_800, max_global_streams_per_user: 1_500_000 });
    for (const cloud of CLOUDS) {
      const loki = (lokiChart(props(cloud)).values as Values).loki;
      // In the runtime configuration (ConfigMap loki-runtime, no pod checksum: reloaded, no restart when a cluster joins), not limits_config.
      expect(loki.runtimeConfig).toEqual({ overrides: { acme: lokiTenantLimits(4) } });
      expect(loki.limits_config).toBeUndefined();
    }
  });

  test.each(CLOUDS)('the chart renders them on %s: no validate.yaml rule fails', (cloud) => {
    const values = lokiChart(props(cloud)).values as Values;
    expect(lokiValidateFailures(values)).toEqual([]);
    expect([values.deploymentMode, values.singleBinary.replicas]).toEqual(['Monolithic', 3]);
  });

  test('the rule refuses three Monolithic replicas beside the simple scalable targets\' defaults (the values before the fix)', () => {
    const { backend, read, write, ...before } = lokiChart(props('aws')).values as Values;
    expect([backend, read, write]).toEqual([{ replicas: 0 }, { replicas: 0 }, { replicas: 0 }]);
    expect(lokiValidateFailures(before)).toEqual(['more than zero replicas configured for both the monolithic and simple scalable targets']);
  });

  test.each(CLOUDS)('on %s the logs bucket goes to every bucket name the chart reads, and to no other', (cloud) => {
    // charts/loki/templates/_helpers.tpl (tag loki-18.11.0): "loki.commonStorageConfig" reads bucketNames.chunks,
    // "loki.rulerStorageConfig" bucketNames.ruler; no template reads another (`admin` went with GEL support, 2116fa72).
    const read = ['chunks', 'ruler'];
    const { bucketNames } = (lokiChart(props(cloud)).values as Values).loki.storage;
    expect(Object.keys(bucketNames).filter((name) => !read.includes(name))).toEqual([]);
    for (const name of read) expect(bucketNames[name]).toBe(props(cloud).storage.logsBucket);
  });

  test('the gateway\'s exporter port skips the sidecar for plaintext scrapes; the port the mesh reaches it on does not', () => {
    const gateway = (lokiChart(props('aws')).values as Values).gateway;
    const excluded = String(gateway.podAnnotations['traffic.sidecar.istio.io/excludeInboundPorts']).split(',').map(Number);
    expect(excluded).toEqual([LOKI_GATEWAY_EXPORTER_PORT]);
    // charts/loki values.yaml gateway.containerPort (8080): nginx, behind the Service port the mesh uses.
    expect(excluded).not.toContain(gateway.containerPort ?? 8080);
    expect(gateway.podLabels).toEqual({ 'sidecar.istio.io/inject': 'true' });
  });
});

/**
 * grafana/mimir operations/helm/charts/mimir-distributed values.yaml (6.x, read at commit 063371e):
 * what `mimir.config` writes on the write path before `mimir.structuredConfig` is merged over it, and
 * `kafka.enabled`.
 */
const MIMIR_CHART_CONFIG: Values = {
  // Unconditional in mimir.config (values.yaml; in 2.x as in 6.x), whatever common.storage says.
  blocks_storage: { backend: 's3' },
  distributor: { remote_timeout: '5s' },
  ingest_storage: { enabled: true, kafka: { topic: 'mimir-ingest', auto_create_topic_enabled: true, auto_create_topic_default_partitions: 100 } },
  ingester: { push_grpc_method_enabled: false },
};
const MIMIR_CHART_KAFKA_ENABLED = true;
/** Mimir's flag default for the HA tracker's store (cmd/mimir/config-descriptor.json, -distributor.ha-tracker.store). */
const MIMIR_HA_TRACKER_STORE_DEFAULT = 'consul';

/** structuredConfig "applied after the text based config is evaluated" (values.yaml): maps merge, scalars replace. */
function mergeOverwrite(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' ? mergeOverwrite(base[k], v) : v;
  return out;
}

/** Why remote write would fail with these values, given what the chart deploys and nothing else. */
function mimirWritePathProblems(values: Values): string[] {
  const config = mergeOverwrite(MIMIR_CHART_CONFIG, values.mimir?.structuredConfig ?? {});
  const kafkaDeployed = values.kafka?.enabled ?? MIMIR_CHART_KAFKA_ENABLED;
  const problems: string[] = [];
  if (config.ingest_storage.enabled) {
    if (kafkaDeployed) problems.push('ingest storage on the bundled single-node Kafka (demonstration and testing only)');
    else if (!config.ingest_storage.kafka?.address) problems.push('ingest storage without a Kafka address');
  } else if (config.ingester?.push_grpc_method_enabled === false) {
    // pkg/ingester/ingester.go: "Can be only disabled when using ingest-storage".
    problems.push('classic architecture with the ingesters\' push gRPC method off');
  }
  if (!config.ingest_storage.enabled && kafkaDeployed) problems.push('a Kafka nothing uses');
  // A component's own backend wins over common.storage (Mimir's configuration docs, "common configuration").
  const common = config.common?.storage?.backend;
  if (common && config.blocks_storage?.backend !== common) problems.push(`blocks on ${config.blocks_storage?.backend}, not the fleet's ${common} bucket`);
  const ha = config.distributor?.ha_tracker;
  const store = ha?.kvstore?.store ?? MIMIR_HA_TRACKER_STORE_DEFAULT;
  if (ha?.enable_ha_tracker && store !== 'memberlist') problems.push(`HA tracker on ${store}, which the chart does not deploy`);
  // Keys chart 6.0 removed: Helm ignores them silently.
  if ('nginx' in values) problems.push('top-level nginx (removed in 6.0.0)');
  if (values.gateway && 'enabledNonEnterprise' in values.gateway) problems.push('gateway.enabledNonEnterprise (removed in 6.0.0)');
  return problems;
}

describe('Mimir values against mimir-distributed 6.x', () => {
  test.each(CLOUDS)('classic architecture on %s: distributors push to ingesters, no Kafka, the HA tracker on memberlist', (cloud) => {
    const values = mimirChart(props(cloud)).values as Values;
    expect(mimirWritePathProblems(values)).toEqual([]);
    expect(values.kafka).toEqual({ enabled: false });
    expect(values.mimir.structuredConfig).toMatchObject({
      ingest_storage: { enabled: false },
      ingester: { push_grpc_method_enabled: true },
      distributor: { remote_timeout: '2s', ha_tracker: { enable_ha_tracker: true, kvstore: { store: 'memberlist' } } },
    });
  });

  test('the rules refuse the values before the fix', () => {
    const before: Values = {
      gateway: { enabledNonEnterprise: true },
      nginx: { enabled: false },
      mimir: { structuredConfig: { distributor: { ha_tracker: { enable_ha_tracker: true } } } },
    };
    expect(mimirWritePathProblems(before)).toEqual([
      'ingest storage on the bundled single-node Kafka (demonstration and testing only)',
      'HA tracker on consul, which the chart does not deploy',
      'top-level nginx (removed in 6.0.0)',
      'gateway.enabledNonEnterprise (removed in 6.0.0)',
    ]);
    // The bucket named only in common.storage: on GCS the blocks still go to the chart's S3.
    expect(mimirWritePathProblems({ kafka: { enabled: false }, mimir: { structuredConfig: { ingest_storage: { enabled: false }, ingester: { push_grpc_method_enabled: true }, common: { storage: { backend: 'gcs' } } } } })).toEqual(['blocks on s3, not the fleet\'s gcs bucket']);
    // Turning Kafka off alone leaves ingest storage on with no broker.
    expect(mimirWritePathProblems({ kafka: { enabled: false } })).toEqual(['ingest storage without a Kafka address']);
    // Turning ingest storage off alone leaves the ingesters refusing pushes.
    expect(mimirWritePathProblems({ kafka: { enabled: false }, mimir: { structuredConfig: { ingest_storage: { enabled: false } } } })).toEqual(['classic architecture with the ingesters\' push gRPC method off']);
  });

  test('the fleet\'s one tenant gets Mimir\'s per-tenant defaults once per cluster (limits.go: 10000 samples/s, burst 200000, 150000 series, 20 rules a group, 70 groups; 100 HA clusters)', () => {
    expect(mimirTenantLimits(1)).toEqual({ ingestion_rate: 10_000, ingestion_burst_size: 200_000, max_global_series_per_user: 150_000, ruler_max_rules_per_rule_group: 20, ruler_max_rule_groups_per_tenant: 70, ha_max_clusters: 100 });
    expect(mimirTenantLimits(4)).toEqual({ ingestion_rate: 40_000, ingestion_burst_size: 800_000, max_global_series_per_user: 600_000, ruler_max_rules_per_rule_group: 80, ruler_max_rule_groups_per_tenant: 280, ha_max_clusters: 100 });
    // Past 50 clusters the HA tracker's room grows with the fleet: twice the clusters.
    expect(mimirTenantLimits(300)).toMatchObject({ max_global_series_per_user: 45_000_000, ruler_max_rules_per_rule_group: 6_000, ha_max_clusters: 600 });
    // 150000 series scraped every 15 s (the mesh monitors' interval) are the 10000 samples/s the rate allows.
    const { ingestion_rate, max_global_series_per_user } = mimirTenantLimits(1);
    expect(max_global_series_per_user / 15).toBe(ingestion_rate);
  });

  test.each(CLOUDS)('the limits reach Mimir\'s config on %s, beside HA sample handling', (cloud) => {
    const values = mimirChart(props(cloud)).values as Values;
    // The tenant's limits in the runtime configuration (ConfigMap mimir-runtime, no pod checksum: reloaded,
    // no restart when a cluster joins); the HA and out-of-order handling in the main one too.
    const handling = { accept_ha_samples: true, out_of_order_time_window: MIMIR_OUT_OF_ORDER_WINDOW, max_label_names_per_series: MIMIR_MAX_LABEL_NAMES_PER_SERIES };
    expect(values.runtimeConfig).toEqual({ overrides: { acme: { ...handling, ...mimirTenantLimits(4) } } });
    expect(values.mimir.structuredConfig.limits).toEqual(handling);
    // The agents' whole backlog after a cut-off: their WAL keeps at most 4 hours (Prometheus' agent DefaultMaxWALTime).
    expect(MIMIR_OUT_OF_ORDER_WINDOW).toBe('4h');
  });

  test('the gateway\'s sidecar sees all of its inbound traffic: its one port is the mesh\'s way in', () => {
    const gateway = (mimirChart(props('aws')).values as Values).gateway;
    expect(gateway.podLabels).toEqual({ 'sidecar.istio.io/inject': 'true' });
    expect(gateway.podAnnotations?.['traffic.sidecar.istio.io/excludeInboundPorts']).toBeUndefined();
  });
});

/**
 * Mimir's disk needs (grafana/mimir docs/sources/mimir/manage/run-production-environment/planning-capacity.md and
 * references/architecture/components/compactor, "Compactor disk utilization"), for a fleet's active series before
 * replication, with the 50 % extra the planning page asks for on disk. The chart's defaults for what we leave
 * out: 3 ingesters, 1 store-gateway, 1 compactor, a 2Gi volume each (values.yaml, 6.x at 063371e), and Mimir's
 * replication factor 3 for ingesters and store-gateways.
 */
const MIMIR_VOLUME_DEFAULT = '2Gi';
const MIMIR_REPLICATION_FACTOR = 3;
const MIMIR_REPLICA_DEFAULTS = { ingester: 3, store_gateway: 1 };
const DISK_HEADROOM = 1.5;
const GB = 1e9;
const gibBytes = (size: string) => Number(/^(\d+)Gi$/.exec(size)![1]) * 2 ** 30;

/** Which of Mimir's volumes are too small for `series` active series, a year of them for the store-gateway. */
function mimirVolumesShort(values: Values, series: number): string[] {
  const volume = (component: string) => gibBytes(values[component]?.persistentVolume?.size ?? MIMIR_VOLUME_DEFAULT);
  const copies = (component: keyof typeof MIMIR_REPLICA_DEFAULTS) => Math.min(MIMIR_REPLICATION_FACTOR, values[component]?.replicas ?? MIMIR_REPLICA_DEFAULTS[component]);
  const need = {
    // "Disk space: 5GB for every 300,000 series in memory"; in memory: active series times the replication factor, over the ingesters.
    ingester: ((series * copies('ingester')) / (values.ingester?.replicas ?? MIMIR_REPLICA_DEFAULTS.ingester) / 300_000) * 5 * GB,
    // "150GB of disk space for every 10M active series owned by the largest tenant": the fleet is one tenant.
    compactor: (series / 10_000_000) * 150 * GB,
    // "Disk: 13GB every 1 million active series", a year of them with the store-gateways' replication factor 3.
    store_gateway: ((series / 1_000_000) * 13 * GB * copies('store_gateway')) / MIMIR_REPLICATION_FACTOR / (values.store_gateway?.replicas ?? MIMIR_REPLICA_DEFAULTS.store_gateway),
  };
  return Object.entries(need).filter(([component, bytes]) => bytes * DISK_HEADROOM > volume(component)).map(([component]) => component);
}

describe('Mimir\'s volumes hold what Mimir\'s capacity guide asks for', () => {
  // The fleet size they are for: about 1M active series (mimir-distributed small.yaml's scale), 6-7 clusters at
  // the tenant's per-cluster series limit, many more at what clusters usually send.
  const FLEET_SERIES = 1_000_000;

  test.each(CLOUDS)('on %s: ingesters, compactor and store-gateway for 1M active series (a year of them on the store-gateway)', (cloud) => {
    const values = mimirChart(props(cloud)).values as Values;
    expect(mimirVolumesShort(values, FLEET_SERIES)).toEqual([]);
    expect({ ingester: values.ingester.persistentVolume, compactor: values.compactor.persistentVolume, store_gateway: values.store_gateway.persistentVolume }).toEqual({
      ingester: { size: MIMIR_VOLUMES.ingester },
      compactor: { size: MIMIR_VOLUMES.compactor },
      store_gateway: { size: MIMIR_VOLUMES.store_gateway },
    });
  });

  test('the rule refuses the chart\'s 2Gi volumes: the test fleet\'s four clusters at their series limit fill every one', () => {
    const { ingester, compactor, store_gateway, ...rest } = mimirChart(props('aws')).values as Values;
    const chartVolumes = { ...rest, ingester: { zoneAwareReplication: ingester.zoneAwareReplication }, store_gateway: { zoneAwareReplication: store_gateway.zoneAwareReplication } };
    expect(mimirVolumesShort(chartVolumes, mimirTenantLimits(4).max_global_series_per_user)).toEqual(['ingester', 'compactor', 'store_gateway']);
    // Two clusters of 60000 series are already too many for an ingester's and the compactor's 2Gi.
    expect(mimirVolumesShort(chartVolumes, 120_000)).toEqual(['ingester', 'compactor']);
  });
});

/** Istio's standard metrics' own labels (istio/istio.io content/en/docs/reference/config/metrics/index.md, "Labels"). */
const ISTIO_STANDARD_LABELS = [
  'reporter', 'source_workload', 'source_workload_namespace', 'source_principal', 'source_app', 'source_version',
  'destination_workload', 'destination_workload_namespace', 'destination_principal', 'destination_app', 'destination_version',
  'destination_service', 'destination_service_name', 'destination_service_namespace', 'request_protocol', 'response_code',
  'connection_security_policy', 'response_flags', 'source_canonical_service', 'source_canonical_revision',
  'destination_canonical_service', 'destination_canonical_revision', 'destination_cluster', 'source_cluster', 'grpc_response_status',
];
/**
 * What prometheus-operator v0.93.0 gives every target of a PodMonitor endpoint without a `port`
 * (pkg/prometheus/promcfg.go generatePodMonitorConfig: namespace, container, pod, job), and Prometheus' `instance`.
 */
const POD_MONITOR_TARGET_LABELS = ['namespace', 'container', 'pod', 'job', 'instance'];
/** -validation.max-label-names-per-series (grafana/mimir pkg/util/validation/limits.go), `__name__` counted. */
const MIMIR_MAX_LABEL_NAMES_DEFAULT = 30;

describe('Mimir takes the mesh\'s series with all their labels', () => {
  /** The label names of an Istio histogram bucket as the agent sends it: Istio's, the PodMonitor's, the agent's. */
  function istioBucketLabelNames(): Set<string> {
    const chart = new Chart(new App(), 'monitors');
    new SidecarPodMonitor(chart, 'sidecars');
    const [monitor] = Testing.synth(chart);
    const relabelled: string[] = monitor.spec.podMetricsEndpoints.flatMap((e: Values) => e.relabelings ?? []).filter((r: Values) => r.action === 'replace' && !r.targetLabel.startsWith('__')).map((r: Values) => r.targetLabel);
    return new Set(['__name__', 'le', ...ISTIO_STANDARD_LABELS, ...POD_MONITOR_TARGET_LABELS, ...relabelled, ...TELEMETRY_LABEL_NAMES]);
  }

  test.each(CLOUDS)('on %s: the tenant\'s and the main configuration\'s limit hold istio_request_duration_milliseconds_bucket\'s 37 label names', (cloud) => {
    const names = istioBucketLabelNames();
    expect(names.size).toBe(37);
    const values = mimirChart(props(cloud)).values as Values;
    const limits = [values.runtimeConfig.overrides.acme.max_label_names_per_series, values.mimir.structuredConfig.limits.max_label_names_per_series].map((l) => l ?? MIMIR_MAX_LABEL_NAMES_DEFAULT);
    for (const limit of limits) expect(names.size).toBeLessThanOrEqual(limit);
  });

  test('Mimir\'s default refuses them', () => {
    expect(istioBucketLabelNames().size).toBeGreaterThan(MIMIR_MAX_LABEL_NAMES_DEFAULT);
  });
});

/** An m7i.large's memory (AWS EC2 general purpose instances: 2 vCPU, 8 GiB): the test fleet's management machine. */
const MANAGEMENT_NODE_MEMORY_MI = 8 * 1024;
/** "Calculate requested memory as round(allocatedMemory * 1.2)" (charts/loki/templates/memcached/_memcached-statefulset.tpl, loki-18.11.0). */
const memcachedRequestMi = (allocatedMemory: number) => Math.floor((allocatedMemory * 12 + 5) / 10);

interface CacheDefault { readonly section: (values: Values) => Values | undefined; readonly enabled: boolean; readonly allocatedMemory: number }
/** charts/loki/values.yaml, tag loki-18.11.0: every memcached cache, behind `memcached.enabled` (default true). */
const LOKI_CACHE_DEFAULTS: Record<string, CacheDefault> = {
  'chunks-cache': { section: (v) => v.chunksCache, enabled: true, allocatedMemory: 8192 },
  'chunks-cache-l2': { section: (v) => v.chunksCache?.l2, enabled: false, allocatedMemory: 8192 },
  'results-cache': { section: (v) => v.resultsCache, enabled: true, allocatedMemory: 1024 },
};
/** mimir-distributed values.yaml (6.x, read at grafana/mimir 063371e; 6.2.0 itself unread): every cache off by default. */
const MIMIR_CACHE_DEFAULTS: Record<string, CacheDefault> = Object.fromEntries(
  Object.entries({ 'chunks-cache': 8192, 'index-cache': 2048, 'metadata-cache': 512, 'results-cache': 512 }).map(([name, allocatedMemory]) => [name, { section: (v: Values) => v[name], enabled: false, allocatedMemory }]),
);

/** The memcached StatefulSets the chart runs with these values, and what each pod requests. */
function cacheRequestsMi(values: Values, defaults: Record<string, CacheDefault>): Record<string, number> {
  if (values.memcached?.enabled === false) return {};
  const out: Record<string, number> = {};
  for (const [name, d] of Object.entries(defaults)) {
    const section = d.section(values) ?? {};
    if (section.enabled ?? d.enabled) out[name] = memcachedRequestMi(section.allocatedMemory ?? d.allocatedMemory);
  }
  return out;
}

describe('memcached caches fit a management node', () => {
  // One cache among the pool's other pods (Mimir, Loki, Grafana, Argo CD): at most a quarter of a node.
  const fits = (requests: Record<string, number>) => Object.entries(requests).filter(([, mi]) => mi > MANAGEMENT_NODE_MEMORY_MI / 4);

  test.each(CLOUDS)('Loki on %s: the chunks and results caches, 1229Mi and 614Mi', (cloud) => {
    const requests = cacheRequestsMi(lokiChart(props(cloud)).values as Values, LOKI_CACHE_DEFAULTS);
    expect(requests).toEqual({ 'chunks-cache': 1229, 'results-cache': 614 });
    expect(fits(requests)).toEqual([]);
  });

  test('the rule refuses the chart\'s own chunk cache: 9830Mi, more than the node', () => {
    const { chunksCache, resultsCache, ...before } = lokiChart(props('aws')).values as Values;
    expect(fits(cacheRequestsMi(before, LOKI_CACHE_DEFAULTS))).toEqual([['chunks-cache', 9830]]);
  });

  test.each(CLOUDS)('Mimir on %s: no cache runs (the chart\'s default)', (cloud) => {
    expect(cacheRequestsMi(mimirChart(props(cloud)).values as Values, MIMIR_CACHE_DEFAULTS)).toEqual({});
  });
});

describe('a new storage identity reaches the stores\' pods', () => {
  /**
   * The annotations every store pod's template gets from the values: mimir-distributed _helpers.tpl
   * "mimir.podAnnotations" (global.podAnnotations), charts/loki 18.11.0 templates/_pod.tpl
   * "loki.podTemplate" (loki.podAnnotations). A pod template that does not change rolls no pod, and
   * IRSA and AKS workload identity set a pod's identity only when it is created.
   */
  const podAnnotations = (store: 'mimir' | 'loki', values: Values): Record<string, string> => (store === 'mimir' ? values.global?.podAnnotations : values.loki?.podAnnotations) ?? {};
  const chartOf = { mimir: mimirChart, loki: lokiChart };

  test.each(CLOUDS.flatMap((cloud) => (['mimir', 'loki'] as const).map((store) => [store, cloud] as const)))('%s on %s: its pods\' template changes with the identity, so they restart as the new one', (store, cloud) => {
    const before = podAnnotations(store, chartOf[store](props(cloud)).values as Values);
    const after = podAnnotations(store, chartOf[store]({ ...props(cloud), storage: { ...props(cloud).storage, identity: 'another-id' } }).values as Values);
    expect(after).not.toEqual(before);
    expect(after).toEqual({ [STORAGE_IDENTITY_ANNOTATION]: 'another-id' });
  });
});
