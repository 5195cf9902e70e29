import { testFleet } from '../../test/fleets';
import { apiAllowListProblem, apiClients, clusterApiAccess, clusterEgressCidrs } from './api-access';
import { resolveFleet } from './resolve-fleet';
import { fleetProblems } from './validate-fleet';

const problemsAt = (f: unknown, path: string) => fleetProblems(f).filter((p) => p.path === path);
const withAccess = (apiAccess: unknown) => {
  const f = testFleet();
  f.clusters[1].apiAccess = apiAccess;
  return f;
};

describe('apiAccess', () => {
  test('is optional, and public ranges are accepted, including documentation ranges', () => {
    expect(fleetProblems(withAccess({ publicCidrs: ['203.0.113.0/24', '8.8.8.0/24'] }))).toEqual([]);
    expect(fleetProblems(withAccess({ publicCidrs: ['0.0.0.0/0'], allowWholeInternet: true }))).toEqual([]);
  });

  test.each([
    ['0.0.0.0/0 is listed without allowWholeInternet', { publicCidrs: ['0.0.0.0/0'] }, 'clusters[t-aws].apiAccess.publicCidrs[0]', /whole internet/],
    ['a range is private', { publicCidrs: ['203.0.113.0/24', '10.1.0.0/16'] }, 'clusters[t-aws].apiAccess.publicCidrs[1]', /private \(RFC 1918\)/],
    ['a range is too broad and takes in reserved addresses', { publicCidrs: ['0.0.0.0/1'] }, 'clusters[t-aws].apiAccess.publicCidrs[0]', /"this network"/],
    ['a range is not a CIDR', { publicCidrs: ['203.0.113.7'] }, 'clusters[t-aws].apiAccess.publicCidrs[0]', /invalid CIDR/],
    ['a range has host bits set', { publicCidrs: ['203.0.113.7/24'] }, 'clusters[t-aws].apiAccess.publicCidrs[0]', /host bits/],
    ['a range is listed twice', { publicCidrs: ['203.0.113.0/24', '203.0.113.0/24'] }, 'clusters[t-aws].apiAccess.publicCidrs[1]', /listed twice/],
    ['publicCidrs is not a list', { publicCidrs: '203.0.113.0/24' }, 'clusters[t-aws].apiAccess.publicCidrs', /list/],
    ['allowWholeInternet is set without 0.0.0.0/0', { publicCidrs: ['203.0.113.0/24'], allowWholeInternet: true }, 'clusters[t-aws].apiAccess.allowWholeInternet', /only applies/],
    ['allowWholeInternet is not a boolean', { allowWholeInternet: 'yes' }, 'clusters[t-aws].apiAccess.allowWholeInternet', /boolean/],
    ['apiAccess has an unknown field', { publicCidr: ['203.0.113.0/24'] }, 'clusters[t-aws].apiAccess.publicCidr', /unknown field; did you mean "publicCidrs"/],
    ['apiAccess is not an object', ['203.0.113.0/24'], 'clusters[t-aws].apiAccess', /object/],
  ])('fails when %s', (_, access, path, message) => {
    const found = problemsAt(withAccess(access), path);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
  });

  test.each([
    ['true', true, /list who may reach the API/],
    ['false', false, /remove it: the API is private/],
  ])('fails when publicEndpoint (%s) is still there, with a migration message', (_, value, allowed) => {
    const f = testFleet();
    f.clusters[2].publicEndpoint = value;
    const [problem] = problemsAt(f, 'clusters[t-gcp].publicEndpoint');
    expect(problem.message).toMatch(/replaced by apiAccess/);
    expect(problem.allowed).toMatch(allowed);
  });

  test('resolves to sorted, unique ranges', () => {
    const fleet = resolveFleet(withAccess({ publicCidrs: ['203.0.113.0/24', '8.8.8.0/24'] }));
    expect(fleet.clusters.find((c) => c.name === 't-aws')!.apiAccess).toEqual({ publicCidrs: ['8.8.8.0/24', '203.0.113.0/24'] });
  });
});

describe('clusterApiAccess', () => {
  const fleet = resolveFleet(withAccess({ publicCidrs: ['203.0.113.0/24'] }));
  const byName = (n: string) => fleet.clusters.find((c) => c.name === n)!;
  const [mgmt, aws, gcp, azure] = ['t-mgmt', 't-aws', 't-gcp', 't-azure'].map(byName);
  const outputsOf = (name: string, egress: string[]) => ({ clusterName: name, endpoint: 'https://x', caCertificate: 'Q0E=', oidcIssuer: 'https://oidc', values: { egress_cidrs: egress } });
  const outputs = new Map([
    ['t-mgmt', outputsOf('t-mgmt', ['198.51.100.9/32', '198.51.100.2/32'])],
    ['t-gcp', outputsOf('t-gcp', ['198.51.100.20/32'])],
  ]);
  const peers = new Map(fleet.clusters.map((c) => [c.name, 'istiod endpoint discovery']));

  test('a workload cluster\'s client is the management cluster (Argo CD); with the mesh, every peer too, once named', () => {
    expect(apiClients(aws, fleet.clusters, new Map()).map((c) => [c.cluster.name, c.why])).toEqual([['t-mgmt', 'Argo CD']]);
    expect(apiClients(aws, fleet.clusters, peers).map((c) => [c.cluster.name, c.why])).toEqual([
      ['t-azure', 'istiod endpoint discovery'],
      ['t-gcp', 'istiod endpoint discovery'],
      ['t-mgmt', 'Argo CD, istiod endpoint discovery'],
    ]);
    expect(apiClients(mgmt, fleet.clusters, new Map())).toEqual([]);
  });

  test('clients in code-unit order, whatever the machine\'s locale ("aa" sorts after "z" in Danish collation)', () => {
    const named = (name: string) => ({ ...fleet.clusters.find((c) => c.name === 't-gcp')!, name });
    const clusters = [aws, named('zz-peer'), named('aa-peer'), named('Z-peer')];
    const order = apiClients(aws, clusters, new Map(clusters.map((c) => [c.name, 'x']))).map((c) => c.cluster.name);
    expect(order).toEqual(['Z-peer', 'aa-peer', 'zz-peer']);
  });

  test('admits its own ranges and every client\'s egress, in address order, and its own egress once it has clients; names the client of each egress address', () => {
    expect(clusterApiAccess(aws, apiClients(aws, fleet.clusters, new Map()), outputs)).toEqual({ publicCidrs: ['198.51.100.2/32', '198.51.100.9/32', '203.0.113.0/24'], ownEgress: true, heldBack: [], egressOf: { '198.51.100.2/32': 't-mgmt', '198.51.100.9/32': 't-mgmt' } });
  });

  test('a client whose outputs are missing is left out and held back, one entry each', () => {
    const access = clusterApiAccess(gcp, apiClients(gcp, fleet.clusters, peers), new Map([['t-gcp', outputs.get('t-gcp')!]]));
    expect(access.publicCidrs).toEqual([]);
    expect(access.ownEgress).toBe(true);
    expect(access.heldBack.map((h) => h.waitingFor)).toEqual(['t-aws', 't-azure', 't-mgmt'].map((n) => `output egress_cidrs in terraform-outputs/${n}.json`));
    expect(access.heldBack[2]).toMatchObject({ subject: 't-gcp', what: 'the egress addresses of t-mgmt (Argo CD, istiod endpoint discovery) in the API access list' });
  });

  test('a management cluster without clients admits only its own ranges (Argo CD reaches it in-cluster): no own egress, so it may stay private', () => {
    expect(clusterApiAccess(mgmt, [], outputs)).toEqual({ publicCidrs: [], ownEgress: false, heldBack: [], egressOf: {} });
  });

  test('fails when a cluster\'s egress output is malformed, at the output', () => {
    const problems: { path: string }[] = [];
    expect(clusterEgressCidrs({ egress_cidrs: ['198.51.100.9'] }, 'terraform-outputs/t-gcp.json', problems as never)).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual(['terraform-outputs/t-gcp.json: egress_cidrs.value']);
  });

  test('an allow list that would outgrow its cloud\'s limit is a problem at the cluster\'s apiAccess, counted before anything is applied', () => {
    // EKS takes 40 ranges: 34 listed + 3 own NAT addresses + 3 of the management cluster = 40, exactly
    // the limit; with the mesh's peers (GKE 3, AKS 1) 44.
    const many = withAccess({ publicCidrs: Array.from({ length: 34 }, (_, i) => `203.0.${i}.0/24`) });
    const resolved = resolveFleet(many);
    const eks = resolved.clusters.find((c) => c.name === 't-aws')!;
    const problem = apiAllowListProblem(eks, apiClients(eks, resolved.clusters, new Map(resolved.clusters.map((c) => [c.name, 'mesh']))));
    expect(problem).toMatchObject({ path: 'clusters[t-aws].apiAccess.publicCidrs', allowed: expect.stringMatching(/^at most 40/) });
    expect(problem!.message).toMatch(/44 ranges \(34 listed here, 3 of the cluster's own egress, 7 of 3 clients' egress\)/);
    expect(apiAllowListProblem(eks, apiClients(eks, resolved.clusters, new Map()))).toBeUndefined();
    expect(apiAllowListProblem(azure, apiClients(azure, fleet.clusters, peers))).toBeUndefined();
  });
});

describe('network.controlPlaneCidr', () => {
  test.each([
    ['a GKE cluster has none', (f: any) => { delete f.clusters[2].network.controlPlaneCidr; }, 'clusters[t-gcp].network.controlPlaneCidr', /required/],
    ['it is not a /28', (f: any) => { f.clusters[2].network.controlPlaneCidr = '192.168.3.0/24'; }, 'clusters[t-gcp].network.controlPlaneCidr', /\/28/],
    ['it overlaps another range of the fleet', (f: any) => { f.clusters[2].network.controlPlaneCidr = '10.24.0.0/28'; }, 'clusters[t-gcp].network.controlPlaneCidr', /overlaps clusters\[t-gcp\]\.network\.nodeCidr/],
    ['it is set on an EKS cluster', (f: any) => { f.clusters[1].network.controlPlaneCidr = '192.168.9.0/28'; }, 'clusters[t-aws].network.controlPlaneCidr', /only applies to GKE/],
  ])('fails when %s', (_, breakIt, path, message) => {
    const f = testFleet();
    breakIt(f);
    const found = problemsAt(f, path);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
  });
});
