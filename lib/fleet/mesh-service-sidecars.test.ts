import { meshServiceSidecarWarnings } from './mesh-service-sidecars';
import { ResolvedApp, ResolvedMeshService } from './resolve-fleet';

const app = (namespace: string, clusters: string[]) => ({ name: namespace, namespace, clusters }) as unknown as ResolvedApp;
const inMesh = (clusters: string[]) => ({ kind: 'in-mesh', name: 'podinfo', namespace: 'podinfo', clusters }) as unknown as ResolvedMeshService;

describe('meshServiceSidecarWarnings', () => {
  test('silent where an app of the fleet runs in the service\'s namespace on each of its clusters', () => {
    expect(meshServiceSidecarWarnings({ apps: [app('podinfo', ['aws-prod', 'gcp-prod'])], meshServices: [inMesh(['aws-prod', 'gcp-prod'])] })).toEqual([]);
  });

  test('warns for the clusters where no app injects the namespace: ISTIO_MUTUAL fails against a pod without the sidecar', () => {
    expect(meshServiceSidecarWarnings({ apps: [app('podinfo', ['aws-prod']), app('checkout', ['gcp-prod'])], meshServices: [inMesh(['aws-prod', 'gcp-prod'])] })).toEqual([
      expect.stringMatching(/^mesh service podinfo: on gcp-prod no app of the fleet runs in namespace podinfo, .*ISTIO_MUTUAL/),
    ]);
  });

  test('an external service is not concerned (its DestinationRule has no Istio mTLS)', () => {
    expect(meshServiceSidecarWarnings({ apps: [], meshServices: [{ kind: 'external', name: 'api', clusters: ['aws-prod'] } as unknown as ResolvedMeshService] })).toEqual([]);
  });
});
