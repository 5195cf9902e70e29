import { testCluster, testFleet } from '../../test/fleets';
import { fullFleet } from '../../test/fleet-fixture';
import { argocdOidcProviderStacks, argocdControllerRole } from './argocd-access';
import {
  ARGOCD_SERVICE_ACCOUNTS,
  ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID,
  argocdFederatedCredentialName,
  argocdOidcProviderStackName,
  argocdWorkloadIdentityPoolId,
  federatedCredentialNameProblem,
  workloadIdentityPoolIdProblem,
} from './names';
import { resolveFleet } from './resolve-fleet';
import { fleetProblems } from './validate-fleet';

const problemsAt = (f: unknown, path: string) => fleetProblems(f).filter((p) => p.path === path);

describe('ids Argo CD\'s access generates', () => {
  test('the example fleet\'s pool id is valid (the old gcp-prod-argocd was not: "gcp-" is reserved)', () => {
    expect(argocdWorkloadIdentityPoolId({ name: 'gcp-prod' })).toBe('argocd-gcp-prod');
    expect(workloadIdentityPoolIdProblem('argocd-gcp-prod')).toBeUndefined();
    expect(workloadIdentityPoolIdProblem('gcp-prod-argocd')).toMatch(/gcp-/);
    expect(workloadIdentityPoolIdProblem(ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID)).toBeUndefined();
    expect(fleetProblems(fullFleet())).toEqual([]);
  });

  test.each(['abcd', 'argocd-' + 'a'.repeat(25), 'x-9-y'])('pool id rule accepts %s', (id) => {
    expect(workloadIdentityPoolIdProblem(id)).toBeUndefined();
  });
  test.each([['abc', /4 to 32/], ['argocd-' + 'a'.repeat(26), /4 to 32/], ['Argocd_x', /lowercase/], ['gcp-cluster', /gcp-/]])('pool id rule refuses %s', (id, why) => {
    expect(workloadIdentityPoolIdProblem(id)).toMatch(why);
  });

  // GKE cluster names up to 23 characters fit every id (service account `<name>-argocd` <= 30, pool `argocd-<name>` <= 32).
  test.each(['g'.repeat(23), 'gcp-a-very-long-name-23', 'gcp-prod'])('a GKE workload cluster named %s has valid ids', (name) => {
    const f = testFleet('aws');
    f.clusters[2].name = name;
    expect(fleetProblems(f)).toEqual([]);
    expect(workloadIdentityPoolIdProblem(argocdWorkloadIdentityPoolId({ name }))).toBeUndefined();
  });
  test.each(['g'.repeat(26), 'gcp-' + 'x'.repeat(30), 'g'.repeat(40)])('fails when a GKE workload cluster named %s would name a pool id over 32 characters', (name) => {
    const f = testFleet('azure');
    f.clusters[2].name = name;
    expect(problemsAt(f, `clusters[${name}].name`).map((p) => p.message)).toContainEqual(expect.stringContaining('workload identity pool'));
  });

  test.each([...ARGOCD_SERVICE_ACCOUNTS.map(argocdFederatedCredentialName), 'a_b'])('federated credential name %s is valid', (name) => {
    expect(federatedCredentialNameProblem(name)).toBeUndefined();
  });
  test.each(['ab', '-argocd', 'argocd server', 'x'.repeat(121)])('federated credential name %j is refused', (name) => {
    expect(federatedCredentialNameProblem(name)).toBeDefined();
  });

  test('one federated credential per Argo CD service account: within the 20 an identity may have', () => {
    expect(ARGOCD_SERVICE_ACCOUNTS.length).toBeLessThanOrEqual(20);
    expect(new Set(ARGOCD_SERVICE_ACCOUNTS.map(argocdFederatedCredentialName)).size).toBe(ARGOCD_SERVICE_ACCOUNTS.length);
  });

  test.each(['aws', 'gcp', 'azure'] as const)('fails when an EKS workload cluster has no accountId (management on %s)', (m) => {
    const f = testFleet(m);
    delete f.clusters[1].accountId;
    expect(problemsAt(f, 'clusters[t-aws].accountId')).toHaveLength(1);
  });

  // IAM role names `<cluster>-argocd` (workload) and `<cluster>-argocd-controller` (management) fit 64 characters.
  test.each([['aws', 'a'.repeat(46)], ['aws', 'mgmt'], ['azure', 'a'.repeat(54)]] as const)('a management cluster on %s named %s has valid role names', (cloud, name) => {
    const f = testFleet(cloud);
    f.clusters[0].name = name;
    expect(fleetProblems(f)).toEqual([]);
  });
  test.each(['a'.repeat(47), 'a'.repeat(55), 'a'.repeat(63)])('fails when an EKS management cluster named %s would name a role over 64 characters', (name) => {
    const f = testFleet('aws');
    f.clusters[0].name = name;
    expect(problemsAt(f, `clusters[${name}].name`).map((p) => p.message)).toContainEqual(expect.stringContaining(`${name}-argocd-controller`));
  });

  test('fails when a cluster takes the name of an account\'s OIDC provider stack', () => {
    const f = testFleet('gcp');
    f.clusters[3].name = argocdOidcProviderStackName('100000000002');
    expect(problemsAt(f, 'clusters[argocd-oidc-100000000002].name')).toHaveLength(1);
  });
});

describe('who creates what', () => {
  test('EKS management: Argo CD\'s role may assume exactly the EKS workload roles, by account; no OIDC provider stack', () => {
    const f = testFleet('aws');
    f.clusters.push(testCluster('t-aws-2', 'aws', 5));
    const fleet = resolveFleet(f);
    expect(argocdControllerRole(fleet)).toEqual({ roleName: 't-mgmt-argocd-controller', assumableRoles: [{ accountId: '100000000002', roleName: 't-aws-argocd' }, { accountId: '100000000005', roleName: 't-aws-2-argocd' }] });
    expect(argocdOidcProviderStacks(fleet)).toEqual([]);
  });

  test('EKS management without EKS workloads: no Argo CD role at all', () => {
    const f = testFleet('aws');
    f.clusters = f.clusters.filter((c) => c.name !== 't-aws');
    expect(argocdControllerRole(resolveFleet(f))).toBeUndefined();
  });

  test('management elsewhere: one OIDC provider stack per AWS account, however many clusters share it', () => {
    const f = testFleet('azure');
    f.clusters.push({ ...testCluster('t-aws-2', 'aws', 5), accountId: '100000000002' }, testCluster('t-aws-3', 'aws', 6));
    const fleet = resolveFleet(f);
    expect(argocdOidcProviderStacks(fleet)).toEqual([
      { name: 'argocd-oidc-100000000002', accountId: '100000000002', region: 'eu-west-1', clusters: ['t-aws', 't-aws-2'] },
      { name: 'argocd-oidc-100000000006', accountId: '100000000006', region: 'eu-west-1', clusters: ['t-aws-3'] },
    ]);
    expect(argocdControllerRole(fleet)).toBeUndefined();
  });
});
