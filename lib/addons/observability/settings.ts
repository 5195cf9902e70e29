import { Cloud, IAM_ROLE_ARN_ALLOWED, iamRoleArnProblem, isDns1123Label, Problem, show } from '../../fleet';

/** Where Mimir and Loki keep their data: buckets (containers on Azure) in the management cluster's cloud. */
export interface ObservabilityStorage {
  /** Bucket for Mimir's blocks, ruler and Alertmanager state (prefixes `blocks/`, `ruler/`, `alertmanager/`). */
  readonly metricsBucket: string;
  /** Bucket for Loki's chunks, index and ruler. */
  readonly logsBucket: string;
  /**
   * The cloud identity Mimir's and Loki's pods act as, allowed to read and write both buckets:
   * an IAM role ARN (EKS, through IRSA), a GCP service account email (GKE workload identity) or
   * a managed identity's client id (AKS workload identity).
   */
  readonly identity: string;
  /** Azure only, required there: the storage account holding both containers. */
  readonly azureStorageAccount?: string;
}

/**
 * `platform.observability`: metrics from every cluster into Mimir, logs into Loki, Grafana and the
 * fleet alerts on the management cluster. Each piece is on unless turned off.
 */
export interface ObservabilitySettings {
  /** A Prometheus agent per cluster remote-writing to Mimir on the management cluster. @default true */
  readonly metrics?: boolean;
  /** Alloy per cluster shipping pod logs to Loki on the management cluster. @default true */
  readonly logs?: boolean;
  /** Grafana on the management cluster, with the data sources and the fleet dashboard. @default true */
  readonly grafana?: boolean;
  /** The fleet's PrometheusRules, evaluated by Mimir's ruler. Needs `metrics`. @default true */
  readonly alerts?: boolean;
  /** The `X-Scope-OrgID` tenant every cluster writes to and Grafana reads from. @default the fleet name */
  readonly tenant?: string;
  /** Required when metrics or logs are on. */
  readonly storage?: ObservabilityStorage;
}

export interface ResolvedObservability {
  readonly metrics: boolean;
  readonly logs: boolean;
  readonly grafana: boolean;
  readonly alerts: boolean;
  readonly tenant: string;
  readonly storage?: ObservabilityStorage;
}

const PATH = 'platform.observability';
const SWITCHES = ['metrics', 'logs', 'grafana', 'alerts'] as const;
const KEYS = [...SWITCHES, 'tenant', 'storage'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// What each cloud's identity looks like (IAM role ARN; GCP service account email; Entra client id).
const IDENTITY: Record<Cloud, { test: Pick<RegExp, 'test'>; allowed: string }> = {
  aws: { test: { test: (identity) => iamRoleArnProblem(identity) === undefined }, allowed: IAM_ROLE_ARN_ALLOWED },
  // Account id and project id: 6-30 characters, RFC 1035 (hashicorp/terraform-provider-google
  // resource_google_service_account.go account_id: verify.ValidateRFC1035Name(6, 30)): say so, "mimir" is 5.
  gcp: { test: /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/, allowed: 'a service account email, <name>@<project>.iam.gserviceaccount.com, name and project id each 6-30 lowercase letters, digits and "-", starting with a letter and not ending with "-"' },
  azure: { test: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, allowed: 'a managed identity client id (a lowercase GUID)' },
};
// S3 (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), GCS and Azure container names all accept this.
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Problems with `platform.observability`, given the fleet as written (not validated yet). */
export function observabilityProblems(settings: unknown, fleet: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, given: unknown, allowed: string) => problems.push({ path: `${PATH}${path}`, message, given: show(given), allowed });
  if (!isRecord(settings)) {
    add('', 'must be an object of observability settings', settings, `{ ${KEYS.join(', ')} }`);
    return problems;
  }
  // Unknown keys are reported, with a suggestion, by the fleet's unknown-field check (lib/fleet/unknown-fields.ts).
  for (const key of SWITCHES) if (settings[key] !== undefined && typeof settings[key] !== 'boolean') add(`.${key}`, 'must be true or false', settings[key], 'true, false');
  if (settings.tenant !== undefined && !isDns1123Label(settings.tenant)) add('.tenant', 'must be a DNS-1123 label (Mimir and Loki tenant ids)', settings.tenant, 'lowercase letters, digits and "-"');
  if (settings.alerts === true && settings.metrics === false) add('.alerts', 'fleet alerts are evaluated on the metrics in Mimir: they need metrics on', settings.alerts, 'false, or metrics on');
  const stores = settings.metrics !== false || settings.logs !== false;
  const storage = settings.storage;
  if (storage === undefined) {
    if (stores) add('.storage', 'is required when metrics or logs are on: Mimir and Loki keep their data in object storage', storage, '{ metricsBucket, logsBucket, identity, azureStorageAccount? }');
    return problems;
  }
  if (!isRecord(storage)) {
    add('.storage', 'must be an object', storage, '{ metricsBucket, logsBucket, identity, azureStorageAccount? }');
    return problems;
  }
  for (const key of ['metricsBucket', 'logsBucket'] as const) {
    if (typeof storage[key] !== 'string' || !BUCKET.test(storage[key] as string)) add(`.storage.${key}`, 'must be a bucket name', storage[key], '3-63 lowercase letters, digits and "-", starting and ending with a letter or digit');
  }
  if (typeof storage.metricsBucket === 'string' && storage.metricsBucket === storage.logsBucket) add('.storage.logsBucket', 'must differ from metricsBucket: Mimir and Loki each own their bucket', storage.logsBucket, `a name other than ${storage.metricsBucket}`);
  const management = Array.isArray(fleet.clusters) ? fleet.clusters.find((c) => isRecord(c) && c.role === 'management') : undefined;
  const cloud = isRecord(management) && typeof management.cloud === 'string' && management.cloud in IDENTITY ? (management.cloud as Cloud) : undefined;
  if (typeof storage.identity !== 'string' || (cloud && !IDENTITY[cloud].test.test(storage.identity))) {
    const why = cloud === 'aws' && typeof storage.identity === 'string' ? `: it ${iamRoleArnProblem(storage.identity)}` : '';
    add('.storage.identity', `must be the identity of the management cluster's cloud${cloud ? ` (${cloud})` : ''}${why}`, storage.identity, cloud ? IDENTITY[cloud].allowed : 'a non-empty string');
  }
  if (cloud === 'azure' && (typeof storage.azureStorageAccount !== 'string' || !/^[a-z0-9]{3,24}$/.test(storage.azureStorageAccount))) {
    add('.storage.azureStorageAccount', 'is required on an Azure management cluster: a storage account name', storage.azureStorageAccount, '3-24 lowercase letters and digits');
  }
  if (cloud && cloud !== 'azure' && storage.azureStorageAccount !== undefined) add('.storage.azureStorageAccount', 'only applies to an Azure management cluster', storage.azureStorageAccount, `nothing (the management cluster is on ${cloud})`);
  return problems;
}

/** Settings with defaults filled in. Call after `observabilityProblems` found nothing. */
export function resolveObservability(s: ObservabilitySettings, fleetName: string): ResolvedObservability {
  const metrics = s.metrics ?? true;
  return {
    metrics,
    logs: s.logs ?? true,
    grafana: s.grafana ?? true,
    alerts: s.alerts ?? metrics,
    tenant: s.tenant ?? fleetName,
    ...(s.storage ? { storage: s.storage } : {}),
  };
}
