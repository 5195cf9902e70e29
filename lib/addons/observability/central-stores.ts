import { Cloud } from '../../fleet';
import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { LOKI_CHART, MIMIR_CHART } from './chart-versions';
import { LOKI, MESH_SERVER_POD_LABELS, MIMIR } from './central-endpoints';
import { ObservabilityStorage } from './settings';
import { TelemetryLabels } from './telemetry-labels';

export interface CentralStoreProps {
  /** The management cluster's cloud and region: where the buckets are. */
  readonly cloud: Cloud;
  readonly region: string;
  readonly storage: ObservabilityStorage;
  /** The management cluster's telemetry labels: the `cluster` label of Mimir's own metrics. */
  readonly labels: TelemetryLabels;
}

/** How a pod acts as the storage identity, per cloud: IRSA, GKE workload identity, AKS workload identity. */
function identity(cloud: Cloud, id: string): { serviceAccountAnnotations: Record<string, string>; podLabels: Record<string, string> } {
  switch (cloud) {
    case 'aws':
      return { serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': id }, podLabels: {} };
    case 'gcp':
      return { serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': id }, podLabels: {} };
    case 'azure':
      // azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
      return { serviceAccountAnnotations: { 'azure.workload.identity/client-id': id }, podLabels: { 'azure.workload.identity/use': 'true' } };
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
 * mimir-distributed: multitenant (every write and read names its tenant), HA deduplication on
 * `cluster` + `__replica__` with the HA tracker on memberlist (the default since Mimir 3.0), data in
 * the management cloud's object storage. Its gateway pods run an Istio sidecar: the mesh's way in.
 */
export function mimirChart(props: CentralStoreProps): PlatformChart {
  const id = identity(props.cloud, props.storage.identity);
  return {
    name: 'mimir',
    namespace: MIMIR.namespace,
    repoURL: MIMIR_CHART.repoURL,
    chart: MIMIR_CHART.chart,
    version: MIMIR_CHART.version,
    releaseName: MIMIR.release,
    wave: SYNC_WAVE.platformCharts,
    contents: MIMIR_CHART.contents,
    values: {
      fullnameOverride: MIMIR.release,
      minio: { enabled: false },
      // Zone-aware replication needs the rollout-operator (and its CRDs); one zone per management cluster here.
      rollout_operator: { enabled: false },
      ingester: { zoneAwareReplication: { enabled: false } },
      store_gateway: { zoneAwareReplication: { enabled: false } },
      serviceAccount: { create: true, annotations: id.serviceAccountAnnotations },
      ...(Object.keys(id.podLabels).length > 0 ? { global: { podLabels: id.podLabels } } : {}),
      gateway: {
        enabledNonEnterprise: true,
        podLabels: { ...MESH_SERVER_POD_LABELS },
        service: { port: MIMIR.gateway.port },
      },
      nginx: { enabled: false },
      // Mimir's own ServiceMonitors, labelled like every other metric of the management cluster.
      metaMonitoring: { serviceMonitor: { enabled: true, clusterLabel: props.labels.cluster } },
      mimir: {
        structuredConfig: {
          multitenancy_enabled: true,
          common: { storage: mimirBucket(props) },
          blocks_storage: { storage_prefix: 'blocks' },
          ruler_storage: { storage_prefix: 'ruler' },
          alertmanager_storage: { storage_prefix: 'alertmanager' },
          distributor: { ha_tracker: { enable_ha_tracker: true } },
          limits: { accept_ha_samples: true },
        },
      },
    },
  };
}

/** Loki's storage values (charts/loki/values.yaml `loki.storage`): one bucket for chunks, ruler and admin. */
function lokiStorage(props: CentralStoreProps): Record<string, unknown> {
  const bucket = props.storage.logsBucket;
  const bucketNames = { chunks: bucket, ruler: bucket, admin: bucket };
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

/** Loki, Monolithic with three replicas on object storage, multitenant (`auth_enabled`), TSDB schema v13. */
export function lokiChart(props: CentralStoreProps): PlatformChart {
  const id = identity(props.cloud, props.storage.identity);
  return {
    name: 'loki',
    namespace: LOKI.namespace,
    repoURL: LOKI_CHART.repoURL,
    chart: LOKI_CHART.chart,
    version: LOKI_CHART.version,
    releaseName: LOKI.release,
    wave: SYNC_WAVE.platformCharts,
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
        ...(Object.keys(id.podLabels).length > 0 ? { podLabels: id.podLabels } : {}),
      },
      singleBinary: { replicas: 3 },
      // The simple scalable targets default to 3 replicas each whatever deploymentMode says, and
      // templates/validate.yaml fails on replicas for both the monolithic and the simple scalable targets
      // (grafana-community/helm-charts charts/loki, tag loki-18.11.0; the distributed ones default to 0).
      backend: { replicas: 0 },
      read: { replicas: 0 },
      write: { replicas: 0 },
      serviceAccount: { create: true, annotations: id.serviceAccountAnnotations },
      gateway: { enabled: true, podLabels: { ...MESH_SERVER_POD_LABELS }, service: { port: LOKI.gateway.port } },
      // The canary and the Helm test need a Prometheus of their own; the fleet's alerts watch Loki instead.
      lokiCanary: { enabled: false },
      test: { enabled: false },
    },
  };
}
