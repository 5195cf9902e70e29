import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { resolveFleet } from '../../fleet';
import { observedTestFleet } from '../../../test/fleets';
import { tempDir } from '../../../test/tree';
import { fleetDashboardPanels } from './fleet-dashboard';

/*
 * The dashboard's queries, evaluated by Prometheus' own engine over series as the agents send them:
 * `promtool test rules` with `promql_expr_test` (prometheus/prometheus docs/configuration/unit_testing_rules.md).
 * `$cloud` is the variable's "All" value (`.+`). Debian's `prometheus` package has promtool; without it these are skipped.
 */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const noPromtool = promtool.status === 0 ? undefined : 'no promtool binary (Debian package prometheus)';

const panels = fleetDashboardPanels(resolveFleet(observedTestFleet()));
const queryOf = (title: string) => panels.find((p) => p.title.startsWith(title))!.queries[0].replace(/\$cloud/g, '.+');

/** `promtool test rules` of one query at one time; its output when it fails. */
function evaluate(inputSeries: { series: string; values: string }[], expr: string, evalTime: string, expSamples: { labels: string; value: number }[]): string {
  const dir = tempDir('fleetsynth-promtool-');
  fs.writeFileSync(path.join(dir, 'test.yaml'), stringify({ rule_files: [], tests: [{ interval: '1m', input_series: inputSeries, promql_expr_test: [{ expr, eval_time: evalTime, exp_samples: expSamples }] }] }));
  const run = spawnSync('promtool', ['test', 'rules', 'test.yaml'], { cwd: dir, encoding: 'utf8' });
  return run.status === 0 ? 'SUCCESS' : `${run.stdout}${run.stderr}`;
}

/** A client sidecar's istio_requests_total toward a destination cluster, 60 requests a minute (by default answered 200). */
const requests = (source: string, destination: string, pod: string, { cloud = 'aws', code = '200', perMinute = 60 } = {}) => ({
  series: `istio_requests_total{reporter="source",cluster="${source}",cloud="${cloud}",source_cluster="${source}",destination_cluster="${destination}",response_code="${code}",pod_name="${pod}"}`,
  values: `0+${perMinute}x30`,
});

(noPromtool ? describe.skip : describe)(`the fleet dashboard's queries in Prometheus' evaluator${noPromtool ? ` (skipped: ${noPromtool})` : ''}`, () => {
  test('cross-network requests: only pairs of two clusters, not a cluster\'s calls to itself', () => {
    // t-aws calls itself from two pods and t-gcp from one; t-gcp calls itself.
    const series = [requests('t-aws', 't-aws', 'a'), requests('t-aws', 't-aws', 'b'), requests('t-aws', 't-gcp', 'a'), requests('t-gcp', 't-gcp', 'c')];
    const expr = queryOf('Cross-network requests per second');
    expect(evaluate(series, expr, '20m', [{ labels: '{source_cluster="t-aws",destination_cluster="t-gcp"}', value: 1 }])).toBe('SUCCESS');
  });

  test('5xx ratio: 0 for a cloud whose requests all succeed, not "no data" as for a cloud without requests', () => {
    // AWS answers a quarter of its requests 503; GCP answers all 200 (no 5xx series exists there at all).
    const series = [requests('t-aws', 't-aws', 'a', { perMinute: 45 }), requests('t-aws', 't-aws', 'a', { code: '503', perMinute: 15 }), requests('t-gcp', 't-gcp', 'c', { cloud: 'gcp' })];
    const expr = queryOf('Mesh 5xx ratio, per cloud');
    expect(evaluate(series, expr, '20m', [{ labels: '{cloud="aws"}', value: 0.25 }, { labels: '{cloud="gcp"}', value: 0 }])).toBe('SUCCESS');
  });
});
