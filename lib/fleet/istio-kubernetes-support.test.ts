import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { ISTIO_VERSION } from '../k8s/istio/istio-version';
import { CLOUD_CATALOG } from './cloud-catalog';
import { ISTIO_KUBERNETES_SUPPORT } from './istio-kubernetes-support';
import { fleetProblems } from './validate-fleet';

describe('every cluster runs a Kubernetes minor the pinned Istio supports', () => {
  afterEach(() => jest.restoreAllMocks());
  const problemsAt = (version: unknown) => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').kubernetesVersion = version;
    return fleetProblems(f).filter((p) => p.path.startsWith('clusters[aws-prod]'));
  };

  test('the minimum was read for the Istio release every cluster runs (re-read it when Istio moves)', () => {
    expect(ISTIO_KUBERNETES_SUPPORT.istio).toBe(ISTIO_VERSION);
  });

  test('an EKS minor the cloud offers but Istio does not support is refused at kubernetesVersion, with the minors that work', () => {
    // No cloud offers one today (EKS 1.31 left the catalog on 2026-11-28); the check stands for the day one does.
    jest.replaceProperty(CLOUD_CATALOG.aws, 'kubernetesVersions', ['1.31', ...CLOUD_CATALOG.aws.kubernetesVersions]);
    // (Its EKS add-on row is gone too: that problem comes beside this one.)
    expect(problemsAt('1.31')).toContainEqual({
      path: 'clusters[aws-prod].kubernetesVersion',
      message: `Istio ${ISTIO_VERSION}, which every cluster of the mesh runs, supports Kubernetes 1.32 and later (istioctl MinK8SVersion)`,
      given: '"1.31"',
      allowed: CLOUD_CATALOG.aws.kubernetesVersions.filter((v) => v !== '1.31').join(', '),
    });
  });

  test('no minor a cloud offers today is below Istio\'s minimum', () => {
    expect(Object.values(CLOUD_CATALOG).flatMap((c) => c.kubernetesVersions.filter((v) => Number(v.split('.')[1]) < 32).map((v) => `${c.service} ${v}`))).toEqual([]);
  });

  test('the minimum itself passes, and a version the cloud does not offer gets the catalog\'s problem alone', () => {
    expect(problemsAt('1.32')).toEqual([]);
    expect(problemsAt('1.20').map((p) => p.message)).toEqual([expect.stringContaining('not offered by EKS')]);
  });
});
