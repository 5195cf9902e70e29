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

  test.each([
    ['podCidr', '172.30.0.0/15', /^AKS does not accept a pod range that overlaps 172\.30\.0\.0\/16 or 172\.31\.0\.0\/16$/],
    ['nodeCidr', '192.0.2.0/24', /^AKS does not accept a VNet range that overlaps 192\.0\.2\.0\/24$/],
  ])('fails when an AKS %s (%s) overlaps a range AKS reserves: AKS rejects the cluster (azure-aks-docs concepts-network-cni-overview.md)', (field, range, message) => {
    const f = testFleet();
    f.clusters[3].network[field] = range;
    const found = problemsAt(f, `clusters[t-azure].network.${field}`);
    expect(found.map((x) => x.message)).toEqual([expect.stringMatching(message)]);
  });

  test.each([
    ['127.0.0.0/24', /^AKS does not accept a VNet range that overlaps 127\.0\.0\.0\/8$/],
    ['168.63.129.0/24', /^AKS does not accept a VNet range that overlaps 168\.63\.129\.16\/32$/],
    ['224.1.0.0/16', /^AKS does not accept a VNet range that overlaps 224\.0\.0\.0\/4$/],
  ])('fails when an AKS nodeCidr (%s), its VNet\'s range, is one Azure refuses in any VNet (manage-virtual-network.md, "You cannot add the following address ranges")', (range, message) => {
    const f = testFleet();
    f.clusters[3].network.nodeCidr = range;
    const found = problemsAt(f, 'clusters[t-azure].network.nodeCidr');
    expect(found.map((x) => x.message)).toContainEqual(expect.stringMatching(message));
  });

  test('leaves other clouds\' ranges alone', () => {
    const f = testFleet();
    f.clusters[1].network.serviceCidr = '172.31.0.0/16';
    expect(fleetProblems(f)).toEqual([]);
  });
});

describe('GCP prohibited subnetwork ranges', () => {
  // cloud.google.com/vpc/docs/subnets, "Prohibited IPv4 subnet ranges": a GKE cluster's three ranges are its
  // subnetwork's primary and secondary ranges, which Compute Engine refuses there at the apply.
  test.each([
    ['nodeCidr', '169.254.0.0/20', /^Compute Engine does not accept a node range \(the subnetwork's primary range\) that overlaps 169\.254\.0\.0\/16$/],
    ['podCidr', '127.0.0.0/14', /^Compute Engine does not accept a pod range \(a secondary range of the subnetwork\) that overlaps 127\.0\.0\.0\/8$/],
    ['serviceCidr', '199.36.152.0/22', /^Compute Engine does not accept a Service range \(a secondary range of the subnetwork\) that overlaps 199\.36\.153\.4\/30 or 199\.36\.153\.8\/30$/],
    ['podCidr', '224.0.0.0/14', /overlaps 224\.0\.0\.0\/4$/],
    ['serviceCidr', '0.0.16.0/20', /overlaps 0\.0\.0\.0\/8$/],
  ])('fails when a GKE %s (%s) overlaps a range no Compute Engine subnetwork takes, at the field', (field, range, message) => {
    const f = testFleet();
    f.clusters[2].network[field] = range;
    const found = problemsAt(f, `clusters[t-gcp].network.${field}`);
    expect(found.map((x) => x.message)).toEqual([expect.stringMatching(message)]);
  });

  test('leaves other clouds\' ranges to their own rules', () => {
    const f = testFleet();
    f.clusters[1].network.nodeCidr = '169.254.0.0/20';
    expect(problemsAt(f, 'clusters[t-aws].network.nodeCidr').filter((x) => /Compute Engine/.test(x.message))).toEqual([]);
  });
});

describe('EKS pod range: the VPC\'s second range', () => {
  // Amazon VPC User Guide, vpc-cidr-blocks.html#add-cidr-block-restrictions: what AssociateVpcCidrBlock refuses beside the primary range.
  test.each([
    ['10.16.0.0/16', '172.20.0.0/16', /another RFC 1918 block than nodeCidr's \(10\.0\.0\.0\/8\)/],
    ['10.16.0.0/16', '192.168.0.0/16', /another RFC 1918 block/],
    ['172.20.0.0/16', '10.20.0.0/16', /another RFC 1918 block than nodeCidr's \(172\.16\.0\.0\/12\)/],
    ['10.16.0.0/16', '198.19.0.0/16', /198\.19\.0\.0\/16/],
    ['10.1.0.0/16', '10.0.0.0/16', /10\.0\.0\.0\/16, which a VPC with a range in 10\.0\.0\.0\/15/],
    ['172.20.0.0/16', '172.31.0.0/16', /172\.31\.0\.0\/16/],
    ['100.64.0.0/16', '10.20.0.0/16', /not in an RFC 1918 block/],
    ['198.19.0.0/16', '10.20.0.0/16', /a VPC on 198\.19\.0\.0\/16 adds no RFC 1918 range/],
  ])('fails when nodeCidr is %s and podCidr %s, at podCidr', (nodeCidr, podCidr, message) => {
    const f = testFleet();
    f.clusters[1].network = { ...f.clusters[1].network, nodeCidr, podCidr };
    const found = problemsAt(f, 'clusters[t-aws].network.podCidr');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^AWS would refuse to add it to the VPC as its pod range/);
    expect(found[0].message).toMatch(message);
  });

  test.each([
    ['10.16.0.0/16', '100.64.0.0/16'],
    ['10.16.0.0/16', '10.20.0.0/16'],
    ['172.20.0.0/16', '172.24.0.0/16'],
    ['192.168.0.0/20', '192.168.128.0/17'],
    ['100.64.0.0/16', '100.65.0.0/16'],
    ['10.2.0.0/16', '10.0.0.0/16'],
  ])('passes nodeCidr %s with podCidr %s on EKS', (nodeCidr, podCidr) => {
    const f = testFleet();
    f.clusters[1].network = { ...f.clusters[1].network, nodeCidr, podCidr };
    expect(problemsAt(f, 'clusters[t-aws].network.podCidr')).toEqual([]);
  });

  test('leaves other clouds\' pod ranges alone', () => {
    const f = testFleet();
    f.clusters[2].network = { ...f.clusters[2].network, podCidr: '172.24.0.0/14' };
    f.clusters[3].network = { ...f.clusters[3].network, podCidr: '192.168.128.0/17' };
    expect(problemsAt(f, 'clusters[t-gcp].network.podCidr')).toEqual([]);
    expect(problemsAt(f, 'clusters[t-azure].network.podCidr')).toEqual([]);
  });
});
