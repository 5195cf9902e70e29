import { testFleet } from '../../test/fleets';
import { aksNodeSubnetCapacity, gkeNodeRangeCapacity, podBlockPrefix, podRangeNodeCapacity, upgradeSurgeNodes } from './validate-pod-range-capacity';
import { fleetProblems } from './validate-fleet';

const problemsAt = (f: unknown, path: string) => fleetProblems(f).filter((p) => p.path === path);

/** testFleet() with `cluster`'s pod range cut to `/prefix` (or replaced by a range) and its pools replaced. */
function withPods(cluster: 't-aws' | 't-gcp' | 't-azure', pods: number | string, pools: { name: string; minSize?: number; maxSize: number; spot?: boolean }[]) {
  const f = testFleet();
  const c = f.clusters[['t-mgmt', 't-aws', 't-gcp', 't-azure'].indexOf(cluster)];
  c.network.podCidr = typeof pods === 'string' ? pods : c.network.podCidr.replace(/\/\d+$/, `/${pods}`);
  c.nodePools = pools.map((pool) => ({ machineType: c.nodePools[0].machineType, minSize: 0, ...pool }));
  return f;
}

/** withPods() with a /14 pod range (1,024 nodes: never the limit here), pools of minSize 1, and `nodeCidr` as given. */
function withNodes(cluster: 't-gcp' | 't-azure', nodeCidr: string, pools: { name: string; maxSize: number; spot?: boolean }[]) {
  const f = withPods(cluster, 14, pools.map((pool) => ({ minSize: 1, ...pool })));
  f.clusters[['t-mgmt', 't-aws', 't-gcp', 't-azure'].indexOf(cluster)].network.nodeCidr = nodeCidr;
  return f;
}

describe('pod range capacity: the arithmetic', () => {
  test('each node takes a /24: fixed on AKS overlay, twice GKE\'s 110 pods rounded up to a block on GKE', () => {
    expect(podBlockPrefix('azure')).toBe(24);
    expect(podBlockPrefix('gcp')).toBe(24);
  });

  test('a range has room for 2^(24 - prefix) nodes, none when smaller than a block', () => {
    expect(podRangeNodeCapacity(22, 24)).toBe(4);
    expect(podRangeNodeCapacity(14, 24)).toBe(1024);
    expect(podRangeNodeCapacity(24, 24)).toBe(1);
    expect(podRangeNodeCapacity(25, 24)).toBe(0);
  });

  test('AKS system pool: 33% of its nodes, rounded up', () => {
    expect([1, 3, 4, 9, 100, 101].map((maxSize) => upgradeSurgeNodes('azure', { maxSize }, true))).toEqual([1, 1, 2, 3, 33, 34]);
  });

  test('AKS user pools: 10% of their nodes (AKS\'s default from 1.32, which the stack states), rounded up, spot pools none; GKE: one per pool, spot or not', () => {
    expect([1, 10, 11, 50].map((maxSize) => upgradeSurgeNodes('azure', { maxSize }, false))).toEqual([1, 1, 2, 5]);
    expect(upgradeSurgeNodes('azure', { maxSize: 50, spot: true }, false)).toBe(0);
    expect(upgradeSurgeNodes('gcp', { maxSize: 50 }, false)).toBe(1);
    expect(upgradeSurgeNodes('gcp', { maxSize: 50, spot: true }, false)).toBe(1);
  });
});

describe('pod range capacity: the rule', () => {
  // A /20 has room for 16 nodes.
  test.each([
    ['GKE', 't-gcp', [{ name: 'system', minSize: 1, maxSize: 6 }, { name: 'workers', maxSize: 8, spot: true }]],
    ['AKS, a spot user pool', 't-azure', [{ name: 'system', minSize: 1, maxSize: 9 }, { name: 'spot', maxSize: 4, spot: true }]],
    ['AKS, a regular user pool', 't-azure', [{ name: 'system', minSize: 1, maxSize: 9 }, { name: 'workers', maxSize: 3 }]],
  ] as const)('%s: passes with exactly enough room, pools at maxSize plus their surge', (_, cluster, pools) => {
    expect(problemsAt(withPods(cluster, 20, [...pools]), `clusters[${cluster}].network.podCidr`)).toEqual([]);
  });

  test.each([
    ['GKE', 't-gcp', [{ name: 'system', minSize: 1, maxSize: 6 }, { name: 'workers', maxSize: 9, spot: true }], 'maxSize 6 (system) + 9 (workers) = 15, plus 2 surge nodes'],
    ['AKS, a spot user pool', 't-azure', [{ name: 'system', minSize: 1, maxSize: 9 }, { name: 'spot', maxSize: 5, spot: true }], 'maxSize 9 (system) + 5 (spot) = 14, plus 3 surge nodes'],
    ['AKS, a regular user pool', 't-azure', [{ name: 'system', minSize: 1, maxSize: 9 }, { name: 'workers', maxSize: 4 }], 'maxSize 9 (system) + 4 (workers) = 13, plus 4 surge nodes'],
  ] as const)('fails when the pod range is one node short (%s), with the capacity and the pools\' maximum', (_, cluster, pools, need) => {
    const found = problemsAt(withPods(cluster, 20, [...pools]), `clusters[${cluster}].network.podCidr`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe(`has room for 16 nodes (each node takes a /24 of it), fewer than the pools can reach: ${need} during upgrades`);
    expect(found[0].allowed).toBe('a /19 or larger (room for 32 nodes), or smaller maxSize');
  });

  test('fails when even the largest pod range the cloud accepts is too small, and says to lower maxSize', () => {
    // 33 pools of 1,000 nodes: more than the 32,768 nodes of a /9, GKE's largest pod range.
    const pools = Array.from({ length: 33 }, (_, i) => ({ name: `pool${i}`, minSize: 1, maxSize: 1000 }));
    const found = problemsAt(withPods('t-gcp', '10.128.0.0/9', pools), 'clusters[t-gcp].network.podCidr');
    expect(found).toHaveLength(1);
    expect(found[0].allowed).toBe('smaller maxSize: the largest pod range, a /9, has room for 32768 nodes');
  });

  test('EKS has no rule: its pods take single addresses, not a block per node', () => {
    expect(problemsAt(withPods('t-aws', 24, [{ name: 'system', minSize: 1, maxSize: 1000 }]), 'clusters[t-aws].network.podCidr')).toEqual([]);
  });

  test('a pool without a valid maxSize is reported at the pool, not as a capacity problem', () => {
    const f = withPods('t-gcp', 21, [{ name: 'system', minSize: 1, maxSize: NaN }, { name: 'workers', maxSize: 20 }]);
    expect(problemsAt(f, 'clusters[t-gcp].nodePools[system].maxSize')).toHaveLength(1);
    expect(problemsAt(f, 'clusters[t-gcp].network.podCidr')).toEqual([]);
  });
});

describe('GKE node range capacity', () => {
  // Every node takes one address of the subnetwork's primary range, of which Google keeps 4 (VPC docs, Subnets):
  // a /24 has room for 252 nodes, whatever room the pod range has (a /14 here: 1,024 nodes).

  test('a /24 has room for 252 nodes, a /16 for 65,532', () => {
    expect(gkeNodeRangeCapacity(24)).toBe(252);
    expect(gkeNodeRangeCapacity(16)).toBe(65532);
  });

  test('passes with exactly enough room: pools at maxSize plus one surge node each', () => {
    expect(problemsAt(withNodes('t-gcp', '10.24.0.0/24', [{ name: 'system', maxSize: 150 }, { name: 'workers', maxSize: 100 }]), 'clusters[t-gcp].network.nodeCidr')).toEqual([]);
  });

  test('fails when the node range is one node short, at nodeCidr, though the pod range has room', () => {
    const f = withNodes('t-gcp', '10.24.0.0/24', [{ name: 'system', maxSize: 150 }, { name: 'workers', maxSize: 101 }]);
    expect(problemsAt(f, 'clusters[t-gcp].network.podCidr')).toEqual([]);
    const found = problemsAt(f, 'clusters[t-gcp].network.nodeCidr');
    expect(found.map((x) => [x.message, x.allowed])).toEqual([[
      'has room for 252 nodes (one address each; Google keeps 4 of the subnetwork\'s primary range), fewer than the pools can reach: maxSize 150 (system) + 101 (workers) = 251, plus 2 surge nodes during upgrades',
      'a /23 or larger (room for 508 nodes), or smaller maxSize',
    ]]);
  });

  test('fails when even the largest node range GKE accepts here is too small, and says to lower maxSize', () => {
    const pools = Array.from({ length: 66 }, (_, i) => ({ name: `pool${i}`, maxSize: 1000 }));
    const found = problemsAt(withNodes('t-gcp', '10.24.0.0/16', pools), 'clusters[t-gcp].network.nodeCidr');
    expect(found.map((x) => x.allowed)).toEqual(['smaller maxSize: the largest node range, a /16, has room for 65532 nodes']);
  });
});

describe('AKS node subnet capacity', () => {
  // Azure CNI overlay: every node takes one address of the node subnet (all of nodeCidr), pods none; Azure keeps 5
  // of every subnet and 2 are left for the API server's private endpoint and the internal east-west load balancer:
  // a /24 has room for 249 nodes, whatever room the pod range has (a /14 here: 1,024 nodes).

  test('a /24 has room for 249 nodes (256 less Azure\'s 5 and the stack\'s 2), a /16 for 65,529', () => {
    expect(aksNodeSubnetCapacity(24)).toBe(249);
    expect(aksNodeSubnetCapacity(16)).toBe(65529);
  });

  test('passes with exactly enough room: pools at maxSize plus their surge (system 33%, user 10%, spot none)', () => {
    // 100 + 33 surge, 105 + 11 surge, 0 surge for the spot pool: 249.
    const pools = [{ name: 'system', maxSize: 100 }, { name: 'workers', maxSize: 105 }];
    expect(problemsAt(withNodes('t-azure', '10.32.0.0/24', pools), 'clusters[t-azure].network.nodeCidr')).toEqual([]);
    expect(problemsAt(withNodes('t-azure', '10.32.0.0/24', [{ name: 'system', maxSize: 100 }, { name: 'spot', maxSize: 116, spot: true }]), 'clusters[t-azure].network.nodeCidr')).toEqual([]);
  });

  test('fails when the node subnet is one node short, at nodeCidr, though the pod range has room', () => {
    const f = withNodes('t-azure', '10.32.0.0/24', [{ name: 'system', maxSize: 100 }, { name: 'workers', maxSize: 106 }]);
    expect(problemsAt(f, 'clusters[t-azure].network.podCidr')).toEqual([]);
    const found = problemsAt(f, 'clusters[t-azure].network.nodeCidr');
    expect(found.map((x) => [x.message, x.allowed])).toEqual([[
      'has room for 249 nodes (one address each; Azure keeps 5 of every subnet, and 2 are left for the API server\'s private endpoint and the east-west gateway\'s internal load balancer), fewer than the pools can reach: maxSize 100 (system) + 106 (workers) = 206, plus 44 surge nodes during upgrades',
      'a /23 or larger (room for 505 nodes), or smaller maxSize',
    ]]);
  });

  test('fails when a spot pool one node larger leaves no room, though spot pools have no surge', () => {
    const found = problemsAt(withNodes('t-azure', '10.32.0.0/24', [{ name: 'system', maxSize: 100 }, { name: 'spot', maxSize: 117, spot: true }]), 'clusters[t-azure].network.nodeCidr');
    expect(found.map((x) => x.allowed)).toEqual(['a /23 or larger (room for 505 nodes), or smaller maxSize']);
  });

  test('fails when even the largest node subnet AKS accepts here is too small, and says to lower maxSize', () => {
    const pools = [{ name: 'system', maxSize: 1000 }, ...Array.from({ length: 65 }, (_, i) => ({ name: `pool${i}`, maxSize: 1000, spot: true }))];
    const found = problemsAt(withNodes('t-azure', '10.32.0.0/16', pools), 'clusters[t-azure].network.nodeCidr');
    expect(found.map((x) => x.allowed)).toEqual(['smaller maxSize: the largest node range, a /16, has room for 65529 nodes']);
  });
});
