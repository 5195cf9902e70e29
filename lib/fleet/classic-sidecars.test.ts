import { ISTIO_VERSION } from '../k8s/istio/istio-version';
import { classicSidecarWarnings, ISTIO_NATIVE_SIDECARS } from './classic-sidecars';
import { ResolvedApp, ResolvedCluster } from './resolve-fleet';

const cluster = (name: string, kubernetesVersion: string) => ({ name, kubernetesVersion }) as unknown as ResolvedCluster;
const app = (name: string, clusters: string[]) => ({ name, clusters }) as unknown as ResolvedApp;

describe('classicSidecarWarnings', () => {
  test('warns for a cluster with apps below the minor where Istio makes the sidecar native', () => {
    expect(classicSidecarWarnings({ clusters: [cluster('aws-old', '1.32'), cluster('aws-new', '1.33')], apps: [app('web', ['aws-old', 'aws-new'])] })).toEqual([
      expect.stringMatching(/^cluster aws-old: at Kubernetes 1\.32, .*classic sidecar.*a Job's pod there never completes.*sidecar\.istio\.io\/nativeSidecar: "true"/),
    ]);
  });

  test('silent for a cluster without apps: the platform injects no namespace there', () => {
    expect(classicSidecarWarnings({ clusters: [cluster('aws-old', '1.32')], apps: [app('web', ['gcp-prod'])] })).toEqual([]);
  });

  test('read for the pinned Istio release', () => {
    expect(ISTIO_NATIVE_SIDECARS.istio).toBe(ISTIO_VERSION);
  });
});
