import { App, Testing } from 'cdk8s';
import { resolveFleet } from '../fleet';
import { testFleet } from '../../test/fleets';
import { ClusterBootstrapChart, ClusterChart } from './cluster-chart';

/** A 3-cloud fleet with one service of the mesh (on AWS and GCP) and one external service (GCP and AWS addresses). */
function meshFleet(edit: (api: any) => void = () => undefined) {
  const f = testFleet();
  const fleet: any = {
    ...f,
    apps: [{ name: 'shop', namespace: 'shop', source: { helm: { repoURL: 'https://charts.example.com', chart: 'shop', version: '1.0.0' } } }],
    meshServices: [
      { name: 'cart', namespace: 'shop', clusters: ['t-gcp', 't-aws'], failover: { order: ['gcp', 'aws'] } },
      {
        name: 'api',
        host: 'api.example.com',
        ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
        resolution: 'DNS',
        endpoints: [{ address: 'api.gcp.example.com', cluster: 't-gcp' }, { address: 'api.aws.example.com', cluster: 't-aws' }],
        failover: { order: ['gcp', 'aws'] },
      },
    ],
  };
  edit(fleet.meshServices[1]);
  return resolveFleet(fleet);
}

const objectsOf = (name: string, edit?: (api: any) => void) => {
  const fleet = meshFleet(edit);
  const props = { fleet, cluster: fleet.clusters.find((c) => c.name === name)! };
  const app = new App();
  const all = [...Testing.synth(new ClusterBootstrapChart(app, `${name}-b`, props)), ...Testing.synth(new ClusterChart(app, name, props))];
  return Object.fromEntries(all.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
};

describe('ClusterChart: mesh services', () => {
  const fleet = meshFleet();
  const regions = [...new Set(fleet.clusters.map((c) => c.region))].sort();

  test('every region with a client cluster gets an ordered failover, on every cluster, for both kinds of service', () => {
    for (const cluster of fleet.clusters) {
      const objs = objectsOf(cluster.name);
      for (const name of ['cart', 'api']) {
        const failover = objs[`DestinationRule/${name}`].spec.trafficPolicy.loadBalancer.localityLbSetting.failover;
        expect(failover.map((f: { from: string }) => f.from).sort()).toEqual(regions);
        // The AKS client (westeurope) serves neither: it goes to the first cloud in order.
        expect(failover).toContainEqual({ from: 'westeurope', to: 'europe-west4' });
        expect(failover).toContainEqual({ from: 'europe-west4', to: 'eu-west-1' });
      }
    }
  });

  test('a service of the mesh: a DestinationRule for its cluster-local name with Istio mTLS, and no ServiceEntry', () => {
    const objs = objectsOf('t-azure');
    expect(objs['DestinationRule/cart'].spec.host).toBe('cart.shop.svc.cluster.local');
    expect(objs['DestinationRule/cart'].spec.trafficPolicy.tls).toEqual({ mode: 'ISTIO_MUTUAL' });
    expect(objs['ServiceEntry/cart']).toBeUndefined();
  });

  test('a service of the mesh prefers the client\'s own network; an external service, whose endpoints have none, does not', () => {
    const objs = objectsOf('t-aws');
    expect(objs['DestinationRule/cart'].spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority).toEqual(['topology.istio.io/network']);
    expect(objs['DestinationRule/api'].spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority).toBeUndefined();
  });

  test('an external service: MESH_EXTERNAL endpoints with locality and no network, and no Istio mTLS toward them', () => {
    const objs = objectsOf('t-azure');
    expect(objs['ServiceEntry/api'].spec.location).toBe('MESH_EXTERNAL');
    expect(objs['ServiceEntry/api'].spec.endpoints).toEqual([{ address: 'api.aws.example.com', locality: 'eu-west-1' }, { address: 'api.gcp.example.com', locality: 'europe-west4' }]);
    expect(JSON.stringify(objs['DestinationRule/api'])).not.toContain('ISTIO_MUTUAL');
  });

  test('an external service\'s wildcard host and uppercase or dotted endpoint names, which istiod takes and which work, are written as given', () => {
    const objs = objectsOf('t-azure', (api) => {
      api.host = '*.example.com';
      api.ports = [{ number: 443, name: '443-https', protocol: 'HTTPS' }];
      api.endpoints[0].address = 'API.gcp.example.com.';
    });
    expect(objs['ServiceEntry/api'].spec).toMatchObject({ hosts: ['*.example.com'], ports: [{ number: 443, name: '443-https', protocol: 'HTTPS' }] });
    expect(objs['ServiceEntry/api'].spec.endpoints.map((e: { address: string }) => e.address)).toEqual(['API.gcp.example.com.', 'api.aws.example.com']);
    expect(objs['DestinationRule/api'].spec.host).toBe('*.example.com');
    expect(objectsOf('t-azure', (api) => { api.host = 'API.Example.com'; })['DestinationRule/api'].spec.host).toBe('API.Example.com');
  });

  test('the fleet apps\' namespaces are created in the bootstrap stage, with sidecar injection, and the policy that requires it before them', () => {
    const objs = objectsOf('t-gcp');
    expect(objs['Namespace/shop'].metadata.labels).toEqual({ 'istio-injection': 'enabled', 'fleetsynth.io/sidecar-required': 'true', 'pod-security.kubernetes.io/audit': 'baseline', 'pod-security.kubernetes.io/warn': 'baseline' });
    const binding = objs['ValidatingAdmissionPolicyBinding/fleetsynth-sidecar-required'];
    expect(binding.spec.matchResources.namespaceSelector).toEqual({ matchLabels: { 'fleetsynth.io/sidecar-required': 'true' } });
    for (const o of [binding, objs['ValidatingAdmissionPolicy/fleetsynth-sidecar-required']]) {
      expect(Number(o.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(Number(objs['Namespace/shop'].metadata.annotations['argocd.argoproj.io/sync-wave']));
    }
  });

  test('the fleet apps\' namespaces warn about and audit Pod Security baseline, without enforcing it', () => {
    const labels: Record<string, string> = objectsOf('t-aws')['Namespace/shop'].metadata.labels;
    const podSecurity = Object.entries(labels).filter(([key]) => key.startsWith('pod-security.kubernetes.io/'));
    expect(podSecurity).toEqual([['pod-security.kubernetes.io/audit', 'baseline'], ['pod-security.kubernetes.io/warn', 'baseline']]);
  });

  test('with `istioCni: false` no Pod Security label: every pod injected with istio-init (NET_ADMIN, NET_RAW) would warn', () => {
    const fleet = meshFleet();
    const cluster = { ...fleet.clusters.find((c) => c.name === 't-aws')!, istioCni: false as const };
    const objs = Testing.synth(new ClusterBootstrapChart(new App(), 'b', { fleet, cluster }));
    const labels: Record<string, string> = objs.find((o) => o.kind === 'Namespace' && o.metadata.name === 'shop')!.metadata.labels;
    expect(Object.keys(labels).filter((key) => key.startsWith('pod-security.kubernetes.io/'))).toEqual([]);
    expect(labels['istio-injection']).toBe('enabled');
  });

  test('a cluster no app runs on gets no sidecar policy', () => {
    const fleet = resolveFleet(testFleet());
    const app = new App();
    const objs = Testing.synth(new ClusterBootstrapChart(app, 'b', { fleet, cluster: fleet.clusters[0] }));
    expect(objs.filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy'))).toEqual([]);
  });
});
