import { Testing } from '../cdktf';
import { AwsProvider } from '../providers/aws';
import { AzurermProvider } from '../providers/azurerm';
import { ContainerCluster, GoogleProvider } from '../providers/google';
import { AksArgoCdAccess, AwsArgoCdOidcProvider, EksArgoCdAccess, EksArgoCdController } from '.';
import { GkeArgoCdAccess } from './gcp';

// Each construct in any user's cdktf stack, without the fleet (cdktf's own Testing helpers).
const SUBJECTS = ['system:serviceaccount:argocd:argocd-application-controller', 'system:serviceaccount:argocd:argocd-server'];
const oidc = (audience: string) => ({ kind: 'oidc' as const, issuer: 'https://hub.example.com/issuer', audience, subjects: SUBJECTS });
const parsed = (fn: Parameters<typeof Testing.synthScope>[0]) => JSON.parse(Testing.synthScope(fn));
const all = (tf: any, kind: 'resource' | 'data', type: string): any[] => Object.values(tf[kind]?.[type] ?? {});

describe('lib/infra/argocd-access constructs on their own', () => {
  test('EksArgoCdAccess trusting a management role: that role\'s account as principal, its ARN as condition; cluster admin', () => {
    const tf = parsed((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      new EksArgoCdAccess(scope, 'access', { clusterName: 'demo', roleName: 'demo-argocd', trust: { kind: 'management-role', roleArn: 'arn:aws:iam::444455556666:role/hub-argocd-controller' } });
    });
    const [role] = all(tf, 'resource', 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toEqual({
      Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/hub-argocd-controller' } },
    });
    expect(all(tf, 'resource', 'aws_eks_access_policy_association')[0]).toMatchObject({ access_scope: { type: 'cluster' }, policy_arn: expect.stringMatching(/AmazonEKSClusterAdminPolicy$/) });
  });

  test('EksArgoCdAccess trusting an issuer: web identity through the account\'s provider for that issuer', () => {
    const tf = parsed((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      new EksArgoCdAccess(scope, 'access', { clusterName: 'demo', roleName: 'demo-argocd', trust: oidc('sts.amazonaws.com') });
    });
    expect(all(tf, 'data', 'aws_iam_openid_connect_provider')[0].url).toBe('https://hub.example.com/issuer');
    expect(all(tf, 'data', 'aws_iam_policy_document')[0].statement[0].condition.map((c: any) => c.values)).toEqual([['sts.amazonaws.com'], SUBJECTS]);
  });

  test('EksArgoCdController may assume exactly the roles it is given; AwsArgoCdOidcProvider', () => {
    const tf = parsed((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      new EksArgoCdController(scope, 'controller', { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/X', oidcProviderArn: 'arn:aws:iam::1:oidc-provider/x', role: { roleName: 'hub-argocd-controller', assumableRoles: [{ accountId: '111122223333', roleName: 'a-argocd' }] } });
      new AwsArgoCdOidcProvider(scope, 'provider', { issuer: 'https://hub.example.com/issuer' });
    });
    expect(JSON.parse(all(tf, 'resource', 'aws_iam_role_policy')[0].policy).Statement[0].Resource).toEqual([expect.stringMatching(/:iam::111122223333:role\/a-argocd$/)]);
    expect(all(tf, 'resource', 'aws_iam_openid_connect_provider')[0]).toEqual(expect.objectContaining({ url: 'https://hub.example.com/issuer', client_id_list: ['sts.amazonaws.com'] }));
  });

  test('GkeArgoCdAccess: pool, provider, workload identity users, cluster viewer, RBAC binding', () => {
    const tf = parsed((scope) => {
      new GoogleProvider(scope, 'google', { project: 'demo-project', region: 'europe-west4' });
      const cluster = new ContainerCluster(scope, 'cluster', { name: 'demo', location: 'europe-west4' });
      new GkeArgoCdAccess(scope, 'access', { clusterName: 'demo', project: 'demo-project', cluster, serviceAccountId: 'demo-argocd', poolId: 'argocd-demo', providerId: 'management-cluster', trust: oidc('sts.googleapis.com') });
    });
    expect(all(tf, 'resource', 'google_iam_workload_identity_pool_provider')[0]).toMatchObject({ oidc: { issuer_uri: 'https://hub.example.com/issuer', allowed_audiences: ['sts.googleapis.com'] } });
    expect(all(tf, 'resource', 'google_project_iam_member').map((m) => m.role)).toEqual(['roles/container.clusterViewer']);
    expect(all(tf, 'resource', 'google_service_account_iam_member')).toHaveLength(2);
    expect(all(tf, 'resource', 'kubernetes_cluster_role_binding_v1')[0].role_ref.name).toBe('cluster-admin');
  });

  test('AksArgoCdAccess: federated credentials one after the other', () => {
    const tf = parsed((scope) => {
      new AzurermProvider(scope, 'azurerm', { features: [{}] });
      new AksArgoCdAccess(scope, 'access', { clusterId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/demo', resourceGroupName: 'rg', location: 'westeurope', identityName: 'demo-argocd', trust: oidc('api://AzureADTokenExchange') });
    });
    const credentials = all(tf, 'resource', 'azurerm_federated_identity_credential');
    expect(credentials.map((c) => c.subject)).toEqual(SUBJECTS);
    expect(credentials[0].depends_on).toBeUndefined();
    expect(credentials[1].depends_on).toEqual([expect.stringMatching(/^azurerm_federated_identity_credential\./)]);
  });
});
