import { testFleet } from '../../test/fleets';
import { fleetProblems } from './validate-fleet';

const problemsAt = (f: unknown, path: string) => fleetProblems(f).filter((p) => p.path === path);

describe('provider validators checked at the field', () => {
  test('fails when an EKS Service range is outside the private blocks, at serviceCidr', () => {
    const f = testFleet();
    f.clusters[1].network.serviceCidr = '100.96.0.0/16';
    expect(problemsAt(f, 'clusters[t-aws].network.serviceCidr')[0].message).toMatch(/RFC 1918/);
    f.clusters[1].network.serviceCidr = '172.30.0.0/16';
    expect(problemsAt(f, 'clusters[t-aws].network.serviceCidr')).toEqual([]);
  });
});
