import { DEFAULT_ELASTIC_IP_QUOTA, ElasticIpUse, NAMED_STACKS, elasticIpQuotaWarnings, elasticIpUses } from './elastic-ip-quota';

const eips = (n: number, provider?: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`ip-${i}`, { domain: 'vpc', ...(provider ? { provider } : {}) }]));
const aws = (region: string, account?: string, alias?: string) => ({ region, ...(account ? { allowed_account_ids: [account] } : {}), ...(alias ? { alias } : {}) });
/** A stack's file as a render hands it over: its path and what elasticIpUses found in its JSON. */
const stack = (name: string, json: unknown) => ({ path: `terraform/stacks/${name}/cdk.tf.json`, elasticIps: elasticIpUses(json) });

describe('Elastic IPs against AWS\'s default quota (5 per account and region)', () => {
  test('more than 5 in one account and region: one warning naming the account, region, count per stack and the quota to raise', () => {
    const warnings = elasticIpQuotaWarnings([
      stack('aws-prod', { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(6) } }),
      stack('aws-dr', { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(3) } }),
    ]);
    expect(warnings).toEqual([expect.stringContaining('AWS account 111122223333, us-west-2: the stacks allocate 9 Elastic IPs (aws-dr 3, aws-prod 6), more than AWS\'s default quota of 5')]);
    expect(warnings[0]).toContain('L-0263D0A3');
    expect(warnings[0]).toContain('AddressLimitExceeded');
  });

  test('exactly the quota, other regions and other accounts: no warning', () => {
    expect(DEFAULT_ELASTIC_IP_QUOTA).toBe(5);
    expect(elasticIpQuotaWarnings([
      stack('a', { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(5) } }),
      stack('b', { provider: { aws: [aws('us-east-1', '111122223333')] }, resource: { aws_eip: eips(3) } }),
      stack('c', { provider: { aws: [aws('us-west-2', '444455556666')] }, resource: { aws_eip: eips(3) } }),
    ])).toEqual([]);
  });

  test('an address counts where its provider (by alias) is; stacks that name no account are counted together', () => {
    const pair = { provider: { aws: [aws('us-west-2', undefined, 'one'), aws('eu-west-1', undefined, 'two')] }, resource: { aws_eip: { ...eips(2, 'aws.two'), x: { provider: 'aws.one' } } } };
    expect(elasticIpUses(pair)).toEqual<ElasticIpUse[]>([{ region: 'eu-west-1', count: 2 }, { region: 'us-west-2', count: 1 }]);
    const warnings = elasticIpQuotaWarnings([stack('pair', pair), stack('mgmt', { provider: { aws: [aws('eu-west-1')] }, resource: { aws_eip: eips(4) } })]);
    expect(warnings).toEqual([expect.stringMatching(/^AWS eu-west-1 \(stacks that name no account: one account assumed\): the stacks allocate 6 Elastic IPs \(mgmt 4, pair 2\)/)]);
  });

  test('only resources count (a data source aws_eip under `data` does not); files other than stacks are not counted', () => {
    expect(elasticIpUses({ data: { aws_eip: eips(9) }, provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_vpc: { v: {} } } })).toEqual([]);
    expect(elasticIpQuotaWarnings([{ path: 'k8s/aws/mgmt/x.yaml', elasticIps: [{ region: 'us-west-2', count: 9 }] }, { path: 'terraform/stacks/vault/cdk.tf.json' }])).toEqual([]);
  });

  test('a large fleet: the first stacks by name are named and the rest counted, the total still exact', () => {
    const many = Array.from({ length: 100 }, (_, i) => stack(`aws-w${String(i).padStart(3, '0')}`, { provider: { aws: [aws('us-west-2', '111122223333')] }, resource: { aws_eip: eips(3) } }));
    const [warning] = elasticIpQuotaWarnings(many);
    expect(NAMED_STACKS).toBe(10);
    expect(warning).toContain('the stacks allocate 300 Elastic IPs (aws-w000 3, aws-w001 3, aws-w002 3, aws-w003 3, aws-w004 3, aws-w005 3, aws-w006 3, aws-w007 3, aws-w008 3, aws-w009 3, and 90 more stacks), more than');
    expect(warning).not.toContain('aws-w010');
  });
});
