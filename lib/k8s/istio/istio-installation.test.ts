import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { IstioInstallation, IstioInstallationProps } from './istio-installation';
import { ISTIO_VERSION } from './istio-version';
import { SYNC_WAVE } from '../argocd/sync-wave';
import { EASTWEST_PORTS, ISTIO_CRDS, istioCharts } from './istio-installation';
import { publicEastWestAnnotations } from './idle-connections';

const props: IstioInstallationProps = { name: 'gcp-prod', project: 'acme', destination: { name: 'gcp-prod' }, meshID: 'acme-mesh', clusterName: 'gcp-prod', network: 'gcp-prod-net', cloud: 'gcp' };

describe('IstioInstallation', () => {
  const [base, cni, istiod, eastwest] = synthChart((c) => new IstioInstallation(c, 'istio', props));

  test('installs base, the CNI node agent, istiod and the east-west gateway from Istio\'s charts at the pinned version, in that order', () => {
    expect([base, cni, istiod, eastwest].map((a) => [a.metadata.name, a.spec.source.chart, a.spec.source.targetRevision, a.metadata.annotations['argocd.argoproj.io/sync-wave']])).toEqual([
      ['gcp-prod-istio-base', 'base', ISTIO_VERSION, String(SYNC_WAVE.istioBase)],
      ['gcp-prod-istio-cni', 'cni', ISTIO_VERSION, String(SYNC_WAVE.istioCni)],
      ['gcp-prod-istiod', 'istiod', ISTIO_VERSION, String(SYNC_WAVE.istiod)],
      ['gcp-prod-istio-eastwest', 'gateway', ISTIO_VERSION, String(SYNC_WAVE.gateways)],
    ]);
    expect(SYNC_WAVE.istioBase).toBeLessThan(SYNC_WAVE.istiod);
    expect(SYNC_WAVE.istioCni).toBeLessThan(SYNC_WAVE.istiod);
    expect(SYNC_WAVE.istiod).toBeLessThan(SYNC_WAVE.gateways);
    // Last in its cluster's root, which Argo CD does not wait for: the gateway's LoadBalancer Service is
    // Progressing until the cloud gives it an address, and in a waited wave one that never comes would hold
    // the cluster's folder (PeerAuthentication, routing, remote secrets) for ever.
    const { operators, clusterBootstrap, istioBase, istioCni, istiod: istiodWave, platformCharts, clusterPlatform } = SYNC_WAVE;
    expect(SYNC_WAVE.gateways).toBeGreaterThan(Math.max(operators, clusterBootstrap, istioBase, istioCni, istiodWave, platformCharts, clusterPlatform));
    // And the chart says it brings a load balancer, so the convergence check reports it in a waited wave.
    expect(istioCharts(props).find((c) => c.chart === 'gateway')!.contents.loadBalancerService).toBe(true);
    for (const app of [base, cni, istiod, eastwest]) expect(app.spec.destination).toEqual({ name: 'gcp-prod', namespace: 'istio-system' });
  });

  test('the failurePolicy istiod flips on each validating webhook (base\'s and its own) is left to istiod, not synced back', () => {
    const ignored = (app: any) => app.spec.ignoreDifferences.map((d: any) => [d.kind, d.name, d.jsonPointers]);
    expect(ignored(base)).toEqual([['ValidatingWebhookConfiguration', 'istiod-default-validator', ['/webhooks/0/failurePolicy']]]);
    expect(ignored(istiod)).toEqual([['ValidatingWebhookConfiguration', 'istio-validator-istio-system', ['/webhooks/0/failurePolicy']]]);
  });

  test('istiod gets meshID, clusterName and network, and runs at system-cluster-critical', () => {
    expect(istiod.spec.source.helm.valuesObject.global).toEqual({ hub: 'docker.io/istio', meshID: 'acme-mesh', multiCluster: { clusterName: 'gcp-prod' }, network: 'gcp-prod-net', priorityClassName: 'system-cluster-critical' });
  });

  test('istiod, every sidecar and every gateway pull from docker.io/istio, not the 1.30 charts\' default registry.istio.io/release, which Istio retires in December 2026', () => {
    // istiod's Deployment reads `hub | default global.hub`; the injector (sidecars, and the gateway chart's
    // `image: auto`) reads global.hub alone (istio 1.30.3 pkg/kube/inject/inject.go ProxyImage). The
    // gateway charts set no hub of their own: nothing else picks an Istio image.
    expect(istiod.spec.source.helm.valuesObject.global.hub).toBe('docker.io/istio');
    expect(istiod.spec.source.helm.valuesObject.hub).toBeUndefined();
    for (const app of [base, eastwest]) expect(JSON.stringify(app.spec.source.helm?.valuesObject ?? {})).not.toMatch(/"hub"|"image"/);
  });

  test('a Gateway selects only gateway pods of its own namespace (PILOT_SCOPE_GATEWAY_TO_NAMESPACE): an app namespace cannot take the shared gateways', () => {
    expect(istiod.spec.source.helm.valuesObject.env).toEqual({ PILOT_SCOPE_GATEWAY_TO_NAMESPACE: 'true' });
  });

  test('every pod istiod injects lets Cluster Autoscaler discard Istio\'s scratch volumes: a node running a pod of the mesh can be scaled down', () => {
    expect(istiod.spec.source.helm.valuesObject.sidecarInjectorWebhook).toEqual({
      injectedAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes': 'workload-socket,credential-socket,workload-certs,istio-data' },
    });
  });

  test('istiod keeps Istio\'s own proxy stats unless told otherwise', () => {
    expect(istiod.spec.source.helm.valuesObject.meshConfig.defaultConfig).toEqual({ proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' } });
  });

  test('extra proxy stats land in the mesh config every proxy reads at start (meshConfig.defaultConfig.proxyStatsMatcher)', () => {
    const [, , withStats] = synthChart((c) => new IstioInstallation(c, 'istio', { ...props, proxyStatsInclusionRegexps: ['.*outlier_detection.*'] }));
    expect(withStats.spec.source.helm.valuesObject.meshConfig.defaultConfig).toEqual({
      proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' },
      proxyStatsMatcher: { inclusionRegexps: ['.*outlier_detection.*'] },
    });
  });

  test('the east-west gateway is labelled with the network and publishes the status port and 15443 only (no istiod ports: every cluster is a primary)', () => {
    const values = eastwest.spec.source.helm.valuesObject;
    expect(values.labels['topology.istio.io/network']).toBe('gcp-prod-net');
    expect(values.env).toEqual({ ISTIO_META_REQUESTED_NETWORK_VIEW: 'gcp-prod-net' });
    expect(values.service.ports.map((p: { port: number }) => p.port)).toEqual([15021, 15443]);
    expect(eastwest).toMatchSnapshot();
  });

  test('every proxy probes its idle upstream connections after a minute (meshConfig.tcpKeepalive): a call to another cluster crosses load balancers and NAT that forget idle flows, the shortest after 4 minutes', () => {
    const keepalive = istiod.spec.source.helm.valuesObject.meshConfig.tcpKeepalive;
    expect(keepalive).toEqual({ time: '60s', interval: '20s', probes: 3 });
    // Azure's load balancer 240 s, EKS's NLB 350 s, Cloud NAT 1200 s: the first probe comes well before any.
    expect(parseInt(keepalive.time, 10)).toBeLessThan(240);
  });

  test('the public east-west gateway\'s Service takes the annotations given (EKS: the Classic Load Balancer\'s idle timeout), none by default', () => {
    expect(eastwest.spec.source.helm.valuesObject.service.annotations).toBeUndefined();
    const annotations = publicEastWestAnnotations('aws');
    const gateway = istioCharts({ ...props, eastWestServiceAnnotations: annotations }).find((c) => c.releaseName === 'istio-eastwestgateway')!;
    expect((gateway.values as any).service).toEqual({ ports: EASTWEST_PORTS, annotations });
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout']).toBe('4000');
    expect(publicEastWestAnnotations('gcp')).toEqual({});
    expect(publicEastWestAnnotations('azure')).toEqual({});
  });

  test('the east-west gateway runs two pods at least, spread over zones then nodes, and a drain evicts one at a time', () => {
    const values = eastwest.spec.source.helm.valuesObject;
    // The chart writes its PodDisruptionBudget only above one replica (gateway templates/poddisruptionbudget.yaml).
    expect(values.autoscaling.minReplicas).toBeGreaterThan(1);
    expect(values.podDisruptionBudget).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const selector = { matchLabels: { app: 'istio-eastwestgateway', istio: 'eastwestgateway' } };
    expect(values.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
    ]);
  });

  test('istiod runs two pods at least, spread over zones then nodes, with a disruption budget: one pod meant a node drain stopped pod creation in every injected namespace (the injection webhook fails closed)', () => {
    const values = istiod.spec.source.helm.valuesObject;
    // The chart writes its PodDisruptionBudget only with autoscaleMin above one (istio-discovery templates/poddisruptionbudget.yaml).
    expect(values.autoscaleMin).toBeGreaterThan(1);
    expect(values.pdb).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const selector = { matchLabels: { app: 'istiod', istio: 'pilot' } };
    expect(values.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable, c.labelSelector])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', selector],
      ['kubernetes.io/hostname', 'ScheduleAnyway', selector],
    ]);
  });

  test('with private peers: the gateway Service is unlabelled and istiod is told the gateways of the networks it names (meshNetworks)', () => {
    const networks = { 'gcp-prod-net': { endpoints: [{ fromRegistry: 'gcp-prod' }], gateways: [{ registryServiceName: 'istio-eastwestgateway-private.istio-system.svc.cluster.local', port: 15443 }] } };
    const charts = istioCharts({ ...props, gatewayLabelled: false, meshNetworks: networks });
    const gateway = charts.find((c) => c.releaseName === 'istio-eastwestgateway')!;
    expect((gateway.values as any).labels).toEqual({ app: 'istio-eastwestgateway', istio: 'eastwestgateway' });
    expect((charts.find((c) => c.chart === 'istiod')!.values as any).global.meshNetworks).toEqual(networks);
  });

  test('the base chart declares the CRDs the mesh resources need, so the convergence check knows them', () => {
    const [baseChart] = istioCharts(props);
    expect(baseChart.contents.crds).toBe(ISTIO_CRDS);
    for (const kind of ['Gateway', 'ServiceEntry', 'DestinationRule', 'VirtualService']) expect(ISTIO_CRDS).toContainEqual({ group: 'networking.istio.io', kind, scope: 'Namespaced' });
    expect(ISTIO_CRDS).toContainEqual({ group: 'security.istio.io', kind: 'PeerAuthentication', scope: 'Namespaced' });
  });

  test.each<[string, Partial<IstioInstallationProps>, string]>([
    ['the network is not a DNS label', { network: 'GCP Net' }, 'IstioInstallation[gcp-prod].network'],
    ['the version is a range', { version: '1.30.x' }, 'IstioInstallation[gcp-prod].version'],
  ])('fails when %s', (_, change, path) => {
    expect(problemPaths(() => synthChart((c) => new IstioInstallation(c, 'istio', { ...props, ...change })))).toContain(path);
  });
});

describe('Istio through a Docker Hub mirror', () => {
  const hub = (p: IstioInstallationProps) => (istioCharts(p).find((c) => c.chart === 'istiod')!.values as any).global.hub;

  test('istiod, and every proxy it injects, pull `<mirror>/istio/…`: the hub is Docker Hub\'s istio namespace behind the mirror, no official image', () => {
    expect(hub({ ...props, imageMirrors: { 'docker.io': 'europe-west1-docker.pkg.dev/acme/docker-hub' } })).toBe('europe-west1-docker.pkg.dev/acme/docker-hub/istio');
  });

  test('without a Docker Hub mirror the hub stays docker.io/istio', () => {
    expect(hub(props)).toBe('docker.io/istio');
    expect(hub({ ...props, imageMirrors: { 'quay.io': 'europe-west1-docker.pkg.dev/acme/quay' } })).toBe('docker.io/istio');
  });
});
