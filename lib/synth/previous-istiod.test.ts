import { stringify } from 'yaml';
import { tempDir } from '../../test/tree';
import { OutputIndex } from './output-index';
import { previousIstiods } from './previous-istiod';
import { SynthCache } from './synth-cache';

const file = (cluster: string) => `k8s/aws/mgmt/argocd/clusters/${cluster}/application.argoproj.io_${cluster}-istiod.yaml`;
const istiod = (cluster: string, version: string, trustDomain = 'cluster.local') =>
  stringify({ kind: 'Application', spec: { destination: { name: cluster }, source: { chart: 'istiod', targetRevision: version, helm: { valuesObject: { meshConfig: { trustDomain }, global: { meshID: 'mesh' } } } } } });
const index = (...clusters: string[]): OutputIndex => ({ generator: 'fleetsynth', files: Object.fromEntries([...clusters.map((c) => [file(c), 'x']), ['k8s/aws/mgmt/argocd/application.argoproj.io_argocd.yaml', 'x']]) });

describe('previousIstiods', () => {
  test('reads every istiod Application of the previous output, sorted by file; none without one', () => {
    const texts: Record<string, string> = { [file('b')]: istiod('b', '1.30.3'), [file('a')]: istiod('a', '1.30.1') };
    expect(previousIstiods(index('b', 'a'), (p) => texts[p])).toEqual([
      { file: file('a'), cluster: 'a', version: '1.30.1', trustDomain: 'cluster.local', meshID: 'mesh' },
      { file: file('b'), cluster: 'b', version: '1.30.3', trustDomain: 'cluster.local', meshID: 'mesh' },
    ]);
    expect(previousIstiods(undefined, () => undefined)).toEqual([]);
  });

  test('with a cache: the same files are not parsed again, and other bytes are never answered from it', () => {
    const cache = new SynthCache(tempDir());
    const texts: Record<string, string> = { [file('a')]: istiod('a', '1.30.3') };
    const read = (p: string) => texts[p];
    const cold = previousIstiods(index('a'), read, cache);
    expect(cache.stats).toMatchObject({ hits: 0, written: 1 });
    expect(previousIstiods(index('a'), read, cache)).toEqual(cold);
    expect(cache.stats.hits).toBe(1);
    // edited by hand since: read again, whatever the index says
    texts[file('a')] = istiod('a', '1.29.0', 'acme.example');
    expect(previousIstiods(index('a'), read, cache)).toEqual([{ file: file('a'), cluster: 'a', version: '1.29.0', trustDomain: 'acme.example', meshID: 'mesh' }]);
    expect(cache.stats.hits).toBe(1);
  });
});
