import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../../k8s/argocd/sync-wave';
import { LOG_AGENT_RELEASE } from './log-agent';
import { MONITORING_NAMESPACE } from './metrics-agent';
import { SCRAPED_TELEMETRY_LABELS_MOVED } from './telemetry-labels';

/** The job the fleet alert on dropped log entries matches. */
export const LOG_AGENT_JOB = 'alloy-logs';

/**
 * Alloy's own metrics (`loki_write_sent_entries_total`, `loki_write_dropped_entries_total`, …), which
 * the fleet alert on log shipping reads. The chart's Service carries `app.kubernetes.io/name: alloy`
 * and `app.kubernetes.io/instance: <release>` and names its port `http-metrics` (grafana/alloy
 * operations/helm/charts/alloy/templates/service.yaml); one endpoint per DaemonSet pod. The port is
 * outside the pod's sidecar (log-agent.ts), so the agent's plaintext scrape passes STRICT mTLS.
 */
export class LogAgentServiceMonitor extends ApiObject {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: LOG_AGENT_RELEASE, namespace: MONITORING_NAMESPACE, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'alloy', 'app.kubernetes.io/instance': LOG_AGENT_RELEASE } },
        namespaceSelector: { matchNames: [MONITORING_NAMESPACE] },
        endpoints: [{ port: 'http-metrics', interval: '30s', relabelings: [{ targetLabel: 'job', replacement: LOG_AGENT_JOB, action: 'replace' }], metricRelabelings: [...SCRAPED_TELEMETRY_LABELS_MOVED] }],
      },
    });
  }
}
