import { resolveFleet } from '../fleet';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { DEFAULT_EKS_NODE_GROUP_QUOTA, eksNodeGroupQuotaWarnings } from './eks-node-group-quota';

const pool = (name: string) => ({ name, machineType: 'm7i.large', minSize: 0, maxSize: 3 });

describe('EKS managed node groups against the default quota (30 per cluster)', () => {
  test('the full fleet (two or three pools over three zones): no warning', () => {
    expect(DEFAULT_EKS_NODE_GROUP_QUOTA).toBe(30);
    expect(eksNodeGroupQuotaWarnings(resolveFleet(fullFleet()))).toEqual([]);
  });

  test('ten pools over three zones: 30 groups, up to 40 while groups are replaced (the move to groups per zone replaces one per pool): a warning naming the cluster, the count and the quota', () => {
    const f = fullFleet();
    const c = clusterOf(f, 'aws-prod');
    c.nodePools = [c.nodePools[0], ...Array.from({ length: 9 }, (_, i) => pool(`p${i}`))];
    const warnings = eksNodeGroupQuotaWarnings(resolveFleet(f));
    expect(warnings).toEqual([expect.stringMatching(/^EKS cluster aws-prod: 10 pools × 3 zones are 30 managed node groups \(up to 40 while groups are replaced: .*\), more than EKS's default quota of 30 per cluster: .*"Managed node groups per cluster"/)]);
  });

  test('eleven pools: 33 groups, past the quota already; GKE and AKS pools are not counted', () => {
    const f = fullFleet();
    for (const name of ['aws-prod', 'gcp-prod', 'azure-prod']) {
      const c = clusterOf(f, name);
      // Copies of the cluster's own second pool: a machine type of its cloud.
      c.nodePools = [...c.nodePools, ...Array.from({ length: 11 - c.nodePools.length }, (_, i) => ({ ...c.nodePools[1], name: `p${i}` }))];
    }
    const warnings = eksNodeGroupQuotaWarnings(resolveFleet(f));
    expect(warnings).toEqual([expect.stringContaining('EKS cluster aws-prod: 11 pools × 3 zones are 33 managed node groups, more than')]);
  });
});
