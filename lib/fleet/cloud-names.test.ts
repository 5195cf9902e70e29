import { testCluster, testFleet } from '../../test/fleets';
import { fullTestFleet } from '../../test/full-fleet';
import { fleetAddons } from '../addons/fleet-addons';
import { CLOUD_NAME_RULES, CloudNameRuleId, cloudNameProblems, clusterCloudNames, gkeArgocdFederationCloudNames } from './cloud-names';
import { fleetProblems } from './validate-fleet';

/*
 * Every rule of the table, with names it must refuse and names it must accept. A refused name is
 * reported at the fleet field it was derived from, whatever that field is.
 */
const CASES: Record<CloudNameRuleId, { bad: string[]; good: string[] }> = {
  kubernetesLabelValue: { bad: ['x'.repeat(64), '-prod', 'prod_', 'a b'], good: ['', 'aws-prod', 'A.b_c-1'] },
  eksClusterName: { bad: ['x'.repeat(101), '-prod', 'aws.prod', ''], good: ['aws-prod', 'Prod_1', '1prod'] },
  eksNodeGroupNamePrefix: { bad: [`${'x'.repeat(37)}-`, '_spot-', 'spot pool-', 's'], good: ['spot-', 'Spot_1-', `${'x'.repeat(36)}-`] },
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

/*
 * Every rule of the table broken through a fleet field a user edits, through the fleet's real
 * validation (the core's and the add-ons', as synth's prepareFleet runs them): each row gives every
 * problem the edit causes, by field path and by the rule its message names. Cluster names feed many
 * names, and the shortest limit breaks first, so some rules cannot break alone: the row says which
 * others break with it. Three rules are refused first by the fleet's own, equal or stricter, node pool
 * name rule (validation then reports the field once); one id is a constant no fleet field changes.
 */
type Expected = Record<string, (CloudNameRuleId | 'fleet')[]>;
type PathRow =
  | { rule: CloudNameRuleId; why: string; fleet: () => unknown; path: string; expected: Expected }
  | { rule: CloudNameRuleId; why: string; fleet: () => unknown; path: string; refusedFirstBy: string }
  | { rule: CloudNameRuleId; why: string; constant: string };

const RULE_IDS = Object.keys(CLOUD_NAME_RULES) as CloudNameRuleId[];
/** The rule a problem's message names ("the <what> "<value>" ..."), or 'fleet' for one of the fleet's own checks. */
const ruleNamed = (message: string): CloudNameRuleId | 'fleet' => RULE_IDS.find((r) => message.startsWith(`the ${CLOUD_NAME_RULES[r].what} "`)) ?? 'fleet';
/** What synth's prepareFleet reports: the core's problems and the add-ons'. */
const validation = (f: unknown) => [...fleetProblems(f), ...fleetAddons(f).problems];
/** testFleet('aws') with one cluster changed. */
const core = (cluster: string, edit: (c: any) => void) => () => {
  const f = testFleet('aws');
  edit(f.clusters.find((c) => c.name === cluster));
  return f;
};
/** fullTestFleet() (interconnect and global DNS on) with clusters renamed everywhere they are named. */
const full = (renames: Record<string, string>) => () => {
  let text = JSON.stringify(fullTestFleet());
  for (const [from, to] of Object.entries(renames)) text = text.split(`"${from}"`).join(`"${to}"`);
  return JSON.parse(text);
};
const [a, g, z] = ['a', 'g', 'z'].map((c) => (n: number) => c.repeat(n));
const LONG_LABEL_KEY = `${'a'.repeat(40)}.${'b'.repeat(40)}/x`;

const PATH_ROWS: PathRow[] = [
  { rule: 'kubernetesLabelValue', why: 'an EKS cluster name of 64 characters (registration label value)', fleet: core('t-aws', (c) => (c.name = a(64))), path: `clusters[${a(64)}].name`, expected: { [`clusters[${a(64)}].name`]: ['iamRoleName', 'kubernetesLabelValue'] } },
  { rule: 'eksClusterName', why: 'an EKS cluster name of 101 characters', fleet: core('t-aws', (c) => (c.name = a(101))), path: `clusters[${a(101)}].name`, expected: { [`clusters[${a(101)}].name`]: ['eksClusterName', 'iamRoleName', 'kubernetesLabelValue'] } },
  { rule: 'eksNodeGroupNamePrefix', why: 'an EKS pool name of 35 characters (its node group name prefix in each zone "<pool>-<zone letter>-", to which the provider appends 26)', fleet: core('t-aws', (c) => (c.nodePools[0].name = a(35))), path: `clusters[t-aws].nodePools[${a(35)}].name`, refusedFirstBy: 'invalid EKS node pool name' },
  { rule: 'iamRoleName', why: 'an EKS cluster name of 46 characters (its Cluster Autoscaler role "<name>-cluster-autoscaler")', fleet: core('t-aws', (c) => (c.name = a(46))), path: `clusters[${a(46)}].name`, expected: { [`clusters[${a(46)}].name`]: ['iamRoleName'] } },
  { rule: 'kmsAliasName', why: 'an EKS cluster name of 245 characters (its key alias "alias/<name>-eks-secrets")', fleet: core('t-aws', (c) => (c.name = a(245))), path: `clusters[${a(245)}].name`, expected: { [`clusters[${a(245)}].name`]: ['eksClusterName', 'iamRoleName', 'kmsAliasName', 'kubernetesLabelValue'] } },
  { rule: 'awsTagKey', why: 'a node label key of 83 characters on an EKS pool that scales from zero (Cluster Autoscaler node-template tag)', fleet: core('t-aws', (c) => c.nodePools.push({ name: 'spot', machineType: 'm7i.large', minSize: 0, maxSize: 3, labels: { [LONG_LABEL_KEY]: 'x' } })), path: `clusters[t-aws].nodePools[spot].labels[${LONG_LABEL_KEY}]`,
    // EKS itself takes label keys of at most 63 characters (the core's own rule, 'fleet' here), which keeps every node-template tag key within AWS's 128.
    expected: { [`clusters[t-aws].nodePools[spot].labels[${LONG_LABEL_KEY}]`]: ['awsTagKey', 'fleet'] } },
  { rule: 'gkeClusterName', why: 'a GKE cluster name of 41 characters', fleet: core('t-gcp', (c) => (c.name = g(41))), path: `clusters[${g(41)}].name`, expected: { [`clusters[${g(41)}].name`]: ['gcpComputeName', 'gcpServiceAccountId', 'gcpWorkloadIdentityPoolId', 'gkeClusterName'] } },
  { rule: 'gkeNodePoolName', why: 'a GKE pool name of 41 characters', fleet: core('t-gcp', (c) => (c.nodePools[0].name = g(41))), path: `clusters[t-gcp].nodePools[${g(41)}].name`, refusedFirstBy: 'invalid GKE node pool name' },
  { rule: 'gcpServiceAccountId', why: 'a GKE workload cluster name of 24 characters (Argo CD\'s service account "<name>-argocd")', fleet: core('t-gcp', (c) => (c.name = g(24))), path: `clusters[${g(24)}].name`, expected: { [`clusters[${g(24)}].name`]: ['gcpServiceAccountId'] } },
  { rule: 'gcpWorkloadIdentityPoolId', why: 'a GKE workload cluster name of 26 characters (pool "argocd-<name>")', fleet: core('t-gcp', (c) => (c.name = g(26))), path: `clusters[${g(26)}].name`, expected: { [`clusters[${g(26)}].name`]: ['gcpServiceAccountId', 'gcpWorkloadIdentityPoolId'] } },
  { rule: 'gcpWorkloadIdentityPoolProviderId', why: 'the provider id is a constant', constant: 'management-cluster' },
  { rule: 'gcpComputeName', why: 'a GKE cluster name of 37 characters (its firewall "<name>-net-control-plane-webhooks")', fleet: core('t-gcp', (c) => (c.name = g(37))), path: `clusters[${g(37)}].name`, expected: { [`clusters[${g(37)}].name`]: ['gcpComputeName', 'gcpServiceAccountId', 'gcpWorkloadIdentityPoolId'] } },
  { rule: 'gcpComputeName', why: 'interconnected GKE and AKS clusters of 20 and 50 characters (the GCP tunnels "<gcp>-<azure>-<k>")', fleet: full({ 'gcp-prod': g(20), 'azure-prod': z(50) }), path: `platform.interconnect.clusters[${g(20)}]`, expected: { [`platform.interconnect.clusters[${g(20)}]`]: ['gcpComputeName'] } },
  { rule: 'gcpLabelValue', why: 'a GKE cluster name of 64 characters (provider default label)', fleet: core('t-gcp', (c) => (c.name = g(64))), path: `clusters[${g(64)}].name`, expected: { [`clusters[${g(64)}].name`]: ['gcpComputeName', 'gcpLabelValue', 'gcpServiceAccountId', 'gcpWorkloadIdentityPoolId', 'gkeClusterName', 'kubernetesLabelValue'] } },
  { rule: 'azureResourceGroupName', why: 'an AKS cluster name of 89 characters (resource group "<name>-rg")', fleet: core('t-azure', (c) => (c.name = z(89))), path: `clusters[${z(89)}].name`, expected: { [`clusters[${z(89)}].name`]: ['aksClusterName', 'aksDnsPrefix', 'azurePublicIpName', 'azureResourceGroupName', 'azureSubnetName', 'azureVnetName', 'kubernetesLabelValue'] } },
  { rule: 'azureVnetName', why: 'an AKS cluster name of 61 characters (VNet "<name>-net")', fleet: core('t-azure', (c) => (c.name = z(61))), path: `clusters[${z(61)}].name`, expected: { [`clusters[${z(61)}].name`]: ['aksDnsPrefix', 'azureVnetName'] } },
  { rule: 'azureSubnetName', why: 'an AKS cluster name of 71 characters (subnet "<name>-net-nodes")', fleet: core('t-azure', (c) => (c.name = z(71))), path: `clusters[${z(71)}].name`, expected: { [`clusters[${z(71)}].name`]: ['aksClusterName', 'aksDnsPrefix', 'azureSubnetName', 'azureVnetName', 'kubernetesLabelValue'] } },
  { rule: 'azurePublicIpName', why: 'an AKS cluster name of 74 characters (egress IP "<name>-egress")', fleet: core('t-azure', (c) => (c.name = z(74))), path: `clusters[${z(74)}].name`, expected: { [`clusters[${z(74)}].name`]: ['aksClusterName', 'aksDnsPrefix', 'azurePublicIpName', 'azureSubnetName', 'azureVnetName', 'kubernetesLabelValue'] } },
  { rule: 'azureUserAssignedIdentityName', why: 'an AKS cluster name of 115 characters (identity "<name>-control-plane")', fleet: core('t-azure', (c) => (c.name = z(115))), path: `clusters[${z(115)}].name`, expected: { [`clusters[${z(115)}].name`]: ['aksClusterName', 'aksDnsPrefix', 'azurePublicIpName', 'azureResourceGroupName', 'azureSubnetName', 'azureUserAssignedIdentityName', 'azureVnetName', 'kubernetesLabelValue'] } },
  { rule: 'aksClusterName', why: 'an AKS cluster name of 64 characters', fleet: core('t-azure', (c) => (c.name = z(64))), path: `clusters[${z(64)}].name`, expected: { [`clusters[${z(64)}].name`]: ['aksClusterName', 'aksDnsPrefix', 'azureVnetName', 'kubernetesLabelValue'] } },
  { rule: 'aksDnsPrefix', why: 'an AKS cluster name of 55 characters', fleet: core('t-azure', (c) => (c.name = z(55))), path: `clusters[${z(55)}].name`, expected: { [`clusters[${z(55)}].name`]: ['aksDnsPrefix'] } },
  { rule: 'aksNodePoolName', why: 'an AKS pool name with a "-"', fleet: core('t-azure', (c) => c.nodePools.push({ name: 'spot-pool', machineType: 'Standard_D4s_v5', minSize: 0, maxSize: 3 })), path: 'clusters[t-azure].nodePools[spot-pool].name', refusedFirstBy: 'invalid AKS node pool name' },
  { rule: 'azureVirtualNetworkGatewayName', why: 'an interconnected AKS cluster name of 78 characters (VPN gateway "<name>-vpn")', fleet: full({ 'azure-prod': z(78) }), path: `platform.interconnect.clusters[${z(78)}]`, expected: {
    [`platform.interconnect.clusters[${z(78)}]`]: ['azureLocalNetworkGatewayName', 'azurePublicIpName', 'azureVirtualNetworkGatewayName', 'azureVpnConnectionName'],
    // The GCP end's tunnels towards it, the AKS cluster's own names, and the apps' Argo CD Application names "<cluster>-<app>".
    'platform.interconnect.clusters[gcp-prod]': ['gcpComputeName'],
    [`clusters[${z(78)}].name`]: ['aksClusterName', 'aksDnsPrefix', 'azurePublicIpName', 'azureSubnetName', 'azureVnetName', 'kubernetesLabelValue'],
    'apps[checkout].name': ['fleet'],
    'apps[podinfo].name': ['fleet'],
  } },
  { rule: 'azureLocalNetworkGatewayName', why: 'interconnected AKS and EKS clusters of 50 and 40 characters (local gateways "<azure>-<aws>-<k>")', fleet: full({ 'azure-prod': z(50), 'aws-prod': a(40) }), path: `platform.interconnect.clusters[${z(50)}]`, expected: { [`platform.interconnect.clusters[${z(50)}]`]: ['azureLocalNetworkGatewayName', 'azureVpnConnectionName'] } },
  { rule: 'azureVpnConnectionName', why: 'the same (each connection is named like its local gateway)', fleet: full({ 'azure-prod': z(50), 'aws-prod': a(40) }), path: `platform.interconnect.clusters[${z(50)}]`, expected: { [`platform.interconnect.clusters[${z(50)}]`]: ['azureLocalNetworkGatewayName', 'azureVpnConnectionName'] } },
];

describe('each naming rule, broken through the fleet field a user edits, is reported at that field', () => {
  test('every rule of the table has a row here', () => {
    expect(RULE_IDS.filter((r) => !PATH_ROWS.some((row) => row.rule === r))).toEqual([]);
  });

  test('the fleets the rows edit are valid as they are', () => {
    expect(validation(testFleet('aws'))).toEqual([]);
    expect(validation(fullTestFleet())).toEqual([]);
  });

  test.each(PATH_ROWS.map((row) => [row.rule, row.why, row] as const))('%s: %s', (rule, _why, row) => {
    if ('constant' in row) {
      // No fleet field changes it: the derivation emits it for every GKE workload cluster, and it is valid.
      const names = testFleet('aws').clusters.flatMap((c: Record<string, unknown>) => gkeArgocdFederationCloudNames(c)).filter((n) => n.rule === rule);
      expect(names.map((n) => [n.value, n.path])).toEqual([[row.constant, 'clusters[t-gcp].name']]);
      expect(cloudNameProblems(names)).toEqual([]);
      return;
    }
    const f = row.fleet();
    const problems = validation(f);
    if ('refusedFirstBy' in row) {
      // The fleet's own rule refuses the field, once; the table's rule would refuse the name it derives, at the same field.
      expect(problems.map((p) => [p.path, p.message])).toEqual([[row.path, row.refusedFirstBy]]);
      const derived = (f as { clusters: Record<string, unknown>[] }).clusters.flatMap((c) => clusterCloudNames(c, 'test-fleet')).filter((n) => n.rule === rule && n.path === row.path);
      expect(cloudNameProblems(derived).map((p) => [p.path, ruleNamed(p.message)])).toEqual([[row.path, rule]]);
      return;
    }
    const byPath: Record<string, string[]> = {};
    for (const p of problems) byPath[p.path] = [...new Set([...(byPath[p.path] ?? []), ruleNamed(p.message)])].sort();
    expect(byPath).toEqual(row.expected);
    expect(row.expected[row.path]).toContain(rule);
  });
});
