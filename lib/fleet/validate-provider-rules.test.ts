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

describe('AKS reserved ranges', () => {
  test.each(['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24', '172.28.0.0/14'])('fails when an AKS Service range overlaps a range AKS reserves (%s), at serviceCidr', (serviceCidr) => {
    const f = testFleet();
    f.clusters[3].network.serviceCidr = serviceCidr;
    const found = problemsAt(f, 'clusters[t-azure].network.serviceCidr');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^AKS does not accept a Service range that overlaps (169\.254|172\.3|192\.0\.2)/);
  });

  test('leaves the AKS pod range and other clouds\' Service ranges alone', () => {
    const f = testFleet();
    f.clusters[3].network.podCidr = '172.30.0.0/16';
    f.clusters[1].network.serviceCidr = '172.31.0.0/16';
    expect(fleetProblems(f)).toEqual([]);
  });
});
