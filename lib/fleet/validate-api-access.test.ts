import { testFleet } from '../../test/fleets';
import { clusterApiAccess, managementEgressCidrs } from './api-access';
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
  const mgmt = fleet.clusters.find((c) => c.name === 't-mgmt')!;
  const aws = fleet.clusters.find((c) => c.name === 't-aws')!;
  const gcp = fleet.clusters.find((c) => c.name === 't-gcp')!;
  const mgmtOutputs = { clusterName: 't-mgmt', endpoint: 'https://x', caCertificate: 'Q0E=', oidcIssuer: 'https://oidc', values: { egress_cidrs: ['198.51.100.9/32', '198.51.100.2/32'] } };

  test('a workload cluster admits its own ranges and the management cluster\'s egress, in address order', () => {
    expect(clusterApiAccess(aws, mgmt, mgmtOutputs)).toEqual({ publicCidrs: ['198.51.100.2/32', '198.51.100.9/32', '203.0.113.0/24'] });
  });

  test('while the management cluster\'s outputs are missing, only its own ranges, and the gap is held back', () => {
    const access = clusterApiAccess(gcp, mgmt, undefined);
    expect(access.publicCidrs).toEqual([]);
    expect(access.heldBack).toMatchObject({ subject: 't-gcp', waitingFor: 'output egress_cidrs in terraform-outputs/t-mgmt.json' });
  });

  test('the management cluster admits only its own ranges: Argo CD reaches it in-cluster', () => {
    expect(clusterApiAccess(mgmt, mgmt, mgmtOutputs)).toEqual({ publicCidrs: [] });
  });

  test('fails when the management cluster\'s egress output is malformed, at the output', () => {
    const problems: { path: string }[] = [];
    expect(managementEgressCidrs({ egress_cidrs: ['198.51.100.9'] }, 'terraform-outputs/t-mgmt.json', problems as never)).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual(['terraform-outputs/t-mgmt.json: egress_cidrs.value']);
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
