import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../../k8s/argocd/sync-wave';
import { EASTWEST_GATEWAY_LABELS } from '../../k8s/istio/istio-installation';
import { ISTIO_NAMESPACE } from '../../k8s/istio/istio-version';
import { SCRAPED_TELEMETRY_LABELS_MOVED } from './telemetry-labels';

/*
 * What the agent scrapes of the mesh, after istio/istio samples/addons/extras/prometheus-operator.yaml:
 * istiod's monitoring port, the east-west gateway's Envoy, and every sidecar's merged metrics
 * (istio_requests_total, the mesh dashboard's source).
 */

const metadata = (name: string) => ({ name, namespace: ISTIO_NAMESPACE, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } });

/** istiod: Service label `istio: pilot`, port `http-monitoring` (15014) (istio/istio manifests/charts/istio-control/istio-discovery/templates/service.yaml). */
export class IstiodServiceMonitor extends ApiObject {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: metadata('istiod'),
      spec: {
        jobLabel: 'istio',
        selector: { matchLabels: { istio: 'pilot' } },
        namespaceSelector: { matchNames: [ISTIO_NAMESPACE] },
        endpoints: [{ port: 'http-monitoring', interval: '15s', metricRelabelings: [...SCRAPED_TELEMETRY_LABELS_MOVED] }],
      },
    });
  }
}

/**
 * The east-west gateway: its Service exposes only the mesh ports, so the endpoint names the pod's
 * Envoy port (15090, `/stats/prometheus`) by `targetPort`: Prometheus' endpoints discovery also
 * lists a pod's container ports no Service port is bound to. Job `istio-eastwestgateway`, which
 * the fleet alert matches.
 */
export class EastWestGatewayServiceMonitor extends ApiObject {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: metadata('istio-eastwestgateway'),
      spec: {
        selector: { matchLabels: { istio: EASTWEST_GATEWAY_LABELS.istio } },
        namespaceSelector: { matchNames: [ISTIO_NAMESPACE] },
        endpoints: [
          {
            targetPort: 15090,
            path: '/stats/prometheus',
            interval: '15s',
            relabelings: [{ targetLabel: 'job', replacement: 'istio-eastwestgateway', action: 'replace' }],
            metricRelabelings: [...SCRAPED_TELEMETRY_LABELS_MOVED],
          },
        ],
      },
    });
  }
}

/**
 * Every sidecar's merged Prometheus endpoint (port from its `prometheus.io/port` annotation, 15020).
 * Not the east-west gateway's pods: their container is `istio-proxy` too and the gateway chart annotates
 * them `prometheus.io/scrape` (istio/istio 1.30.3 manifests/charts/gateway/values.yaml podAnnotations,
 * templates/deployment.yaml), so this monitor would scrape their Envoy a second time beside
 * EastWestGatewayServiceMonitor: every gateway series twice, under two jobs, and summed twice (the
 * dashboard's outlier ejections per cluster). A pod without an `istio` label is not NotIn's concern: it matches.
 */
export class SidecarPodMonitor extends ApiObject {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: metadata('envoy-stats'),
      spec: {
        jobLabel: 'envoy-stats',
        selector: {
          matchExpressions: [
            { key: 'istio-prometheus-ignore', operator: 'DoesNotExist' },
            { key: 'istio', operator: 'NotIn', values: [EASTWEST_GATEWAY_LABELS.istio] },
          ],
        },
        namespaceSelector: { any: true },
        podMetricsEndpoints: [
          {
            path: '/stats/prometheus',
            interval: '15s',
            relabelings: [
              { action: 'keep', sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: 'istio-proxy' },
              { action: 'keep', sourceLabels: ['__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape'] },
              { action: 'replace', sourceLabels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'], regex: '(\\d+\\.\\d+\\.\\d+\\.\\d+)(?::\\d+)?;(\\d+)', replacement: '$1:$2', targetLabel: '__address__' },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod_name' },
            ],
            metricRelabelings: [...SCRAPED_TELEMETRY_LABELS_MOVED],
          },
        ],
      },
    });
  }
}
