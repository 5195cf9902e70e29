import { Problem } from './fleet-error';

/*
 * The handoff from Terraform to the Kubernetes layer. Each cluster stack declares these outputs;
 * the user's pipeline saves `terraform output -json` of each stack as `<outputs dir>/<cluster>.json`,
 * and synth reads them back. The names are the contract between both sides.
 */
export const TERRAFORM_OUTPUT = {
  clusterName: 'cluster_name',
  endpoint: 'cluster_endpoint',
  caCertificate: 'cluster_ca_certificate',
  oidcIssuer: 'oidc_issuer_url',
  /** Role ARN (EKS), service account email (GKE) or client id (AKS) Argo CD authenticates as. */
  argocdIdentity: 'argocd_identity',
  /** AKS only: the Entra tenant of that identity. */
  tenantId: 'tenant_id',
  /**
   * Workload clusters, once Argo CD's access is in place: what the access trusts, the management
   * cluster's OIDC issuer URL or (EKS managed from EKS) Argo CD's own role ARN. Synth registers the
   * cluster only when this is what the management cluster's outputs say now (lib/fleet/argocd-access.ts).
   */
  argocdTrusts: 'argocd_trusts',
  /** EKS management cluster with EKS workloads: the IAM role Argo CD's pods run as (IRSA). */
  argocdControllerRoleArn: 'argocd_controller_role_arn',
  /** GKE workload clusters: the project number (workload identity audiences and principals name the number, not the id). */
  gcpProjectNumber: 'gcp_project_number',
} as const;

/** What Terraform reports about a created cluster. */
export interface ClusterOutputs {
  readonly clusterName: string;
  readonly endpoint: string;
  /** Base64 PEM, as the clouds return it. */
  readonly caCertificate: string;
  readonly oidcIssuer: string;
  /** Workload clusters, once Argo CD's access is applied. */
  readonly argocdIdentity?: string;
  readonly tenantId?: string;
  /** Workload clusters, once Argo CD's access is applied: the issuer URL or role ARN it trusts. */
  readonly argocdTrusts?: string;
  /** EKS management cluster with EKS workloads. */
  readonly argocdControllerRoleArn?: string;
  /** GKE workload clusters, once Argo CD's access is applied. */
  readonly gcpProjectNumber?: string;
  /**
   * Every output of the stack by name (the `value` of each entry), including those add-ons declare
   * in the cluster's stack (`lib/addons`). Read them with `stringOutput`. @default none
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** Output values of any stack by name: the `value` of each entry of `terraform output -json`. */
export type StackOutputValues = Readonly<Record<string, unknown>>;

/** The values of `terraform output -json` (`{ "name": { "value": … } }`), or a problem located at `file`. */
export function parseStackOutputs(json: unknown, file: string): StackOutputValues | Problem[] {
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (!record) return [{ path: file, message: 'not the JSON object `terraform output -json` prints', given: typeof json }];
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(record)) {
    if (typeof entry !== 'object' || entry === null || !('value' in entry)) {
      problems.push({ path: `${file}: ${name}`, message: 'not an output entry', given: JSON.stringify(entry) ?? 'nothing', allowed: '{ "value": …, "type": …, "sensitive": … }' });
    } else values[name] = (entry as { value: unknown }).value;
  }
  return problems.length > 0 ? problems : values;
}

/**
 * A non-empty string output, or undefined when the stack does not (yet) have it. A value of the
 * wrong shape is a problem at `<file>: <name>.value`, so a broken handoff is never read as pending.
 */
export function stringOutput(values: StackOutputValues | undefined, name: string, file: string, problems: Problem[], pattern?: { readonly test: RegExp; readonly allowed: string }): string | undefined {
  if (!values || !(name in values)) return undefined;
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '' || (pattern && !pattern.test.test(value))) {
    problems.push({ path: `${file}: ${name}.value`, message: 'not the Terraform output expected here', given: JSON.stringify(value) ?? 'nothing', allowed: pattern?.allowed ?? 'a non-empty string' });
    return undefined;
  }
  return value;
}

/**
 * Parses the JSON of `terraform output -json` (`{ "name": { "value": …, "type": …, "sensitive": … } }`).
 * Returns problems (located at `file`) when a required output is missing or not a non-empty string.
 */
export function parseTerraformOutputs(json: unknown, file: string): ClusterOutputs | Problem[] {
  const problems: Problem[] = [];
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (!record) return [{ path: file, message: 'not the JSON object `terraform output -json` prints', given: typeof json }];
  const read = (name: string, required: boolean): string | undefined => {
    const entry = record[name];
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (typeof value === 'string' && value.trim().length > 0) return value;
    if (required || entry !== undefined) {
      problems.push({ path: `${file}: ${name}.value`, message: 'missing or empty Terraform output', given: JSON.stringify(value) ?? 'nothing', allowed: 'a non-empty string' });
    }
    return undefined;
  };
  const outputs = {
    clusterName: read(TERRAFORM_OUTPUT.clusterName, true),
    endpoint: read(TERRAFORM_OUTPUT.endpoint, true),
    caCertificate: read(TERRAFORM_OUTPUT.caCertificate, true),
    oidcIssuer: read(TERRAFORM_OUTPUT.oidcIssuer, true),
    argocdIdentity: read(TERRAFORM_OUTPUT.argocdIdentity, false),
    tenantId: read(TERRAFORM_OUTPUT.tenantId, false),
    argocdTrusts: read(TERRAFORM_OUTPUT.argocdTrusts, false),
    argocdControllerRoleArn: read(TERRAFORM_OUTPUT.argocdControllerRoleArn, false),
    gcpProjectNumber: read(TERRAFORM_OUTPUT.gcpProjectNumber, false),
  };
  const shaped: [keyof typeof outputs, string, RegExp, string][] = [
    ['argocdControllerRoleArn', TERRAFORM_OUTPUT.argocdControllerRoleArn, /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN'],
    ['gcpProjectNumber', TERRAFORM_OUTPUT.gcpProjectNumber, /^\d{1,20}$/, 'a GCP project number (digits)'],
    ['argocdTrusts', TERRAFORM_OUTPUT.argocdTrusts, /^(https:\/\/\S+|arn:aws[a-z-]*:iam::\d{12}:role\/\S+)$/, 'an issuer URL or an IAM role ARN'],
  ];
  for (const [field, name, pattern, allowed] of shaped) {
    const value = outputs[field];
    if (value !== undefined && !pattern.test(value)) problems.push({ path: `${file}: ${name}.value`, message: 'not the Terraform output expected here', given: JSON.stringify(value), allowed });
  }
  if (outputs.endpoint && !/^https:\/\/\S+$/.test(outputs.endpoint)) {
    problems.push({ path: `${file}: ${TERRAFORM_OUTPUT.endpoint}.value`, message: 'the cluster endpoint must be an https URL', given: outputs.endpoint, allowed: 'https://…' });
  }
  if (problems.length > 0) return problems;
  return {
    clusterName: outputs.clusterName!,
    endpoint: outputs.endpoint!,
    caCertificate: outputs.caCertificate!,
    oidcIssuer: outputs.oidcIssuer!,
    ...(outputs.argocdIdentity ? { argocdIdentity: outputs.argocdIdentity } : {}),
    ...(outputs.tenantId ? { tenantId: outputs.tenantId } : {}),
    ...(outputs.argocdTrusts ? { argocdTrusts: outputs.argocdTrusts } : {}),
    ...(outputs.argocdControllerRoleArn ? { argocdControllerRoleArn: outputs.argocdControllerRoleArn } : {}),
    ...(outputs.gcpProjectNumber ? { gcpProjectNumber: outputs.gcpProjectNumber } : {}),
    values: Object.fromEntries(Object.entries(record).map(([name, entry]) => [name, typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined])),
  };
}
