/*
 * Where the central stores live on the management cluster, as every cluster addresses them. The
 * names follow from the release names and `fullnameOverride` we give the charts
 * (grafana/mimir operations/helm/charts/mimir-distributed/templates/_helpers.tpl "mimir.fullname";
 * grafana-community/helm-charts charts/loki/templates/_helpers.tpl), so they are known before
 * anything is applied: nothing here waits for a Terraform output.
 *
 * Workload clusters reach the gateways through the Istio mesh: a selector-less Service of the same
 * name in the same namespace makes the name resolve locally, and Istio sends the traffic, with
 * mTLS, through the management cluster's east-west gateway to the gateway pods (which run a
 * sidecar). Istio treats same-named Services of every cluster as one service
 * (istio.io/latest/docs/ops/configuration/traffic-management/multicluster/). So remote write rides
 * the mesh, and over the private interconnect wherever the east-west gateways are on it.
 */

const svc = (name: string, namespace: string) => `${name}.${namespace}.svc.cluster.local`;

/** The gateway Service both sides share: its name, namespace and port. */
export interface GatewayService {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
  /**
   * The port's name on the chart's gateway Service, which the stub repeats: Istio selects the
   * protocol from it (`http`, `http-*`).
   */
  readonly portName: string;
}

export const MIMIR = {
  namespace: 'mimir',
  release: 'mimir',
  // grafana/mimir operations/helm/charts/mimir-distributed/templates/gateway/gateway-svc.yaml (6.x, 063371e): port `http-metrics`.
  gateway: { namespace: 'mimir', name: 'mimir-gateway', port: 80, portName: 'http-metrics' } as GatewayService,
  /**
   * The gateway pods' selector labels (their Deployment's `spec.selector`, so on every gateway pod and
   * on no other pod of the release): `mimir.selectorLabels` with component `gateway`, `mimir.name` being
   * `mimir` without nameOverride (grafana/mimir operations/helm/charts/mimir-distributed
   * templates/_helpers.tpl, templates/gateway/gateway-dep.yaml; rendered in
   * operations/helm/tests/test-oss-values-generated at 063371e, 6.x).
   */
  gatewayPods: { 'app.kubernetes.io/name': 'mimir', 'app.kubernetes.io/instance': 'mimir', 'app.kubernetes.io/component': 'gateway' },
  /** Prometheus remote-write path of Mimir's distributor, behind the gateway. */
  remoteWriteURL: `http://${svc('mimir-gateway', 'mimir')}/api/v1/push`,
  /** Grafana and the ruler talk to the read path in-cluster (no sidecar between them). */
  queryURL: `http://${svc('mimir-query-frontend', 'mimir')}:8080/prometheus`,
  rulerURL: `http://${svc('mimir-ruler', 'mimir')}:8080`,
  alertmanagerURL: `http://${svc('mimir-alertmanager', 'mimir')}:8080`,
} as const;

export const LOKI = {
  namespace: 'loki',
  release: 'loki',
  // grafana-community/helm-charts charts/loki/templates/gateway/service.yaml (loki-18.11.0): port `http`.
  gateway: { namespace: 'loki', name: 'loki-gateway', port: 80, portName: 'http' } as GatewayService,
  /**
   * The gateway pods' selector labels: `loki.gatewaySelectorLabels`, `loki.name` being the chart's name
   * without nameOverride (grafana-community/helm-charts charts/loki/templates/gateway/_helpers.tpl,
   * gateway/deployment.yaml, _helpers.tpl, loki-18.11.0).
   */
  gatewayPods: { 'app.kubernetes.io/name': 'loki', 'app.kubernetes.io/instance': 'loki', 'app.kubernetes.io/component': 'gateway' },
  pushURL: `http://${svc('loki-gateway', 'loki')}/loki/api/v1/push`,
  /** The Monolithic deployment's own Service, `loki.fullname`, port `loki.server.http_listen_port` 3100 (charts/loki templates/monolithic/service.yaml, loki-18.11.0). */
  queryURL: `http://${svc('loki', 'loki')}:3100`,
} as const;

/** The tenant header Mimir and Loki read (multitenancy on: every request names its tenant). */
export const TENANT_HEADER = 'X-Scope-OrgID';

/**
 * Pod labels and annotations for a client of the central stores: an Istio sidecar that captures
 * outbound traffic to the cluster's Service range only (the gateway stubs are ClusterIPs there),
 * so scrapes of pod IPs go straight out as before, and no inbound traffic on the client's own
 * ports (another agent's scrape is plaintext; mesh-wide STRICT mTLS would refuse it).
 * istio/istio manifests/charts/istio-control/istio-discovery/files/injection-template.yaml reads
 * these annotations; the `sidecar.istio.io/inject` label is the object selector of Istio's
 * injection webhook in namespaces without an injection label.
 */
export function meshClientPod(serviceCidr: string, ownPorts: readonly number[]): { labels: Record<string, string>; annotations: Record<string, string> } {
  return {
    labels: { 'sidecar.istio.io/inject': 'true' },
    annotations: {
      'traffic.sidecar.istio.io/includeOutboundIPRanges': serviceCidr,
      'traffic.sidecar.istio.io/excludeInboundPorts': ownPorts.join(','),
    },
  };
}

/** Pod label of a mesh server (the gateways on the management cluster): a sidecar terminates the mTLS. */
export const MESH_SERVER_POD_LABELS = { 'sidecar.istio.io/inject': 'true' } as const;
