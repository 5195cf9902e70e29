import { testFleet } from '../../test/fleets';
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
});
