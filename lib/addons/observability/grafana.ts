import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { GRAFANA_CHART as GRAFANA } from './chart-versions';
import { LOKI, MIMIR, TENANT_HEADER } from './central-endpoints';

export const GRAFANA_NAMESPACE = 'grafana';
/** The sidecar of the Grafana chart loads every ConfigMap with this label (charts/grafana/values.yaml `sidecar.dashboards.label`/`labelValue`). */
export const DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;
/** Holds `admin-user` and `admin-password`; created outside Git (by hand or from Vault through External Secrets). */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';
export const DATASOURCE_UID = { metrics: 'mimir', logs: 'loki', alerts: 'mimir-alertmanager' } as const;

/**
 * Grafana on the management cluster with the fleet's data sources provisioned (every request names
 * the tenant through `httpHeaderName1`/`httpHeaderValue1`, Grafana's custom-header provisioning)
 * and the dashboards sidecar watching its namespace for labelled ConfigMaps.
 *
 * Its own wave is the last of its cluster's root: it waits for the admin Secret, which is never in
 * Git, and nothing waits for it.
 */
export function grafanaChart(props: { tenant: string; metrics: boolean; logs: boolean }): PlatformChart {
  const header = { jsonData: { httpHeaderName1: TENANT_HEADER }, secureJsonData: { httpHeaderValue1: props.tenant } };
  const merge = (a: Record<string, unknown>, b: typeof header) => ({ ...a, jsonData: { ...(a.jsonData as object), ...b.jsonData }, secureJsonData: b.secureJsonData });
  const datasources = [
    ...(props.metrics
      ? [
          merge({ name: 'Mimir', uid: DATASOURCE_UID.metrics, type: 'prometheus', access: 'proxy', url: MIMIR.queryURL, isDefault: true, jsonData: { prometheusType: 'Mimir' } }, header),
          merge({ name: 'Mimir Alertmanager', uid: DATASOURCE_UID.alerts, type: 'alertmanager', access: 'proxy', url: `${MIMIR.alertmanagerURL}`, jsonData: { implementation: 'mimir' } }, header),
        ]
      : []),
    ...(props.logs ? [merge({ name: 'Loki', uid: DATASOURCE_UID.logs, type: 'loki', access: 'proxy', url: LOKI.queryURL, isDefault: !props.metrics, jsonData: {} }, header)] : []),
  ];
  return {
    name: 'grafana',
    namespace: GRAFANA_NAMESPACE,
    repoURL: GRAFANA.repoURL,
    chart: GRAFANA.chart,
    version: GRAFANA.version,
    releaseName: 'grafana',
    wave: SYNC_WAVE.handMadeState,
    contents: GRAFANA.contents,
    values: {
      // The chart's keys in that Secret: `admin-user` and its password key (values.yaml admin.userKey, admin.passwordKey).
      admin: { existingSecret: GRAFANA_ADMIN_SECRET },
      datasources: { 'datasources.yaml': { apiVersion: 1, datasources } },
      sidecar: { dashboards: { enabled: true, label: Object.keys(DASHBOARD_LABEL)[0], labelValue: Object.values(DASHBOARD_LABEL)[0] } },
      // A Role in Grafana's namespace, which is all the sidecar watches (no searchNamespace), instead of the
      // chart's ClusterRole: with a sidecar on and `rbac.namespaced: false` (its default) it grants get, list
      // and watch of every ConfigMap and Secret of the management cluster, Argo CD's argocd-secret among them
      // (grafana-community/helm-charts charts/grafana, tag grafana-12.11.1: templates/clusterrole.yaml, role.yaml).
      rbac: { namespaced: true },
      // The chart sets none (values.yaml `resources: {}`, BestEffort). Memory: Grafana's minimum ("Install Grafana",
      // *Hardware recommendations*: 512 MB); CPU: the chart's commented example (100m), not the page's one core for a
      // whole host. No limit.
      resources: { requests: { cpu: '100m', memory: '512Mi' } },
    },
  };
}
