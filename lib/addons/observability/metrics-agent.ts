import { Cloud } from '../../fleet';
import { PlatformChart } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { KUBE_PROMETHEUS_STACK } from './chart-versions';
import { meshClientPod, MIMIR, TENANT_HEADER } from './central-endpoints';
import { NODE_AGENT_PRIORITY_CLASS } from '../../k8s/critical-pods';
import { everyNodeTolerations } from './node-agents';
import { TelemetryLabels } from './telemetry-labels';

export const MONITORING_NAMESPACE = 'monitoring';

/** The Helm release of the metrics agent. */
export const METRICS_AGENT_RELEASE = 'kube-prometheus-stack';

/**
 * The service account the agent's pods run as, their mesh identity: `<fullname>-prometheus`, fullname
 * being the release name when it contains the chart's name, cut to 26 characters (ours has 21)
 * (prometheus-community/helm-charts kube-prometheus-stack 88.5.3 templates/_helpers.tpl
 * "kube-prometheus-stack.fullname", "kube-prometheus-stack.prometheus.serviceAccountName";
 * `prometheus.serviceAccount.create: true` in values.yaml; templates/prometheus/prometheus.yaml gives it to
 * the PrometheusAgent too).
 */
export const METRICS_AGENT_SERVICE_ACCOUNT = `${METRICS_AGENT_RELEASE}-prometheus`;

/**
 * The replica label Mimir's HA tracker deduplicates on (with `cluster`): its defaults
 * `ha_cluster_label: cluster`, `ha_replica_label: __replica__` (grafana.com/docs/helm-charts/
 * mimir-distributed/latest/run-production-environment-with-helm/configure-helm-ha-deduplication).
 * The operator sets it to each pod's name (prometheus-operator CommonPrometheusFields.replicaExternalLabelName).
 */
export const REPLICA_LABEL = '__replica__';

export interface MetricsAgentProps {
  /** The cluster's cloud: which DNS server its kube-system runs. */
  readonly cloud: Cloud;
  /** The cluster's telemetry labels: the agent's externalLabels. */
  readonly labels: TelemetryLabels;
  /** Mimir tenant. */
  readonly tenant: string;
  /** The cluster's Service range: what the agent's sidecar captures. */
  readonly serviceCidr: string;
  /** Agent pods; two for HA, deduplicated by Mimir. @default 2 */
  readonly replicas?: number;
}

/**
 * The cluster DNS server's exporter: CoreDNS on EKS and AKS, kube-dns on GKE Standard (its default DNS
 * provider, and the fleet sets no other: Google Cloud blog, "DNS providers for Google Kubernetes Engine
 * explained"). The chart's default scrapes CoreDNS's port 9153 on the pods labelled `k8s-app: kube-dns`
 * (kube-prometheus-stack 88.5.3 templates/exporters/core-dns/service.yaml); GKE's kube-dns pods carry that label
 * but serve metrics on 10055 (kubedns) and 10054 (sidecar) (kubernetes/kubernetes
 * cluster/addons/dns/kube-dns/kube-dns.yaml.in), the ports of the chart's kubeDns exporter: left as it was, every
 * GKE cluster had a target down for good and no DNS metrics.
 */
function dnsExporters(cloud: Cloud): { coreDns: { enabled: boolean }; kubeDns: { enabled: boolean } } {
  const kubeDns = cloud === 'gcp';
  return { coreDns: { enabled: !kubeDns }, kubeDns: { enabled: kubeDns } };
}

/**
 * kube-prometheus-stack with Prometheus in agent mode: the chart renders a `PrometheusAgent`
 * (monitoring.coreos.com/v1alpha1) when `prometheus.agentMode` is true
 * (charts/kube-prometheus-stack/templates/prometheus/prometheus.yaml at 88.5.3). It scrapes every
 * ServiceMonitor and PodMonitor of the cluster and remote-writes to Mimir with the cluster's labels.
 *
 * Wave: platform charts, after istiod, so the agent pods get their sidecar at creation; its CRDs
 * still exist before each cluster's folder (where our ServiceMonitors and PrometheusRules live).
 */
export function metricsAgentChart(props: MetricsAgentProps): PlatformChart {
  // The Prometheus web port and its config reloader's (prometheus-operator pkg/prometheus/statefulset.go).
  const pod = meshClientPod(props.serviceCidr, [9090, 8080]);
  return {
    name: 'metrics-agent',
    namespace: MONITORING_NAMESPACE,
    repoURL: KUBE_PROMETHEUS_STACK.repoURL,
    chart: KUBE_PROMETHEUS_STACK.chart,
    version: KUBE_PROMETHEUS_STACK.version,
    releaseName: METRICS_AGENT_RELEASE,
    wave: SYNC_WAVE.platformCharts,
    contents: KUBE_PROMETHEUS_STACK.contents,
    values: {
      // Rules are evaluated centrally (Mimir's ruler); an agent evaluates none.
      defaultRules: { create: false },
      alertmanager: { enabled: false },
      grafana: { enabled: false },
      // Managed control planes do not expose these to in-cluster scrapes: their targets would only ever be down.
      kubeControllerManager: { enabled: false },
      kubeEtcd: { enabled: false },
      kubeScheduler: { enabled: false },
      kubeProxy: { enabled: false },
      ...dnsExporters(props.cloud),
      // The node exporter on every node, NoExecute-tainted pools too (its chart tolerates NoSchedule only: node-agents.ts).
      // Requests: its chart's commented example (prometheus-node-exporter 4.56.1 values.yaml `resources`: 100m, 30Mi);
      // it sets none, so the exporter was BestEffort, the first pod evicted from a node short of memory. At the node agents'
      // class, as the log agent (critical-pods.ts; templates/daemonset.yaml `.Values.priorityClassName`, 4.56.1).
      'prometheus-node-exporter': {
        tolerations: everyNodeTolerations(),
        resources: { requests: { cpu: '100m', memory: '30Mi' } },
        priorityClassName: NODE_AGENT_PRIORITY_CLASS,
      },
      // The operator's requests: kube-prometheus-stack 88.5.3 values.yaml's commented example (`prometheusOperator.resources`).
      prometheusOperator: { resources: { requests: { cpu: '100m', memory: '100Mi' } } },
      // kube-state-metrics without its Secret collector, whose ClusterRole rule (list, watch: every Secret's data)
      // it brings (kube-state-metrics chart 8.4.0, the subchart of 88.5.3: values.yaml `collectors`,
      // templates/role.yaml, _helpers.tpl kube-state-metrics.collectors). No fleet alert or dashboard reads kube_secret_*.
      // Its requests: the subchart sets none (values.yaml `resources: {}`), so it was BestEffort. kube-state-metrics'
      // own "as a general rule" (kubernetes/kube-state-metrics README.md, *Resource recommendation*: 250MiB memory,
      // 0.1 cores; more on clusters over 100 nodes); no limit, which the same page warns slows its queues.
      'kube-state-metrics': { collectorsExclude: ['secrets'], resources: { requests: { cpu: '100m', memory: '250Mi' } } },
      prometheus: {
        agentMode: true,
        prometheusSpec: {
          replicas: props.replicas ?? 2,
          // The chart's commented example (values.yaml `prometheus.prometheusSpec.resources`: memory 400Mi; none set,
          // BestEffort). An agent's memory grows with the series it scrapes; no limit, no CPU figure there.
          resources: { requests: { memory: '400Mi' } },
          externalLabels: { ...props.labels },
          replicaExternalLabelName: REPLICA_LABEL,
          // The default `prometheus="<ns>/<name>"` label would be on every series of the fleet and tell nothing.
          prometheusExternalLabelNameClear: true,
          // Every ServiceMonitor/PodMonitor in the cluster, not only the chart's own (values.yaml *SelectorNilUsesHelmValues).
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          podMetadata: pod,
          // Retry a batch Mimir answers 429 (tenant over its ingestion rate or burst: grafana/mimir
          // pkg/distributor/errors.go errorCauseToHTTPStatusCode) instead of dropping it: Prometheus retries only 5xx
          // unless retry_on_http_429 (prometheus v3.14.0 storage/remote/client.go; default false), and the backlog a
          // cluster replays after a cut-off can overrun the rate. Retried with backoff and Retry-After
          // (queue_manager.go sendWriteRequestWithBackoff), it waits in the WAL (4 hours at most) and drains at the
          // tenant's rate; a cluster persistently over it falls behind (FleetRemoteWriteBehind, then, its own series
          // queued too, FleetClusterStoppedReporting: README). Alloy's
          // prometheus.remote_write retries 429 by default. prometheus-operator v0.93.0 writes it as retry_on_http_429.
          remoteWrite: [{ name: 'mimir', url: MIMIR.remoteWriteURL, headers: { [TENANT_HEADER]: props.tenant }, queueConfig: { retryOnRateLimit: true } }],
        },
      },
      // The admission webhook's certificate job patches these after install (templates/prometheus-operator/admission-webhooks/job-patch).
    },
    ignoreDifferences: [
      { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle', '/webhooks/0/failurePolicy'] },
      { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle', '/webhooks/0/failurePolicy'] },
    ],
  };
}
