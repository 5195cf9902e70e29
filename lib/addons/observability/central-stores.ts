import { Cloud } from '../../fleet';
import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { LOKI_CHART, MIMIR_CHART } from './chart-versions';
import { LOKI, MESH_SERVER_POD_LABELS, MIMIR } from './central-endpoints';
import { ObservabilityStorage } from './settings';
import { TelemetryLabels } from './telemetry-labels';
import { LOKI_REPLICAS } from './validate-loki-nodes';

export interface CentralStoreProps {
  /** The management cluster's cloud and region: where the buckets are. */
  readonly cloud: Cloud;
  readonly region: string;
  readonly storage: ObservabilityStorage;
  /** The management cluster's telemetry labels: the `cluster` label of Mimir's own metrics. */
  readonly labels: TelemetryLabels;
  /** How many clusters write to the stores (every cluster of the fleet): the tenant's limits scale with it. */
  readonly clusters: number;
  /** The fleet's one tenant (`X-Scope-OrgID`), whose limits those are. */
  readonly tenant: string;
}

/*
 * The tenant's limits go in the stores' runtime configuration, not their main one: both charts put a
 * checksum of the main configuration on every pod (mimir-distributed _helpers.tpl "mimir.podAnnotations",
 * charts/loki 18.11.0 "loki.config.checksum"), so limits there would restart every Mimir and Loki pod
 * whenever a cluster joins or leaves the fleet. The runtime configuration is a ConfigMap of its own
 * (`<release>-runtime`, no checksum) that Mimir and Loki read again every 10 s (-runtime-config.reload-period),
 * and a tenant's `overrides` start from the main configuration's limits (Loki pkg/loki/modules.go
 * SetDefaultLimitsForYAMLUnmarshalling; Mimir alike). Mimir's HA and out-of-order settings are in both
 * anyway: they must hold for the tenant whatever an override inherits.
 */

/**
 * The stores' pods carry their identity as an annotation too, so that a new `storage.identity` rolls them:
 * it is otherwise only an annotation of their service accounts, which rolls nothing, and IRSA's and AKS
 * workload identity's webhooks give a pod its identity only when it is created (they mutate pods on
 * CREATE only: aws/amazon-eks-pod-identity-webhook v0.6.17 deploy/mutatingwebhook.yaml,
 * Azure/azure-workload-identity v1.6.0 deploy/azure-wi-webhook.yaml): the running pods would go on
 * acting as the old identity until something restarted them.
 */
export const STORAGE_IDENTITY_ANNOTATION = 'fleetsynth.io/storage-identity';

/** How a pod acts as the storage identity, per cloud: IRSA, GKE workload identity, AKS workload identity. */
function identity(cloud: Cloud, id: string): { serviceAccountAnnotations: Record<string, string>; podLabels: Record<string, string>; podAnnotations: Record<string, string> } {
  const podAnnotations = { [STORAGE_IDENTITY_ANNOTATION]: id };
  switch (cloud) {
    case 'aws':
      return { serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': id }, podLabels: {}, podAnnotations };
    case 'gcp':
      return { serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': id }, podLabels: {}, podAnnotations };
    case 'azure':
      // azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
      return { serviceAccountAnnotations: { 'azure.workload.identity/client-id': id }, podLabels: { 'azure.workload.identity/use': 'true' }, podAnnotations };
  }
}

/** Mimir's bucket client config (grafana.com/docs/mimir/latest/references/configuration-parameters, common.storage). */
function mimirBucket(props: CentralStoreProps): Record<string, unknown> {
  const { storage } = props;
  switch (props.cloud) {
    case 'aws':
      return { backend: 's3', s3: { endpoint: `s3.${props.region}.amazonaws.com`, region: props.region, bucket_name: storage.metricsBucket } };
    case 'gcp':
      return { backend: 'gcs', gcs: { bucket_name: storage.metricsBucket } };
    case 'azure':
      return { backend: 'azure', azure: { account_name: storage.azureStorageAccount, container_name: storage.metricsBucket } };
  }
}

/**
 * Mimir's per-tenant defaults (grafana/mimir pkg/util/validation/limits.go RegisterFlags, read at
 * aa3dce8): -distributor.ingestion-rate-limit 10000 samples/s, -distributor.ingestion-burst-size
 * 200000, -ingester.max-global-series-per-user 150000, -distributor.ha-tracker.max-clusters 100;
 * -ruler.max-rules-per-rule-group 20 and -ruler.max-rule-groups-per-tenant 70, which the ruler's
 * configuration API enforces on every group the rules sync uploads (pkg/ruler/api.go CreateRuleGroup,
 * AssertMaxRulesPerRuleGroup: HTTP 400, the group is not loaded).
 */
const MIMIR_TENANT_DEFAULTS = {
  ingestion_rate: 10_000,
  ingestion_burst_size: 200_000,
  max_global_series_per_user: 150_000,
  ruler_max_rules_per_rule_group: 20,
  ruler_max_rule_groups_per_tenant: 70,
};
const MIMIR_HA_MAX_CLUSTERS_DEFAULT = 100;

/** Each per-tenant default once per cluster: the whole fleet writes as one tenant. */
function perCluster(defaults: Readonly<Record<string, number>>, clusters: number): Record<string, number> {
  return Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, value * clusters]));
}

/**
 * The limits of the fleet's one tenant: Mimir's per-tenant defaults, once per cluster. The whole
 * fleet writes as one tenant, so the defaults (sized for one Prometheus) would cap every cluster
 * together, and a few clusters of kube-state-metrics, cAdvisor and Istio sidecar metrics exceed
 * them: the distributor refuses the excess (`cortex_discarded_samples_total`, FleetSamplesDiscarded)
 * and those samples are lost. Per cluster, 150000 series scraped every 15 s are 10000 samples/s: the
 * two defaults describe the same cluster. The rate counts samples after HA deduplication (the
 * distributor's prePushHaDedupeMiddleware runs before the validation that applies it), so the
 * agent's second replica costs nothing. The fleet's alert groups hold rules per cluster (fleet-alerts.ts:
 * three per cluster in `fleet-clusters`), and at 20 rules a group Mimir would refuse them from the
 * seventh cluster on, leaving the fleet without its cluster alerts. The HA tracker needs an entry per cluster (`cluster` label):
 * twice the fleet, for clusters replaced or renamed until it forgets them, and never below the
 * default. These are ceilings, not capacity: the ingesters need memory for the series actually
 * written (grafana.com/docs/mimir/latest/manage/run-production-environment/planning-capacity).
 */
export function mimirTenantLimits(clusters: number): Record<string, number> {
  return { ...perCluster(MIMIR_TENANT_DEFAULTS, clusters), ha_max_clusters: Math.max(MIMIR_HA_MAX_CLUSTERS_DEFAULT, 2 * clusters) };
}

/**
 * How far back Mimir takes samples older than the newest it has for the tenant. The whole fleet is one
 * tenant, so the clusters still reporting keep that newest time current; without an out-of-order
 * window a cluster cut off from the management cluster for more than about an hour (the head's
 * in-order window) has the older part of its backlog refused as out of bounds when it reconnects
 * (HTTP 400, which the agent does not retry: lost), the hours of a cloud failure one most wants to see.
 * The agents keep at most 4 hours unsent (Prometheus v3.14.0 tsdb/agent/db.go DefaultMaxWALTime),
 * so a 4-hour window takes all they still have; it costs the ingesters memory for the late samples.
 */
export const MIMIR_OUT_OF_ORDER_WINDOW = '4h';

/**
 * The volumes of Mimir's stateful components, for about 1M active series in the fleet (the scale of
 * mimir-distributed's own small.yaml: ingesters 50Gi, store-gateways 10Gi, compactor 20Gi), with the 50 % extra
 * Mimir's *Planning capacity* asks for on disk. The chart's defaults are 2Gi each (values.yaml, 6.x at grafana/mimir
 * 063371e). An ingester's volume holds its WAL and the blocks it has not shipped: 5 GB for every 300000 series in
 * memory (*Planning capacity*), and each of the three ingesters holds every series (replication factor 3), so 2Gi
 * is full at about 130000 series, a cluster or two: then the ingesters' WAL writes fail, every push with them,
 * and the whole fleet stops reporting at once. The compactor needs 150 GB for every 10M series of its largest
 * tenant, and the fleet is one (Mimir's *Compactor* page, disk utilization): 25Gi, not small.yaml's 20Gi, for the
 * 50 %. The store-gateway keeps index-headers, 13 GB a year for every 1M series over three replicas (*Planning
 * capacity*), a third of it on the chart's one store-gateway; nothing is deleted (*Nothing is deleted yet*, README),
 * so it grows by that much a year. Each is read from `<component>.persistentVolume.size`
 * (templates/ingester/ingester-statefulset.yaml, compactor/compactor-statefulset.yaml,
 * store-gateway/store-gateway-statefulset.yaml). A StatefulSet's volume claims cannot change: a running
 * Mimir's are grown by hand (README, *Upgrading fleetsynth over a fleet that is running*).
 */
export const MIMIR_VOLUMES = { ingester: '50Gi', compactor: '25Gi', store_gateway: '10Gi' } as const;

/**
 * How many label names a series may have. Mimir's default, 30 (-validation.max-label-names-per-series,
 * grafana/mimir pkg/util/validation/limits.go), counts `__name__` too (pkg/distributor/validate.go validateLabels,
 * `len(ls)`), and Istio's standard metrics carry 25 labels of their own (istio/istio.io
 * content/en/docs/reference/config/metrics/index.md), to which the sidecars' PodMonitor adds `namespace`,
 * `container`, `pod`, `job`, `instance` and `pod_name`, the agent the four telemetry labels, and a histogram
 * `le`: 37 on `istio_request_duration_milliseconds_bucket`, 35 on `istio_requests_total`. Over the limit Mimir
 * refuses the series (HTTP 400 for the request, its other series kept; `cortex_discarded_samples_total` reason
 * `max_label_names_per_series`), and the agent counts the whole batch failed (prometheus v3.14.0
 * storage/remote/queue_manager.go updateMetrics): no `istio_*` series in Mimir (the dashboard's mesh panels empty),
 * FleetSamplesDiscarded and FleetRemoteWriteFailing for good. 40 leaves room for three more.
 */
export const MIMIR_MAX_LABEL_NAMES_PER_SERIES = 40;

/**
 * Samples from the agents' two replicas deduplicated (HA tracker), late ones taken within the window, and the
 * mesh's series with all their labels.
 */
const MIMIR_SAMPLE_HANDLING = { accept_ha_samples: true, out_of_order_time_window: MIMIR_OUT_OF_ORDER_WINDOW, max_label_names_per_series: MIMIR_MAX_LABEL_NAMES_PER_SERIES };

/**
 * Loki's per-tenant defaults (docs: configuration reference, limits_config; -distributor.ingestion-rate-limit-mb,
 * -distributor.ingestion-burst-size-mb, -ingester.max-global-streams-per-user): 4 MB/s, bursts of 6 MB,
 * 5000 streams.
 */
const LOKI_TENANT_DEFAULTS = { ingestion_rate_mb: 4, ingestion_burst_size_mb: 6, max_global_streams_per_user: 5_000 };

/**
 * The limits of the fleet's one log tenant: Loki's per-tenant defaults, once per cluster, for the same
 * reason as Mimir's (mimirTenantLimits): every cluster's agent pushes as one tenant, so the defaults
 * would cap the whole fleet's logs together and the distributor would refuse the rest (HTTP 429, which
 * the agents retry: FleetLogShippingStalled). These are ceilings, not capacity.
 */
export function lokiTenantLimits(clusters: number): Record<string, number> {
  return perCluster(LOKI_TENANT_DEFAULTS, clusters);
}

/**
 * mimir-distributed in the classic architecture (distributors push to ingesters; no Kafka),
 * multitenant (every write and read names its tenant), HA deduplication on `cluster` + `__replica__`
 * with the HA tracker on memberlist (set here: Mimir's flag default is consul), data in the management
 * cloud's object storage. Its gateway pods run an Istio sidecar: the mesh's way in.
 *
 * Wave: last of its cluster's root, not waited for (as Loki's): it cannot start before its buckets and
 * cloud identity exist, which are made by hand once the management cluster is up (README, *Not generated
 * yet*); in a waited wave it would hold the management cluster's folder (its PeerAuthentication, the
 * mesh's routing and remote secrets) and gateways until then. Its namespace is a Namespace object of the
 * folder (index.ts), so the gateway's AuthorizationPolicy has it from the folder's first waves.
 */
export function mimirChart(props: CentralStoreProps): PlatformChart {
  const id = identity(props.cloud, props.storage.identity);
  const bucket = mimirBucket(props);
  return {
    name: 'mimir',
    namespace: MIMIR.namespace,
    repoURL: MIMIR_CHART.repoURL,
    chart: MIMIR_CHART.chart,
    version: MIMIR_CHART.version,
    releaseName: MIMIR.release,
    wave: SYNC_WAVE.handMadeState,
    contents: MIMIR_CHART.contents,
    values: {
      fullnameOverride: MIMIR.release,
      minio: { enabled: false },
      // Zone-aware replication needs the rollout-operator (and its CRDs); one zone per management cluster here.
      rollout_operator: { enabled: false },
      ingester: { zoneAwareReplication: { enabled: false }, persistentVolume: { size: MIMIR_VOLUMES.ingester } },
      store_gateway: { zoneAwareReplication: { enabled: false }, persistentVolume: { size: MIMIR_VOLUMES.store_gateway } },
      compactor: { persistentVolume: { size: MIMIR_VOLUMES.compactor } },
      serviceAccount: { create: true, annotations: id.serviceAccountAnnotations },
      // Every Mimir pod's (mimir-distributed _helpers.tpl "mimir.podAnnotations": global.podAnnotations).
      global: { ...(Object.keys(id.podLabels).length > 0 ? { podLabels: id.podLabels } : {}), podAnnotations: id.podAnnotations },
      // grafana/mimir operations/helm/charts/mimir-distributed 6.x: the nginx `gateway` is on by default;
      // the top-level `nginx` section and `gateway.enabledNonEnterprise` are gone (CHANGELOG.md 6.0.0,
      // #12702, #13005). No inbound port skips its sidecar: its one port (`http-metrics`, 8080) is where
      // the mesh's mTLS arrives, and nothing scrapes it (nginx serves no /metrics; the gateway
      // ServiceMonitor was deleted after 6.0.6, #13481).
      gateway: {
        podLabels: { ...MESH_SERVER_POD_LABELS },
        service: { port: MIMIR.gateway.port },
      },
      // 6.x deploys ingest storage with a single-node Kafka "for demonstration and testing purposes only"
      // (docs: migrate-helm-chart-5.x-to-6.0). We run the classic architecture the chart ships as
      // classic-architecture.yaml: no Kafka to operate, nothing outside the chart (see structuredConfig).
      kafka: { enabled: false },
      // Mimir's own ServiceMonitors, labelled like every other metric of the management cluster.
      metaMonitoring: { serviceMonitor: { enabled: true, clusterLabel: props.labels.cluster } },
      mimir: {
        structuredConfig: {
          multitenancy_enabled: true,
          common: { storage: bucket },
          // The chart's mimir.config writes `blocks_storage.backend: s3` whatever the cloud (values.yaml,
          // unconditional since 3.x and still in 6.x), and a component's own backend wins over
          // common.storage: on GCS or Azure the blocks would go to an unconfigured S3. Name it again.
          blocks_storage: { backend: bucket.backend, storage_prefix: 'blocks' },
          ruler_storage: { storage_prefix: 'ruler' },
          alertmanager_storage: { storage_prefix: 'alertmanager' },
          // values.yaml's mimir.config (6.x) writes ingest_storage.enabled: true and
          // ingester.push_grpc_method_enabled: false (a classic ingester then refuses every push) and
          // distributor.remote_timeout: 5s (tuned for Kafka). classic-architecture.yaml turns the first
          // off and nulls the others back to Mimir's flag defaults; synth writes no nulls, so those
          // defaults: -ingester.push-grpc-method-enabled=true (pkg/ingester/ingester.go),
          // -distributor.remote-timeout=2s (pkg/distributor/distributor.go). With ingest storage off Mimir
          // does not validate the leftover kafka block (pkg/storage/ingest/config.go Validate).
          ingest_storage: { enabled: false },
          ingester: { push_grpc_method_enabled: true },
          distributor: {
            remote_timeout: '2s',
            // -distributor.ha-tracker.store defaults to consul (cmd/mimir/config-descriptor.json), which
            // nothing here runs; memberlist is the recommended store since Mimir 3.0 (consul and etcd
            // deprecated) and joins the gossip ring the chart already configures. Memberlist is stable for
            // the HA tracker since Mimir 2.17 (grafana/mimir#11861; recommended, #12998, docs #13002); the
            // key-value-store page's note that it is unsupported there predates them.
            ha_tracker: { enable_ha_tracker: true, kvstore: { store: 'memberlist' } },
          },
          limits: MIMIR_SAMPLE_HANDLING,
        },
      },
      runtimeConfig: { overrides: { [props.tenant]: { ...MIMIR_SAMPLE_HANDLING, ...mimirTenantLimits(props.clusters) } } },
    },
  };
}

/** Loki's storage values (charts/loki/values.yaml `loki.storage`): one bucket for the chunks and the ruler. */
function lokiStorage(props: CentralStoreProps): Record<string, unknown> {
  const bucket = props.storage.logsBucket;
  // The bucket names the chart reads: `chunks` (loki.commonStorageConfig) and `ruler` (loki.rulerStorageConfig),
  // grafana-community/helm-charts charts/loki/templates/_helpers.tpl, tag loki-18.11.0. No `admin`: that was the
  // Enterprise Logs admin API's bucket, dropped with GEL support (commit 2116fa72, "[loki] Remove GEL/Loki
  // Enterprise support (#184)"); nothing reads it.
  const bucketNames = { chunks: bucket, ruler: bucket };
  switch (props.cloud) {
    case 'aws':
      return { type: 's3', bucketNames, s3: { region: props.region } };
    case 'gcp':
      return { type: 'gcs', bucketNames };
    case 'azure':
      return { type: 'azure', bucketNames, azure: { accountName: props.storage.azureStorageAccount, useFederatedToken: true } };
  }
}

const OBJECT_STORE: Record<Cloud, string> = { aws: 's3', gcp: 'gcs', azure: 'azure' };

/** The Loki gateway's metrics exporter port, fixed (grafana-community/helm-charts charts/loki/templates/gateway/deployment.yaml, loki-18.11.0). */
export const LOKI_GATEWAY_EXPORTER_PORT = 4040;

/**
 * The memcached caches the Loki chart runs by default (chunksCache and resultsCache on, chunksCache.l2
 * off), sized to fit a management node. Each pod requests round(allocatedMemory * 1.2) Mi
 * (charts/loki/templates/memcached/_memcached-statefulset.tpl, loki-18.11.0): the chart's 8192 MB chunk
 * cache asks 9830Mi, more than a whole 8 GiB node, and stays Pending. 1024 MB of chunks (1229Mi) and
 * 512 MB of query results (614Mi, Mimir's chart default for the same cache) leave room for Mimir,
 * Grafana and Argo CD on the same pool; a management pool of larger machines can afford more.
 */
const LOKI_CACHES = {
  chunksCache: { allocatedMemory: 1024 },
  resultsCache: { allocatedMemory: 512 },
};

/**
 * What each Loki pod asks for. The chart sets none (values.yaml `singleBinary.resources: {}`), so Loki was
 * BestEffort. Memory: the chart's own monolithic example (charts/loki/monolithic-values.yaml, loki-18.11.0:
 * `requests.memory: 2Gi`). Its CPU request (2) never fits a 2-vCPU node, whose allocatable CPU is less once the
 * kubelet's reservation is taken, and Loki needs three nodes of its own (validate-loki-nodes.ts): on a pool of such
 * nodes every replica would stay Pending, so CPU is left unrequested. No limit: the example's 4Gi would also set
 * GOMEMLIMIT (templates/_helpers.tpl loki.componentEnv) and OOM-kill a replica with its unflushed logs.
 */
export const LOKI_RESOURCES = { requests: { memory: '2Gi' } } as const;

/**
 * Loki's PodDisruptionBudget. The chart has one on by default (`singleBinary.podDisruptionBudget.enabled`) but
 * renders it only with `maxUnavailable` or `minAvailable` set, and sets neither (templates/monolithic/pdb.yaml,
 * _pdb.tpl loki.pdb, loki-18.11.0): Loki had none, so a drain of a pool's nodes (an EKS or AKS node upgrade, a
 * scale-down) could evict two of its three replicas at once. Every stream is written to all three
 * (`replication_factor: 3`) and a push needs two of them (grafana/loki v3.7.6 pkg/distributor/distributor.go:
 * `minSuccess` is the replicas less the ring's `MaxErrors`, a quorum of floor(3/2)+1; no zone-aware replication here): one at a time keeps pushes and queries going. An unready replica (Loki waiting on its bucket or its WAL
 * replay) never holds a drain up, while a healthy one is not evicted while another is unready.
 */
export const LOKI_DISRUPTION_BUDGET = { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' } as const;

/** Loki, Monolithic with three replicas on object storage, multitenant (`auth_enabled`), TSDB schema v13; last in its root, as Mimir. */
export function lokiChart(props: CentralStoreProps): PlatformChart {
  const id = identity(props.cloud, props.storage.identity);
  return {
    name: 'loki',
    namespace: LOKI.namespace,
    repoURL: LOKI_CHART.repoURL,
    chart: LOKI_CHART.chart,
    version: LOKI_CHART.version,
    releaseName: LOKI.release,
    wave: SYNC_WAVE.handMadeState,
    contents: LOKI_CHART.contents,
    values: {
      fullnameOverride: LOKI.release,
      deploymentMode: 'Monolithic',
      loki: {
        auth_enabled: true,
        commonConfig: { replication_factor: 3 },
        storage: lokiStorage(props),
        // A real install needs a schema (values.yaml: "a real Loki install requires a proper schemaConfig").
        schemaConfig: { configs: [{ from: '2026-01-01', store: 'tsdb', object_store: OBJECT_STORE[props.cloud], schema: 'v13', index: { prefix: 'index_', period: '24h' } }] },
        // The tenant's limits, reloaded without a restart (above); the chart's limits_config stays as it is.
        runtimeConfig: { overrides: { [props.tenant]: lokiTenantLimits(props.clusters) } },
        ...(Object.keys(id.podLabels).length > 0 ? { podLabels: id.podLabels } : {}),
        // Every Loki pod's (charts/loki 18.11.0 templates/_pod.tpl loki.podTemplate: loki.podAnnotations).
        podAnnotations: id.podAnnotations,
      },
      singleBinary: { replicas: LOKI_REPLICAS, resources: LOKI_RESOURCES, podDisruptionBudget: LOKI_DISRUPTION_BUDGET },
      // The simple scalable targets default to 3 replicas each whatever deploymentMode says, and
      // templates/validate.yaml fails on replicas for both the monolithic and the simple scalable targets
      // (grafana-community/helm-charts charts/loki, tag loki-18.11.0; the distributed ones default to 0).
      backend: { replicas: 0 },
      read: { replicas: 0 },
      write: { replicas: 0 },
      serviceAccount: { create: true, annotations: id.serviceAccountAnnotations },
      // The rules sidecar (sidecar.rules, on by default) watches Loki's own namespace (no searchNamespace); with
      // `rbac.namespaced: false` (the chart's default) its ConfigMap and Secret reads come from a ClusterRole bound
      // to the service account every Loki pod runs as: get, list and watch of every Secret of the management
      // cluster. Namespaced, they are a Role in Loki's namespace (charts/loki, tag loki-18.11.0:
      // templates/backend/clusterrole.yaml, clusterrolebinding.yaml, role.yaml).
      rbac: { namespaced: true },
      gateway: {
        enabled: true,
        podLabels: { ...MESH_SERVER_POD_LABELS },
        // The gateway's metrics come from its exporter container on port 4040 (`http-metrics`, Service
        // `loki-gateway-exporter`; gateway.metrics.enabled by default), not from nginx's port 8080 the
        // mesh reaches it on. Scrapes are plaintext from pod IPs, which mesh-wide STRICT mTLS would refuse
        // at the sidecar: that one port skips it, the mesh's port does not. Nothing scrapes it yet
        // (monitoring.serviceMonitor.enabled is false by default).
        podAnnotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': String(LOKI_GATEWAY_EXPORTER_PORT) },
        service: { port: LOKI.gateway.port },
      },
      ...LOKI_CACHES,
      // The canary and the Helm test need a Prometheus of their own (values.yaml lokiCanary, test).
      lokiCanary: { enabled: false },
      test: { enabled: false },
    },
  };
}
