import { observedTestFleet } from '../../../test/fleets';
import { Cloud, CLOUD_CATALOG } from '../../fleet';
import { ALLOY, GRAFANA_CHART, KUBE_PROMETHEUS_STACK, LOKI_CHART, MIMIR_CHART } from './chart-versions';
import { kubeVersionAdmits, kubeVersionProblems } from './validate-kube-versions';

/*
 * Each cluster's Kubernetes version against the kubeVersion of the charts the add-on installs on
 * it (the ranges as the charts declare them, see chart-versions.ts).
 */

describe('kubeVersionAdmits', () => {
  test.each([
    ['^1.32.0-0', '1.31', false],
    ['^1.32.0-0', '1.32', true],
    ['^1.32.0-0', '1.36', true],
    ['^1.32.0-0', '2.0', false],
    ['>=1.25.0-0', '1.24', false],
    ['>=1.25.0-0', '1.36', true],
    ['>=1.25.0', '2.1', true],
    // A bound inside a minor leaves the minor's first patches out: not every 1.32 is admitted.
    ['>=1.32.3-0', '1.32', false],
    ['>=1.32.3-0', '1.33', true],
  ])('%s admits %s: %s', (range, minor, admitted) => {
    expect(kubeVersionAdmits(range, minor)).toBe(admitted);
  });

  test.each(['~1.32.0', '1.32.x', '>=1.25.0-0 <1.34.0-0', '^0.9.0', ''])('fails when a range is of a form it does not read (%s), rather than guess', (range) => {
    expect(() => kubeVersionAdmits(range, '1.32')).toThrow(/unsupported kubeVersion range/);
  });
});

describe('the pinned charts against the catalog', () => {
  const charts = [KUBE_PROMETHEUS_STACK, ALLOY, MIMIR_CHART, LOKI_CHART, GRAFANA_CHART];

  test('the kubeVersion each chart declares (Chart.yaml, or the repository index)', () => {
    expect(Object.fromEntries(charts.map((c) => [`${c.chart}@${c.version}`, c.kubeVersion ?? null]))).toEqual({
      'kube-prometheus-stack@88.5.3': '>=1.25.0-0',
      'alloy@1.11.1': null,
      'mimir-distributed@6.2.0': '^1.32.0-0',
      'loki@18.11.0': '>=1.25.0-0',
      'grafana@12.11.1': '^1.25.0-0',
    });
  });

  test('every minor a cloud offers is admitted by every chart (EKS 1.31, which mimir-distributed refuses, left the catalog on 2026-11-28)', () => {
    const refused = charts.flatMap((c) =>
      (Object.keys(CLOUD_CATALOG) as Cloud[]).flatMap((cloud) => CLOUD_CATALOG[cloud].kubernetesVersions.filter((v) => c.kubeVersion && !kubeVersionAdmits(c.kubeVersion, v)).map((v) => `${c.chart} ${cloud} ${v}`)),
    );
    expect(refused).toEqual([]);
  });
});

describe('kubeVersionProblems', () => {
  // EKS offered 1.31 until 2026-11-28; these cases put it back, as a minor a cloud offers that a chart refuses.
  beforeEach(() => jest.replaceProperty(CLOUD_CATALOG.aws, 'kubernetesVersions', ['1.31', ...CLOUD_CATALOG.aws.kubernetesVersions]));
  afterEach(() => jest.restoreAllMocks());
  const settings = (fleet: any) => fleet.platform.observability;
  const onMgmt131 = (extra: Record<string, unknown> = {}) => {
    const fleet: any = observedTestFleet(extra);
    fleet.clusters[0].kubernetesVersion = '1.31';
    return fleet;
  };

  test('fails when an EKS management cluster is on 1.31 with metrics on: Mimir\'s chart requires ^1.32, at the cluster\'s kubernetesVersion', () => {
    const fleet = onMgmt131();
    expect(kubeVersionProblems(settings(fleet), fleet)).toEqual([
      {
        path: 'clusters[t-mgmt].kubernetesVersion',
        message: 'mimir-distributed 6.2.0 (Mimir) requires Kubernetes ^1.32.0-0: Helm refuses to render it for 1.31, and Argo CD renders with the cluster\'s version',
        given: '"1.31"',
        allowed: '1.32, 1.33, 1.34, 1.35, 1.36 (the EKS minors the chart admits), or platform.observability.metrics: false',
      },
    ]);
  });

  test('a workload cluster on 1.31 runs no Mimir: nothing to refuse', () => {
    const fleet: any = observedTestFleet();
    fleet.clusters[1].kubernetesVersion = '1.31';
    expect(kubeVersionProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('with metrics off, an EKS 1.31 management cluster runs no Mimir', () => {
    const fleet = onMgmt131({ metrics: false, alerts: false });
    expect(kubeVersionProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('a version the cloud does not offer is left to the catalog check', () => {
    const fleet = onMgmt131();
    fleet.clusters[0].kubernetesVersion = '1.29';
    expect(kubeVersionProblems(settings(fleet), fleet)).toEqual([]);
  });
});
