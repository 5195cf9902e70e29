import { observedTestFleet, testFleet } from '../../test/fleets';
import { fullFleet } from '../../test/fleet-fixture';
import { eksPodAddresses } from '../fleet';
import { eksPlatformPods, eksPodAddressProblems } from './eks-pod-addresses';
import { fleetAddons } from './fleet-addons';

/*
 * Pod addresses on EKS under custom networking, (ENIs − 1) × (addresses − 1) a node, against a lower
 * bound of the platform's pods that take one.
 */

const total = (pods: { pods: number }[]) => pods.reduce((sum, x) => sum + x.pods, 0);

/** observedTestFleet() with the workload cluster t-aws given these pools. */
function awsPools(pools: Record<string, unknown>[]) {
  const f: any = observedTestFleet();
  f.clusters[1].nodePools = pools.map((pool) => ({ minSize: 1, ...pool }));
  return f;
}

describe('pod addresses of an EKS node under custom networking', () => {
  test.each([
    ['m7i.large', 18],
    ['m7i.xlarge', 42],
    ['t3.medium', 10],
    ['t3.large', 22],
    ['m7g.medium', 3],
    ['t3.micro', 1],
  ])('%s: %d', (machineType, addresses) => {
    expect(eksPodAddresses(machineType)).toBe(addresses);
  });

  test('an instance type the table does not have: unknown, never guessed', () => {
    expect(eksPodAddresses('m99x.large')).toBeUndefined();
  });
});

describe('the platform\'s pods on an EKS cluster (a lower bound)', () => {
  test('a workload cluster with every service on: 25', () => {
    const f: any = observedTestFleet();
    expect(total(eksPlatformPods('workload', f.platform))).toBe(25);
  });

  test('a management cluster adds Argo CD, Mimir, Loki, Grafana and the rules sync: 48', () => {
    const f: any = observedTestFleet();
    expect(total(eksPlatformPods('management', f.platform))).toBe(48);
  });

  test('with no platform service configured: CoreDNS, the EBS CSI controller, istiod, the east-west gateway, the autoscaler, the Metrics Server', () => {
    expect(eksPlatformPods('workload', {}).map((x) => `${x.what} ${x.pods}`)).toEqual(['CoreDNS 2', 'EBS CSI controller 2', 'istiod 2', 'east-west gateway 2', 'Cluster Autoscaler 1', 'Metrics Server 2']);
  });
});

describe('EKS pools with room for the platform\'s pods', () => {
  test('fails when a workload cluster\'s pools have fewer pod addresses than the platform\'s pods: t3.medium × 2', () => {
    const f = awsPools([{ name: 'system', machineType: 't3.medium', maxSize: 2 }]);
    expect(eksPodAddressProblems(f)).toEqual([
      {
        path: 'clusters[t-aws].nodePools',
        message: 'the platform runs at least 25 pods that take a pod address (CoreDNS 2, EBS CSI controller 2, istiod 2, east-west gateway 2, Cluster Autoscaler 1, Metrics Server 2, metrics agent 4, cert-manager 4, External Secrets 4, istio-csr 2), and the pools they can run on have 14 at their maxSize: under custom networking a node has (ENIs − 1) × (addresses per ENI − 1) for pods, less 3 for the DaemonSets that take one (EBS CSI node plugin, Istio CNI node agent, log agent); the rest would never get an address',
        given: JSON.stringify(['system: t3.medium (10 pod addresses a node) × maxSize 2']),
        allowed: 'pools without NoSchedule or NoExecute taints with room for 25 pods besides the DaemonSets: a larger maxSize, or a larger instance type (e.g. m7i.large has 18 pod addresses a node, m7i.xlarge 42)',
      },
    ]);
  });

  test('a cluster with `istioCni: false` runs no CNI node agent: one address more per node (2 DaemonSets, not 3)', () => {
    const f = awsPools([{ name: 'system', machineType: 't3.medium', maxSize: 2 }]);
    f.clusters[1].istioCni = false;
    expect(eksPodAddressProblems(f).map((p) => p.message)).toEqual([expect.stringContaining('have 16 at their maxSize: under custom networking a node has (ENIs − 1) × (addresses per ENI − 1) for pods, less 2 for the DaemonSets that take one (EBS CSI node plugin, log agent)')]);
  });

  test('a tainted pool counts for nothing: the platform tolerates no taint', () => {
    const f = awsPools([
      { name: 'system', machineType: 't3.medium', maxSize: 2 },
      { name: 'gpu', machineType: 'g5.xlarge', minSize: 0, maxSize: 10, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] },
    ]);
    expect(eksPodAddressProblems(f).map((p) => p.path)).toEqual(['clusters[t-aws].nodePools']);
  });

  test('CoreDNS and the EBS CSI controller also count on a pool tainted CriticalAddonsOnly, which they tolerate: 21 pods on the untainted pool, 4 on either', () => {
    // t3.medium: 10 pod addresses a node, 7 besides the DaemonSets: 21 on the untainted pool, 7 on the other.
    const f = awsPools([
      { name: 'system', machineType: 't3.medium', maxSize: 3 },
      { name: 'addons', machineType: 't3.medium', maxSize: 1, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }] },
    ]);
    expect(eksPodAddressProblems(f)).toEqual([]);
    // Without that pool the 25 pods share the untainted pool's 21 addresses.
    f.clusters[1].nodePools.pop();
    expect(eksPodAddressProblems(f).map((p) => p.message)).toEqual([expect.stringContaining('at least 25 pods that take a pod address (CoreDNS 2, EBS CSI controller 2, istiod 2,')]);
  });

  test('fails when the pods that tolerate no taint do not fit on the untainted pools, however large the CriticalAddonsOnly pool: only they are counted there', () => {
    const f = awsPools([
      { name: 'system', machineType: 't3.medium', maxSize: 2 },
      { name: 'addons', machineType: 'm7i.xlarge', maxSize: 3, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }] },
    ]);
    const [problem] = eksPodAddressProblems(f);
    expect(problem.path).toBe('clusters[t-aws].nodePools');
    expect(problem.message).toMatch(/^the platform runs at least 21 pods that take a pod address \(istiod 2, east-west gateway 2, Cluster Autoscaler 1, Metrics Server 2, metrics agent 4, cert-manager 4, External Secrets 4, istio-csr 2\), and the pools they can run on have 14 at their maxSize/);
    expect(problem.given).toBe(JSON.stringify(['system: t3.medium (10 pod addresses a node) × maxSize 2']));
  });

  test('fails when CoreDNS and the EBS CSI controller fit nowhere the others leave room: a NoExecute CriticalAddonsOnly pool of no nodes counts for nothing', () => {
    const f = awsPools([
      { name: 'system', machineType: 't3.large', maxSize: 1 },
      { name: 'addons', machineType: 't3.medium', minSize: 0, maxSize: 0, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoExecute' }] },
    ]);
    const [problem] = eksPodAddressProblems(f);
    expect(problem.message).toMatch(/^the platform runs at least 25 pods .* have 19 at their maxSize/);
    expect(problem.given).toBe(JSON.stringify(['system: t3.large (22 pod addresses a node) × maxSize 1', 'addons: t3.medium (10 pod addresses a node) × maxSize 0 (CriticalAddonsOnly=true:NoExecute)']));
    expect(problem.allowed).toMatch(/also pools tainted only CriticalAddonsOnly/);
  });

  test('a pool tainted CriticalAddonsOnly and something else is no home for CoreDNS either', () => {
    const f = awsPools([
      { name: 'system', machineType: 't3.large', maxSize: 1 },
      { name: 'addons', machineType: 'm7i.xlarge', maxSize: 3, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }, { key: 'team', value: 'data', effect: 'NoSchedule' }] },
    ]);
    expect(eksPodAddressProblems(f).map((p) => p.path)).toEqual(['clusters[t-aws].nodePools']);
  });

  test('with the Cluster Autoscaler off the node groups stay at minSize: that is what counts', () => {
    const f = awsPools([{ name: 'system', machineType: 'm7i.large', minSize: 1, maxSize: 4 }]);
    f.platform.clusterAutoscaler = false;
    const atAws = () => eksPodAddressProblems(f).filter((p) => p.path === 'clusters[t-aws].nodePools');
    expect(atAws().map((p) => p.given)).toEqual([JSON.stringify(['system: m7i.large (18 pod addresses a node) × minSize 1'])]);
    f.clusters[1].nodePools[0].minSize = 2;
    expect(atAws()).toEqual([]);
  });

  test.each([
    ['t3.medium × 4 (28 addresses besides the DaemonSets)', [{ name: 'system', machineType: 't3.medium', maxSize: 4 }]],
    ['an unknown instance type: nothing certain to compare', [{ name: 'system', machineType: 'm99x.large', maxSize: 1 }]],
  ])('passes with %s', (_, pools) => {
    expect(eksPodAddressProblems(awsPools(pools))).toEqual([]);
  });

  test('the test fleets, the full fleet and a GKE or AKS cluster of small pools pass', () => {
    expect(eksPodAddressProblems(observedTestFleet() as any)).toEqual([]);
    expect(eksPodAddressProblems(testFleet() as any)).toEqual([]);
    expect(eksPodAddressProblems(fullFleet())).toEqual([]);
    const f: any = observedTestFleet();
    f.clusters[2].nodePools[0].maxSize = 1;
    expect(eksPodAddressProblems(f)).toEqual([]);
  });

  test('the fleet\'s validation reports it', () => {
    const f = awsPools([{ name: 'system', machineType: 't3.medium', maxSize: 2 }]);
    expect(fleetAddons(f).problems.map((p) => p.path)).toContain('clusters[t-aws].nodePools');
  });
});
