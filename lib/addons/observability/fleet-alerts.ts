import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedCluster } from '../../fleet';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../../k8s/argocd/sync-wave';
import { LOG_AGENT_JOB } from './log-agent-monitor';
import { FLEET_RULES_LABEL } from './rules-sync';
import { promqlSelector, TelemetryLabels, telemetryLabels } from './telemetry-labels';

/** One alerting rule of a PrometheusRule (monitoring.coreos.com/v1 Rule). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** Prometheus duration. @default none: the alert fires on the first evaluation that returns it */
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

const EASTWEST_JOB = 'istio-eastwestgateway';
const BY_CLUSTER = 'cluster, cloud, region, env';

/** How long without a single `up` sample before a cluster counts as silent: 5 minutes, 20 scrape intervals of 15 s. */
const SILENT = '5m';

/** The always-firing alert of the fleet, and the label to route it to a dead man's switch outside the fleet. */
export const HEARTBEAT_ALERT = 'Watchdog';
export const HEARTBEAT_LABEL = { heartbeat: 'true' } as const;

/**
 * The heartbeat: kube-prometheus' `Watchdog` (prometheus-community/helm-charts kube-prometheus-stack
 * 88.5.3 templates/prometheus/rules-1.14/general.rules.yaml: `vector(1)`, severity `none`), which the
 * agents leave out (`defaultRules.create: false`). It always fires, so it reaches a receiver only as
 * long as Mimir's ruler and Alertmanager, on the management cluster, work: an external service that
 * expects it pages when it stops, which no alert of the fleet can do once the management cluster is gone.
 */
const HEARTBEAT: AlertRule = {
  alert: HEARTBEAT_ALERT,
  expr: 'vector(1)',
  labels: { severity: 'none', ...HEARTBEAT_LABEL },
  annotations: {
    summary: 'the fleet\'s alerting pipeline works (always firing)',
    description: 'This alert always fires while Mimir\'s ruler and Alertmanager on the management cluster evaluate and send the fleet\'s alerts. Route heartbeat="true" to an external dead man\'s switch that pages when it stops arriving: the management cluster, its cloud or region, or the alerting pipeline is down, and no other alert of the fleet can fire.',
  },
};

/**
 * The fleet's alerts, generated from the model: the generator knows every cluster and its labels,
 * so "cluster stopped reporting" is one rule per cluster over exactly its labels (absent_over_time
 * copies the equality matchers onto the alert), never an absent() guessing label values.
 */
export function fleetAlertGroups(clusters: readonly ResolvedCluster[], options: { readonly logs?: boolean } = {}): RuleGroup[] {
  const perCluster = clusters.map((c) => ({ cluster: c, labels: telemetryLabels(c) }));
  const withLabels = (labels: TelemetryLabels, severity: string) => ({ ...labels, severity });
  return [
    {
      name: 'fleet-clusters',
      rules: perCluster.map(({ cluster, labels }) => ({
        alert: 'FleetClusterStoppedReporting',
        expr: `absent_over_time(up${promqlSelector(labels)}[${SILENT}])`,
        for: '5m',
        labels: withLabels(labels, 'critical'),
        annotations: {
          summary: `${cluster.name} (${cluster.cloud} ${cluster.region}) stopped reporting metrics`,
          description: `No sample from ${cluster.name} for ${SILENT}: its Prometheus agent is down, cannot reach Mimir (mesh, east-west gateway, interconnect), or the cluster is gone. Start with its east-west gateway and the agent's remote-write errors.`,
        },
      })),
    },
    {
      name: 'fleet-mesh',
      rules: perCluster.map(({ cluster, labels }) => {
        const gateway = promqlSelector(labels).replace('{', `{job="${EASTWEST_JOB}",`);
        return {
          alert: 'FleetEastWestGatewayDown',
          // Down, or gone while the cluster itself still reports (a silent cluster is the alert above).
          expr: `max by (${BY_CLUSTER}) (up${gateway}) == 0 or (absent(up${gateway}) and on() count(up${promqlSelector(labels)}) > 0)`,
          for: '5m',
          labels: withLabels(labels, 'critical'),
          annotations: {
            summary: `the east-west gateway of ${cluster.name} is down`,
            description: `Cross-network mesh traffic to and from ${cluster.name} (${cluster.cloud}) cannot pass: failover into this cloud, and its telemetry, stop.`,
          },
        };
      }),
    },
    {
      name: 'fleet-telemetry',
      rules: [
        {
          alert: 'FleetRemoteWriteFailing',
          expr: `sum by (${BY_CLUSTER}) (rate(prometheus_remote_storage_samples_failed_total[5m])) > 0`,
          for: '15m',
          labels: { severity: 'warning' },
          annotations: { summary: 'a Prometheus agent fails to remote-write samples', description: 'Mimir rejects samples of this cluster (limits, out-of-order, tenant): they are dropped.' },
        },
        {
          alert: 'FleetRemoteWriteBehind',
          expr: `max by (${BY_CLUSTER}) (prometheus_remote_storage_highest_timestamp_in_seconds - ignoring(remote_name, url) group_right prometheus_remote_storage_queue_highest_sent_timestamp_seconds) > 120`,
          for: '15m',
          labels: { severity: 'warning' },
          annotations: { summary: 'a Prometheus agent is more than 2 minutes behind in remote write', description: 'The path to Mimir is slow or failing: the agent buffers, and drops what its WAL cannot keep.' },
        },
        // With logs on: Alloy counts what Loki refused for good and its retries of what it did not
        // take yet (grafana/alloy internal/component/common/loki/client metrics.go, shards.go), scraped by
        // LogAgentServiceMonitor. It retries without end (log-agent.ts), so an agent that only retries,
        // sending nothing, is stalled: its node's logs wait in their files.
        ...(options.logs
          ? [
              {
                alert: 'FleetLogShippingFailing',
                expr: `sum by (${BY_CLUSTER}) (increase(loki_write_dropped_entries_total{job="${LOG_AGENT_JOB}"}[15m])) > 0`,
                for: '5m',
                labels: { severity: 'warning' },
                annotations: { summary: 'a cluster\'s log agent drops log entries bound for Loki', description: 'Loki refuses them for good (a 4xx other than 429: labels, line size, too old, tenant): those lines are lost.' },
              },
              {
                alert: 'FleetLogShippingStalled',
                expr: `(sum by (${BY_CLUSTER}, instance) (rate(loki_write_batch_retries_total{job="${LOG_AGENT_JOB}"}[10m])) > 0) unless (sum by (${BY_CLUSTER}, instance) (rate(loki_write_sent_entries_total{job="${LOG_AGENT_JOB}"}[10m])) > 0)`,
                for: '15m',
                labels: { severity: 'warning' },
                annotations: { summary: 'a log agent retries and sends nothing to Loki', description: 'Loki answers 5xx or 429 (rate limits), or the path to it (mesh, east-west gateway) fails: the node\'s logs wait in their files and are lost once the kubelet rotates them away or their pod is deleted.' },
              },
            ]
          : []),
        {
          alert: 'FleetSamplesDiscarded',
          expr: 'sum by (user, reason) (rate(cortex_discarded_samples_total[5m])) > 0',
          for: '15m',
          labels: { severity: 'warning' },
          annotations: { summary: 'Mimir discards samples of a tenant', description: 'Samples arrive but are refused (reason label): limits, labels, or HA deduplication misconfigured.' },
        },
      ],
    },
    { name: 'fleet-heartbeat', rules: [HEARTBEAT] },
  ];
}

/** A PrometheusRule (monitoring.coreos.com/v1) marked as the fleet's, so the rules sync loads it into Mimir's ruler. */
export class FleetPrometheusRule extends ApiObject {
  constructor(scope: Construct, id: string, props: { name: string; namespace: string; groups: readonly RuleGroup[] }) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: props.name, namespace: props.namespace, labels: { ...FLEET_RULES_LABEL }, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: { groups: props.groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ alert: r.alert, expr: r.expr, ...(r.for ? { for: r.for } : {}), labels: { ...r.labels }, annotations: { ...r.annotations } })) })) },
    });
  }
}
