import { crossCloudFailover } from './mesh-service';
import { mergeHelmValues } from './fleet-app';

const gcp = { region: 'us-central1', cloud: 'gcp' as const };
const aws = { region: 'us-west-2', cloud: 'aws' as const };
const azure = { region: 'eastus', cloud: 'azure' as const };

describe('crossCloudFailover', () => {
  test('each serving region fails over to the next cloud in order, cyclically', () => {
    expect(crossCloudFailover([gcp, aws, azure], [], ['gcp', 'aws', 'azure'])).toEqual([
      { from: 'eastus', to: 'us-central1' },
      { from: 'us-central1', to: 'us-west-2' },
      { from: 'us-west-2', to: 'eastus' },
    ]);
  });

  test('a client region that serves nothing goes first to the first cloud in order', () => {
    // The seed's case: api on GCP and AWS, a client on AKS in eastus.
    expect(crossCloudFailover([gcp, aws], [azure, gcp, aws], ['gcp', 'aws'])).toEqual([
      { from: 'eastus', to: 'us-central1' },
      { from: 'us-central1', to: 'us-west-2' },
      { from: 'us-west-2', to: 'us-central1' },
    ]);
  });

  test('a client region of a serving cloud goes first to its own cloud\'s serving region', () => {
    expect(crossCloudFailover([gcp, aws], [{ region: 'us-east-1', cloud: 'aws' }], ['gcp', 'aws'])).toContainEqual({ from: 'us-east-1', to: 'us-west-2' });
  });

  test('one entry per client region, never to itself; a single serving cloud still takes in the other regions', () => {
    const f = crossCloudFailover([aws, { region: 'us-east-1', cloud: 'aws' }], [gcp, azure, aws], ['aws']);
    expect(f).toEqual([{ from: 'eastus', to: 'us-east-1' }, { from: 'us-central1', to: 'us-east-1' }, { from: 'us-east-1', to: 'us-west-2' }, { from: 'us-west-2', to: 'us-east-1' }]);
    expect(new Set(f.map((e) => e.from)).size).toBe(f.length);
  });

  // Behind another network's east-west gateway an endpoint has no region label (istio 1.30.3
  // pilot/pkg/xds/endpoints/ep_filters.go), so after the client's own network (failoverPriority) only a
  // failover entry ranks the other clusters by region (loadbalancer.go applyLocalityFailover).
  test('one cloud serving in several regions: each serving region fails over to the next one (sorted, cyclically)', () => {
    const east1 = { region: 'us-east-1', cloud: 'aws' as const };
    const east2 = { region: 'us-east-2', cloud: 'aws' as const };
    expect(crossCloudFailover([aws, east2, east1], [], ['aws'])).toEqual([
      { from: 'us-east-1', to: 'us-east-2' },
      { from: 'us-east-2', to: 'us-west-2' },
      { from: 'us-west-2', to: 'us-east-1' },
    ]);
    expect(crossCloudFailover([aws], [aws], ['aws'])).toEqual([]);
  });

  test('nothing to fail over to when no cloud in the order serves it', () => {
    expect(crossCloudFailover([], [gcp], ['gcp'])).toEqual([]);
  });
});

describe('mergeHelmValues', () => {
  test('merges objects deeply and replaces lists and scalars, like Helm', () => {
    expect(mergeHelmValues({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: 2, e: 3 })).toEqual({ a: { b: 1, c: [3] }, d: 2, e: 3 });
  });
});
