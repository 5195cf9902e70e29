import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../props-check';
import { syncWaveMetadata } from './sync-wave';

/** EKS: Argo CD assumes this IAM role (`argocd-k8s-auth aws` under the hood); no token is stored. */
export interface EksClusterAuth {
  readonly type: 'eks';
  readonly clusterName: string;
  readonly roleArn: string;
}

/** GKE: `argocd-k8s-auth gcp` with the Google credentials of Argo CD's pods (workload identity). */
export interface GkeClusterAuth {
  readonly type: 'gke';
}

/** AKS: `argocd-k8s-auth azure` with Entra workload identity, as this client id in this tenant. */
export interface AksClusterAuth {
  readonly type: 'aks';
  readonly clientId: string;
  readonly tenantId: string;
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
      return { awsAuthConfig: { clusterName: auth.clusterName, roleARN: auth.roleArn }, tlsClientConfig };
    case 'gke':
      return { execProviderConfig: { command: 'argocd-k8s-auth', args: ['gcp'], apiVersion: EXEC_API_VERSION }, tlsClientConfig };
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
            AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token',
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
    if (props.auth?.type === 'eks') check.check('auth.roleArn', /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(props.auth.roleArn), 'must be an IAM role ARN', props.auth.roleArn, 'arn:aws:iam::<account>:role/<name>');
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
