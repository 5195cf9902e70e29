import { testCluster, testFleet } from '../../test/fleets';
import { CLOUD_NAME_RULES, CloudNameRuleId, cloudNameProblems, clusterCloudNames, gkeArgocdFederationCloudNames } from './cloud-names';
import { fleetProblems } from './validate-fleet';

/*
 * Every rule of the table, with names it must refuse and names it must accept. A refused name is
 * reported at the fleet field it was derived from, whatever that field is.
 */
const CASES: Record<CloudNameRuleId, { bad: string[]; good: string[] }> = {
  kubernetesLabelValue: { bad: ['x'.repeat(64), '-prod', 'prod_', 'a b'], good: ['', 'aws-prod', 'A.b_c-1'] },
  eksClusterName: { bad: ['x'.repeat(101), '-prod', 'aws.prod', ''], good: ['aws-prod', 'Prod_1', '1prod'] },
  eksNodeGroupName: { bad: ['x'.repeat(64), '_spot', 'spot pool', ''], good: ['spot', 'Spot_1', 'x'.repeat(63)] },
  iamRoleName: { bad: ['x'.repeat(65), 'role/name', 'role name', ''], good: ['aws-prod-cluster', 'a+b=c,d.e@f_g-h', 'x'.repeat(64)] },
  kmsAliasName: { bad: ['alias/aws/ebs', 'aws-prod-eks-secrets', 'alias/a.b', `alias/${'x'.repeat(251)}`], good: ['alias/aws-prod-eks-secrets', 'alias/a/b_c-d', 'alias/awsome'] },
  awsTagKey: { bad: ['aws:eks:cluster-name', `k8s.io/cluster-autoscaler/node-template/label/${'x'.repeat(83)}`, 'a#b', ''], good: ['k8s.io/cluster-autoscaler/node-template/label/node-role', 'Name', 'a:b/c=d+e-f@g'] },
  gkeClusterName: { bad: ['x'.repeat(41), '1prod', 'gcp_prod', 'prod-'], good: ['gcp-prod', 'g', 'x'.repeat(40)] },
  gkeNodePoolName: { bad: ['x'.repeat(41), 'Spot', 'spot-', '0spot'], good: ['spot', 's1', 'x'.repeat(40)] },
  gcpServiceAccountId: { bad: ['short', 'x'.repeat(31), 'gcp_prod_nodes', '1gcp-nodes'], good: ['gcp-prod-nodes', 'abcdef', 'x'.repeat(30)] },
  gcpWorkloadIdentityPoolId: { bad: ['gcp-prod-argocd', 'abc', 'x'.repeat(33), 'Prod-pool'], good: ['prod-argocd', 'abcd', '0pool-1'] },
  gcpWorkloadIdentityPoolProviderId: { bad: ['gcp-mgmt', 'm', 'x'.repeat(33), 'mgmt_cluster'], good: ['management-cluster', 'mgmt', 'x'.repeat(32)] },
  gcpComputeName: { bad: ['x'.repeat(64), 'net_1', 'Net', '1net'], good: ['gcp-prod-net', 'n', 'x'.repeat(63)] },
  gcpLabelValue: { bad: ['x'.repeat(64), 'Prod', 'a.b', 'a b'], good: ['', 'acme-platform', 'a_b-1'] },
  azureResourceGroupName: { bad: ['rg.', 'x'.repeat(91), 'rg/1', ''], good: ['azure-prod-rg', 'a', '(a)_b.c-d'] },
  azureVnetName: { bad: ['n', '-net', 'net-', 'x'.repeat(65)], good: ['azure-prod-net', 'n_', 'A.b-c'] },
  azureSubnetName: { bad: ['-nodes', 'nodes.', 'x'.repeat(81), 'a/b'], good: ['azure-prod-net-nodes', 'n', 'a_'] },
  azurePublicIpName: { bad: ['.ip', 'ip-', 'x'.repeat(81), 'a b'], good: ['mgmt-egress', 'i', 'a.b_'] },
  azureUserAssignedIdentityName: { bad: ['ab', '-abc', 'a.bc', 'x'.repeat(129)], good: ['azure-prod-argocd', 'abc', 'A_b-c'] },
  aksClusterName: { bad: ['-aks', 'aks_', 'x'.repeat(64), 'a.b'], good: ['azure-prod', 'a', 'A_b-c'] },
  aksDnsPrefix: { bad: ['-aks', 'aks-', 'x'.repeat(55), 'a_b'], good: ['azure-prod', 'a', 'x'.repeat(54)] },
  azureVirtualNetworkGatewayName: { bad: ['-vpn', 'vpn.', 'x'.repeat(81), 'a b'], good: ['azure-prod-vpn', 'v', 'a.b_'] },
  azureLocalNetworkGatewayName: { bad: ['-azure-prod-aws-prod-0', 'gw-', 'x'.repeat(81), 'a/b'], good: ['azure-prod-aws-prod-0', 'g', 'A.b_'] },
  azureVpnConnectionName: { bad: ['_conn', 'conn.', 'x'.repeat(81), 'a:b'], good: ['azure-prod-gcp-prod-1', 'c', 'x'.repeat(80)] },
  aksNodePoolName: { bad: ['spot-pool', 'Spot', 'x'.repeat(13), '1spot'], good: ['system', 's', 'spot12345678'] },
};

describe('cloud naming rules', () => {
  test('every rule of the table has cases', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(CLOUD_NAME_RULES).sort());
  });

  describe.each(Object.entries(CASES) as [CloudNameRuleId, { bad: string[]; good: string[] }][])('%s', (rule, { bad, good }) => {
    test.each(bad)(`fails when the ${CLOUD_NAME_RULES[rule].what} is %j, at the field it comes from`, (value) => {
      const problems = cloudNameProblems([{ rule, value, path: 'clusters[x].nodePools[y].name', scope: 's' }]);
      expect(problems).toHaveLength(1);
      expect(problems[0].path).toBe('clusters[x].nodePools[y].name');
      expect(problems[0].given).toBe(JSON.stringify(value));
    });
    test.each(good)('accepts %j', (value) => {
      expect(cloudNameProblems([{ rule, value, path: 'p', scope: 's' }])).toEqual([]);
    });
  });

  test('fails when two names of a rule are the same in one scope, at the second one\'s field; other scopes may repeat it', () => {
    const names = [
      { rule: 'iamRoleName' as const, value: 'a-nodes', path: 'clusters[a].name', scope: 'aws:1' },
      { rule: 'iamRoleName' as const, value: 'a-nodes', path: 'clusters[b].name', scope: 'aws:1' },
      { rule: 'iamRoleName' as const, value: 'a-nodes', path: 'clusters[c].name', scope: 'aws:2' },
    ];
    expect(cloudNameProblems(names).map((p) => p.path)).toEqual(['clusters[b].name']);
    // Label values may repeat anywhere.
    expect(cloudNameProblems([{ rule: 'gcpLabelValue', value: 'x', path: 'a', scope: 'l' }, { rule: 'gcpLabelValue', value: 'x', path: 'b', scope: 'l' }])).toEqual([]);
  });
});

describe('names the stacks derive from the fleet', () => {
  const paths = (f: unknown) => fleetProblems(f).map((p) => p.path);

  test('the test fleet derives only valid names', () => {
    expect(fleetProblems(testFleet())).toEqual([]);
  });

  test.each([
    ['an EKS cluster name is too long for its IAM role "<name>-cluster"', 'aws', 'a'.repeat(57), 'clusters[AAA].name'],
    ['a GKE cluster name is too long for its node service account', 'gcp', 'g'.repeat(25), 'clusters[AAA].name'],
    ['an AKS cluster name is too long for its DNS prefix', 'azure', 'z'.repeat(55), 'clusters[AAA].name'],
  ])('fails when %s', (_, cloud, name, path) => {
    const f = testFleet();
    f.clusters.push(testCluster(name, cloud as never, 5));
    expect(paths(f)).toContain(path.replace('AAA', name));
  });

  test('fails when an EKS pool name is not an EKS node group name, at the pool\'s name', () => {
    // The fleet's own pool-name rule is stricter than EKS's: the table is the cloud's floor.
    const names = clusterCloudNames({ ...testCluster('t-aws', 'aws', 2), nodePools: [{ name: 'x'.repeat(64) }] }, 'f');
    const problems = cloudNameProblems(names);
    expect(problems.map((p) => p.path)).toEqual([`clusters[t-aws].nodePools[${'x'.repeat(64)}].name`]);
  });

  test('fails when an AKS management cluster\'s egress IP name would break Azure\'s rule (derived from the cluster name)', () => {
    const names = clusterCloudNames({ ...testCluster('m', 'azure', 1, 'management') }, 'f');
    expect(names.map((n) => `${n.rule} ${n.value}`)).toEqual(expect.arrayContaining(['azurePublicIpName m-egress', 'azureUserAssignedIdentityName m-control-plane']));
  });

  test('the GKE Argo CD federation ids are checked too: argocd-<cluster> never starts with "gcp-", but a long name overflows the pool id', () => {
    expect(cloudNameProblems(gkeArgocdFederationCloudNames(testCluster('gcp-prod', 'gcp', 3)))).toEqual([]);
    const long = testCluster('gcp-production-europe-west', 'gcp', 3);
    expect(cloudNameProblems(gkeArgocdFederationCloudNames(long)).map((p) => p.path)).toEqual(['clusters[gcp-production-europe-west].name']);
    expect(fleetProblems({ ...testFleet(), clusters: [...testFleet().clusters.filter((c) => c.cloud !== 'gcp'), long] }).map((p) => p.path)).toContain('clusters[gcp-production-europe-west].name');
  });
});

