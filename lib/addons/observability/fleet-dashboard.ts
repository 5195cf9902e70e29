import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedFleet } from '../../fleet';
import { syncWave, SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { DASHBOARD_LABEL, DATASOURCE_UID } from './grafana';

/*
 * The fleet dashboard, generated from the model (deterministic: no ids, versions or timestamps
 * beyond fixed ones) and provisioned from Git through the Grafana chart's dashboards sidecar.
 * Every query selects on the telemetry labels (`cluster`, `cloud`, `region`, `env`), so one
 * dashboard spans every cloud. Range selectors are literal (`[5m]`) and template variables appear
 * only inside label-value strings, so each query is plain PromQL that the offline parser checks (a
 * `$1` in label_replace is no variable: Grafana leaves a name it has no variable for as written,
 * grafana/grafana public/app/features/templating/template_srv.ts and grafana/scenes
 * sceneInterpolator.ts, `if (!variable) return match`).
 */

export interface DashboardPanel {
  readonly title: string;
  readonly type: 'stat' | 'timeseries' | 'table' | 'text';
  readonly queries: readonly string[];
  readonly description?: string;
  readonly content?: string;
}

const REQUESTS = 'istio_requests_total{reporter="source",cloud=~"$cloud"}';

/**
 * Envoy stats the dashboard reads that Istio's proxies drop by default (they keep only
 * `cluster_manager`, `listener_manager`, `server`, `cluster.xds-grpc`, `wasm`: istio/istio
 * pkg/bootstrap/config.go, 1.30.3), as `proxyStatsMatcher` regexps over the whole stat name
 * (`cluster.<upstream>.outlier_detection.ejections_enforced_total`). The add-on puts them in every
 * cluster's mesh config. Only the counter the failover panel reads, not `.*outlier_detection.*`: each
 * stat is a series per upstream cluster of every proxy, stored in Mimir.
 */
export const DASHBOARD_PROXY_STATS: readonly string[] = ['.*\\.outlier_detection\\.ejections_enforced_total'];

/**
 * Requests per second by source and destination cluster, without a cluster's calls to itself (Istio's
 * `source_cluster` and `destination_cluster` labels, the same value then), which outweigh the cross-network
 * pairs the panel is for. PromQL cannot compare two labels of a series, so the pairs to drop are made from
 * the destinations: each one's `destination_cluster` copied into `source_cluster` (summed by destination
 * first, so no two copies share a label set).
 */
function crossClusterRequests(): string {
  const byPair = `sum by (source_cluster, destination_cluster) (rate(${REQUESTS}[5m]))`;
  const toItself = `label_replace(sum by (destination_cluster) (rate(${REQUESTS}[5m])), "source_cluster", "$1", "destination_cluster", "(.*)")`;
  return `${byPair} unless on (source_cluster, destination_cluster) ${toItself}`;
}

/**
 * 5xx answers over all requests, per cloud. A cloud with no 5xx has no 5xx series at all (Istio's counters
 * exist per response code seen), so the quotient alone had no value there, the panel's "No data" for a healthy
 * cloud like for one sending nothing; `or 0 * all` gives those clouds a 0 to divide.
 */
function errorRatio(): string {
  const all = `sum by (cloud) (rate(${REQUESTS}[5m]))`;
  const errors = `sum by (cloud) (rate(istio_requests_total{reporter="source",cloud=~"$cloud",response_code=~"5.."}[5m]))`;
  return `(${errors} or 0 * ${all}) / ${all}`;
}

export function fleetDashboardPanels(fleet: ResolvedFleet): DashboardPanel[] {
  const failover = fleet.meshServices.map((s) => `| ${s.name} | ${s.host} | ${s.failoverOrder.join(' → ')} |`);
  return [
    {
      title: `Clusters reporting (of ${fleet.clusters.length})`,
      type: 'stat',
      queries: ['count(count by (cluster) (up{cloud=~"$cloud"}))'],
      description: 'Clusters with at least one sample in Mimir. Each one that stops after it has reported has its own FleetClusterStoppedReporting alert (critical); one that has not reported since its alerts were loaded, FleetClusterNeverReported (warning, after an hour).',
    },
    { title: 'Clusters up, per cloud', type: 'timeseries', queries: ['count by (cloud) (count by (cluster, cloud) (up{cloud=~"$cloud"}))'] },
    { title: 'Targets up per cluster', type: 'table', queries: ['sum by (cluster, cloud, region, env) (up{cloud=~"$cloud"})'] },
    { title: 'Mesh requests per second, per cloud', type: 'timeseries', queries: [`sum by (cloud) (rate(${REQUESTS}[5m]))`] },
    {
      title: 'Mesh 5xx ratio, per cloud',
      type: 'timeseries',
      queries: [errorRatio()],
      description: 'Share of the mesh\'s requests answered 5xx, by the client\'s cloud: 0 where every request succeeds; no data only where there are no requests.',
    },
    {
      title: 'Cross-network requests per second (source cluster → destination cluster)',
      type: 'timeseries',
      queries: [crossClusterRequests()],
      description: 'Requests a cluster\'s clients send to another cluster, by the pair: what failover moves between clouds. A cluster\'s calls to itself are left out.',
    },
    {
      title: 'Cross-cloud failover events (outlier ejections)',
      type: 'timeseries',
      queries: ['sum by (cluster, cloud) (increase(envoy_cluster_outlier_detection_ejections_enforced_total{cloud=~"$cloud"}[5m]))'],
      description: 'Endpoints ejected by outlier detection: what triggers locality failover to the next cloud. Istio\'s proxies export this stat because the observability add-on adds it to the mesh config (meshConfig.defaultConfig.proxyStatsMatcher); a proxy started before that exports it after a restart.',
    },
    { title: 'East-west gateways up', type: 'table', queries: ['max by (cluster, cloud, region) (up{job="istio-eastwestgateway",cloud=~"$cloud"})'] },
    {
      title: 'Remote write: samples failed and retried per second',
      type: 'timeseries',
      queries: [
        'sum by (cluster, cloud) (rate(prometheus_remote_storage_samples_failed_total{cloud=~"$cloud"}[5m]))',
        'sum by (cluster, cloud) (rate(prometheus_remote_storage_samples_retried_total{cloud=~"$cloud"}[5m]))',
      ],
      // A batch Mimir refuses for the tenant's rate (HTTP 429, retried: retryOnRateLimit) or a 5xx counts
      // as retried, not failed (prometheus v3.14.0 storage/remote/queue_manager.go recordRetry).
      description: 'Failed: samples dropped for good. Retried: batches sent again after a 5xx or after Mimir refused the tenant\'s ingestion rate (HTTP 429); while they are retried the cluster falls behind, and its own series wait in the same queue.',
    },
    {
      title: 'Failover order of the mesh services',
      type: 'text',
      queries: [],
      content: failover.length > 0 ? ['| service | host | failover order |', '|---|---|---|', ...failover].join('\n') : 'No mesh services in the fleet.',
    },
  ];
}

/** The dashboard JSON (Grafana dashboard schema, schemaVersion 39). */
export function fleetDashboardJson(fleet: ResolvedFleet): Record<string, unknown> {
  const panels = fleetDashboardPanels(fleet).map((p, i) => ({
    id: i + 1,
    title: p.title,
    type: p.type,
    gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
    ...(p.description ? { description: p.description } : {}),
    ...(p.type === 'text'
      ? { options: { mode: 'markdown', content: p.content } }
      : {
          datasource: { type: 'prometheus', uid: DATASOURCE_UID.metrics },
          targets: p.queries.map((expr, j) => ({ refId: String.fromCharCode(65 + j), expr, datasource: { type: 'prometheus', uid: DATASOURCE_UID.metrics } })),
        }),
  }));
  return {
    uid: `${fleet.name}-fleet`.slice(0, 40),
    title: `${fleet.name}: fleet`,
    tags: ['fleetsynth'],
    editable: false,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    templating: {
      list: [
        {
          name: 'cloud',
          label: 'cloud',
          type: 'query',
          datasource: { type: 'prometheus', uid: DATASOURCE_UID.metrics },
          query: { query: 'label_values(up, cloud)', refId: 'cloud' },
          includeAll: true,
          multi: true,
          allValue: '.+',
          current: { text: 'All', value: '$__all' },
        },
      ],
    },
    panels,
  };
}

/** Every PromQL query of the dashboard (for the offline check). */
export function dashboardQueries(fleet: ResolvedFleet): string[] {
  return fleetDashboardPanels(fleet).flatMap((p) => p.queries);
}

/** The dashboard as a ConfigMap the Grafana sidecar loads (in Grafana's namespace). */
export class FleetDashboard extends ApiObject {
  constructor(scope: Construct, id: string, props: { fleet: ResolvedFleet; namespace: string }) {
    super(scope, id, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fleet-dashboard', namespace: props.namespace, labels: { ...DASHBOARD_LABEL }, annotations: syncWave(SYNC_WAVE.clusterConfig) },
      data: { 'fleet.json': `${JSON.stringify(fleetDashboardJson(props.fleet), null, 2)}\n` },
    });
  }
}
