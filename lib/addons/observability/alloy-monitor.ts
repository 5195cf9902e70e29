import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../../k8s/argocd/sync-wave';
import { MONITORING_NAMESPACE } from './metrics-agent';
import { SCRAPED_TELEMETRY_LABELS_MOVED } from './telemetry-labels';

/**
 * A ServiceMonitor for the Service of one release of the alloy chart, which carries `app.kubernetes.io/name:
 * alloy` and `app.kubernetes.io/instance: <release>` and names its port `http-metrics` (grafana/alloy
 * operations/helm/charts/alloy/templates/service.yaml); one endpoint per pod, its series under `job`.
 */
export class AlloyServiceMonitor extends ApiObject {
  constructor(scope: Construct, id: string, props: { readonly release: string; readonly job: string }) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: props.release, namespace: MONITORING_NAMESPACE, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'alloy', 'app.kubernetes.io/instance': props.release } },
        namespaceSelector: { matchNames: [MONITORING_NAMESPACE] },
        endpoints: [{ port: 'http-metrics', interval: '30s', relabelings: [{ targetLabel: 'job', replacement: props.job, action: 'replace' }], metricRelabelings: [...SCRAPED_TELEMETRY_LABELS_MOVED] }],
      },
    });
  }
}
