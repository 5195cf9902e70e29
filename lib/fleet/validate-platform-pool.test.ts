import { testFleet } from '../../test/fleets';
import { memoryAtMost2GiB } from './small-machine-types';
import { fleetProblems } from './validate-fleet';

const AT = 'clusters[t-gcp].nodePools';
const problemsAt = (f: unknown) => fleetProblems(f).filter((p) => p.path === AT);

/** testFleet() with the GKE workload cluster's pools replaced. */
function gkePools(pools: Record<string, unknown>[]) {
  const f = testFleet();
  const c = f.clusters[2];
  c.nodePools = pools.map((pool) => ({ machineType: 'e2-standard-4', minSize: 1, maxSize: 3, ...pool }));
  return f;
}

const gpu = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };

describe('a pool the platform runs on (GKE)', () => {
  test('fails when every pool has a NoSchedule or NoExecute taint: istiod and cert-manager tolerate none and stay Pending', () => {
    const f = gkePools([
      { name: 'gpu', taints: [gpu] },
      { name: 'batch', taints: [{ key: 'dedicated', value: 'batch', effect: 'NoExecute' }, { key: 'soft', value: 'x', effect: 'PreferNoSchedule' }] },
    ]);
    expect(problemsAt(f)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('every pool has a NoSchedule or NoExecute taint'),
        given: JSON.stringify(['gpu: nvidia.com/gpu=present:NoSchedule', 'batch: dedicated=batch:NoExecute']),
        allowed: 'at least one pool whose taints are all PreferNoSchedule (or that has none)',
      }),
    ]);
  });

  test.each([
    ['an untainted pool, even at minSize 0 (GKE scales it up from zero)', [{ name: 'gpu', taints: [gpu] }, { name: 'system', minSize: 0 }]],
    ['a pool with PreferNoSchedule taints only', [{ name: 'soft', taints: [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }] }]],
    ['a spot pool without taints: GKE taints no spot node', [{ name: 'spot', spot: true }]],
  ])('passes with %s', (_, pools) => {
    expect(problemsAt(gkePools(pools))).toEqual([]);
  });

  test('fails when the only untainted pools are GPU pools (A2, A3, A4, G2, G4 machines) beside a pool without GPUs: GKE taints GPU nodes nvidia.com/gpu=present:NoSchedule there', () => {
    const f = gkePools([{ name: 'batch', taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] }, { name: 'gpu', machineType: 'g2-standard-8' }, { name: 'a3', machineType: 'a3-highgpu-1g' }]);
    expect(problemsAt(f)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('every pool has a NoSchedule or NoExecute taint'),
        given: JSON.stringify(['batch: dedicated=batch:NoSchedule', 'gpu: nvidia.com/gpu=present:NoSchedule', 'a3: nvidia.com/gpu=present:NoSchedule']),
      }),
    ]);
    // GPU pools only: "a GPU node pool [added] to an existing cluster that already runs a non-GPU node pool" is tainted, these are not.
    expect(problemsAt(gkePools([{ name: 'gpu', machineType: 'g2-standard-8' }, { name: 'a2', machineType: 'a2-highgpu-1g' }]))).toEqual([]);
  });

  test('fails when every pool is of an Arm series (t2a, c4a, n4a): GKE taints Arm nodes kubernetes.io/arch=arm64:NoSchedule, and the platform\'s charts ask for no arm64 node', () => {
    const f = gkePools([{ name: 'arm', machineType: 'c4a-standard-4' }, { name: 'tau', machineType: 't2a-standard-2' }, { name: 'n4a', machineType: 'n4a-standard-4' }]);
    expect(problemsAt(f)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('every pool has a NoSchedule or NoExecute taint'),
        given: JSON.stringify(['arm: kubernetes.io/arch=arm64:NoSchedule', 'tau: kubernetes.io/arch=arm64:NoSchedule', 'n4a: kubernetes.io/arch=arm64:NoSchedule']),
      }),
    ]);
    expect(problemsAt(gkePools([{ name: 'arm', machineType: 'c4a-standard-4' }, { name: 'x86', machineType: 'e2-standard-4' }]))).toEqual([]);
  });
});

describe('a pool with nodes istiod fits on (EKS, GKE)', () => {
  /** testFleet() with `cluster`'s pools replaced. */
  function pools(cluster: 't-aws' | 't-gcp', list: Record<string, unknown>[]) {
    const f = testFleet();
    f.clusters[cluster === 't-aws' ? 1 : 2].nodePools = list.map((pool) => ({ minSize: 1, maxSize: 3, ...pool }));
    return f;
  }
  const at = (f: unknown, cluster: string) => fleetProblems(f).filter((p) => p.path === `clusters[${cluster}].nodePools`);

  test.each([
    ['t-aws', 't3.small'],
    ['t-aws', 'c7g.medium'],
    ['t-gcp', 'e2-small'],
    ['t-gcp', 'n1-highcpu-2'],
  ] as const)('fails on %s when every pool the platform can run on is %s (2 GiB or less): istiod requests 2048Mi', (cluster, machineType) => {
    const f = pools(cluster, [{ name: 'system', machineType }, { name: 'gpu', machineType: cluster === 't-aws' ? 'g5.xlarge' : 'g2-standard-4', minSize: 0, taints: [gpu] }]);
    expect(at(f, cluster)).toEqual([
      expect.objectContaining({
        message: 'istiod requests 2048Mi of memory, more than a node of 2 GiB or less has allocatable once the kubelet\'s reservations are taken, and every pool the platform can run on has such nodes: istiod would stay Pending',
        given: JSON.stringify([`system: ${machineType}`]),
      }),
    ]);
  });

  test.each([
    ['t-aws', 't3.medium'],
    ['t-aws', 'm7g.medium'],
    ['t-gcp', 'e2-medium'],
    ['t-gcp', 'c2d-highcpu-2'],
  ] as const)('passes on %s with %s (more than 2 GiB)', (cluster, machineType) => {
    expect(at(pools(cluster, [{ name: 'system', machineType }]), cluster)).toEqual([]);
  });

  test('fails on GKE when the only larger pool is a GPU pool: GKE taints it, and istiod tolerates no taint', () => {
    const f = pools('t-gcp', [{ name: 'system', machineType: 'e2-small' }, { name: 'gpu', machineType: 'g2-standard-4', minSize: 0 }]);
    expect(at(f, 't-gcp')).toEqual([expect.objectContaining({ given: JSON.stringify(['system: e2-small']) })]);
  });

  test('one larger pool is enough: small pools beside it are fine', () => {
    const f = pools('t-aws', [{ name: 'system', machineType: 't3.small' }, { name: 'big', machineType: 'm7i.large', minSize: 0 }]);
    expect(at(f, 't-aws')).toEqual([]);
  });

  test('fails on EKS with the Cluster Autoscaler off when the larger pool is at minSize 0: nothing scales it up, and the nodes there are all of 2 GiB', () => {
    const f = pools('t-aws', [{ name: 'system', machineType: 't3.small' }, { name: 'big', machineType: 'm7i.large', minSize: 0 }]);
    (f as { platform?: unknown }).platform = { ...f.platform, clusterAutoscaler: false };
    expect(at(f, 't-aws')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('every pool the platform can run on has such nodes (or none: platform.clusterAutoscaler is off, and nothing scales an EKS node group past its minSize): istiod would stay Pending'),
        given: JSON.stringify(['system: t3.small']),
        allowed: expect.stringMatching(/and whose minSize is at least 1$/),
      }),
    ]);
    f.clusters[1].nodePools[1].minSize = 1;
    expect(at(f, 't-aws')).toEqual([]);
  });

  test('the table: 2 GiB or less by name, unknown names never', () => {
    expect(['t3.small', 't3a.small', 't4g.small', 't2.small', 't3.micro', 'c6g.medium', 'c8g.medium', 'c7a.medium'].filter((t) => !memoryAtMost2GiB('aws', t))).toEqual([]);
    expect(['t3.medium', 'm7g.medium', 'r7g.medium', 'c7i.large', 'm7i.large'].filter((t) => memoryAtMost2GiB('aws', t))).toEqual([]);
    expect(['e2-micro', 'e2-small', 'f1-micro', 'g1-small', 'e2-highcpu-2', 'n2-highcpu-2', 'n2d-highcpu-2'].filter((t) => !memoryAtMost2GiB('gcp', t))).toEqual([]);
    expect(['e2-medium', 'e2-standard-2', 'c2d-highcpu-2', 'n2-highcpu-4', 'n4-highcpu-2'].filter((t) => memoryAtMost2GiB('gcp', t))).toEqual([]);
    expect(memoryAtMost2GiB('azure', 'Standard_B1s')).toBe(false);
  });
});
