import { Cloud } from './cluster';
import { Problem, show } from './fleet-error';
import { invisibleCharacterProblem } from './invisible-characters';
import { holdsTerraformTemplate, terraformTemplateMessage } from './terraform-template';

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

/**
 * EKS clusters: the zones the control plane has its subnets in, comma-separated (lib/infra/eks-cluster.ts
 * `controlPlaneZones`): those it was created with. Absent from stacks applied before fleetsynth exported it.
 */
export const EKS_CONTROL_PLANE_ZONES_OUTPUT = 'eks_control_plane_zones';

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
  problems.push(...outputTextProblems(values, file));
  return problems.length > 0 ? problems : values;
}

/**
 * A problem per string of the values (or key of an object value) holding "${" or "%{". Synth copies
 * outputs into other stacks (the management cluster's issuer and role into every workload stack's
 * trust, the clusters' addresses into the interconnect and DNS stacks), and Terraform's JSON syntax
 * parses every string there as a template (hashicorp/terraform v1.11.4
 * website/docs/language/syntax/json.mdx, "Expression Mapping"): the pipeline's Terraform would
 * evaluate it (`${file("…")}` reads a file of the runner into a resource). No endpoint, address, ARN
 * or id Terraform reports holds one, so a file that does was not written by `terraform output -json`.
 * Nor does one hold an invisible character (a control, a bidirectional override, a zero-width space:
 * invisible-characters.ts, as for free text, so a multi-line value keeps its line breaks): outputs reach
 * dist/ (Argo CD's cluster secrets, the stacks' trust policies), and such a character comes from an edit.
 */
function outputTextProblems(values: StackOutputValues, file: string): Problem[] {
  const problems: Problem[] = [];
  const again = 'save the file again from `terraform output -json` of the stack';
  const visit = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      const invisible = invisibleCharacterProblem(value, true);
      if (holdsTerraformTemplate(value)) problems.push({ path: at, message: terraformTemplateMessage('copied into a stack, the pipeline\'s Terraform would evaluate it'), given: JSON.stringify(value), allowed: `no "\${" or "%{": ${again}` });
      else if (invisible) problems.push({ path: at, message: `${invisible}; terraform output -json writes none`, given: show(value), allowed: `visible characters only: ${again}` });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${at}[${i}]`));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        visit(key, `${at} key ${JSON.stringify(key)}`);
        visit(v, `${at}.${key}`);
      }
    }
  };
  for (const [name, value] of Object.entries(values)) visit(value, `${file}: ${name}.value`);
  return problems;
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
 * What opens an action in an External Secrets template (engine v2: Go's text/template with the
 * `--template-left-delimiter` default "{{", which the chart's install leaves as it is; external-secrets
 * helm-chart-2.9.0 runtime/template/v2/template.go). ESO parses `target.template.data`, `metadata.labels`
 * and `metadata.annotations` as templates (pkg/controllers/externalsecret/externalsecret_controller_template.go),
 * with sprig's functions and the ExternalSecret's data (a peer's reader token): a cluster's endpoint goes
 * into the kubeconfig of its peers' remote secrets (lib/addons/secrets/mesh-trust/istio-remote-secret.ts),
 * where "{{ .token }}" would put the token where the server is. Its CA is base64 and cannot hold one.
 */
const GO_TEMPLATE_ACTION = '{{';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The identity Argo CD reaches a workload cluster as, per cloud (see lib/infra's outputs and ArgoCdClusterSecret). */
const ARGOCD_IDENTITY: Record<Cloud, { readonly test: RegExp; readonly allowed: string }> = {
  aws: { test: /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, allowed: 'an IAM role ARN, arn:aws:iam::<account>:role/<name>' },
  gcp: { test: /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/, allowed: 'a service account email, <name>@<project>.iam.gserviceaccount.com' },
  azure: { test: GUID, allowed: 'a client id (GUID)' },
};

/**
 * Why a `cluster_ca_certificate` value is not what Argo CD should trust, or undefined: it must be the
 * base64 of PEM certificates and nothing else (a private key there would be copied into `caData`).
 */
export function caCertificateProblem(value: string): { message: string; given?: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return { message: 'not base64 (the clouds report the CA as base64 PEM)' };
  const pem = Buffer.from(value, 'base64').toString('utf8');
  // Never quote it back: whatever it is, it is not a certificate, and it may be a key.
  if (/PRIVATE KEY/.test(pem)) return { message: 'holds a private key, not a CA certificate: the wrong output was saved here', given: 'a private key (not shown)' };
  const blocks = [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)];
  if (blocks.length === 0 || blocks.some((b) => b[1] !== 'CERTIFICATE') || pem.replace(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g, '').trim() !== '') {
    return { message: 'not a PEM CA certificate (base64 of "-----BEGIN CERTIFICATE-----" blocks only)', given: 'base64 of something else (not shown)' };
  }
  return undefined;
}

/**
 * Parses the JSON of `terraform output -json` (`{ "name": { "value": …, "type": …, "sensitive": … } }`).
 * Returns problems (located at `file` and the output's name) when a required output is missing, or
 * when a value is not what its name says: the endpoint and OIDC issuer https URLs, the CA a PEM
 * certificate, the Argo CD identity the cloud's kind of identity (any of them when `cluster.cloud` is
 * not given), the tenant a GUID.
 */
type NamedOutput = Exclude<keyof ClusterOutputs, 'values'>;

/** The outputs ClusterOutputs names, each with its Terraform output and whether every cluster stack has it: what parsing reads and terraformOutputJson writes. */
const NAMED_OUTPUTS: readonly (readonly [NamedOutput, string, boolean])[] = [
  ['clusterName', TERRAFORM_OUTPUT.clusterName, true],
  ['endpoint', TERRAFORM_OUTPUT.endpoint, true],
  ['caCertificate', TERRAFORM_OUTPUT.caCertificate, true],
  ['oidcIssuer', TERRAFORM_OUTPUT.oidcIssuer, true],
  ['argocdIdentity', TERRAFORM_OUTPUT.argocdIdentity, false],
  ['tenantId', TERRAFORM_OUTPUT.tenantId, false],
  ['argocdTrusts', TERRAFORM_OUTPUT.argocdTrusts, false],
  ['argocdControllerRoleArn', TERRAFORM_OUTPUT.argocdControllerRoleArn, false],
  ['gcpProjectNumber', TERRAFORM_OUTPUT.gcpProjectNumber, false],
];

export function parseTerraformOutputs(json: unknown, file: string, cluster?: { readonly cloud: Cloud }): ClusterOutputs | Problem[] {
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
  const outputs = Object.fromEntries(NAMED_OUTPUTS.map(([field, name, required]) => [field, read(name, required)])) as Record<NamedOutput, string | undefined>;
  const at = (name: string) => `${file}: ${name}.value`;
  const shaped: [NamedOutput, string, RegExp, string][] = [
    ['argocdControllerRoleArn', TERRAFORM_OUTPUT.argocdControllerRoleArn, /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN'],
    ['gcpProjectNumber', TERRAFORM_OUTPUT.gcpProjectNumber, /^\d{1,20}$/, 'a GCP project number (digits)'],
    ['argocdTrusts', TERRAFORM_OUTPUT.argocdTrusts, /^(https:\/\/\S+|arn:aws[a-z-]*:iam::\d{12}:role\/\S+)$/, 'an issuer URL or an IAM role ARN'],
  ];
  for (const [field, name, pattern, allowed] of shaped) {
    const value = outputs[field];
    if (value !== undefined && !pattern.test(value)) problems.push({ path: `${file}: ${name}.value`, message: 'not the Terraform output expected here', given: JSON.stringify(value), allowed });
  }
  if (outputs.endpoint && !/^https:\/\/\S+$/.test(outputs.endpoint)) {
    problems.push({ path: at(TERRAFORM_OUTPUT.endpoint), message: 'the cluster endpoint must be an https URL', given: JSON.stringify(outputs.endpoint), allowed: 'https://…' });
  }
  if (outputs.endpoint?.includes(GO_TEMPLATE_ACTION)) {
    problems.push({ path: at(TERRAFORM_OUTPUT.endpoint), message: 'holds "{{": copied into the template of each mesh peer\'s remote secret (an ExternalSecret), External Secrets would evaluate it as a Go template', given: JSON.stringify(outputs.endpoint), allowed: 'no "{{": save the file again from `terraform output -json` of the stack' });
  }
  if (outputs.oidcIssuer && !/^https:\/\/\S+$/.test(outputs.oidcIssuer)) {
    problems.push({ path: at(TERRAFORM_OUTPUT.oidcIssuer), message: 'the OIDC issuer must be an https URL', given: JSON.stringify(outputs.oidcIssuer), allowed: 'https://…' });
  }
  const ca = outputs.caCertificate ? caCertificateProblem(outputs.caCertificate) : undefined;
  if (ca) problems.push({ path: at(TERRAFORM_OUTPUT.caCertificate), message: ca.message, given: ca.given ?? JSON.stringify(outputs.caCertificate), allowed: 'the base64 PEM CA certificate the stack outputs as cluster_ca_certificate' });
  const identities = cluster ? [ARGOCD_IDENTITY[cluster.cloud]] : Object.values(ARGOCD_IDENTITY);
  if (outputs.argocdIdentity && !identities.some((i) => i.test.test(outputs.argocdIdentity!))) {
    problems.push({ path: at(TERRAFORM_OUTPUT.argocdIdentity), message: 'not the identity Argo CD authenticates as', given: JSON.stringify(outputs.argocdIdentity), allowed: identities.map((i) => i.allowed).join(', or ') });
  }
  if (outputs.tenantId && !GUID.test(outputs.tenantId)) {
    problems.push({ path: at(TERRAFORM_OUTPUT.tenantId), message: 'not an Entra tenant id', given: JSON.stringify(outputs.tenantId), allowed: 'a GUID' });
  }
  const values = Object.fromEntries(Object.entries(record).map(([name, entry]) => [name, typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined]));
  problems.push(...outputTextProblems(values, file));
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
    values,
  };
}

/** The type `terraform output -json` prints beside a value: strings, lists of strings, and objects of those. */
const terraformType = (value: unknown): unknown =>
  Array.isArray(value) ? ['list', 'string'] : typeof value === 'object' && value !== null ? ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terraformType(v)]))] : 'string';

/** One output as `terraform output -json` prints it. */
const entry = (value: unknown) => ({ sensitive: false, type: terraformType(value), value });

/** What `terraform output -json` of a cluster's stack prints for these outputs: the inverse of parseTerraformOutputs (sample and bench outputs). */
export function terraformOutputJson(o: ClusterOutputs): Record<string, unknown> {
  const named: [string, unknown][] = [...NAMED_OUTPUTS.map(([field, name]): [string, unknown] => [name, o[field]]), ...Object.entries(o.values ?? {})];
  return Object.fromEntries(named.filter(([, v]) => v !== undefined).map(([k, v]) => [k, entry(v)]));
}

/** What `terraform output -json` of any other stack prints for these values: the inverse of parseStackOutputs. */
export function stackOutputJson(values: StackOutputValues): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [k, entry(v)]));
}
