import { testFleet } from '../../../test/fleets';
import { globalDnsProblems } from './validate-global-dns';

/** The test fleet with one endpoint served by t-gcp (primary) and t-aws (secondary), and a test's edits. */
function fleetWith(edit: (e: any, f: any) => void = () => undefined): any {
  const f: any = testFleet();
  f.platform = {
    globalDns: {
      endpoints: [{
        name: 'shop', host: 'shop.example.com', zone: 'example.com', policy: 'failover',
        members: [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }],
        backend: { service: 'shop', namespace: 'shop', port: 8080 },
        healthCheck: { path: '/healthz', port: 443, intervalSeconds: 10, failureThreshold: 3 },
        ttlSeconds: 60,
      }],
    },
  };
  edit(f.platform.globalDns.endpoints[0], f);
  return f;
}
const paths = (f: any) => globalDnsProblems(f).map((p) => p.path);
const E = 'platform.globalDns.endpoints[shop]';

describe('platform.globalDns validation', () => {
  test('a valid endpoint has no problems; weighted with weights too', () => {
    expect(globalDnsProblems(fleetWith())).toEqual([]);
    expect(globalDnsProblems(fleetWith((e) => {
      e.policy = 'weighted';
      e.members = [{ cluster: 't-gcp', weight: 200 }, { cluster: 't-aws', weight: 55 }, { cluster: 't-azure', weight: 0 }];
    }))).toEqual([]);
  });

  test('fails when a member names a cluster the fleet does not have', () => {
    const problems = globalDnsProblems(fleetWith((e) => (e.members[1].cluster = 't-nope')));
    expect(problems).toEqual([expect.objectContaining({ path: `${E}.members[t-nope].cluster`, message: 'not a cluster of the fleet', given: '"t-nope"' })]);
  });

  test('fails with a suggestion when a member names a cluster with a slip of the keyboard', () => {
    const problems = globalDnsProblems(fleetWith((e) => (e.members[0].cluster = 't-gpc')));
    expect(problems).toEqual([expect.objectContaining({ path: `${E}.members[t-gpc].cluster`, message: 'not a cluster of the fleet; did you mean "t-gcp"?', given: '"t-gpc"' })]);
  });

  test.each([
    ['intervalSeconds', 20, `${E}.healthCheck.intervalSeconds`],
    ['failureThreshold', 0, `${E}.healthCheck.failureThreshold`],
    ['failureThreshold', 11, `${E}.healthCheck.failureThreshold`],
    ['port', 80, `${E}.healthCheck.port`],
    ['port', 8443, `${E}.healthCheck.port`],
    ['path', 'healthz', `${E}.healthCheck.path`],
    ['path', '/health check', `${E}.healthCheck.path`],
    ['path', `/${'x'.repeat(255)}`, `${E}.healthCheck.path`],
    // Terraform JSON would evaluate it in the stack's resource_path (lib/fleet/terraform-template.ts).
    ['path', '/healthz/${path.cwd}', `${E}.healthCheck.path`],
    ['path', '/%{if true}x%{endif}', `${E}.healthCheck.path`],
  ])('fails when a health-check setting is one Route 53 refuses: %s = %p', (field, value, path) => {
    expect(paths(fleetWith((e) => (e.healthCheck[field] = value)))).toEqual([path]);
  });

  test('fails when the gateway\'s status port is checked at a path it does not serve (its only route is /healthz/ready: anything else is 404, never up)', () => {
    const problems = globalDnsProblems(fleetWith((e) => (e.healthCheck = { port: 15021, path: '/healthz' })));
    expect(problems).toEqual([expect.objectContaining({ path: `${E}.healthCheck.path`, given: '"/healthz"', allowed: expect.stringContaining('"/healthz/ready"') })]);
    expect(paths(fleetWith((e) => (e.healthCheck = { port: 15021, path: '/healthz/ready' })))).toEqual([]);
    expect(paths(fleetWith((e) => (e.healthCheck = { port: 15021 })))).toEqual([]);
  });

  test('fails when the TTL is out of range', () => {
    expect(paths(fleetWith((e) => (e.ttlSeconds = 0)))).toEqual([`${E}.ttlSeconds`]);
    expect(paths(fleetWith((e) => (e.ttlSeconds = 90000)))).toEqual([`${E}.ttlSeconds`]);
  });

  test('fails when failover does not have exactly one primary and one secondary', () => {
    expect(paths(fleetWith((e) => (e.members[1].role = 'primary')))).toEqual([`${E}.members`]);
    expect(paths(fleetWith((e) => e.members.push({ cluster: 't-azure', role: 'secondary' })))).toEqual([`${E}.members`]);
    expect(paths(fleetWith((e) => (e.members[0].role = 'main')))).toEqual([`${E}.members[t-gcp].role`, `${E}.members`]);
  });

  test('fails when roles and weights do not fit the policy, or a weight is outside 0-255', () => {
    expect(paths(fleetWith((e) => (e.members[0].weight = 10)))).toEqual([`${E}.members[t-gcp].weight`]);
    expect(paths(fleetWith((e) => (e.policy = 'weighted')))).toEqual([`${E}.members[t-gcp].role`, `${E}.members[t-gcp].weight`, `${E}.members[t-aws].role`, `${E}.members[t-aws].weight`]);
    expect(paths(fleetWith((e) => {
      e.policy = 'weighted';
      e.members = [{ cluster: 't-gcp', weight: 256 }, { cluster: 't-aws', weight: 1 }];
    }))).toEqual([`${E}.members[t-gcp].weight`]);
    expect(paths(fleetWith((e) => (e.policy = 'latency')))).toEqual([`${E}.policy`]);
  });

  test('fails when the host is not in the zone, a cluster is listed twice, or names are not DNS names', () => {
    expect(paths(fleetWith((e) => (e.host = 'shop.example.org')))).toEqual([`${E}.host`]);
    expect(paths(fleetWith((e) => (e.host = 'Shop.example.com')))).toEqual([`${E}.host`]);
    expect(paths(fleetWith((e) => (e.members[1].cluster = 't-gcp')))).toEqual([`${E}.members[t-gcp].cluster`]);
    expect(paths(fleetWith((e) => (e.zoneId = 'example')))).toEqual([`${E}.zoneId`]);
    expect(paths(fleetWith((e) => (e.tlsSecretName = 'Shop TLS')))).toEqual([`${E}.tlsSecretName`]);
  });

  test('fails when two endpoints share a name or a host', () => {
    const f = fleetWith((e, fleet) => fleet.platform.globalDns.endpoints.push({ ...structuredClone(e), name: 'shop2' }, { ...structuredClone(e), host: 'shop2.example.com' }));
    expect(paths(f)).toEqual(['platform.globalDns.endpoints[shop2].host', 'platform.globalDns.endpoints[shop].name']);
  });

  test('fails when the host is too long for an EKS member\'s own records (<cluster>._members.<host>, a DNS name of at most 253 characters)', () => {
    // 250 characters, a valid host: t-aws (EKS, an address per zone) makes it 265; t-gcp has no records of its own.
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(46)}.example.com`;
    expect(host).toHaveLength(250);
    expect(globalDnsProblems(fleetWith((e) => (e.host = host)))).toEqual([{
      path: `${E}.host`,
      message: `member t-aws (an address per zone) has its own Route 53 records, named t-aws._members.${host}: 265 characters, over the 253 of a DNS name`,
      given: JSON.stringify(host),
      allowed: 'a host of at most 238 characters',
    }]);
    expect(globalDnsProblems(fleetWith((e) => { e.host = host; e.members = [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-azure', role: 'secondary' }]; }))).toEqual([]);
  });

  test('fails when the backend is missing or malformed', () => {
    expect(paths(fleetWith((e) => delete e.backend))).toEqual([`${E}.backend`]);
    expect(paths(fleetWith((e) => (e.backend = { service: 'Shop', namespace: 'shop', port: 0 })))).toEqual([`${E}.backend.service`, `${E}.backend.port`]);
  });

  test('fails when the settings are not the shape the add-on reads', () => {
    expect(paths(fleetWith((_e, f) => (f.platform.globalDns = { endpoints: [] })))).toEqual(['platform.globalDns.endpoints']);
    expect(paths(fleetWith((e) => (e.healthcheck = {})))).toEqual([`${E}.healthcheck`]);
  });
});
