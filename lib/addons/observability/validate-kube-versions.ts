import { Cloud, CLOUD_CATALOG, Problem, show } from '../../fleet';
import { ALLOY, GRAFANA_CHART, KUBE_PROMETHEUS_STACK, LOKI_CHART, MIMIR_CHART, PinnedChart } from './chart-versions';

/*
 * Each cluster's Kubernetes version against the kubeVersion of every chart the add-on installs on
 * it. Helm refuses to render a chart for a version its range does not admit, and Argo CD renders
 * with the destination cluster's version (argo-cd v3.4.7, the line fleetsynth installs,
 * reposerver/repository/repository.go: parseKubeVersion(q.KubeVersion) into the template's KubeVersion): the Application would show a
 * ComparisonError forever. Refused here, before anything is written.
 */

/**
 * Whether every version of a Kubernetes minor (`1.31`) satisfies a chart's kubeVersion range. Only
 * the forms the pinned charts use: `>=X.Y.Z` and `^X.Y.Z` (`>=X.Y.Z, <(X+1).0.0`), each with or
 * without the `-0` that lets pre-release versions match (Argo CD hands Helm a plain X.Y.Z anyway:
 * parseKubeVersion drops the rest). Anything else throws: extend this when a chart needs it.
 * Hand-written rather than the `semver` package, which fleetsynth does not depend on, for two operators.
 */
export function kubeVersionAdmits(range: string, minor: string): boolean {
  const r = /^(>=|\^)(\d+)\.(\d+)\.(\d+)(-0)?$/.exec(range.trim());
  if (!r || (r[1] === '^' && r[2] === '0')) throw new Error(`unsupported kubeVersion range ${JSON.stringify(range)}: only >=X.Y.Z and ^X.Y.Z (X >= 1), optionally with -0`);
  const m = /^(\d+)\.(\d+)$/.exec(minor);
  if (!m) throw new Error(`not a Kubernetes minor version: ${JSON.stringify(minor)}`);
  const [major, min] = [Number(m[1]), Number(m[2])];
  const [lowMajor, lowMinor, lowPatch] = [Number(r[2]), Number(r[3]), Number(r[4])];
  // The minor's first patch, X.Y.0, is its lowest version: the whole minor is in when that is.
  const atLeast = major > lowMajor || (major === lowMajor && (min > lowMinor || (min === lowMinor && lowPatch === 0)));
  return atLeast && (r[1] === '>=' || major === lowMajor);
}

/** A chart the add-on installs, and the setting that turns it off. */
export interface ObservabilityChartUse {
  readonly chart: PinnedChart;
  /** What it is for, in messages: `Mimir`. */
  readonly what: string;
  /** The switch under `platform.observability` that leaves it out. */
  readonly setting: 'metrics' | 'logs' | 'alerts' | 'grafana';
}

/**
 * The pinned charts the add-on installs on a cluster of this role with these switches on, as
 * `charts()` in index.ts installs them (observability.test.ts compares the two).
 */
export function observabilityChartsOn(role: 'management' | 'workload', on: Readonly<Record<ObservabilityChartUse['setting'], boolean>>): ObservabilityChartUse[] {
  const uses: ObservabilityChartUse[] = [
    ...(on.metrics ? [{ chart: KUBE_PROMETHEUS_STACK, what: 'the metrics agent', setting: 'metrics' as const }] : []),
    ...(on.logs ? [{ chart: ALLOY, what: 'the log agent', setting: 'logs' as const }] : []),
  ];
  if (role !== 'management') return uses;
  return [
    ...uses,
    ...(on.metrics ? [{ chart: MIMIR_CHART, what: 'Mimir', setting: 'metrics' as const }] : []),
    ...(on.logs ? [{ chart: LOKI_CHART, what: 'Loki', setting: 'logs' as const }] : []),
    ...(on.alerts ? [{ chart: ALLOY, what: 'the rules sync', setting: 'alerts' as const }] : []),
    ...(on.grafana ? [{ chart: GRAFANA_CHART, what: 'Grafana', setting: 'grafana' as const }] : []),
  ];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Problems at `clusters[<name>].kubernetesVersion` for each chart whose kubeVersion the cluster's
 * version is outside of. Settings and fleet as written: a malformed switch counts as on (reported by
 * `observabilityProblems`), and a version the cloud does not offer is the catalog check's to report.
 */
export function kubeVersionProblems(settings: unknown, fleet: Readonly<Record<string, unknown>>): Problem[] {
  if (!isRecord(settings) || !Array.isArray(fleet.clusters)) return [];
  const metrics = settings.metrics !== false;
  const on = { metrics, logs: settings.logs !== false, grafana: settings.grafana !== false, alerts: settings.alerts === undefined ? metrics : settings.alerts !== false };
  const problems: Problem[] = [];
  fleet.clusters.forEach((c: unknown, index) => {
    if (!isRecord(c) || typeof c.cloud !== 'string' || !(c.cloud in CLOUD_CATALOG)) return;
    const offered = CLOUD_CATALOG[c.cloud as Cloud].kubernetesVersions;
    const version = c.kubernetesVersion;
    if (typeof version !== 'string' || !offered.includes(version)) return;
    const path = `clusters[${typeof c.name === 'string' && c.name ? c.name : index}].kubernetesVersion`;
    for (const use of observabilityChartsOn(c.role === 'management' ? 'management' : 'workload', on)) {
      const range = use.chart.kubeVersion;
      if (range === undefined || kubeVersionAdmits(range, version)) continue;
      const admitted = offered.filter((v) => kubeVersionAdmits(range, v));
      problems.push({
        path,
        message: `${use.chart.chart} ${use.chart.version} (${use.what}) requires Kubernetes ${range}: Helm refuses to render it for ${version}, and Argo CD renders with the cluster's version`,
        given: show(version),
        allowed: `${admitted.length > 0 ? `${admitted.join(', ')} (the ${CLOUD_CATALOG[c.cloud as Cloud].service} minors the chart admits), or ` : ''}platform.observability.${use.setting}: false`,
      });
    }
  });
  return problems;
}
