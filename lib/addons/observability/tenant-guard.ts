import { parse } from 'yaml';
import { clusterManifestFolder, managementCluster, Problem, ResolvedFleet, show } from '../../fleet';
import { isRecord } from '../../fleet/problems';
import { TENANT_HEADER } from './central-endpoints';
import { ObservabilitySettings, resolveObservability } from './settings';

/** The change this guard refuses, by name (`--allow-change observability-tenant-change`), and the flag that is its short form. */
export const TENANT_CHANGE = 'observability-tenant-change';
export const TENANT_CHANGE_FLAG = '--allow-observability-tenant-change';

/** The tenant a previous agent Application writes with, and the file it was read from. */
export interface PreviousTenant {
  readonly tenant: string;
  readonly file: string;
}

const parseYaml = (text: string): unknown => {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
};

/** The metrics agent's remote-write header (metrics-agent.ts), else the log agent's `tenant_id` (log-agent.ts). */
function tenantIn(text: string): string | undefined {
  const app = parseYaml(text);
  const values = isRecord(app) && isRecord(app.spec) && isRecord(app.spec.source) && isRecord(app.spec.source.helm) ? app.spec.source.helm.valuesObject : undefined;
  const prometheus = isRecord(values) && isRecord(values.prometheus) && isRecord(values.prometheus.prometheusSpec) ? values.prometheus.prometheusSpec : undefined;
  const writes = prometheus && Array.isArray(prometheus.remoteWrite) ? prometheus.remoteWrite : [];
  for (const w of writes) if (isRecord(w) && isRecord(w.headers) && typeof w.headers[TENANT_HEADER] === 'string') return w.headers[TENANT_HEADER];
  const config = isRecord(values) && isRecord(values.alloy) && isRecord(values.alloy.configMap) ? values.alloy.configMap.content : undefined;
  const match = typeof config === 'string' ? /\btenant_id\s*=\s*"([^"]*)"/.exec(config) : null;
  return match ? match[1] : undefined;
}

/**
 * The tenant the previous synth's management-cluster agents (`<management>-metrics-agent`, else
 * `<management>-log-agent`) write with, wherever under the management cluster's folder the previous
 * output put their Applications; undefined when it had neither, or one that cannot be read.
 */
export function previousTenant(fleet: ResolvedFleet, previousFiles: readonly string[], read: (path: string) => string | undefined): PreviousTenant | undefined {
  const management = managementCluster(fleet);
  const folder = `${clusterManifestFolder(management)}/`;
  for (const agent of ['metrics-agent', 'log-agent']) {
    const name = `/application.argoproj.io_${management.name}-${agent}.yaml`;
    for (const file of previousFiles.filter((f) => f.startsWith(folder) && f.endsWith(name)).sort()) {
      const text = read(file);
      const tenant = text === undefined ? undefined : tenantIn(text);
      if (tenant !== undefined) return { tenant, file };
    }
  }
  return undefined;
}

/**
 * A change of `platform.observability.tenant` (the `X-Scope-OrgID` of every agent, Grafana and the
 * rules sync) against the previous synth's output. Mimir and Loki keep each tenant's data, rules and
 * Alertmanager configuration apart, so on a running fleet:
 * - the fleet's rules stay loaded under the old tenant: Alloy's `mimir.rules.kubernetes` reads and
 *   deletes rule groups only with its own `tenant_id` (grafana/alloy v1.18.1
 *   internal/component/mimir/rules/kubernetes/rules.go init: the Mimir client's `ID` is `TenantID`),
 *   and Mimir's ruler goes on evaluating every tenant's groups: the old tenant receives no sample
 *   again, so `FleetClusterStoppedReporting` fires for every cluster that had reported, for good
 *   (it resolves only when the cluster reports again: fleet-alerts.ts), routed by the old tenant's
 *   Alertmanager configuration;
 * - the new tenant's alerts go to an Alertmanager without that configuration: Mimir's fallback,
 *   which has no receiver, so no real alert reaches anyone;
 * - Grafana reads the new tenant: the history, which stays under the old one, is no longer shown.
 * An error unless `allowed`, after the README's procedure ("Changing the tenant"). While the management
 * cluster, where Mimir and Loki run, is `pending` (no Terraform outputs), the way out also says that a
 * fleet never applied needs the flag alone; it stays a refusal, as an outputs file lost on a running
 * cluster looks the same.
 */
export function observabilityTenantChange(definition: unknown, fleet: ResolvedFleet, previousFiles: readonly string[], read: (path: string) => string | undefined, allowed: boolean, pending: readonly string[]): Problem[] {
  if (allowed) return [];
  const settings = isRecord(definition) && isRecord(definition.platform) ? definition.platform.observability : undefined;
  if (!isRecord(settings)) return [];
  const now = resolveObservability(settings as ObservabilitySettings, fleet.name);
  if (!now.metrics && !now.logs) return [];
  const before = previousTenant(fleet, previousFiles, read);
  if (before === undefined || before.tenant === now.tenant) return [];
  const management = managementCluster(fleet).name;
  return [
    {
      path: settings.tenant !== undefined ? 'platform.observability.tenant' : 'platform.observability',
      message:
        `the previous synth's output writes telemetry as tenant ${show(before.tenant)} (${before.file})` +
        (settings.tenant !== undefined ? '' : `, and the tenant defaults to the fleet name, ${show(now.tenant)}`) +
        `: Mimir keeps the fleet's rules loaded under the old tenant, which receives no sample again, so FleetClusterStoppedReporting fires for every cluster for good, while the new tenant's alerts reach an Alertmanager without your configuration (its fallback has no receiver); Grafana no longer shows the history, which stays under the old tenant`,
      given: show(now.tenant),
      allowed:
        `tenant: ${show(before.tenant)} as before; or move to the new tenant as README, Observability, "Changing the tenant" describes and synth with ${TENANT_CHANGE_FLAG}` +
        (pending.includes(management)
          ? `; ${management} has no Terraform outputs: if never applied, no Mimir runs yet and ${TENANT_CHANGE_FLAG} alone is enough (if its outputs file was only lost, Mimir runs: follow the procedure)`
          : ''),
    },
  ];
}
