import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { fleetProblems } from './validate-fleet';

describe('an EKS cluster needs a pool its managed add-ons and the Cluster Autoscaler can run on', () => {
  // GIVEN aws-prod with `taints` on its only pool with minSize >= 1 (system; spot has minSize 0)
  const problemsWith = (taints: unknown[]) => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[0].taints = taints;
    return fleetProblems(f).filter((p) => p.path.startsWith('clusters[aws-prod]'));
  };

  test.each([
    ['NoSchedule', [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }], '["system: dedicated=x:NoSchedule"]'],
    ['NoExecute', [{ key: 'capacity', value: 'spot', effect: 'PreferNoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }], '["system: dedicated:NoExecute"]'],
  ])('fails when every pool with minSize >= 1 has a %s taint, at nodePools, naming the taints', (_, taints, given) => {
    expect(problemsWith(taints)).toEqual([{
      path: 'clusters[aws-prod].nodePools',
      message: 'every pool with minSize of at least 1 has a NoSchedule or NoExecute taint: CoreDNS, the EBS CSI controller and the Cluster Autoscaler tolerate none of them, so their add-ons would never become ACTIVE and terraform apply would time out',
      given,
      allowed: 'at least one pool with minSize >= 1 whose taints are all PreferNoSchedule (or that has none)',
    }]);
  });

  test('fails when the only pools with minSize >= 1 are tainted CriticalAddonsOnly: CoreDNS and the EBS CSI controller run there, istiod and the Cluster Autoscaler do not', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[0].taints = [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }];
    expect(fleetProblems(f).filter((p) => p.path === 'clusters[aws-prod].nodePools').map((p) => p.message)).toEqual([
      'every pool with minSize of at least 1 has a NoSchedule or NoExecute taint: CoreDNS and the EBS CSI controller tolerate CriticalAddonsOnly and run there, but istiod, the platform\'s other pods and the Cluster Autoscaler tolerate none: they would stay Pending, and nothing would scale the other pools up from their minSize',
    ]);
  });

  test('a pool with minSize >= 1 whose taints are all PreferNoSchedule is enough', () => {
    expect(problemsWith([{ key: 'dedicated', value: 'x', effect: 'PreferNoSchedule' }])).toEqual([]);
  });

  test('one untainted pool with minSize >= 1 is enough, whatever the others carry', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools.push({ name: 'batch', machineType: 'm7i.large', minSize: 1, maxSize: 3, taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] });
    expect(fleetProblems(f)).toEqual([]);
  });

  test('GKE pools are not checked by this rule (no GKE documentation found that kube-dns tolerates no user taint, and Terraform waits for no add-on there); a GKE cluster needs only some untainted pool, of any minSize (validate-platform-pool.test.ts)', () => {
    const f = fullFleet();
    clusterOf(f, 'gcp-prod').nodePools[0].taints = [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }];
    expect(fleetProblems(f)).toEqual([]);
  });
});
