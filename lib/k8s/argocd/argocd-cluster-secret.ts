import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../props-check';
import { syncWaveMetadata } from './sync-wave';

/**
 * EKS: `argocd-k8s-auth aws` (run by Argo CD for `awsAuthConfig`, argo-cd pkg/apis/application/v1alpha1/types.go
 * `RawRestConfig`) signs an STS request for the cluster; no token is stored. Give exactly one of
 * `roleArn` (assumed from the pod's own AWS credentials, e.g. IRSA) or `profile` (a profile of the
 * pod's AWS config file, e.g. web identity into the cluster's role).
 */
export interface EksClusterAuth {
  readonly type: 'eks';
  readonly clusterName: string;
  /** @default none: use `profile` */
  readonly roleArn?: string;
  /** @default none: use `roleArn` */
  readonly profile?: string;
}

/** GKE: `argocd-k8s-auth gcp` with Google application default credentials. */
export interface GkeClusterAuth {
  readonly type: 'gke';
  /**
   * GOOGLE_APPLICATION_CREDENTIALS for the exec plugin: a credential-configuration file naming this
   * cluster's service account. Argo CD passes `execProviderConfig.env` to the plugin (types.go `RawRestConfig`).
   * @default none: the pod's own default credentials
   */
  readonly credentialsFile?: string;
}

/** AKS: `argocd-k8s-auth azure` with Entra workload identity, as this client id in this tenant. */
export interface AksClusterAuth {
  readonly type: 'aks';
  readonly clientId: string;
  readonly tenantId: string;
  /**
   * The projected service-account token (audience `api://AzureADTokenExchange`) in Argo CD's pods.
   * @default '/var/run/secrets/azure/tokens/azure-identity-token' (where the AKS workload identity webhook mounts it)
   */
  readonly federatedTokenFile?: string;
}

export type ClusterAuth = EksClusterAuth | GkeClusterAuth | AksClusterAuth;

export interface ArgoCdClusterSecretProps {
  /** The cluster's name in Argo CD (destinations refer to it). */
  readonly clusterName: string;
  /** API server URL. */
  readonly server: string;
  /** Base64 PEM of the cluster CA. */
  readonly caData: string;
  readonly auth: ClusterAuth;
  /** Labels ApplicationSet generators select on. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** @default none */
  readonly syncWave?: number;
}

const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/** The `config` JSON of a declarative Argo CD cluster Secret: identity-based, never a static token. */
export function clusterConfig(auth: ClusterAuth, caData: string): Record<string, unknown> {
  const tlsClientConfig = { insecure: false, caData };
  switch (auth.type) {
    case 'eks':
      return { awsAuthConfig: { clusterName: auth.clusterName, ...(auth.roleArn ? { roleARN: auth.roleArn } : {}), ...(auth.profile ? { profile: auth.profile } : {}) }, tlsClientConfig };
    case 'gke':
      return {
        execProviderConfig: {
          command: 'argocd-k8s-auth',
          args: ['gcp'],
          apiVersion: EXEC_API_VERSION,
          ...(auth.credentialsFile ? { env: { GOOGLE_APPLICATION_CREDENTIALS: auth.credentialsFile } } : {}),
        },
        tlsClientConfig,
      };
    case 'aks':
      return {
        execProviderConfig: {
          command: 'argocd-k8s-auth',
          args: ['azure'],
          apiVersion: EXEC_API_VERSION,
          env: {
            AAD_ENVIRONMENT_NAME: 'AzurePublicCloud',
            AAD_LOGIN_METHOD: 'workloadidentity',
            AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
            AZURE_CLIENT_ID: auth.clientId,
            AZURE_FEDERATED_TOKEN_FILE: auth.federatedTokenFile ?? '/var/run/secrets/azure/tokens/azure-identity-token',
            AZURE_TENANT_ID: auth.tenantId,
          },
        },
        tlsClientConfig,
      };
  }
}

/** A declarative Argo CD cluster registration (`argocd.argoproj.io/secret-type: cluster`). */
export class ArgoCdClusterSecret extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdClusterSecretProps) {
    super(scope, id);
    const check = new PropsCheck(`ArgoCdClusterSecret[${props.clusterName}]`);
    check.name('clusterName', props.clusterName, 'label');
    check.check('server', /^https:\/\/\S+$/.test(props.server ?? ''), 'must be an https URL', props.server, 'the cluster API endpoint, https://…');
    check.check('caData', /^[A-Za-z0-9+/]+={0,2}$/.test(props.caData ?? ''), 'must be base64', props.caData, 'the base64 PEM Terraform outputs as cluster_ca_certificate');
    if (props.auth?.type === 'eks') {
      const { roleArn, profile } = props.auth;
      check.check('auth', (roleArn === undefined) !== (profile === undefined), 'needs exactly one of roleArn and profile', props.auth, '{ roleArn } or { profile }');
      if (roleArn !== undefined) check.check('auth.roleArn', /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(roleArn), 'must be an IAM role ARN', roleArn, 'arn:aws:iam::<account>:role/<name>');
      // A profile name is a section name of the AWS config file: no spaces or brackets.
      if (profile !== undefined) check.check('auth.profile', /^[A-Za-z0-9_.-]+$/.test(profile), 'must be an AWS config profile name', profile, 'letters, digits, ".", "_" and "-"');
    }
    if (props.auth?.type === 'gke' && props.auth.credentialsFile !== undefined) {
      check.check('auth.credentialsFile', /^\/\S+$/.test(props.auth.credentialsFile), 'must be an absolute path', props.auth.credentialsFile, 'a file in Argo CD\'s pods, e.g. /var/run/secrets/fleetsynth/gcp-<cluster>.json');
    }
    if (props.auth?.type === 'aks') {
      check.check('auth.clientId', /^[0-9a-f-]{36}$/.test(props.auth.clientId), 'must be a client id (GUID)', props.auth.clientId, 'the argocd_identity output');
      check.check('auth.tenantId', /^[0-9a-f-]{36}$/.test(props.auth.tenantId), 'must be a tenant id (GUID)', props.auth.tenantId, 'the tenant_id output');
    }
    check.check('auth.type', ['eks', 'gke', 'aks'].includes(props.auth?.type), 'unknown cluster auth', props.auth?.type, '"eks", "gke" or "aks"');
    check.done();
    new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: `cluster-${props.clusterName}`,
        namespace: props.namespace ?? 'argocd',
        labels: { ...props.labels, 'argocd.argoproj.io/secret-type': 'cluster' },
        ...syncWaveMetadata(props.syncWave),
      },
      type: 'Opaque',
      stringData: { name: props.clusterName, server: props.server, config: JSON.stringify(clusterConfig(props.auth, props.caData)) },
    });
  }
}
