import { chartImageValues, ecrCacheRepositories, mirroredImage, mirroredPrefix, resolveImageMirrors } from './image-mirrors';

const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

describe('mirroredImage', () => {
  const mirrors = { 'docker.io': `${ECR}/docker-hub`, 'quay.io': `${ECR}/quay` };

  test('keeps the image\'s path after the mirror, as pull-through caches name what they cache', () => {
    expect(mirroredImage(mirrors, 'docker.io/istio/proxyv2')).toBe(`${ECR}/docker-hub/istio/proxyv2`);
    expect(mirroredImage(mirrors, 'quay.io/prometheus-operator/prometheus-operator')).toBe(`${ECR}/quay/prometheus-operator/prometheus-operator`);
  });

  test('gives a Docker Hub official image its library/ segment, once (ECR: "the /library prefix must be included")', () => {
    expect(mirroredImage(mirrors, 'docker.io/memcached')).toBe(`${ECR}/docker-hub/library/memcached`);
    expect(mirroredImage(mirrors, 'docker.io/library/memcached')).toBe(`${ECR}/docker-hub/library/memcached`);
  });

  test('a prefix the chart puts image names after keeps its namespace as it is: Istio\'s hub is Docker Hub\'s istio namespace, no official image', () => {
    expect(mirroredPrefix(mirrors, 'docker.io/istio')).toBe(`${ECR}/docker-hub/istio`);
    // A registry alone (cert-manager's imageRegistry) becomes the mirror itself.
    expect(mirroredPrefix(mirrors, 'quay.io')).toBe(`${ECR}/quay`);
  });

  test('leaves an image whose registry has no mirror as it is', () => {
    expect(mirroredImage(mirrors, 'ghcr.io/dexidp/dex')).toBe('ghcr.io/dexidp/dex');
    expect(mirroredImage(undefined, 'docker.io/memcached')).toBe('docker.io/memcached');
  });
});

describe('chartImageValues', () => {
  const images = [
    { image: 'docker.io/grafana/alloy', at: 'image', spelling: 'registry' as const },
    { image: 'quay.io/prometheus-operator/prometheus-config-reloader', at: 'configReloader.image', spelling: 'registry' as const },
    { image: 'docker.io/istio', at: 'global.hub', spelling: 'prefix' as const },
  ];

  test('sets each mirrored image where the chart reads it, registry and repository apart or as one prefix', () => {
    expect(chartImageValues({ 'docker.io': 'cache.example.com/hub', 'quay.io': 'cache.example.com/quay' }, images)).toEqual({
      image: { registry: 'cache.example.com/hub', repository: 'grafana/alloy' },
      configReloader: { image: { registry: 'cache.example.com/quay', repository: 'prometheus-operator/prometheus-config-reloader' } },
      global: { hub: 'cache.example.com/hub/istio' },
    });
  });

  test('sets nothing for an image without a mirror, so a fleet without mirrors renders as before', () => {
    expect(chartImageValues({ 'docker.io': 'cache.example.com/hub' }, images)).toEqual({
      image: { registry: 'cache.example.com/hub', repository: 'grafana/alloy' },
      global: { hub: 'cache.example.com/hub/istio' },
    });
    expect(chartImageValues(undefined, images)).toEqual({});
    expect(chartImageValues({}, images)).toEqual({});
  });
});

test('resolveImageMirrors: the cluster\'s entries replace the fleet\'s for its cloud, per registry, sorted', () => {
  const resolved = resolveImageMirrors('aws', { aws: { 'quay.io': 'q.example.com', 'docker.io': 'd.example.com' }, gcp: { 'ghcr.io': 'g.example.com' } }, { 'docker.io': 'own.example.com' });
  expect(Object.entries(resolved)).toEqual([['docker.io', 'own.example.com'], ['quay.io', 'q.example.com']]);
  expect(resolveImageMirrors('azure', undefined, undefined)).toEqual({});
});

test('ecrCacheRepositories: the ECR pull through caches among the mirrors, each once, with the prefix their repositories are under', () => {
  expect(ecrCacheRepositories({
    'docker.io': `${ECR}/docker-hub`,
    'quay.io': `${ECR}/quay`,
    'ghcr.io': 'europe-west1-docker.pkg.dev/acme/ghcr',
    'registry.k8s.io': '210987654321.dkr.ecr-fips.us-east-1.amazonaws.com',
    'ecr-public.aws.com': `${ECR}/quay`,
  })).toEqual([
    { account: '123456789012', region: 'eu-west-1', prefix: 'docker-hub' },
    { account: '123456789012', region: 'eu-west-1', prefix: 'quay' },
    { account: '210987654321', region: 'us-east-1', prefix: '' },
  ]);
  expect(ecrCacheRepositories(undefined)).toEqual([]);
});

test('ecrCacheRepositories: a dual-stack ECR address is the same registry', () => {
  expect(ecrCacheRepositories({ 'docker.io': '123456789012.dkr-ecr.eu-west-1.on.aws/docker-hub' })).toEqual([{ account: '123456789012', region: 'eu-west-1', prefix: 'docker-hub' }]);
});
