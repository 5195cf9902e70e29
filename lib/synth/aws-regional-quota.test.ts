import { AWS_REGIONAL_QUOTAS, AwsRegionalUse, NAMED_STACKS, awsRegionalQuotaWarnings, awsRegionalUses } from './aws-regional-quota';

const eips = (n: number, provider?: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`ip-${i}`, { domain: 'vpc', ...(provider ? { provider } : {}) }]));
const aws = (region: string, account?: string, alias?: string) => ({ region, ...(account ? { allowed_account_ids: [account] } : {}), ...(alias ? { alias } : {}) });
/** A stack's file as a render hands it over: its path and what awsRegionalUses found in its JSON. */
const stack = (name: string, json: unknown) => ({ path: `terraform/stacks/${name}/cdk.tf.json`, awsRegional: awsRegionalUses(json) });
const quotaOf = (resource: string) => AWS_REGIONAL_QUOTAS.find((q) => q.resource === resource)?.quota;

describe('Elastic IPs against AWS\'s default quota (5 per account and region)', () => {
  test('more than 5 in one account and region: one warning naming the account, region, count per stack and the quota to raise', () => {
    const warnings = awsRegionalQuotaWarnings([
      stack('aws-prod', { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(6) } }),
      stack('aws-dr', { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(3) } }),
    ]);
    expect(warnings).toEqual([expect.stringContaining('AWS account 111122223333, us-west-2: the stacks allocate 9 Elastic IPs (aws-dr 3, aws-prod 6), more than AWS\'s default quota of 5')]);
    expect(warnings[0]).toContain('L-0263D0A3');
    expect(warnings[0]).toContain('AddressLimitExceeded');
  });

  test('exactly the quota, other regions and other accounts: no warning', () => {
    expect(quotaOf('aws_eip')).toBe(5);
    expect(awsRegionalQuotaWarnings([
      stack('a', { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(5) } }),
      stack('b', { provider: { aws: [aws('us-east-1', '111122223333')] }, resource: { aws_eip: eips(3) } }),
      stack('c', { provider: { aws: [aws('us-west-2', '444455556666')] }, resource: { aws_eip: eips(3) } }),
    ])).toEqual([]);
  });

  test('an address counts where its provider (by alias) is; stacks that name no account are counted together', () => {
    const pair = { provider: { aws: [aws('us-west-2', undefined, 'one'), aws('eu-west-1', undefined, 'two')] }, resource: { aws_eip: { ...eips(2, 'aws.two'), x: { provider: 'aws.one' } } } };
    expect(awsRegionalUses(pair)).toEqual<AwsRegionalUse[]>([{ resource: 'aws_eip', region: 'eu-west-1', count: 2 }, { resource: 'aws_eip', region: 'us-west-2', count: 1 }]);
    const warnings = awsRegionalQuotaWarnings([stack('pair', pair), stack('mgmt', { provider: { aws: [aws('eu-west-1')] }, resource: { aws_eip: eips(4) } })]);
    expect(warnings).toEqual([expect.stringMatching(/^AWS eu-west-1 \(stacks that name no account: one account assumed\): the stacks allocate 6 Elastic IPs \(mgmt 4, pair 2\)/)]);
  });

  test('only resources count (a data source aws_eip under `data` does not); files other than stacks are not counted', () => {
    expect(awsRegionalUses({ data: { aws_eip: eips(9) }, provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_subnet: { s: {} } } })).toEqual([]);
    expect(awsRegionalQuotaWarnings([{ path: 'k8s/aws/mgmt/x.yaml', awsRegional: [{ resource: 'aws_eip', region: 'us-west-2', count: 9 }] }, { path: 'terraform/stacks/vault/cdk.tf.json' }])).toEqual([]);
  });

  test('a large fleet: the first stacks by name are named and the rest counted, the total still exact', () => {
    const many = Array.from({ length: 100 }, (_, i) => stack(`aws-w${String(i).padStart(3, '0')}`, { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(3) } }));
    const [warning] = awsRegionalQuotaWarnings(many);
    expect(NAMED_STACKS).toBe(10);
    expect(warning).toContain('the stacks allocate 300 Elastic IPs (aws-w000 3, aws-w001 3, aws-w002 3, aws-w003 3, aws-w004 3, aws-w005 3, aws-w006 3, aws-w007 3, aws-w008 3, aws-w009 3, and 90 more stacks), more than');
    expect(warning).not.toContain('aws-w010');
  });
});

describe('the other regional quotas a fleet reaches: VPCs, virtual private gateways, customer gateways and VPN connections', () => {
  const resources = (type: string, n: number) => ({ [type]: Object.fromEntries(Array.from({ length: n }, (_, i) => [`r-${i}`, {}])) });
  const inRegion = (name: string, resource: Record<string, unknown>) => stack(name, { provider: { aws: [aws('us-west-2', '111122223333')] }, resource });

  test('six EKS networks in one account and region: a VPC warning and a virtual private gateway warning, each with its quota code', () => {
    const clusters = Array.from({ length: 6 }, (_, i) => inRegion(`aws-${i}`, { ...resources('aws_vpc', 1), ...resources('aws_vpn_gateway', 1), ...resources('aws_internet_gateway', 1) }));
    const warnings = awsRegionalQuotaWarnings(clusters);
    expect(warnings).toEqual([
      expect.stringMatching(/^AWS account 111122223333, us-west-2: the stacks create 6 VPCs \(aws-0 1, .*aws-5 1\), with the default VPC, unless it was deleted, more than AWS's default quota of 5 per region: .*L-F678F1CE.*CreateVpc fails/),
      expect.stringMatching(/^AWS account 111122223333, us-west-2: the stacks create 6 virtual private gateways .*L-7029FAB6.*CreateVpnGateway fails/),
    ]);
    // Five gateways, the default: nothing to say; internet gateways follow the VPC quota and are not counted apart.
    expect(awsRegionalQuotaWarnings(clusters.slice(1))).toEqual([expect.stringContaining('the stacks create 5 VPCs')]);
  });

  test('VPCs: the region\'s default VPC counts too, so a fifth VPC of the stacks already passes the quota; four do not', () => {
    const vpcs = (n: number) => Array.from({ length: n }, (_, i) => inRegion(`aws-${i}`, resources('aws_vpc', 1)));
    expect(awsRegionalQuotaWarnings(vpcs(5))).toEqual([expect.stringContaining('the stacks create 5 VPCs (aws-0 1, aws-1 1, aws-2 1, aws-3 1, aws-4 1), with the default VPC, unless it was deleted, more than')]);
    expect(awsRegionalQuotaWarnings(vpcs(4))).toEqual([]);
  });

  test('customer gateways and VPN connections count per region across the pair stacks, against 50 each', () => {
    expect([quotaOf('aws_customer_gateway'), quotaOf('aws_vpn_connection')]).toEqual([50, 50]);
    const pairs = Array.from({ length: 26 }, (_, i) => inRegion(`interconnect-${i}`, { ...resources('aws_customer_gateway', 2), ...resources('aws_vpn_connection', 2) }));
    const warnings = awsRegionalQuotaWarnings(pairs);
    expect(warnings).toEqual([
      expect.stringMatching(/the stacks create 52 customer gateways .*, and 16 more stacks\), more than AWS's default quota of 50 per region: .*L-4FB7FF5D.*CustomerGatewayLimitExceeded/),
      expect.stringMatching(/the stacks create 52 Site-to-Site VPN connections .*L-3E6EC3A3/),
    ]);
    expect(awsRegionalQuotaWarnings(pairs.slice(1))).toEqual([]);
  });

  test('each type against its own quota: 3 VPCs and 4 Elastic IPs in a region are 7 resources but pass neither', () => {
    expect(awsRegionalQuotaWarnings([inRegion('a', { ...resources('aws_vpc', 3), ...resources('aws_eip', 4) })])).toEqual([]);
  });
});
