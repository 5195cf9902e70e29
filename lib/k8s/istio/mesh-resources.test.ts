import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { CrossNetworkGateway } from './cross-network-gateway';
import { FailoverDestinationRule, FailoverDestinationRuleProps } from './failover-destination-rule';
import { IstioSystemNamespace } from './istio-system-namespace';
import { MeshMtls } from './mesh-mtls';
import { MeshServiceEntry } from './mesh-service-entry';

const OUTLIER = { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionPercent: 100 };

describe('istio-system namespace', () => {
  test('carries the cluster\'s network and comes first', () => {
    const [ns] = synthChart((c) => new IstioSystemNamespace(c, 'ns', { network: 'aws-prod-net' }));
    expect(ns.metadata).toEqual({ name: 'istio-system', labels: { 'topology.istio.io/network': 'aws-prod-net' }, annotations: { 'argocd.argoproj.io/sync-wave': '-3' } });
  });
});

describe('CrossNetworkGateway', () => {
  test('listens on 15443 with AUTO_PASSTHROUGH for *.local on the east-west gateway', () => {
    const [gw] = synthChart((c) => new CrossNetworkGateway(c, 'gw'));
    expect(gw.apiVersion).toBe('networking.istio.io/v1');
    expect(gw.spec).toEqual({ selector: { istio: 'eastwestgateway' }, servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }] });
    expect(gw).toMatchSnapshot();
  });
});

describe('MeshMtls', () => {
  test('is a mesh-wide STRICT PeerAuthentication in the root namespace', () => {
    const [pa] = synthChart((c) => new MeshMtls(c, 'mtls'));
    expect(pa).toMatchObject({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } });
  });
});

describe('MeshServiceEntry', () => {
  test('an external service: MESH_EXTERNAL, one endpoint per place with its locality and weight, no Istio network', () => {
    const [se] = synthChart((c) => new MeshServiceEntry(c, 'se', {
      name: 'api',
      host: 'api.example.com',
      ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
      endpoints: [{ address: 'api.gcp.example.com', locality: 'us-central1', weight: 70 }, { address: 'api.aws.example.com', locality: 'us-west-2' }],
    }));
    expect(se.spec).toEqual({
      hosts: ['api.example.com'],
      location: 'MESH_EXTERNAL',
      ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
      endpoints: [{ address: 'api.gcp.example.com', locality: 'us-central1', weight: 70 }, { address: 'api.aws.example.com', locality: 'us-west-2' }],
    });
    expect(se).toMatchSnapshot();
  });

  test('fails when there is no endpoint, an endpoint has no locality, or the host is a mesh name', () => {
    expect(problemPaths(() => synthChart((c) => new MeshServiceEntry(c, 'se', { name: 'api', host: 'api.example.com', ports: [], resolution: 'DNS', endpoints: [] })))).toEqual(['ServiceEntry[api].ports', 'ServiceEntry[api].endpoints']);
    expect(problemPaths(() => synthChart((c) => new MeshServiceEntry(c, 'se', { name: 'api', host: 'api.example.com', ports: [{ number: 1, name: 'x', protocol: 'TCP' }], resolution: 'DNS', endpoints: [{ address: 'a.b', locality: '' }] })))).toEqual(['ServiceEntry[api].endpoints[0].locality']);
    expect(problemPaths(() => synthChart((c) => new MeshServiceEntry(c, 'se', { name: 'api', host: 'api.ns.svc.cluster.local', ports: [{ number: 1, name: 'x', protocol: 'TCP' }], resolution: 'DNS', endpoints: [{ address: 'a.b', locality: 'r' }] })))).toEqual(['ServiceEntry[api].host']);
  });

  test('takes the hosts the fleet takes (lib/fleet/mesh-host.ts): a wildcard, uppercase letters; not a trailing dot, nor a TCP port on a wildcard', () => {
    const entry = (host: string, protocol: 'HTTPS' | 'TCP' = 'HTTPS') => () => synthChart((c) => new MeshServiceEntry(c, 'se', { name: 'api', host, ports: [{ number: 443, name: 'p', protocol }], resolution: 'DNS', endpoints: [{ address: 'a.b', locality: 'r' }] }));
    expect(entry('*.example.com')()[0].spec.hosts).toEqual(['*.example.com']);
    expect(entry('API.example.com')()[0].spec.hosts).toEqual(['API.example.com']);
    expect(problemPaths(entry('api.example.com.'))).toEqual(['ServiceEntry[api].host']);
    expect(problemPaths(entry('*.example.com', 'TCP'))).toEqual(['ServiceEntry[api].ports[0].protocol']);
  });
});

describe('FailoverDestinationRule', () => {
  const props: FailoverDestinationRuleProps = { name: 'api', host: 'api.example.com', outlierDetection: OUTLIER, failover: [{ from: 'us-central1', to: 'us-west-2' }, { from: 'us-west-2', to: 'us-central1' }] };

  test('for a service of the mesh: outlier detection, Istio mTLS and locality failover across clouds', () => {
    const [dr] = synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, host: 'api.shop.svc.cluster.local', tlsMode: 'ISTIO_MUTUAL' }));
    expect(dr.spec.trafficPolicy).toEqual({
      tls: { mode: 'ISTIO_MUTUAL' },
      outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 100 },
      loadBalancer: { localityLbSetting: { enabled: true, failover: [{ from: 'us-central1', to: 'us-west-2' }, { from: 'us-west-2', to: 'us-central1' }] } },
    });
    expect(dr).toMatchSnapshot();
  });

  // Istio ranks by region and zone names only (util.go LbPriority): two clusters in one region, zones named
  // alike, shared a client's first priority across networks. Istio 1.30.3 loadbalancer.go applies
  // failoverPriority first, then the failover entries within each of its levels.
  test('for a service of the mesh: the client\'s own network first, then Istio\'s locality ranking with the failover entries', () => {
    const [dr] = synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, host: 'api.shop.svc.cluster.local', tlsMode: 'ISTIO_MUTUAL', preferClientNetwork: true }));
    expect(dr.spec.trafficPolicy.loadBalancer.localityLbSetting).toEqual({
      enabled: true,
      failoverPriority: ['topology.istio.io/network'],
      failover: [{ from: 'us-central1', to: 'us-west-2' }, { from: 'us-west-2', to: 'us-central1' }],
    });
  });

  test('for a service of the mesh without failover entries: network, region, zone (Istio refuses region or zone labels only beside entries)', () => {
    const [dr] = synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, failover: [], host: 'api.shop.svc.cluster.local', tlsMode: 'ISTIO_MUTUAL', preferClientNetwork: true }));
    expect(dr.spec.trafficPolicy.loadBalancer.localityLbSetting).toEqual({
      enabled: true,
      failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone'],
    });
  });

  test('for a service outside the mesh: no network priority (its endpoints carry no network), and no load balancer without failover entries', () => {
    expect(synthChart((c) => new FailoverDestinationRule(c, 'dr', props))[0].spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority).toBeUndefined();
    expect(synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, failover: [] }))[0].spec.trafficPolicy.loadBalancer).toBeUndefined();
  });

  test('for a service outside the mesh: no Istio mTLS toward a server that does not speak it', () => {
    const [dr] = synthChart((c) => new FailoverDestinationRule(c, 'dr', props));
    expect(dr.spec.trafficPolicy.tls).toBeUndefined();
    expect(dr.spec.trafficPolicy.outlierDetection).toBeDefined();
  });

  test('fails when failover is configured without outlier detection (a JS caller can skip the type)', () => {
    expect(problemPaths(() => synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, outlierDetection: undefined as never })))).toEqual(['DestinationRule[api].outlierDetection']);
  });

  test('takes the hosts istiod takes (ValidateWildcardDomain): a wildcard first label, uppercase letters; fails when a label has an underscore', () => {
    expect(synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, host: '*.Example.com' }))[0].spec.host).toBe('*.Example.com');
    expect(problemPaths(() => synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, host: 'my_api.example.com' })))).toEqual(['DestinationRule[api].host']);
  });

  test.each<[string, Partial<FailoverDestinationRuleProps>, string]>([
    ['maxEjectionPercent is above 100', { outlierDetection: { ...OUTLIER, maxEjectionPercent: 150 } }, 'DestinationRule[api].outlierDetection.maxEjectionPercent'],
    ['the interval is zero', { outlierDetection: { ...OUTLIER, intervalSeconds: 0 } }, 'DestinationRule[api].outlierDetection.intervalSeconds'],
    ['a region fails over to itself', { failover: [{ from: 'us-west-2', to: 'us-west-2' }] }, 'DestinationRule[api].failover[0]'],
    ['a region is named twice as from (Istio uses only the first)', { failover: [{ from: 'eastus', to: 'us-west-2' }, { from: 'eastus', to: 'us-central1' }] }, 'DestinationRule[api].failover'],
  ])('fails when %s', (_, change, path) => {
    expect(problemPaths(() => synthChart((c) => new FailoverDestinationRule(c, 'dr', { ...props, ...change })))).toContain(path);
  });
});
