import { ISTIO_PROXY_LOCAL_VOLUMES, SAFE_TO_EVICT_LOCAL_VOLUMES, evictableProxyAnnotations } from './evictable-proxies';
import { ISTIO_VERSION } from './istio-version';

describe('evictableProxyAnnotations (Istio\'s scratch volumes, safe for Cluster Autoscaler to discard)', () => {
  test('the volumes were read from the injection templates of the Istio release every cluster runs (re-read them when Istio moves)', () => {
    expect(ISTIO_PROXY_LOCAL_VOLUMES.istio).toBe(ISTIO_VERSION);
  });

  test('names every disk-backed emptyDir the injector adds, and no in-memory one (those never block)', () => {
    expect(evictableProxyAnnotations()).toEqual({ [SAFE_TO_EVICT_LOCAL_VOLUMES]: 'workload-socket,credential-socket,workload-certs,istio-data' });
    expect(SAFE_TO_EVICT_LOCAL_VOLUMES).toBe('cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes');
  });
});
