import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { ISTIO_VERSION } from '../k8s/istio/istio-version';
import { CLOUD_CATALOG } from './cloud-catalog';
import { ISTIO_KUBERNETES_SUPPORT } from './istio-kubernetes-support';
import { fleetProblems } from './validate-fleet';

describe('every cluster runs a Kubernetes minor the pinned Istio supports', () => {
  const problemsAt = (version: unknown) => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').kubernetesVersion = version;
    return fleetProblems(f).filter((p) => p.path.startsWith('clusters[aws-prod]'));
  };

  test('the minimum was read for the Istio release every cluster runs (re-read it when Istio moves)', () => {
    expect(ISTIO_KUBERNETES_SUPPORT.istio).toBe(ISTIO_VERSION);
  });

  test('an EKS minor the cloud offers but Istio does not support is refused at kubernetesVersion, with the minors that work', () => {
    expect(CLOUD_CATALOG.aws.kubernetesVersions).toContain('1.31');
    expect(problemsAt('1.31')).toEqual([{
      path: 'clusters[aws-prod].kubernetesVersion',
      message: `Istio ${ISTIO_VERSION}, which every cluster of the mesh runs, supports Kubernetes 1.32 and later (istioctl MinK8SVersion)`,
      given: '"1.31"',
      allowed: CLOUD_CATALOG.aws.kubernetesVersions.filter((v) => v !== '1.31').join(', '),
    }]);
  });

  test('the minimum itself passes, and a version the cloud does not offer gets the catalog\'s problem alone', () => {
    expect(problemsAt('1.32')).toEqual([]);
    expect(problemsAt('1.20').map((p) => p.message)).toEqual([expect.stringContaining('not offered by EKS')]);
  });
});
