import { crossCloudFailover } from './mesh-service';
import { mergeHelmValues } from './fleet-app';

describe('crossCloudFailover', () => {
  test('each cloud fails over to the next in order, cyclically', () => {
    const endpoints = [
      { locality: 'us-central1', cloud: 'gcp' as const },
      { locality: 'us-west-2/us-west-2a', cloud: 'aws' as const },
      { locality: 'eastus', cloud: 'azure' as const },
    ];
    expect(crossCloudFailover(endpoints, ['gcp', 'aws', 'azure'])).toEqual([
      { from: 'us-central1', to: 'us-west-2' },
      { from: 'us-west-2', to: 'eastus' },
      { from: 'eastus', to: 'us-central1' },
    ]);
  });

  test('no failover with a single cloud', () => {
    expect(crossCloudFailover([{ locality: 'us-west-2', cloud: 'aws' }, { locality: 'us-east-1', cloud: 'aws' }], ['aws'])).toEqual([]);
  });
});

describe('mergeHelmValues', () => {
  test('merges objects deeply and replaces lists and scalars, like Helm', () => {
    expect(mergeHelmValues({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: 2, e: 3 })).toEqual({ a: { b: 1, c: [3] }, d: 2, e: 3 });
  });
});
