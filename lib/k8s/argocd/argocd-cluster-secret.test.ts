import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { ArgoCdClusterSecret, ArgoCdClusterSecretProps } from './argocd-cluster-secret';

const base = { server: 'https://ABC.gr7.us-west-2.eks.amazonaws.com', caData: 'Q0E=', labels: { env: 'prod' } };
const secret = (props: Partial<ArgoCdClusterSecretProps>) => synthChart((c) => new ArgoCdClusterSecret(c, 's', { clusterName: 'aws-prod', auth: { type: 'gke' }, ...base, ...props }))[0];

describe('ArgoCdClusterSecret', () => {
  test('is a declarative cluster registration with the generator labels', () => {
    const s = secret({ auth: { type: 'eks', clusterName: 'aws-prod', roleArn: 'arn:aws:iam::111122223333:role/aws-prod-argocd' } });
    expect(s.metadata).toEqual({ name: 'cluster-aws-prod', namespace: 'argocd', labels: { env: 'prod', 'argocd.argoproj.io/secret-type': 'cluster' } });
    expect(s.stringData.name).toBe('aws-prod');
    expect(s.stringData.server).toBe(base.server);
    expect(s).toMatchSnapshot();
  });

  test('EKS: awsAuthConfig with cluster name and IAM role, no token', () => {
    const config = JSON.parse(secret({ auth: { type: 'eks', clusterName: 'aws-prod', roleArn: 'arn:aws:iam::111122223333:role/aws-prod-argocd' } }).stringData.config);
    expect(config).toEqual({ awsAuthConfig: { clusterName: 'aws-prod', roleARN: 'arn:aws:iam::111122223333:role/aws-prod-argocd' }, tlsClientConfig: { insecure: false, caData: 'Q0E=' } });
  });

  test('EKS through a profile of Argo CD\'s AWS config file (management cluster not on EKS): no role to chain into', () => {
    const config = JSON.parse(secret({ auth: { type: 'eks', clusterName: 'aws-prod', profile: 'aws-prod' } }).stringData.config);
    expect(config.awsAuthConfig).toEqual({ clusterName: 'aws-prod', profile: 'aws-prod' });
  });

  test('GKE with a credential-configuration file: the exec plugin gets GOOGLE_APPLICATION_CREDENTIALS', () => {
    const config = JSON.parse(secret({ clusterName: 'gcp-prod', auth: { type: 'gke', credentialsFile: '/var/run/secrets/fleetsynth/gcp-gcp-prod.json' } }).stringData.config);
    expect(config.execProviderConfig.env).toEqual({ GOOGLE_APPLICATION_CREDENTIALS: '/var/run/secrets/fleetsynth/gcp-gcp-prod.json' });
  });

  test('AKS with the token file Argo CD\'s pods mount', () => {
    const auth = { type: 'aks' as const, clientId: '22222222-2222-2222-2222-222222222222', tenantId: '00000000-0000-0000-0000-000000000000', federatedTokenFile: '/var/run/secrets/fleetsynth/azure-token' };
    expect(JSON.parse(secret({ clusterName: 'azure-prod', auth }).stringData.config).execProviderConfig.env.AZURE_FEDERATED_TOKEN_FILE).toBe('/var/run/secrets/fleetsynth/azure-token');
  });

  test('GKE: argocd-k8s-auth gcp', () => {
    const config = JSON.parse(secret({ clusterName: 'gcp-prod' }).stringData.config);
    expect(config.execProviderConfig).toEqual({ command: 'argocd-k8s-auth', args: ['gcp'], apiVersion: 'client.authentication.k8s.io/v1beta1' });
  });

  test('AKS: argocd-k8s-auth azure with workload identity', () => {
    const config = JSON.parse(secret({ clusterName: 'azure-prod', auth: { type: 'aks', clientId: '22222222-2222-2222-2222-222222222222', tenantId: '00000000-0000-0000-0000-000000000000' } }).stringData.config);
    expect(config.execProviderConfig.args).toEqual(['azure']);
    expect(config.execProviderConfig.env).toMatchObject({ AAD_LOGIN_METHOD: 'workloadidentity', AZURE_CLIENT_ID: '22222222-2222-2222-2222-222222222222' });
  });

  test('never carries a bearer token, password or key', () => {
    for (const auth of [{ type: 'gke' as const }, { type: 'eks' as const, clusterName: 'x', roleArn: 'arn:aws:iam::111122223333:role/x' }]) {
      expect(secret({ auth }).stringData.config).not.toMatch(/bearerToken|password|keyData|certData/);
    }
  });

  test.each<[string, Partial<ArgoCdClusterSecretProps>, string]>([
    ['the server is not https', { server: 'http://x' }, 'ArgoCdClusterSecret[aws-prod].server'],
    ['the CA is not base64', { caData: '-----BEGIN CERTIFICATE-----' }, 'ArgoCdClusterSecret[aws-prod].caData'],
    ['the EKS role is not an IAM role ARN', { auth: { type: 'eks', clusterName: 'aws-prod', roleArn: 'aws-prod-argocd' } }, 'ArgoCdClusterSecret[aws-prod].auth.roleArn'],
    ['EKS has both a role and a profile', { auth: { type: 'eks', clusterName: 'aws-prod', roleArn: 'arn:aws:iam::111122223333:role/x', profile: 'x' } }, 'ArgoCdClusterSecret[aws-prod].auth'],
    ['EKS has neither a role nor a profile', { auth: { type: 'eks', clusterName: 'aws-prod' } }, 'ArgoCdClusterSecret[aws-prod].auth'],
    ['the GKE credentials file is not an absolute path', { auth: { type: 'gke', credentialsFile: 'gcp.json' } }, 'ArgoCdClusterSecret[aws-prod].auth.credentialsFile'],
    ['the AKS client id is not a GUID', { auth: { type: 'aks', clientId: 'me', tenantId: '00000000-0000-0000-0000-000000000000' } }, 'ArgoCdClusterSecret[aws-prod].auth.clientId'],
  ])('fails when %s', (_, change, path) => {
    expect(problemPaths(() => secret(change))).toContain(path);
  });
});
