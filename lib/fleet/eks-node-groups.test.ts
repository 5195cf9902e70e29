import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { CLOUD_CATALOG } from './cloud-catalog';
import { CLOUD_NAME_RULES } from './cloud-names';
import { eksNodeGroupNamePrefix, eksZoneNodeGroups, eksZoneSuffix, splitAcrossZones, zonesAsWritten } from './eks-node-groups';
import { fleetProblems } from './validate-fleet';

describe('EKS node groups per zone', () => {
  test('splitAcrossZones: equal shares, the remainder to the first zones, the total exactly the pool\'s', () => {
    expect(splitAcrossZones(10, 3)).toEqual([4, 3, 3]);
    expect(splitAcrossZones(1, 3)).toEqual([1, 0, 0]);
    expect(splitAcrossZones(2, 3)).toEqual([1, 1, 0]);
    expect(splitAcrossZones(0, 3)).toEqual([0, 0, 0]);
    expect(splitAcrossZones(3, 3)).toEqual([1, 1, 1]);
    expect(splitAcrossZones(20, 3)).toEqual([7, 7, 6]);
    expect(splitAcrossZones(5, 4)).toEqual([2, 1, 1, 1]);
    expect(splitAcrossZones(7, 2)).toEqual([4, 3]);
    // Every size up to 1000 over 2 to 4 zones: the shares add up, and differ by at most one.
    const wrong: string[] = [];
    for (let zones = 2; zones <= 4; zones++) {
      for (let total = 0; total <= 1000; total++) {
        const shares = splitAcrossZones(total, zones);
        if (shares.reduce((a, b) => a + b, 0) !== total || Math.max(...shares) - Math.min(...shares) > 1) wrong.push(`${total}/${zones}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('a zone\'s share of minSize never exceeds its share of maxSize', () => {
    const wrong: string[] = [];
    for (let zones = 2; zones <= 4; zones++) {
      for (let max = zones; max <= 60; max++) {
        for (let min = 0; min <= max; min++) {
          const groups = eksZoneNodeGroups({ name: 'p', minSize: min, maxSize: max }, 'us-west-2', ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'].slice(0, zones));
          if (!groups.every((g) => g.minSize <= g.maxSize && g.maxSize >= 1)) wrong.push(`${min}-${max}/${zones}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('eksZoneNodeGroups: one group per zone, in zone order, named "<pool>-<zone letter>-"', () => {
    expect(eksZoneNodeGroups({ name: 'system', minSize: 2, maxSize: 4 }, 'us-west-2', ['us-west-2a', 'us-west-2b', 'us-west-2c'])).toEqual([
      { zone: 'us-west-2a', zoneSuffix: 'a', namePrefix: 'system-a-', minSize: 1, maxSize: 2 },
      { zone: 'us-west-2b', zoneSuffix: 'b', namePrefix: 'system-b-', minSize: 1, maxSize: 1 },
      { zone: 'us-west-2c', zoneSuffix: 'c', namePrefix: 'system-c-', minSize: 0, maxSize: 1 },
    ]);
  });

  test('eksZoneSuffix: the zone\'s letter after its region; a Local Zone keeps what follows the region', () => {
    expect(eksZoneSuffix('eu-west-1', 'eu-west-1b')).toBe('b');
    expect(eksZoneSuffix('us-west-2', 'us-west-2-lax-1a')).toBe('lax-1a');
    expect(eksZoneSuffix('us-west-2', 'other')).toBe('other');
  });

  test('every catalog zone gives a one-letter suffix, so the longest pool name the catalog allows fits the provider\'s prefix limit', () => {
    for (const [region, zones] of Object.entries(CLOUD_CATALOG.aws.zones)) for (const zone of zones) expect([zone, eksZoneSuffix(region, zone)]).toEqual([zone, expect.stringMatching(/^[a-z]$/)]);
    const longest = 'p'.repeat(34);
    expect(CLOUD_CATALOG.aws.nodePoolName.test(longest)).toBe(true);
    expect(CLOUD_CATALOG.aws.nodePoolName.test(`${longest}p`)).toBe(false);
    // node_group_name_prefix at most 63 - 26 (terraform-provider-aws internal/service/eks/node_group.go, id.UniqueIDSuffixLength).
    expect(eksNodeGroupNamePrefix({ name: longest }, 'a')).toHaveLength(37);
    expect(CLOUD_NAME_RULES.eksNodeGroupNamePrefix.maxLength).toBe(63 - 26);
  });

  test('zonesAsWritten: the listed zones or the region\'s defaults, sorted, as resolveFleet settles them', () => {
    expect(zonesAsWritten({ cloud: 'aws', region: 'us-west-2', zones: ['us-west-2c', 'us-west-2a'] })).toEqual(['us-west-2a', 'us-west-2c']);
    expect(zonesAsWritten({ cloud: 'aws', region: 'us-west-2' })).toEqual(CLOUD_CATALOG.aws.defaultZones('us-west-2'));
    expect(zonesAsWritten({ cloud: 'nope', region: 'us-west-2' })).toEqual([]);
  });
});

describe('EKS pool bounds over the zones', () => {
  test('fails when an EKS pool\'s maxSize is below its cluster\'s number of zones, at maxSize: a zone\'s group needs one node', () => {
    // GIVEN aws-prod (us-west-2a, b, c) with a GPU pool capped at 2
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools.push({ name: 'gpu', machineType: 'g5.xlarge', minSize: 0, maxSize: 2, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] });
    // THEN
    expect(fleetProblems(f)).toEqual([{
      path: 'clusters[aws-prod].nodePools[gpu].maxSize',
      message: 'an EKS pool is one node group per zone of the cluster (us-west-2a, us-west-2b, us-west-2c), and each group needs a maxSize of at least 1: the pool\'s maxSize must be at least 3',
      given: '2',
      allowed: '3 or more (split over the zones: 3 gives each zone\'s group at most 1 node)',
    }]);
  });

  test('a maxSize equal to the number of zones passes, as does one below it on two zones once the cluster lists two', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools.push({ name: 'gpu', machineType: 'g5.xlarge', minSize: 0, maxSize: 3 });
    expect(fleetProblems(f)).toEqual([]);
    const two = fullFleet();
    clusterOf(two, 'aws-prod').zones = ['us-west-2a', 'us-west-2b'];
    clusterOf(two, 'aws-prod').nodePools.push({ name: 'gpu', machineType: 'g5.xlarge', minSize: 0, maxSize: 2 });
    expect(fleetProblems(two)).toEqual([]);
  });

  test('GKE and AKS pools are not concerned', () => {
    const f = fullFleet();
    clusterOf(f, 'gcp-prod').nodePools[1].maxSize = 1;
    clusterOf(f, 'gcp-prod').nodePools[1].minSize = 0;
    expect(fleetProblems(f).filter((p) => p.path.endsWith('.maxSize'))).toEqual([]);
  });
});
