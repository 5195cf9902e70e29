import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedCluster } from '../../fleet';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../../k8s/argocd/sync-wave';
import { LOG_AGENT_JOB } from './log-agent-monitor';
import { FLEET_RULES_LABEL, RULES_SYNC_JOB } from './rules-sync';
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

/** One recording rule of a PrometheusRule: its result is written back as the series `record`. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  /** Set on every series it writes, over the expression's own. */
  readonly labels: Readonly<Record<string, string>>;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  /** Evaluated in this order, each at the same time, by one ruler (a group is never split across rulers). */
  readonly rules: readonly Rule[];
}

/** The rule's name as the ruler reports it: the alert, or the series a recording rule writes. */
export const ruleName = (rule: Rule): string => ('alert' in rule ? rule.alert : rule.record);

const EASTWEST_JOB = 'istio-eastwestgateway';
const BY_CLUSTER = 'cluster, cloud, region, env';

/**
 * How long without a single `up` sample before a cluster counts as silent: 5 minutes, 10 scrape intervals at the
 * agents' default 30 s (prometheus-operator v0.93.0 pkg/apis/monitoring/v1/prometheus_types.go scrapeInterval;
 * kube-prometheus-stack 88.5.3 leaves it ""), 20 of the mesh monitors' 15 s.
 */
const SILENT = '5m';

/**
 * The series that remembers that a cluster has reported: one per cluster, the cluster's telemetry labels,
 * value 1. Its rule takes the previous value forward (see clusterReportedRule), so once set it stays as
 * long as the cluster is in the fleet, whether the cluster still reports or not.
 */
export const CLUSTER_REPORTED_SERIES = 'fleet:cluster_has_reported';

/**
 * How far back the memory looks for its own last sample: the longest gap in the ruler's evaluations it
 * bridges (a restart or rollout of the ruler, an outage of Mimir). Reading one series, 6 hours are 360
 * samples at the ruler's 1-minute interval, all within the 12 hours Mimir's queriers read from the
 * ingesters alone (-querier.query-store-after, grafana/mimir pkg/querier/querier.go): no store-gateway.
 */
const REPORTED_MEMORY = '6h';

/**
 * How long a cluster whose alerts are loaded may go without its first sample before the warning: its
 * alerts arrive with the commit that registers it (a pending cluster's are held back), and Argo CD then
 * installs Istio, the east-west gateway and the agent in waves, which takes tens of minutes.
 */
const FIRST_REPORT_WITHIN = '1h';

/** The heartbeat alert of the fleet, firing while alerting works, and the label to route it to a dead man's switch outside the fleet. */
export const HEARTBEAT_ALERT = 'Watchdog';
export const HEARTBEAT_LABEL = { heartbeat: 'true' } as const;

/**
 * The heartbeat, after kube-prometheus' `Watchdog` (prometheus-community/helm-charts kube-prometheus-stack
 * 88.5.3 templates/prometheus/rules-1.14/general.rules.yaml: severity `none`), which the agents leave out
 * (`defaultRules.create: false`). It fires while the ruler can read the management cluster's own samples, so
 * it reaches a receiver only as long as that cluster's agent, Mimir's write and read paths, its ruler and
 * Alertmanager work: an external service that expects it pages when it stops, which no alert of the fleet can
 * do once the management cluster is gone. Not kube-prometheus' `vector(1)`, which reads no storage: a rule
 * whose query fails sends no alert (prometheus v3.14.0 rules/group.go Eval returns before sendAlerts) and
 * Alertmanager resolves what it last sent after 4 evaluation intervals (rules/alerting.go ValidUntil), so
 * with Mimir's ingesters or queriers down every fleet alert went quiet while `vector(1)` went on pinging.
 * `group` without `by` keeps no label: one alert, as before.
 */
function heartbeatRule(management: TelemetryLabels): AlertRule {
  return {
    alert: HEARTBEAT_ALERT,
    expr: `group(up${promqlSelector(management)})`,
    labels: { severity: 'none', ...HEARTBEAT_LABEL },
    annotations: {
      summary: 'the fleet\'s alerting pipeline works (firing while it does)',
      description: `This alert fires while Mimir's ruler reads the management cluster's (${management.cluster}) samples and it and Alertmanager send the fleet's alerts. Route heartbeat="true" to an external dead man's switch that pages when it stops arriving: the management cluster, its cloud or region, Mimir's write or read path, its agent, or the alerting pipeline is down, and no other alert of the fleet can fire.`,
    },
  };
}

/**
 * A cluster's memory of having reported (CLUSTER_REPORTED_SERIES): 1 while it reports now, else its own
 * last value within REPORTED_MEMORY. `or` keeps the left side and adds right-side series whose labels,
 * the metric name aside, match none on the left (prometheus/prometheus promql/engine.go VectorOr,
 * model/labels HashWithoutLabels); `group` gives 1 per label set, present_over_time 1 for any series
 * with a sample in the range (docs/querying/functions.md). The rule reading its own output is allowed:
 * a rule depends only on rules before it in its group (rules/group.go buildDependencyMap).
 */
function clusterReportedRule(labels: TelemetryLabels): RecordingRule {
  const selector = promqlSelector(labels);
  return {
    record: CLUSTER_REPORTED_SERIES,
    expr: `group by (${BY_CLUSTER}) (up${selector}) or present_over_time(${CLUSTER_REPORTED_SERIES}${selector}[${REPORTED_MEMORY}])`,
    // The values the expression gives anyway; they make each cluster's rule distinct, where promtool
    // check rules flags rules of one name and the same labels (cmd/promtool/main.go checkDuplicates).
    labels: { ...labels },
  };
}

/** The management cluster among those with alerts: always there, it runs the ruler (index.ts alertGroupsFor). */
function managementOf(clusters: readonly ResolvedCluster[]): ResolvedCluster {
  const management = clusters.find((c) => c.role === 'management');
  if (!management) throw new Error('fleet alerts need the management cluster among their clusters: its samples are the heartbeat\'s');
  return management;
}

/**
 * The fleet's alerts, generated from the model: the generator knows every cluster and its labels,
 * so "cluster stopped reporting" is one rule per cluster over exactly its labels (absent_over_time
 * copies the equality matchers onto the alert), never an absent() guessing label values.
 *
 * Silence pages only for a cluster that has reported: its rules come into Mimir's ruler with the commit
 * that registers the cluster, long before its agent sends a first sample. Each cluster has, in this
 * order in one group (rules in a group run in order at one evaluation time, each rule's results
 * written before the next runs: Prometheus docs/configuration/recording_rules.md, rules/group.go Eval;
 * Mimir's ruler shards by group, docs/sources/mimir/references/architecture/components/ruler, and runs
 * concurrently only rules no other rule depends on or that depend on none, off by default, grafana/mimir
 * CHANGELOG.md -ruler.max-independent-rule-evaluation-concurrency): its memory of having reported, FleetClusterStoppedReporting (critical: silent, and has reported) and
 * FleetClusterNeverReported (warning: silent, and never has, for FIRST_REPORT_WITHIN). For a silent
 * cluster exactly one of the two holds, with the same labels; the memory never lapses while the rule
 * runs, so a dead cluster pages until it reports again or leaves the fleet (its rules go with it).
 */
export function fleetAlertGroups(clusters: readonly ResolvedCluster[], options: { readonly logs?: boolean } = {}): RuleGroup[] {
  const perCluster = clusters.map((c) => ({ cluster: c, labels: telemetryLabels(c) }));
  const withLabels = (labels: TelemetryLabels, severity: string) => ({ ...labels, severity });
  return [
    {
      name: 'fleet-clusters',
      rules: perCluster.flatMap(({ cluster, labels }) => {
        const silent = `absent_over_time(up${promqlSelector(labels)}[${SILENT}])`;
        const reported = `${CLUSTER_REPORTED_SERIES}${promqlSelector(labels)}`;
        return [
          clusterReportedRule(labels),
          {
            alert: 'FleetClusterStoppedReporting',
            // `and on()`/`unless on()` match on no label: the silence, if the memory exists (or not).
            expr: `${silent} and on() ${reported}`,
            for: '5m',
            labels: withLabels(labels, 'critical'),
            annotations: {
              summary: `${cluster.name} (${cluster.cloud} ${cluster.region}) stopped reporting metrics`,
              description: `${cluster.name} has reported, and no sample has come from it for ${SILENT}: its Prometheus agent is down, cannot reach Mimir (mesh, east-west gateway, interconnect), or the cluster is gone. Start with its east-west gateway and the agent's remote-write errors. This fires until the cluster reports again or is removed from the fleet.`,
            },
          },
          {
            alert: 'FleetClusterNeverReported',
            expr: `${silent} unless on() ${reported}`,
            for: FIRST_REPORT_WITHIN,
            labels: withLabels(labels, 'warning'),
            annotations: {
              summary: `${cluster.name} (${cluster.cloud} ${cluster.region}) has not reported metrics since its alerts were loaded`,
              description: `No sample from ${cluster.name} for ${FIRST_REPORT_WITHIN} since its alerts were loaded: it has not finished bootstrapping (Argo CD on the management cluster: its Applications, Istio, the east-west gateway, the metrics agent), or its agent cannot reach Mimir. Also fires for a cluster that had reported when Mimir's ruler evaluated nothing for over ${REPORTED_MEMORY} (then the Watchdog heartbeat stopped too): the ruler no longer remembers it reported.`,
            },
          },
        ];
      }),
    },
    {
      name: 'fleet-mesh',
      rules: perCluster.map(({ cluster, labels }) => {
        const gateway = promqlSelector(labels).replace('{', `{job="${EASTWEST_JOB}",`);
        return {
          alert: 'FleetEastWestGatewayDown',
          // Down, or gone while the cluster itself still reports (a silent cluster is one of the alerts above).
          // Both branches by the cluster's labels only (absent() alone adds its equality matchers, `job` too:
          // docs/querying/functions.md): one alert (an alert is its label set, prometheus rules/alerting.go
          // `active`), so a gateway whose target goes from down to gone keeps firing, not resolved and pending 5m anew.
          // Gone is no page while a new cluster bootstraps: its agent's samples reach Mimir only through
          // the mesh, once its folder has applied the mimir-gateway stub (SYNC_WAVE.clusterConfig) and the
          // management cluster's remote secret (SYNC_WAVE.loadBalancers), and the gateway's ServiceMonitor
          // comes no later than the stub (observability.test.ts pins it); the agent scrapes it once its
          // config Secret reaches the pod, about a minute (kubelet sync period, kubernetes.io/docs/concepts/
          // configuration/secret). The management cluster's rules arrive with its ServiceMonitor, same wave.
          expr: `max by (${BY_CLUSTER}) (up${gateway}) == 0 or (max by (${BY_CLUSTER}) (absent(up${gateway})) and on() count(up${promqlSelector(labels)}) > 0)`,
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
                expr: risenOrCreated(`loki_write_dropped_entries_total{job="${LOG_AGENT_JOB}"}`),
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
          alert: 'FleetRulesSyncFailing',
          // Unhealthy from a load that failed for good until one succeeds; it syncs with the ruler every 5 minutes
          // (rules-sync.ts), so 15 minutes are three failed syncs in a row, not a ruler's restart.
          expr: `max by (${BY_CLUSTER}) (alloy_component_controller_running_components{job="${RULES_SYNC_JOB}",health_type="unhealthy"}) > 0`,
          for: '15m',
          labels: { severity: 'warning' },
          annotations: { summary: 'the fleet\'s rules no longer reach Mimir\'s ruler', description: 'Alloy\'s rules sync (monitoring/alloy-rules on the management cluster) fails to load the fleet\'s PrometheusRules into Mimir\'s ruler: it refuses them (a group over the tenant\'s limits, a rule it cannot parse) or does not answer. The ruler goes on with the rules it had: a cluster added since has no alerts. Its log says which group.' },
        },
        {
          alert: 'FleetSamplesDiscarded',
          expr: 'sum by (user, reason) (rate(cortex_discarded_samples_total[5m])) > 0',
          for: '15m',
          labels: { severity: 'warning' },
          annotations: { summary: 'Mimir discards samples of a tenant', description: 'Samples arrive but are refused (reason label): limits, labels, or HA deduplication misconfigured.' },
        },
      ],
    },
    { name: 'fleet-heartbeat', rules: [heartbeatRule(telemetryLabels(managementOf(clusters)))] },
  ];
}

/** How far back a counter's last value is looked for: a gap in a cluster's telemetry up to this long is bridged. */
const COUNTER_KNOWN_WITHIN = '1h';

/**
 * Per cluster, a counter that rose, or appeared, in the last 15 minutes. Alloy creates such a counter (log
 * entries dropped) with its first increment, already at its value (grafana/alloy v1.18.1
 * internal/component/common/loki/client/shards.go sendBatch, `droppedEntries.WithLabelValues(…).Add`), and
 * increase() counts only between two samples of a series
 * (prometheus v3.14.0 promql/functions.go extrapolatedRate; a start timestamp would give it a zero to count
 * from, but the agents run without created-timestamp-zero-ingestion: docs/feature_flags.md), so the first
 * failure since the agent started, often the only one, was no alert. So a counter also counts when it is there
 * now and was not 15 minutes ago (`offset`, 5 minutes' lookback): a new agent's, or one restarted in place (the
 * same labels; its old series went stale with the process); it fires for the 15 minutes an increase would.
 * Unless it holds the value it last had in the hour before: then it is back after a gap in the cluster's
 * telemetry (its agent's backlog lost), with failures that fired when they happened.
 */
function risenOrCreated(counter: string): string {
  const since = '15m';
  const increased = `sum by (${BY_CLUSTER}) (increase(${counter}[${since}])) > 0`;
  const unchangedSinceGap = `last_over_time(${counter}[${COUNTER_KNOWN_WITHIN}] offset ${since}) == ${counter}`;
  const created = `sum by (${BY_CLUSTER}) (${counter} unless ${counter} offset ${since} unless ${unchangedSinceGap}) > 0`;
  return `${increased} or ${created}`;
}

/** A rule as the PrometheusRule (monitoring.coreos.com/v1 Rule) and Mimir's ruler read it. */
function ruleSpec(r: Rule): Record<string, unknown> {
  if (!('alert' in r)) return { record: r.record, expr: r.expr, labels: { ...r.labels } };
  return { alert: r.alert, expr: r.expr, ...(r.for ? { for: r.for } : {}), labels: { ...r.labels }, annotations: { ...r.annotations } };
}

/** A PrometheusRule (monitoring.coreos.com/v1) marked as the fleet's, so the rules sync loads it into Mimir's ruler. */
export class FleetPrometheusRule extends ApiObject {
  constructor(scope: Construct, id: string, props: { name: string; namespace: string; groups: readonly RuleGroup[] }) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: props.name, namespace: props.namespace, labels: { ...FLEET_RULES_LABEL }, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: { groups: props.groups.map((g) => ({ name: g.name, rules: g.rules.map(ruleSpec) })) },
    });
  }
}
