import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ARGOCD_AWS_CONFIG_FILE,
  ARGOCD_CLOUD_IDENTITY_CONFIGMAP,
  ARGOCD_IDENTITY_MOUNT,
  ARGOCD_NAMESPACE,
  ARGOCD_TOKEN_AUDIENCE,
  ARGOCD_TOKEN_EXPIRATION_SECONDS,
  ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID,
  ArgoCdAccessOutputs,
  argocdAwsProfileName,
  argocdControllerRole,
  argocdGcpCredentialFile,
  ArgoCdRegistration,
  argocdRegistration,
  argocdTokenFile,
  argocdTokenPath,
  argocdWorkloadIdentityPoolId,
  Cloud,
  ClusterOutputs,
  HeldBack,
  HelmValues,
  managementOf,
  ResolvedCluster,
  ResolvedFleet,
  stackName,
  TERRAFORM_OUTPUT,
  usesManagementRole,
} from '../../fleet';
import { ClusterAuth } from './argocd-cluster-secret';
import { syncWaveMetadata } from './sync-wave';

/*
 * What Argo CD's own pods need to reach every workload cluster: Helm values for the application
 * controller and the server (the two components that connect to clusters: lib/fleet/names.ts
 * ARGOCD_SERVICE_ACCOUNTS), the ConfigMap of per-cluster credential files they mount, and each
 * registration's authentication. Everything comes from lib/fleet/argocd-access.ts, as the Terraform
 * side does, so the token audience and path, the profile, the credential file and the identity
 * agree with what the workload stack trusts.
 *
 * The pod spec depends only on which clouds the workload clusters are on: one projected token per
 * target cloud, and the ConfigMap mounted whole (optional, so Argo CD starts before it exists). A new
 * cluster adds a file to the ConfigMap, which the kubelet updates in place: no Argo CD restart.
 */

/** Argo CD's chart keys of the components that connect to clusters (argo-helm charts/argo-cd/values.yaml). */
const COMPONENTS = ['controller', 'server'] as const;
/** The volume in Argo CD's pods that holds the projected tokens and the ConfigMap's files. */
export const ARGOCD_IDENTITY_VOLUME = 'fleetsynth-cloud-identity';
/** IRSA: the service-account annotation the EKS Pod Identity Webhook reads (docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html). */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** The same ARN on the pods: the webhook injects credentials at pod creation only, so a new ARN must roll them. */
export const IRSA_POD_ANNOTATION = 'fleetsynth.io/aws-role-arn';

export interface ArgoCdIdentity {
  /** Helm values for Argo CD (merge them with `argoCdHelmValues({ extra })`). */
  readonly values: HelmValues;
  /** Files of the ConfigMap `argocd-cloud-identity`, by key (registered clusters' and those whose trust changed); empty when none needs one. */
  readonly files: Readonly<Record<string, string>>;
  /** How Argo CD authenticates to each registered workload cluster, by name. */
  readonly auth: ReadonlyMap<string, ClusterAuth>;
  /** Workload clusters Argo CD can reach now, by name (the others are in `heldBack`). */
  readonly registered: ReadonlyMap<string, Extract<ArgoCdRegistration, { ready: true }>>;
  readonly heldBack: readonly HeldBack[];
}

/** Argo CD's identity for the whole fleet, from the fleet and the Terraform outputs read so far. */
export function argoCdIdentity(fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>): ArgoCdIdentity {
  const management = managementOf(fleet);
  const workloads = fleet.clusters.filter((c) => c.role === 'workload');
  const heldBack: HeldBack[] = [];
  const registered = new Map<string, Extract<ArgoCdRegistration, { ready: true }>>();
  // Whose credential file Argo CD's pods mount: every registered cluster, and one whose trust changed,
  // whose registration synth keeps from before (lib/synth/registration-guard.ts) and still names it.
  const applied = new Map<string, ArgoCdAccessOutputs>();
  for (const c of workloads) {
    const r = argocdRegistration(fleet, outputs, c);
    if (r.ready) registered.set(c.name, r);
    else heldBack.push(r.heldBack);
    const own = r.ready ? r.outputs : r.trustChanged?.outputs;
    if (own) applied.set(c.name, own);
  }

  // One projected token per target cloud, except EKS from EKS (IRSA injects its own token).
  const tokenClouds = [...new Set(workloads.filter((c) => !usesManagementRole(management, c)).map((c) => c.cloud))].sort();
  const awsByProfile = workloads.some((c) => c.cloud === 'aws' && !usesManagementRole(management, c));
  const needsFiles = awsByProfile || workloads.some((c) => c.cloud === 'gcp');
  const sources = [
    ...tokenClouds.map((cloud) => ({ serviceAccountToken: { audience: ARGOCD_TOKEN_AUDIENCE[cloud], expirationSeconds: ARGOCD_TOKEN_EXPIRATION_SECONDS, path: argocdTokenFile(cloud) } })),
    ...(needsFiles ? [{ configMap: { name: ARGOCD_CLOUD_IDENTITY_CONFIGMAP, optional: true } }] : []),
  ];

  const component: Record<string, unknown> = {};
  if (sources.length > 0) {
    component.volumes = [{ name: ARGOCD_IDENTITY_VOLUME, projected: { sources } }];
    component.volumeMounts = [{ name: ARGOCD_IDENTITY_VOLUME, mountPath: ARGOCD_IDENTITY_MOUNT, readOnly: true }];
  }
  // awsAuthConfig has no env of its own: argocd-k8s-auth inherits the container's, and the AWS SDK reads profiles from AWS_CONFIG_FILE.
  if (awsByProfile) component.env = [{ name: 'AWS_CONFIG_FILE', value: `${ARGOCD_IDENTITY_MOUNT}/${ARGOCD_AWS_CONFIG_FILE}` }];
  if (argocdControllerRole(fleet)) {
    const roleArn = outputs.get(management.name)?.argocdControllerRoleArn;
    if (roleArn) {
      component.serviceAccount = { annotations: { [IRSA_ROLE_ANNOTATION]: roleArn } };
      component.podAnnotations = { [IRSA_POD_ANNOTATION]: roleArn };
    } else {
      heldBack.push({
        subject: 'argocd',
        what: `the IRSA role of Argo CD's application controller and server (service-account annotation ${IRSA_ROLE_ANNOTATION})`,
        waitingFor: `the Terraform outputs of the management cluster (stack ${stackName(management)}): ${TERRAFORM_OUTPUT.argocdControllerRoleArn}`,
      });
    }
  }
  const values: HelmValues = Object.keys(component).length > 0 ? Object.fromEntries(COMPONENTS.map((k) => [k, structuredClone(component)])) : {};

  const files: Record<string, string> = {};
  const auth = new Map<string, ClusterAuth>();
  const awsProfiles: string[] = [];
  for (const c of workloads) {
    const r = registered.get(c.name);
    if (r) auth.set(c.name, clusterAuthOf(management, c, r));
    const own = applied.get(c.name);
    if (!own) continue;
    if (c.cloud === 'aws' && !usesManagementRole(management, c)) awsProfiles.push(awsProfile(c, own.argocdIdentity));
    if (c.cloud === 'gcp') files[argocdGcpCredentialFile(c)] = `${JSON.stringify(gcpCredentialConfig(c, own.gcpProjectNumber!, own.argocdIdentity), null, 2)}\n`;
  }
  if (awsProfiles.length > 0) files[ARGOCD_AWS_CONFIG_FILE] = awsProfiles.join('\n');
  return { values, files, auth, registered, heldBack };
}

/**
 * A profile of the AWS shared config file: web identity straight into the cluster's role with the
 * projected token (AWS SDKs and Tools reference guide, "Assume role credential provider":
 * `role_arn` + `web_identity_token_file`; aws-sdk-go-v2 config/shared_config.go), in the cluster's
 * region for STS (the SDK has no global default region).
 */
function awsProfile(cluster: ResolvedCluster, roleArn: string): string {
  return [
    `[profile ${argocdAwsProfileName(cluster)}]`,
    `role_arn = ${roleArn}`,
    `web_identity_token_file = ${argocdTokenPath('aws')}`,
    'role_session_name = argocd',
    `region = ${cluster.region}`,
    '',
  ].join('\n');
}

/** The workload identity federation audience: the pool provider's full resource name, with the project number. */
export function gcpProviderAudience(cluster: Pick<ResolvedCluster, 'name'>, projectNumber: string): string {
  return `//iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/${argocdWorkloadIdentityPoolId(cluster)}/providers/${ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID}`;
}

/**
 * A credential-configuration file (`external_account`, as `gcloud iam workload-identity-pools
 * create-cred-config --credential-source-file` writes it): exchange the projected token at Google STS,
 * then impersonate the cluster's service account. `argocd-k8s-auth gcp` finds it through
 * GOOGLE_APPLICATION_CREDENTIALS (golang.org/x/oauth2/google FindDefaultCredentials).
 */
export function gcpCredentialConfig(cluster: Pick<ResolvedCluster, 'name'>, projectNumber: string, serviceAccountEmail: string): Record<string, unknown> {
  return {
    type: 'external_account',
    audience: gcpProviderAudience(cluster, projectNumber),
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: 'https://sts.googleapis.com/v1/token',
    service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${serviceAccountEmail}:generateAccessToken`,
    credential_source: { file: argocdTokenPath('gcp'), format: { type: 'text' } },
  };
}

/** How the registration of one reachable workload cluster authenticates. */
function clusterAuthOf(management: Pick<ResolvedCluster, 'cloud'>, cluster: ResolvedCluster, r: Extract<ArgoCdRegistration, { ready: true }>): ClusterAuth {
  const cloud: Cloud = cluster.cloud;
  switch (cloud) {
    case 'aws':
      return usesManagementRole(management, cluster)
        ? { type: 'eks', clusterName: cluster.name, roleArn: r.outputs.argocdIdentity }
        : { type: 'eks', clusterName: cluster.name, profile: argocdAwsProfileName(cluster) };
    case 'gcp':
      return { type: 'gke', credentialsFile: `${ARGOCD_IDENTITY_MOUNT}/${argocdGcpCredentialFile(cluster)}` };
    case 'azure':
      return { type: 'aks', clientId: r.outputs.argocdIdentity, tenantId: r.outputs.tenantId ?? '', federatedTokenFile: argocdTokenPath('azure') };
  }
}

export interface ArgoCdCloudIdentityConfigMapProps {
  /** File name to content. */
  readonly files: Readonly<Record<string, string>>;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** @default none */
  readonly syncWave?: number;
}

/** The ConfigMap `argocd-cloud-identity`: per-cluster credential files, no secret (role ARNs, audiences, token paths). */
export class ArgoCdCloudIdentityConfigMap extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdCloudIdentityConfigMapProps) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ARGOCD_CLOUD_IDENTITY_CONFIGMAP, namespace: props.namespace ?? ARGOCD_NAMESPACE, ...syncWaveMetadata(props.syncWave) },
      data: Object.fromEntries(Object.entries(props.files).sort(([a], [b]) => (a < b ? -1 : 1))),
    });
  }
}
