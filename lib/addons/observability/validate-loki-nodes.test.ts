import { observedTestFleet, TEST_OBSERVABILITY_STORAGE } from '../../../test/fleets';
import { LOKI_RESOURCES, lokiChart } from './central-stores';
import { observabilityAddon } from './index';
import { LOKI_REPLICAS, lokiNodeProblems } from './validate-loki-nodes';

/*
 * Loki's three Monolithic replicas each need a node of their own on the management cluster (the
 * chart's required pod anti-affinity on kubernetes.io/hostname, loki 18.11.0), on pools whose taints
 * it tolerates (none).
 */

const settings = (fleet: any) => fleet.platform.observability;

/** observedTestFleet() with the management cluster (`t-mgmt`, on `cloud`) given these pools. */
function managementPools(pools: Record<string, unknown>[], extra: Record<string, unknown> = {}, cloud: 'aws' | 'gcp' | 'azure' = 'aws') {
  const fleet: any = observedTestFleet(extra);
  fleet.clusters[0].cloud = cloud;
  fleet.clusters[0].nodePools = pools.map((pool) => ({ machineType: 'm7i.large', minSize: 1, ...pool }));
  return fleet;
}

describe('Loki\'s nodes on the management cluster', () => {
  test('the chart runs LOKI_REPLICAS single binaries', () => {
    const values = lokiChart({ cloud: 'aws', region: 'eu-west-1', storage: TEST_OBSERVABILITY_STORAGE, labels: { cloud: 'aws', cluster: 't-mgmt', env: 'test', region: 'eu-west-1' }, clusters: 4, tenant: 'test-fleet' }).values as any;
    expect(values.singleBinary.replicas).toBe(LOKI_REPLICAS);
    expect(LOKI_REPLICAS).toBe(3);
  });

  test('fails when the management cluster\'s pools reach 2 nodes: a Loki replica would stay Pending, at its nodePools', () => {
    const fleet = managementPools([{ name: 'system', maxSize: 2 }]);
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([
      {
        path: 'clusters[t-mgmt].nodePools',
        message: 'Loki runs 3 replicas, each on a node of its own (the loki chart\'s required pod anti-affinity on kubernetes.io/hostname) of more than 2 GiB of memory (each requests 2Gi), and tolerates no NoSchedule or NoExecute taint: the pools it can run on reach 2 nodes, so a replica would stay Pending',
        given: JSON.stringify(['system: maxSize 2']),
        allowed: 'pools without such taints, of machine types with more than 2 GiB of memory, whose maxSize adds up to 3 or more, or platform.observability.logs: false',
      },
    ]);
  });

  test('counts no pool with a NoSchedule or NoExecute taint, and no AKS spot pool (AKS taints its nodes NoSchedule)', () => {
    const fleet = managementPools(
      [
        { name: 'system', maxSize: 2 },
        { name: 'spot', maxSize: 10, spot: true },
        { name: 'gpu', maxSize: 4, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] },
      ],
      {},
      'azure',
    );
    const [problem] = lokiNodeProblems(settings(fleet), fleet);
    expect(problem.given).toBe(JSON.stringify(['system: maxSize 2', 'spot: maxSize 10 (kubernetes.azure.com/scalesetpriority=spot:NoSchedule)', 'gpu: maxSize 4 (nvidia.com/gpu=present:NoSchedule)']));
    expect(problem.allowed).toBe('pools without such taints (nor spot), of machine types with more than 2 GiB of memory, whose maxSize adds up to 3 or more, or platform.observability.logs: false');
  });

  test.each([
    ['one pool of maxSize 3', [{ name: 'system', maxSize: 3 }], 'aws'],
    ['two untainted pools adding up to 3', [{ name: 'system', maxSize: 2 }, { name: 'more', minSize: 0, maxSize: 1 }], 'aws'],
    ['a PreferNoSchedule taint, which Loki may still land on', [{ name: 'system', maxSize: 3, taints: [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }] }], 'aws'],
    ['a GKE spot pool (GKE taints no spot node)', [{ name: 'system', maxSize: 1 }, { name: 'spot', minSize: 0, maxSize: 2, spot: true }], 'gcp'],
  ] as const)('passes with %s', (_, pools, cloud) => {
    const fleet = managementPools(pools as unknown as Record<string, unknown>[], {}, cloud);
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('with the Cluster Autoscaler off an EKS node group stays at its minSize: that is what counts', () => {
    const fleet = managementPools([{ name: 'system', minSize: 2, maxSize: 6 }]);
    fleet.platform.clusterAutoscaler = false;
    const [problem] = lokiNodeProblems(settings(fleet), fleet);
    expect(problem.message).toContain('reach 2 nodes (platform.clusterAutoscaler is off: nothing scales an EKS node group past its minSize)');
    expect(problem.given).toBe(JSON.stringify(['system: minSize 2']));
    expect(problem.allowed).toBe('pools without such taints, of machine types with more than 2 GiB of memory, whose minSize adds up to 3 or more, or platform.observability.logs: false');
    fleet.clusters[0].nodePools[0].minSize = 3;
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('counts no GKE pool of an Arm series: GKE taints Arm nodes kubernetes.io/arch=arm64:NoSchedule', () => {
    const fleet = managementPools([{ name: 'system', machineType: 'e2-standard-4', maxSize: 2 }, { name: 'arm', machineType: 'c4a-standard-4', maxSize: 6 }], {}, 'gcp');
    const [problem] = lokiNodeProblems(settings(fleet), fleet);
    expect(problem.given).toBe(JSON.stringify(['system: maxSize 2', 'arm: maxSize 6 (kubernetes.io/arch=arm64:NoSchedule)']));
    expect(problem.allowed).toBe('pools without such taints (nor Arm, nor GPU beside a pool without GPUs: GKE taints those nodes), of machine types with more than 2 GiB of memory, whose maxSize adds up to 3 or more, or platform.observability.logs: false');
  });

  test('counts no GKE GPU pool (A2, A3, A4, G2, G4 machines) beside a pool without GPUs: GKE taints its nodes nvidia.com/gpu=present:NoSchedule', () => {
    const fleet = managementPools([{ name: 'system', machineType: 'e2-standard-4', maxSize: 2 }, { name: 'gpu', machineType: 'g2-standard-8', minSize: 0, maxSize: 4 }], {}, 'gcp');
    const [problem] = lokiNodeProblems(settings(fleet), fleet);
    expect(problem.given).toBe(JSON.stringify(['system: maxSize 2', 'gpu: maxSize 4 (nvidia.com/gpu=present:NoSchedule)']));
    // A cluster of GPU pools only: GKE adds no taint there, Loki runs on them.
    fleet.clusters[0].nodePools.shift();
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('counts no pool of nodes with 2 GiB of memory or less: none has the 2Gi each replica requests allocatable', () => {
    // The premise: Loki's request is istiod's 2048Mi, which small-machine-types.ts rules such nodes out for.
    expect(LOKI_RESOURCES.requests.memory).toBe('2Gi');
    const fleet = managementPools([{ name: 'system', maxSize: 1 }, { name: 'small', machineType: 't3.small', minSize: 0, maxSize: 5 }]);
    const [problem] = lokiNodeProblems(settings(fleet), fleet);
    expect(problem.message).toContain('the pools it can run on reach 1 node, so a replica would stay Pending');
    expect(problem.given).toBe(JSON.stringify(['system: maxSize 1', 'small: maxSize 5 (2 GiB of memory or less: Loki requests 2Gi)']));
    const gke = managementPools([{ name: 'system', machineType: 'e2-standard-4', maxSize: 1 }, { name: 'small', machineType: 'e2-small', maxSize: 5 }], {}, 'gcp');
    expect(lokiNodeProblems(settings(gke), gke)).toHaveLength(1);
    fleet.clusters[0].nodePools[1].machineType = 't3.medium';
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('GKE and AKS scale their pools themselves: maxSize counts there whatever platform.clusterAutoscaler says', () => {
    const fleet = managementPools([{ name: 'system', minSize: 1, maxSize: 3 }], {}, 'gcp');
    fleet.platform.clusterAutoscaler = false;
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('with logs off there is no Loki to place', () => {
    const fleet = managementPools([{ name: 'system', maxSize: 2 }], { logs: false });
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('a workload cluster runs no Loki: its pools are not counted', () => {
    const fleet: any = observedTestFleet();
    fleet.clusters[1].nodePools[0].maxSize = 2;
    expect(lokiNodeProblems(settings(fleet), fleet)).toEqual([]);
  });

  test('the add-on\'s validation reports it', () => {
    const fleet = managementPools([{ name: 'system', maxSize: 2 }]);
    expect(observabilityAddon(settings(fleet)).validate!(fleet).map((p) => p.path)).toContain('clusters[t-mgmt].nodePools');
  });
});
