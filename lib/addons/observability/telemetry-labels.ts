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
