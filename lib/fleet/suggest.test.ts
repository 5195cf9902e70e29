import { closest, didYouMean } from './suggest';

describe('closest', () => {
  test.each([
    ['publicEndpiont', ['publicEndpoint', 'project'], 'publicEndpoint'],
    ['nodepools', ['nodePools', 'name'], 'nodePools'],
    ['westeurop', ['westeurope', 'northeurope', 'westus'], 'westeurope'],
    ['spto', ['spot', 'taints'], 'spot'],
    ['kubernetesVerison', ['kubernetesVersion'], 'kubernetesVersion'],
  ])('suggests for %s', (given, candidates, want) => {
    expect(closest(given, candidates)).toBe(want);
  });

  test.each([
    ['mars-central1', ['me-central1', 'us-central1']],
    ['foo', ['name', 'zones']],
    ['', ['a']],
  ])('stays quiet for %s, too far from anything', (given, candidates) => {
    expect(closest(given, candidates)).toBeUndefined();
    expect(didYouMean(given, candidates)).toBe('');
  });
});
