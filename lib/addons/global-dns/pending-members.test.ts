import { ClusterOutputs } from '../../fleet';
import { fakeOutputsWithAddons, renderWithAddons, testFleet } from '../../../test/fleets';

/*
 * A member cluster not applied yet (no Terraform outputs: its ingress address is unknown) joining
 * endpoints that are live: only its own health checks and record wait. The other members' stay as
 * they were, Terraform address and body, so applying the global-dns stack leaves live DNS alone.
 */

type Member = { cluster: string; role?: 'primary' | 'secondary'; weight?: number };
const endpoint = (name: string, host: string, policy: 'failover' | 'weighted', members: Member[]) => ({
  name, host, zone: 'example.com', policy, members, backend: { service: name, namespace: name, port: 8080 },
});
const WEIGHTED = [{ cluster: 't-aws', weight: 70 }, { cluster: 't-gcp', weight: 30 }];
const FAILOVER: Member[] = [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }];

/** The test fleet with endpoints `api` (weighted) and `shop` (failover), and any more. */
function fleetWith(api: Member[], shop: Member[], ...more: ReturnType<typeof endpoint>[]): any {
  const f: any = testFleet();
  f.platform = { globalDns: { endpoints: [endpoint('api', 'api.example.com', 'weighted', api), endpoint('shop', 'shop.example.com', 'failover', shop), ...more] } };
  return f;
}

// Every cluster applied but t-azure, which is pending (no outputs at all).
const everyOutput = fakeOutputsWithAddons(fleetWith([...WEIGHTED, { cluster: 't-azure', weight: 20 }], FAILOVER));
const withoutAzure = new Map([...everyOutput].filter(([name]) => name !== 't-azure'));
const ips = (cluster: string) => (everyOutput.get(cluster)!.values!.global_dns_ingress_ips as string).split(',');

const GLOBAL_DNS_FILE = 'terraform/stacks/global-dns/cdk.tf.json';
function render(fleet: any, outputs: ReadonlyMap<string, ClusterOutputs>) {
  const r = renderWithAddons(fleet, outputs);
  return { file: r.files[GLOBAL_DNS_FILE], stack: r.stacks['global-dns'], route53HeldBack: r.heldBack.filter((h) => h.subject === 'addons[global-dns]' && h.what.startsWith('Route 53')) };
}
/**
 * A member's health checks and record, by Terraform address (a moved address is a delete and a create):
 * its checks are keyed by its cluster; its record is the one carrying one of them (a failover record
 * is keyed by its role, global-dns-records.ts recordFor).
 */
function memberResources(stack: any, endpointName: string, cluster: string): Record<string, unknown> {
  const checks = Object.entries(stack.resource.aws_route53_health_check ?? {}).filter(([id]) => id.startsWith(`${endpointName}_${cluster}-`));
  const ids = new Set(checks.map(([id]) => `\${aws_route53_health_check.${id}.id}`));
  const records = Object.entries(stack.resource.aws_route53_record ?? {}).filter(([, r]: [string, any]) => ids.has(r.health_check_id));
  return Object.fromEntries([...checks.map(([id, body]) => [`aws_route53_health_check.${id}`, body]), ...records.map(([id, body]) => [`aws_route53_record.${id}`, body])]);
}
const records = (stack: any, host: string): any[] => Object.values(stack.resource.aws_route53_record).filter((r: any) => r.name === host);
/** What a member's record answers with: its address, or (an address per zone) the name of its own address records. */
const answer = (r: any): unknown => r.records ?? r.alias.name;
/** Every health check id a record or a calculated check names, that the stack does not hold. */
function danglingCheckReferences(stack: any): string[] {
  const checks = new Set(Object.keys(stack.resource.aws_route53_health_check).map((id) => `\${aws_route53_health_check.${id}.id}`));
  const named = [
    ...Object.values(stack.resource.aws_route53_record).map((r: any) => r.health_check_id),
    ...Object.values(stack.resource.aws_route53_health_check).flatMap((c: any) => c.child_healthchecks ?? []),
  ];
  return named.filter((id) => !checks.has(id));
}
const waitingForAzure = 'terraform-outputs/t-azure.json with global_dns_ingress_ips (apply stack t-azure)';

describe('a pending member of a weighted endpoint', () => {
  const before = render(fleetWith(WEIGHTED, FAILOVER), withoutAzure);
  const pending = render(fleetWith([...WEIGHTED, { cluster: 't-azure', weight: 20 }], FAILOVER), withoutAzure);

  test('the global-dns stack is byte-for-byte what it was before the member joined', () => {
    expect(pending.file).toBeDefined();
    expect(pending.file).toBe(before.file);
  });

  test('the known members keep their records (weights, addresses, health checks); none for the pending one; every check named exists', () => {
    expect(records(pending.stack, 'api.example.com').map((r) => [r.set_identifier, r.weighted_routing_policy, answer(r)])).toEqual([
      ['t-aws', { weight: 70 }, 't-aws._members.api.example.com'],
      ['t-gcp', { weight: 30 }, ips('t-gcp')],
    ]);
    expect(memberResources(pending.stack, 'api', 't-azure')).toEqual({});
    expect(Object.values(pending.stack.resource.aws_route53_health_check).filter((c: any) => c.tags.Name.startsWith('api-t-azure'))).toEqual([]);
    expect(danglingCheckReferences(pending.stack)).toEqual([]);
  });

  test('the pending member is listed as held back, the endpoint is not', () => {
    expect(pending.route53HeldBack).toEqual([
      { subject: 'addons[global-dns]', what: 'Route 53 health checks and record of api.example.com for t-azure (stack global-dns)', waitingFor: waitingForAzure },
    ]);
  });

  test('when its outputs arrive, its health check and record are added with its weight and addresses, and the others\' do not move', () => {
    const arrived = render(fleetWith([...WEIGHTED, { cluster: 't-azure', weight: 20 }], FAILOVER), everyOutput);
    const record = records(arrived.stack, 'api.example.com').find((r) => r.set_identifier === 't-azure');
    expect(record).toEqual(expect.objectContaining({ type: 'A', weighted_routing_policy: { weight: 20 }, records: ips('t-azure') }));
    const check = Object.entries(arrived.stack.resource.aws_route53_health_check).find(([, c]: [string, any]) => c.tags.Name === 'api-t-azure') as [string, any];
    expect(check[1]).toEqual(expect.objectContaining({ ip_address: ips('t-azure')[0], fqdn: 'api.example.com' }));
    expect(record.health_check_id).toBe(`\${aws_route53_health_check.${check[0]}.id}`);
    for (const cluster of ['t-aws', 't-gcp']) expect(memberResources(arrived.stack, 'api', cluster)).toEqual(memberResources(pending.stack, 'api', cluster));
    expect(arrived.route53HeldBack).toEqual([]);
  });
});

describe('a pending member of a failover endpoint', () => {
  const before = render(fleetWith(WEIGHTED, FAILOVER), withoutAzure);

  test('secondary pending: the PRIMARY record is written alone (Route 53 answers with it, healthy or not), unchanged; the secondary held back', () => {
    const r = render(fleetWith(WEIGHTED, [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-azure', role: 'secondary' }]), withoutAzure);
    expect(records(r.stack, 'shop.example.com').map((x) => [x.set_identifier, x.failover_routing_policy, x.records])).toEqual([['primary', { type: 'PRIMARY' }, ips('t-gcp')]]);
    expect(memberResources(r.stack, 'shop', 't-gcp')).toEqual(memberResources(before.stack, 'shop', 't-gcp'));
    expect(memberResources(r.stack, 'shop', 't-azure')).toEqual({});
    expect(danglingCheckReferences(r.stack)).toEqual([]);
    expect(r.route53HeldBack).toEqual([{ subject: 'addons[global-dns]', what: 'Route 53 health checks and record of shop.example.com for t-azure (stack global-dns)', waitingFor: waitingForAzure }]);
  });

  test('primary pending (a new cluster takes over as primary): the live SECONDARY record and its checks stay, unchanged; the primary held back', () => {
    const r = render(fleetWith(WEIGHTED, [{ cluster: 't-azure', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }]), withoutAzure);
    expect(records(r.stack, 'shop.example.com').map((x) => [x.set_identifier, x.failover_routing_policy, answer(x)])).toEqual([['secondary', { type: 'SECONDARY' }, 't-aws._members.shop.example.com']]);
    const kept = memberResources(r.stack, 'shop', 't-aws');
    // t-aws has an address per zone: a check and a record each, the calculated check, and the record at the host carrying it.
    expect(Object.keys(kept)).toHaveLength(2 * ips('t-aws').length + 2);
    expect(records(r.stack, 't-aws._members.shop.example.com').map((x) => x.records)).toEqual(ips('t-aws').map((ip) => [ip]));
    expect(kept).toEqual(memberResources(before.stack, 'shop', 't-aws'));
    expect(danglingCheckReferences(r.stack)).toEqual([]);
    expect(r.route53HeldBack).toEqual([{ subject: 'addons[global-dns]', what: 'Route 53 health checks and record of shop.example.com for t-azure (stack global-dns)', waitingFor: waitingForAzure }]);
  });
});

test('a pending EKS member (an address per zone): its address records wait with its record, and no record names an alias or a dependency the stack does not hold', () => {
  const withoutAws = new Map([...everyOutput].filter(([name]) => name !== 't-aws'));
  const r = render(fleetWith(WEIGHTED, FAILOVER), withoutAws);
  const all = Object.values<any>(r.stack.resource.aws_route53_record);
  expect(all.map((x) => x.name).sort()).toEqual(['api.example.com', 'shop.example.com']);
  expect(all.filter((x) => x.alias || x.depends_on)).toEqual([]);
  expect(danglingCheckReferences(r.stack)).toEqual([]);
});

describe('an endpoint whose members are all pending', () => {
  test('a new one writes nothing and is held back whole; the other endpoints are written as before', () => {
    const before = render(fleetWith(WEIGHTED, FAILOVER), withoutAzure);
    const r = render(fleetWith(WEIGHTED, FAILOVER, endpoint('blog', 'blog.example.com', 'weighted', [{ cluster: 't-azure', weight: 1 }])), withoutAzure);
    expect(r.file).toBe(before.file);
    expect(r.route53HeldBack).toEqual([{ subject: 'addons[global-dns]', what: 'Route 53 health checks and records of blog.example.com (stack global-dns)', waitingFor: waitingForAzure }]);
  });

  test('when no member of any endpoint has its address, there is no global-dns stack', () => {
    const r = render(fleetWith(WEIGHTED, FAILOVER), new Map());
    expect(r.stack).toBeUndefined();
    expect(r.route53HeldBack.map((h) => h.what)).toEqual(['Route 53 health checks and records of api.example.com (stack global-dns)', 'Route 53 health checks and records of shop.example.com (stack global-dns)']);
    expect(r.route53HeldBack[0].waitingFor).toBe('terraform-outputs/t-aws.json with global_dns_ingress_ips, global_dns_ingress_eip_allocations (apply stack t-aws); terraform-outputs/t-gcp.json with global_dns_ingress_ips (apply stack t-gcp)');
  });
});
