import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { resolveFleet } from '../../fleet';
import { benchFleet } from '../../../bench/bench-fleet';
import { observedTestFleet } from '../../../test/fleets';
import { tempDir } from '../../../test/tree';
import { mimirTenantLimits } from './central-stores';
import { AlertRule, CLUSTER_REPORTED_SERIES, fleetAlertGroups, HEARTBEAT_ALERT, FleetPrometheusRule, RecordingRule, RuleGroup, ruleName } from './fleet-alerts';
import { promqlProblems } from './promql';
import { promqlSelector, TELEMETRY_LABEL_NAMES, telemetryLabels } from './telemetry-labels';

/*
 * A cluster's silence pages (critical) only once it has reported: its rules reach Mimir's ruler with
 * the commit that registers it, tens of minutes before its agent's first sample. Before, every cluster
 * added to the fleet paged FleetClusterStoppedReporting ten minutes after that commit.
 * FleetEastWestGatewayDown is one alert, by the cluster's labels, whether its gateway is down or gone:
 * before, absent() added `job`, so a down gateway that then lost its target resolved and paged anew.
 */

const clusters = resolveFleet(observedTestFleet()).clusters;
const groups = fleetAlertGroups(clusters, { logs: true });
const isAlert = (r: AlertRule | RecordingRule): r is AlertRule => 'alert' in r;

/** The rule groups as the PrometheusRule carries them: a Prometheus rule file's content. */
function ruleFile(): { groups: any[] } {
  const chart = new Chart(new App(), 'rules');
  new FleetPrometheusRule(chart, 'r', { name: 'fleet-alerts', namespace: 'monitoring', groups });
  return { groups: Testing.synth(chart)[0].spec.groups };
}

/** The group holding the cluster's rules that select exactly its labels, and those rules in order (the heartbeat's aside). */
function clusterRules(name: string): { group: RuleGroup; rules: (AlertRule | RecordingRule)[] } {
  const selector = promqlSelector(telemetryLabels(clusters.find((c) => c.name === name)!));
  const found = groups.filter((g) => g.name !== 'fleet-heartbeat' && g.rules.some((r) => r.expr.includes(selector)));
  expect(found.map((g) => g.name)).toEqual(['fleet-clusters', 'fleet-mesh']);
  return { group: found[0], rules: found[0].rules.filter((r) => r.expr.includes(selector)) };
}

describe('a cluster\'s silence: critical once it has reported, a warning while it never has', () => {
  test.each(clusters.map((c) => c.name))('%s: its memory of having reported, then the two silence alerts, in this order in one group, over exactly its labels', (name) => {
    const labels = telemetryLabels(clusters.find((c) => c.name === name)!);
    const s = promqlSelector(labels);
    const { group, rules } = clusterRules(name);
    expect(rules.map(ruleName)).toEqual([CLUSTER_REPORTED_SERIES, 'FleetClusterStoppedReporting', 'FleetClusterNeverReported']);
    // The memory comes first: a rule depends only on rules before it in its group.
    expect(group.rules.indexOf(rules[0])).toBeLessThan(group.rules.indexOf(rules[1]));
    const [memory, stopped, never] = rules as [RecordingRule, AlertRule, AlertRule];
    expect(memory).toEqual({ record: 'fleet:cluster_has_reported', expr: `group by (cluster, cloud, region, env) (up${s}) or present_over_time(fleet:cluster_has_reported${s}[6h])`, labels });
    expect(stopped.expr).toBe(`absent_over_time(up${s}[5m]) and on() fleet:cluster_has_reported${s}`);
    expect(never.expr).toBe(`absent_over_time(up${s}[5m]) unless on() fleet:cluster_has_reported${s}`);
    expect([stopped.for, never.for]).toEqual(['5m', '1h']);
    // The same labels (absent_over_time's, from the equality matchers, and the rule's), but severity: a hand-off, not two alerts.
    expect(stopped.labels).toEqual({ ...labels, severity: 'critical' });
    expect(never.labels).toEqual({ ...labels, severity: 'warning' });
  });

  test('the memory keeps exactly the telemetry labels, so its own last value matches it and the alerts find it', () => {
    const memory = clusterRules('t-gcp').rules[0];
    expect(memory.expr.startsWith(`group by (${TELEMETRY_LABEL_NAMES.join(', ')}) (`)).toBe(true);
    // Its name is not `up`: the dashboard's and the other alerts' `up{…}` never select it.
    for (const r of groups.flatMap((g) => g.rules)) if (!isAlert(r)) expect(r.record).not.toBe('up');
  });

  test('every cluster\'s rules parse and type-check', () => {
    for (const c of clusters) for (const r of clusterRules(c.name).rules) expect([ruleName(r), promqlProblems(r.expr)]).toEqual([ruleName(r), []]);
  });

  test.each(clusters.map((c) => c.name))('%s: FleetEastWestGatewayDown, critical, down or gone while the cluster reports, both by exactly its labels', (name) => {
    const labels = telemetryLabels(clusters.find((c) => c.name === name)!);
    const s = promqlSelector(labels);
    const gateway = s.replace('{', '{job="istio-eastwestgateway",');
    const mesh = groups.find((g) => g.name === 'fleet-mesh')!.rules.filter((r) => r.expr.includes(s)) as AlertRule[];
    expect(mesh.map(ruleName)).toEqual(['FleetEastWestGatewayDown']);
    expect(mesh[0].expr).toBe(`max by (cluster, cloud, region, env) (up${gateway}) == 0 or (max by (cluster, cloud, region, env) (absent(up${gateway})) and on() count(up${s}) > 0)`);
    expect([mesh[0].for, mesh[0].labels]).toEqual(['5m', { ...labels, severity: 'critical' }]);
  });

  test('the PrometheusRule writes a recording rule as `record`, `expr` and `labels` only', () => {
    expect(ruleFile().groups[0].rules[0]).toEqual({ record: 'fleet:cluster_has_reported', expr: expect.stringContaining('group by'), labels: telemetryLabels(clusters[0]) });
  });
});

describe('Mimir\'s ruler takes every group of the fleet\'s alerts', () => {
  test.each([
    ['the test fleet', observedTestFleet()],
    ['a 300-cluster fleet (the bench\'s)', benchFleet(300)],
  ])('%s: no group has more rules, and there are no more groups, than the tenant\'s ruler limits allow', (_, fleet) => {
    const all = resolveFleet(fleet).clusters;
    const limits = mimirTenantLimits(all.length);
    const fleetGroups = fleetAlertGroups(all, { logs: true });
    expect(Math.max(...fleetGroups.map((g) => g.rules.length))).toBeLessThanOrEqual(limits.ruler_max_rules_per_rule_group);
    expect(fleetGroups.length).toBeLessThanOrEqual(limits.ruler_max_rule_groups_per_tenant);
  });
});

/*
 * The rules as emitted, evaluated by Prometheus' own engine: `promtool test rules`
 * (prometheus/prometheus cmd/promtool/unittest.go; docs/configuration/unit_testing_rules.md), which
 * evaluates each group's rules in order at every evaluation interval, recording rules' results written
 * back as the ruler does. Debian's `prometheus` package has it; without it these are skipped.
 */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const noPromtool = promtool.status === 0 ? undefined : 'no promtool binary (Debian package prometheus)';

// The times checked keep a margin from each edge: Prometheus 3 selects a range without its start
// (left-open, docs/querying/basics.md), Debian's promtool 2.x with it.

/** Mimir's ruler evaluates every group each minute (-ruler.evaluation-interval 1m, grafana/mimir pkg/ruler/ruler.go). */
const EVALUATION_INTERVAL = '1m';

/** The groups whose alerts the scenarios check (the silent-cluster and east-west gateway alerts). */
const EVALUATED_GROUPS = ['fleet-clusters', 'fleet-mesh'];

/** At `eval_time`, the clusters for which `alertname` fires (promtool compares every alert of that name); FLEET_WIDE for an alert of no cluster. */
type AlertTest = { eval_time: string; alertname: string; firing: string[]; by?: Readonly<Record<string, string>> };

/** `promtool test rules` of the emitted rules (of the groups named) over the input series; its output when it fails. */
function promtoolTest(inputSeries: { series: string; values: string }[], checks: AlertTest[], evaluated: readonly string[] = EVALUATED_GROUPS): string {
  const dir = tempDir('fleetsynth-promtool-');
  // Only the groups these checks are about: promtool evaluates every rule at every step of the hours
  // the scenarios span, and the other groups' rules neither read nor write what these do.
  fs.writeFileSync(path.join(dir, 'rules.yaml'), stringify({ groups: ruleFile().groups.filter((g) => evaluated.includes(g.name)) }));
  const alerts = groups.flatMap((g) => g.rules).filter(isAlert);
  const alertTests = checks.map((t) => ({
    eval_time: t.eval_time,
    alertname: t.alertname,
    exp_alerts: t.firing.map((cluster) => {
      // A per-cluster rule carries the cluster's labels; a fleet-wide one gets them from its expression's `by`, or has none.
      const rule = alerts.find((r) => r.alert === t.alertname && (r.labels.cluster ?? cluster) === cluster)!;
      const of = clusters.find((c) => c.name === cluster);
      return { exp_labels: { ...(of ? telemetryLabels(of) : {}), ...t.by, ...rule.labels }, exp_annotations: rule.annotations };
    }),
  }));
  fs.writeFileSync(path.join(dir, 'test.yaml'), stringify({ rule_files: ['rules.yaml'], evaluation_interval: EVALUATION_INTERVAL, tests: [{ interval: '1m', input_series: inputSeries, alert_rule_test: alertTests }] }));
  const run = spawnSync('promtool', ['test', 'rules', 'test.yaml'], { cwd: dir, encoding: 'utf8' });
  return run.status === 0 ? 'SUCCESS' : `${run.stdout}${run.stderr}`;
}

/** Two targets of a cluster (its `up` series, as its agent's externalLabels write them). */
const upOf = (name: string, values: string) => {
  const labels = telemetryLabels(clusters.find((c) => c.name === name)!);
  return ['kubelet', 'istiod'].map((job) => ({ series: `up${promqlSelector(labels).replace('}', `,job="${job}",instance="${job}-0"}`)}`, values }));
};
/** A cluster's east-west gateway target, as its ServiceMonitor's job writes it. */
const gatewayUpOf = (name: string, values: string) => {
  const labels = telemetryLabels(clusters.find((c) => c.name === name)!);
  return { series: `up${promqlSelector(labels).replace('}', ',job="istio-eastwestgateway",instance="istio-eastwestgateway-0"}')}`, values };
};
// The management cluster reports throughout, its east-west gateway too: the fleet's telemetry works. The
// clusters a test gives no sample are new ones that never report: each has FleetClusterNeverReported after an hour.
const management = [...upOf('t-mgmt', '1x600'), gatewayUpOf('t-mgmt', '1x600')];
const STOPPED = 'FleetClusterStoppedReporting';
const FLEET_WIDE = '(no cluster label)';
const NEVER = 'FleetClusterNeverReported';
const GATEWAY = 'FleetEastWestGatewayDown';

(noPromtool ? describe.skip : describe)(`Prometheus' evaluator (promtool test rules)${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  test('the rule file loads, and lints clean: no two rules of one name with the same labels (promtool check rules --lint-fatal)', () => {
    const dir = tempDir('fleetsynth-promtool-');
    fs.writeFileSync(path.join(dir, 'rules.yaml'), stringify(ruleFile()));
    const run = spawnSync('promtool', ['check', 'rules', '--lint=all', '--lint-fatal', 'rules.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  test('a cluster with no sample at all never pages critical: FleetClusterNeverReported (warning) after an hour', () => {
    const silent = ['t-aws', 't-gcp', 't-azure'];
    const checks: AlertTest[] = [
      ...['10m', '30m', '59m', '70m', '8h'].map((t) => ({ eval_time: t, alertname: STOPPED, firing: [] })),
      { eval_time: '30m', alertname: NEVER, firing: [] },
      { eval_time: '59m', alertname: NEVER, firing: [] },
      // Not the management cluster, which reports: it has neither.
      { eval_time: '70m', alertname: NEVER, firing: silent },
      { eval_time: '8h', alertname: NEVER, firing: silent },
    ];
    expect(promtoolTest(management, checks)).toBe('SUCCESS');
  });

  test('a cluster whose samples stop pages critical 10 minutes later, and still does past every lookback (5 minutes, 6 hours)', () => {
    // t-aws: samples 0–30m, then the agent's staleness markers (remote write sends them), then nothing.
    const never = ['t-gcp', 't-azure'];
    const checks: AlertTest[] = [
      { eval_time: '30m', alertname: STOPPED, firing: [] },
      { eval_time: '38m', alertname: STOPPED, firing: [] },
      { eval_time: '42m', alertname: STOPPED, firing: ['t-aws'] },
      { eval_time: '7h', alertname: STOPPED, firing: ['t-aws'] },
      { eval_time: '8h', alertname: STOPPED, firing: ['t-aws'] },
      { eval_time: '42m', alertname: NEVER, firing: [] },
      { eval_time: '8h', alertname: NEVER, firing: never },
    ];
    expect(promtoolTest([...management, ...upOf('t-aws', '1x30 stale')], checks)).toBe('SUCCESS');
  });

  test('a cluster that comes up late: the warning while it has not reported, nothing once it does, critical once it stops', () => {
    // t-azure: no sample for 90 minutes (bootstrapping), then samples until 150m, then none.
    const checks: AlertTest[] = [
      { eval_time: '70m', alertname: NEVER, firing: ['t-aws', 't-gcp', 't-azure'] },
      { eval_time: '70m', alertname: STOPPED, firing: [] },
      { eval_time: '100m', alertname: NEVER, firing: ['t-aws', 't-gcp'] },
      { eval_time: '100m', alertname: STOPPED, firing: [] },
      { eval_time: '165m', alertname: STOPPED, firing: ['t-azure'] },
      { eval_time: '165m', alertname: NEVER, firing: ['t-aws', 't-gcp'] },
    ];
    expect(promtoolTest([...management, ...upOf('t-azure', '_x90 1x60')], checks)).toBe('SUCCESS');
  });

  test('a new cluster whose gateway is scraped minutes after its first sample is no page; one whose gateway is never scraped while it reports is', () => {
    // From 30m both report. t-aws's gateway target appears 3 minutes later (its ServiceMonitor's config
    // reaching the agent); t-gcp's never does (Service or pods gone, or the scrape broken).
    const checks: AlertTest[] = [
      ...['32m', '36m', '40m', '3h'].map((t) => ({ eval_time: t, alertname: GATEWAY, firing: t === '32m' ? [] : ['t-gcp'] })),
      { eval_time: '3h', alertname: STOPPED, firing: [] },
    ];
    const series = [...management, ...upOf('t-aws', '_x30 1x200'), gatewayUpOf('t-aws', '_x33 1x197'), ...upOf('t-gcp', '_x30 1x200')];
    expect(promtoolTest(series, checks)).toBe('SUCCESS');
  });

  test('a gateway that reported and is gone while its cluster reports pages critical, and still does hours later', () => {
    // t-aws reports throughout; its gateway's target until 60m, then its staleness marker, then nothing.
    const checks: AlertTest[] = [
      { eval_time: '58m', alertname: GATEWAY, firing: [] },
      { eval_time: '63m', alertname: GATEWAY, firing: [] },
      { eval_time: '70m', alertname: GATEWAY, firing: ['t-aws'] },
      { eval_time: '8h', alertname: GATEWAY, firing: ['t-aws'] },
      { eval_time: '8h', alertname: STOPPED, firing: [] },
    ];
    expect(promtoolTest([...management, ...upOf('t-aws', '1x600'), gatewayUpOf('t-aws', '1x60 stale')], checks)).toBe('SUCCESS');
  });

  test('a scraped gateway that is down (up == 0) pages critical, and goes on firing, not resolved, when its target then disappears', () => {
    // t-aws reports throughout; its gateway is up until 30m, down (up 0) 31m–61m, then its target is gone.
    const checks: AlertTest[] = [
      { eval_time: '33m', alertname: GATEWAY, firing: [] },
      { eval_time: '40m', alertname: GATEWAY, firing: ['t-aws'] },
      { eval_time: '58m', alertname: GATEWAY, firing: ['t-aws'] },
      // Within 5 minutes of the hand-off from `up == 0` to gone: the same alert, still firing.
      { eval_time: '64m', alertname: GATEWAY, firing: ['t-aws'] },
      { eval_time: '8h', alertname: GATEWAY, firing: ['t-aws'] },
    ];
    expect(promtoolTest([...management, ...upOf('t-aws', '1x600'), gatewayUpOf('t-aws', '1x30 0x30 stale')], checks)).toBe('SUCCESS');
  });

  test('a cluster that stops reporting altogether is FleetClusterStoppedReporting, not its gateway too', () => {
    const checks: AlertTest[] = [
      { eval_time: '45m', alertname: STOPPED, firing: ['t-aws'] },
      { eval_time: '45m', alertname: GATEWAY, firing: [] },
      { eval_time: '8h', alertname: GATEWAY, firing: [] },
    ];
    expect(promtoolTest([...management, ...upOf('t-aws', '1x30 stale'), gatewayUpOf('t-aws', '1x30 stale')], checks)).toBe('SUCCESS');
  });
});

/** One log agent pod's counter of a cluster, as its ServiceMonitor and Alloy's loki.write label it (reason: dropped entries only). */
const logAgentCounterOf = (name: string, metric: string, values: string, reason?: string) => {
  const labels = telemetryLabels(clusters.find((c) => c.name === name)!);
  const own = `job="alloy-logs",instance="10.0.0.7:12345",component_id="loki.write.central",host="loki-gateway.loki.svc.cluster.local",tenant="t"${reason ? `,reason="${reason}"` : ''}`;
  return { series: `${metric}${promqlSelector(labels).replace('}', `,${own}}`)}`, values };
};
const DROPPED = 'FleetLogShippingFailing';

(noPromtool ? describe.skip : describe)(`FleetLogShippingFailing in Prometheus' evaluator${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  // Alloy creates a log agent's dropped-entries counter with its first drop, already at the batch's entry
  // count (grafana/alloy v1.18.1 internal/component/common/loki/client/shards.go sendBatch:
  // droppedEntries.WithLabelValues(…, reason).Add(entriesCount)); increase() needs two samples of a series
  // and sees none before it, so a drop alone, the first since the agent started, was no alert.
  test('the first batch an agent drops fires, for the 15 minutes an increase would', () => {
    const checks: AlertTest[] = [
      { eval_time: '25m', alertname: DROPPED, firing: [] },
      { eval_time: '40m', alertname: DROPPED, firing: ['t-aws'] },
      { eval_time: '70m', alertname: DROPPED, firing: [] },
    ];
    expect(promtoolTest([logAgentCounterOf('t-aws', 'loki_write_dropped_entries_total', '_x30 120x90', 'generic')], checks, ['fleet-telemetry'])).toBe('SUCCESS');
  });

  test('an agent restarted in place (same pod, its counter gone with the process) fires for its next drop, however late', () => {
    // t-aws: 3 dropped, then the container restarts at 21m (the series goes stale: Alloy has it again only
    // with a drop), and drops a batch of 4 at 51m: the counter comes back at 4, under the same labels.
    const checks: AlertTest[] = [
      { eval_time: '45m', alertname: DROPPED, firing: [] },
      { eval_time: '60m', alertname: DROPPED, firing: ['t-aws'] },
      { eval_time: '80m', alertname: DROPPED, firing: [] },
    ];
    expect(promtoolTest([logAgentCounterOf('t-aws', 'loki_write_dropped_entries_total', '3x20 stale _x29 4x40', 'generic')], checks, ['fleet-telemetry'])).toBe('SUCCESS');
  });

  test('later drops fire through the increase; a counter standing still, or back after a gap in the cluster\'s telemetry, does not', () => {
    // t-gcp: 50 entries dropped before the scenario, then another batch at 40m. t-azure: 5 dropped long
    // ago, its samples missing 30m-50m (the cluster cut off, the agent's backlog lost with its pod), then back unchanged.
    const checks: AlertTest[] = [
      { eval_time: '30m', alertname: DROPPED, firing: [] },
      { eval_time: '50m', alertname: DROPPED, firing: ['t-gcp'] },
      { eval_time: '62m', alertname: DROPPED, firing: [] },
      { eval_time: '80m', alertname: DROPPED, firing: [] },
    ];
    const series = [
      logAgentCounterOf('t-gcp', 'loki_write_dropped_entries_total', '50x40 80x50', 'generic'),
      logAgentCounterOf('t-azure', 'loki_write_dropped_entries_total', '5x30 _x20 5x40', 'generic'),
    ];
    expect(promtoolTest(series, checks, ['fleet-telemetry'])).toBe('SUCCESS');
  });
});

(noPromtool ? describe.skip : describe)(`the heartbeat in Prometheus' evaluator${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  // A rule whose query fails sends no alert (prometheus v3.14.0 rules/group.go Eval: `return` after
  // rule.Eval's error, before sendAlerts), and Alertmanager resolves what it sent last after 4 evaluation
  // intervals (rules/alerting.go ValidUntil): with Mimir's ingesters or queriers down every fleet alert
  // goes quiet, and a vector(1) heartbeat, which reads no storage, went on pinging the dead man's switch.
  test('Watchdog fires while the management cluster\'s samples can be read, and stops when they cannot', () => {
    const checks: AlertTest[] = [
      { eval_time: '20m', alertname: HEARTBEAT_ALERT, firing: [FLEET_WIDE] },
      { eval_time: '45m', alertname: HEARTBEAT_ALERT, firing: [] },
    ];
    expect(promtoolTest([...upOf('t-mgmt', '1x30 stale'), ...upOf('t-aws', '1x60')], checks, ['fleet-heartbeat'])).toBe('SUCCESS');
  });
});

(noPromtool ? describe.skip : describe)(`FleetLogShippingStalled in Prometheus' evaluator${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  // Alloy counts a retry per failed attempt, backing off to one every 5 minutes (loki.write max_backoff_period),
  // and creates both counters with their first increment (client/shards.go sendBatch).
  test('an agent whose sending stops while it retries fires 25 minutes later; one whose retries succeed does not', () => {
    const STALLED = 'FleetLogShippingStalled';
    const by = { instance: '10.0.0.7:12345' };
    const checks: AlertTest[] = [
      { eval_time: '40m', alertname: STALLED, firing: [] },
      { eval_time: '50m', alertname: STALLED, firing: ['t-aws'], by },
    ];
    const series = [
      // t-aws: sends until 20m, then Loki is unreachable: a retry every 5 minutes (0.2 a minute), nothing sent.
      logAgentCounterOf('t-aws', 'loki_write_sent_entries_total', '100+50x20 1100x40'),
      logAgentCounterOf('t-aws', 'loki_write_batch_retries_total', '_x20 1+0.2x40'),
      // t-gcp: retries through a Loki rollout, its batches sent meanwhile.
      logAgentCounterOf('t-gcp', 'loki_write_batch_retries_total', '1+0.2x60'),
      logAgentCounterOf('t-gcp', 'loki_write_sent_entries_total', '100+50x60'),
    ];
    expect(promtoolTest(series, checks, ['fleet-telemetry'])).toBe('SUCCESS');
  });
});

(noPromtool ? describe.skip : describe)(`remote write alerts in Prometheus' evaluator${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  // The agent's own gauges as it exposes them (prometheus v3.14.0 storage/remote/write.go highest_timestamp_in_seconds,
  // no queue labels; queue_manager.go queue_highest_sent_timestamp_seconds with remote_name and url), scraped by the
  // chart's self-monitor.
  const agentGauge = (name: string, metric: string, values: string, queue: boolean) => {
    const labels = telemetryLabels(clusters.find((c) => c.name === name)!);
    const own = `job="kube-prometheus-stack-prometheus",instance="10.0.1.5:9090",pod="prom-agent-kube-prometheus-stack-prometheus-0"${queue ? ',remote_name="mimir",url="http://mimir-gateway.mimir.svc.cluster.local/api/v1/push"' : ''}`;
    return { series: `${metric}${promqlSelector(labels).replace('}', `,${own}}`)}`, values };
  };
  test('FleetRemoteWriteBehind: an agent whose sent timestamp lags its newest by over 2 minutes for 15 fires; one 30 s behind does not', () => {
    const BEHIND = 'FleetRemoteWriteBehind';
    const checks: AlertTest[] = [
      { eval_time: '10m', alertname: BEHIND, firing: [] },
      { eval_time: '30m', alertname: BEHIND, firing: ['t-aws'] },
    ];
    const series = [
      // Values in seconds since the epoch, one sample a minute: t-aws stops sending at 5m, t-gcp stays 30 s behind.
      agentGauge('t-aws', 'prometheus_remote_storage_highest_timestamp_in_seconds', '0+60x40', false),
      agentGauge('t-aws', 'prometheus_remote_storage_queue_highest_sent_timestamp_seconds', '0+60x5 300x35', true),
      agentGauge('t-gcp', 'prometheus_remote_storage_highest_timestamp_in_seconds', '30+60x40', false),
      agentGauge('t-gcp', 'prometheus_remote_storage_queue_highest_sent_timestamp_seconds', '0+60x40', true),
    ];
    expect(promtoolTest(series, checks, ['fleet-telemetry'])).toBe('SUCCESS');
  });
});

(noPromtool ? describe.skip : describe)(`FleetRulesSyncFailing in Prometheus' evaluator${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  // Alloy's controller counts its components by health, a series per health type it has (grafana/alloy v1.18.1
  // internal/runtime/internal/controller/metrics.go); mimir.rules.kubernetes is unhealthy from a failed load to the
  // next good one (events.go run), the next sync at most 5 minutes later.
  test('a sync that keeps failing fires after 15 minutes; one failure that the next sync repairs does not', () => {
    const labels = telemetryLabels(clusters.find((c) => c.name === 't-mgmt')!);
    const unhealthy = (values: string) => ({ series: `alloy_component_controller_running_components${promqlSelector(labels).replace('}', ',job="alloy-rules",instance="10.0.2.9:12345",controller_id="",controller_path="/",health_type="unhealthy"}')}`, values });
    const checks = (firingAt50: string[]): AlertTest[] => [
      { eval_time: '25m', alertname: 'FleetRulesSyncFailing', firing: [] },
      { eval_time: '50m', alertname: 'FleetRulesSyncFailing', firing: firingAt50 },
    ];
    // Unhealthy 20m-25m (a ruler restart during a sync), then healthy: the series gone.
    expect(promtoolTest([unhealthy('_x20 1x5 stale')], checks([]), ['fleet-telemetry'])).toBe('SUCCESS');
    // Unhealthy from 20m on (every sync refused).
    expect(promtoolTest([unhealthy('_x20 1x60')], checks(['t-mgmt']), ['fleet-telemetry'])).toBe('SUCCESS');
  });
});
