import { REGISTRATION_LABEL, registrationLabels } from '../../fleet';

/*
 * The labels every metric, log line and fleet alert of a cluster carries. They are read off the
 * cluster's Argo CD registration labels (lib/fleet/registration-labels.ts), so what an
 * ApplicationSet selects on and what a dashboard filters on are the same values by construction.
 * Every consumer (the Prometheus agent's externalLabels, Alloy's Loki external_labels, the alert
 * rules' matchers, the dashboard's variables) calls this one function.
 */

/** Label names, in the order they are written; valid Prometheus and Loki label names. */
export const TELEMETRY_LABEL_NAMES = ['cluster', 'cloud', 'region', 'env'] as const;
export type TelemetryLabelName = (typeof TELEMETRY_LABEL_NAMES)[number];
export type TelemetryLabels = Readonly<Record<TelemetryLabelName, string>>;

/** `cluster`, `cloud`, `region`, `env` of a cluster, from its registration labels. */
export function telemetryLabels(cluster: Parameters<typeof registrationLabels>[0]): TelemetryLabels {
  const registration = registrationLabels(cluster);
  // `env` is a required fleet label (lib/fleet validation); the others are the registration's own.
  return {
    cluster: registration[REGISTRATION_LABEL.cluster],
    cloud: registration[REGISTRATION_LABEL.cloud],
    region: registration[REGISTRATION_LABEL.region],
    env: registration.env,
  };
}

/** A PromQL label matcher list selecting exactly these labels: `{cluster="a",cloud="aws",…}`. */
export function promqlSelector(labels: Partial<TelemetryLabels>): string {
  const matchers = TELEMETRY_LABEL_NAMES.filter((k) => labels[k] !== undefined).map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${matchers.join(',')}}`;
}

/**
 * metricRelabelings (prometheus-operator RelabelConfig) for every monitor fleetsynth writes: a scraped series'
 * own `cluster`, `cloud`, `region` or `env` moves to `exported_<name>`, so the agent's external labels, which
 * never replace a series' own (prometheus v3.14.0 storage/remote/queue_manager.go processExternalLabels: "the
 * value in b wins"), label it as the cluster it came from. istiod has one: `istiod_remote_cluster_sync_status`
 * carries `cluster`, a peer cluster's id, the fleet name of another cluster (istio/istio 1.30.3
 * pkg/kube/multicluster/secretcontroller.go). Kept, it filed those series under that other cluster, and Mimir's
 * HA tracker, which judges a whole push by the `cluster` and `__replica__` of its first series (grafana/mimir
 * pkg/distributor prePushHaDedupeMiddleware, findHALabels on req.Timeseries[0]), judged a batch that began with
 * one against the other cluster's elected replica: every cluster's agent pods have the same names, so the batch
 * was dropped as deduplicated, or taken from the replica Mimir had not elected. An app's own label of one of
 * these names is moved the same way (the sidecars' merged endpoint).
 */
export const SCRAPED_TELEMETRY_LABELS_MOVED: readonly Readonly<Record<string, unknown>>[] = [
  ...TELEMETRY_LABEL_NAMES.map((name) => ({ action: 'replace', sourceLabels: [name], regex: '(.+)', targetLabel: `exported_${name}`, replacement: '$1' })),
  { action: 'labeldrop', regex: TELEMETRY_LABEL_NAMES.join('|') },
];
