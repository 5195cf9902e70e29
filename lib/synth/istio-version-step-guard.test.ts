import { stringify } from 'yaml';
import { istioVersionSteps } from './istio-version-step-guard';
import { OutputIndex } from './output-index';
import { previousIstiods } from './previous-istiod';

const file = (cluster: string) => `k8s/aws/mgmt/argocd/clusters/${cluster}/application.argoproj.io_${cluster}-istiod.yaml`;
const istiod = (cluster: string, version: string) =>
  stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: `${cluster}-istiod` }, spec: { destination: { name: cluster, namespace: 'istio-system' }, source: { chart: 'istiod', targetRevision: version } } });
const previous = (versions: Record<string, string>) => {
  const files = Object.fromEntries(Object.keys(versions).map((c) => [file(c), 'x']));
  const index: OutputIndex = { generator: 'fleetsynth', files: { ...files, 'k8s/aws/mgmt/argocd/application.argoproj.io_argocd.yaml': 'x' } };
  const read = (p: string) => Object.entries(versions).find(([c]) => file(c) === p)?.[1];
  return { index, read: (p: string) => (read(p) === undefined ? undefined : istiod(Object.keys(versions).find((c) => file(c) === p)!, read(p)!)) };
};

describe('istioVersionSteps', () => {
  test('nothing without a previous synth, at the same release, one patch or one minor up, or down', () => {
    expect(istioVersionSteps(['aws-prod'], previousIstiods(undefined, () => undefined), '1.32.0')).toEqual([]);
    for (const [was, now] of [['1.30.3', '1.30.3'], ['1.30.1', '1.30.3'], ['1.30.3', '1.31.0'], ['1.31.0', '1.30.3']]) {
      const p = previous({ 'aws-prod': was });
      expect(istioVersionSteps(['aws-prod'], previousIstiods(p.index, p.read), now)).toEqual([]);
    }
  });

  test('refuses istiod two minors past the previous synth\'s, per cluster, at the cluster, with the release in between as the way', () => {
    const p = previous({ 'aws-prod': '1.29.2', 'gcp-prod': '1.30.3' });
    expect(istioVersionSteps(['aws-prod', 'gcp-prod'], previousIstiods(p.index, p.read), '1.31.0')).toEqual([
      {
        path: 'clusters[aws-prod]',
        message: `its istiod runs Istio 1.29.2 (${file('aws-prod')}), and this fleetsynth installs Istio 1.31.0: Istio is upgraded in place one minor at a time, and its sidecars may be at most one minor behind istiod (istio.io, Supported releases)`,
        given: '"1.31.0"',
        allowed: expect.stringContaining('a fleetsynth release that installs Istio 1.30 first'),
      },
    ]);
  });

  test('reads only istiod Applications that read as one (another chart, or a file that does not parse, is skipped)', () => {
    const index: OutputIndex = { generator: 'fleetsynth', files: { [file('a')]: 'x', [file('b')]: 'x' } };
    const read = (p: string) => (p === file('a') ? 'spec: [unclosed' : stringify({ spec: { source: { chart: 'gateway', targetRevision: '1.20.0' } } }));
    expect(istioVersionSteps(['a', 'b'], previousIstiods(index, read), '1.31.0')).toEqual([]);
  });

  test('the pinned release is a version it reads', () => {
    const p = previous({ x: '1.0.0' });
    expect(istioVersionSteps(['x'], previousIstiods(p.index, p.read)).map((problem) => problem.path)).toEqual(['clusters[x]']);
  });

  test('a cluster that leaves the fleet in this synth is not judged (it gets no new istiod)', () => {
    const p = previous({ 'aws-prod': '1.29.2', 'gcp-prod': '1.29.2' });
    expect(istioVersionSteps(['gcp-prod'], previousIstiods(p.index, p.read), '1.31.0').map((problem) => problem.path)).toEqual(['clusters[gcp-prod]']);
  });
});
