import { parse } from 'yaml';
import { problemPaths, synthChart } from '../../../../test/k8s-fixture';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';
import { evictableProxyAnnotations } from '../../../k8s/istio/evictable-proxies';
import { istioCharts } from '../../../k8s/istio/istio-installation';
import { MESH_TCP_KEEPALIVE } from '../../../k8s/istio/idle-connections';
import { schemaProblems } from '../../../synth/schema-validation';
import { MESH_CERT_LIFETIME_HOURS, MESH_CERT_RENEW_BEFORE_HOURS } from '../vault-layout';
import { certManagerChart } from './cert-manager-chart';
import { ISTIO_CSR_ADDRESS, istioCsrChart } from './istio-csr-chart';
import { IstioReaderToken } from './istio-reader-token';
import { IstioRemoteSecret, remoteSecretKubeconfig } from './istio-remote-secret';
import { MeshRootCaSecret } from './mesh-root-ca';
import { VaultIssuer } from './vault-issuer';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n').toString('base64');
const strict = (objects: any[]) => schemaProblems(objects.map((object, i) => ({ file: `o${i}.yaml`, object })));
const byKind = (objects: any[]) => Object.fromEntries(objects.map((o) => [o.kind, o]));

describe('the mesh\'s shared root of trust (cert-manager + istio-csr + Vault PKI)', () => {
  test('VaultIssuer: its own service account, the Role that lets cert-manager request its token, and the Issuer one wave later', () => {
    const objects = synthChart((c) =>
      new VaultIssuer(c, 'i', { name: 'istio-ca', namespace: 'istio-system', server: 'https://v.example.com', signPath: 'pki-mesh-a/sign/istio-csr', auth: { mount: 'k8s-a', role: 'istio-ca' }, serviceAccountName: 'vault-istio-ca', certManager: { namespace: 'cert-manager', name: 'cert-manager' }, syncWave: 0 }),
    );
    const k = byKind(objects);
    expect(k.Role.rules).toEqual([{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['vault-istio-ca'], verbs: ['create'] }]);
    expect(k.RoleBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' }]);
    expect(k.Issuer.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('1');
    expect(k.Issuer.spec.vault).toEqual({ server: 'https://v.example.com', path: 'pki-mesh-a/sign/istio-csr', auth: { kubernetes: { mountPath: '/v1/auth/k8s-a', role: 'istio-ca', serviceAccountRef: { name: 'vault-istio-ca' } } } });
    expect(strict(objects)).toEqual([]);
  });

  test('the root certificate as the Secret istio-csr pins', () => {
    const [es] = synthChart((c) => new MeshRootCaSecret(c, 'r', { secret: { name: 'istio-root-ca', namespace: 'cert-manager', key: 'ca.pem' }, store: { name: 'vault-mesh' }, remoteKey: 'mesh/trust-anchor', property: 'certificate' }));
    expect(es.spec.data).toEqual([{ secretKey: 'ca.pem', remoteRef: { key: 'mesh/trust-anchor', property: 'certificate' } }]);
    expect(es.spec.target.name).toBe('istio-root-ca');
    expect(strict([es])).toEqual([]);
  });

  test('istio-csr: before istiod, for this cluster\'s ID and the mesh\'s trust domain, pinning the root from that Secret', () => {
    const chart = istioCsrChart({ clusterID: 'c-aws', trustDomain: 'td.example' });
    expect(chart).toMatchObject({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager-istio-csr', version: 'v0.17.0', namespace: 'cert-manager' });
    expect(chart.wave).toBeGreaterThan(SYNC_WAVE.clusterBootstrap);
    expect(chart.wave).toBeLessThan(SYNC_WAVE.istiod);
    const app = (chart.values as any).app;
    expect([app.server.clusterID, app.tls.trustDomain, app.tls.rootCAFile, app.certmanager.issuer.name, app.certmanager.namespace]).toEqual(['c-aws', 'td.example', '/var/run/secrets/istio-csr/ca.pem', 'istio-ca', 'istio-system']);
    expect((chart.values as any).volumes).toEqual([{ name: 'root-ca', secret: { secretName: 'istio-root-ca' } }]);
  });

  test('istio-csr: certificates of the mesh\'s lifetime (24 h, what Istio\'s proxies ask), istiod\'s renewed with half left, two replicas that a drain or a lost node leaves one of', () => {
    expect([MESH_CERT_LIFETIME_HOURS, MESH_CERT_RENEW_BEFORE_HOURS]).toEqual([24, 12]);
    const values = istioCsrChart({ clusterID: 'c-aws', trustDomain: 'td.example' }).values as any;
    const { server, tls } = values.app;
    expect([server.maxCertificateDuration, tls.istiodCertificateDuration, tls.istiodCertificateRenewBefore, tls.certificateDuration]).toEqual(['24h', '24h', '12h', '24h']);
    // Its budget evicts one at a time and never waits on an unready pod (two started while Vault is away are both
    // unready): the chart's own cannot say so (v0.17.0 values.schema.json podDisruptionBudget), so it is an extra object.
    expect([values.replicaCount, values.podDisruptionBudget]).toEqual([2, { enabled: false }]);
    expect(values.extraObjects.map((o: string) => parse(o))).toEqual([{
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'cert-manager-istio-csr', namespace: 'cert-manager' },
      spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { app: 'cert-manager-istio-csr' } } },
    }]);
    expect(strict(values.extraObjects.map((o: string) => parse(o)))).toEqual([]);
    // The chart's pods carry `app: <chart name>` (templates/deployment.yaml); apart by zone first, so a lost zone leaves one.
    expect(values.topologySpreadConstraints).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => (
      { maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'cert-manager-istio-csr' } } })));
  });

  test('cert-manager: pinned, CRDs on, in the operators wave, declaring the Issuer kind it brings', () => {
    const chart = certManagerChart();
    expect(chart).toMatchObject({ chart: 'cert-manager', version: 'v1.21.1', wave: SYNC_WAVE.operators, values: { crds: { enabled: true } } });
    expect(chart.contents.crds).toContainEqual({ group: 'cert-manager.io', kind: 'Issuer', scope: 'Namespaced' });
  });

  test('cert-manager: its webhook, which admits every certificate istio-csr asks for, keeps a pod through a drain, spread over zones then nodes', () => {
    const values = certManagerChart().values as any;
    // More pods than the budget keeps: otherwise the budget would block every drain of their nodes.
    expect([values.webhook.replicaCount, values.webhook.podDisruptionBudget]).toEqual([2, { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' }]);
    // The pods' labels (cert-manager v1.21.1 templates/webhook-deployment.yaml).
    expect(values.webhook.topologySpreadConstraints).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
      maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/instance': 'cert-manager', 'app.kubernetes.io/component': 'webhook' } },
    })));
    // One controller, and no budget for it: a budget of one over one pod would block every drain of its node.
    expect([values.replicaCount, values.podDisruptionBudget]).toEqual([undefined, undefined]);
  });

  test('istiod with an external CA: its CA server off, proxies sent to istio-csr; mesh ID and trust domain unchanged', () => {
    const istiod = istioCharts({ meshID: 'm', clusterName: 'c', network: 'c-net', trustDomain: 'td.example', certificateAuthority: { address: ISTIO_CSR_ADDRESS } }).find((c) => c.name === 'istiod')!;
    expect(istiod.values).toEqual({
      global: { hub: 'docker.io/istio', meshID: 'm', multiCluster: { clusterName: 'c' }, network: 'c-net', caAddress: 'cert-manager-istio-csr.cert-manager.svc:443', priorityClassName: 'system-cluster-critical' },
      meshConfig: { trustDomain: 'td.example', tcpKeepalive: MESH_TCP_KEEPALIVE, defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' } } },
      env: { ENABLE_CA_SERVER: 'false', PILOT_SCOPE_GATEWAY_TO_NAMESPACE: 'true' },
      cni: { enabled: true },
      sidecarInjectorWebhook: { injectedAnnotations: evictableProxyAnnotations() },
      // Its availability (istio-installation.test.ts).
      autoscaleMin: 2,
      pdb: expect.any(Object),
      topologySpreadConstraints: expect.any(Array),
    });
    const own = istioCharts({ meshID: 'm', clusterName: 'c', network: 'c-net' }).find((c) => c.name === 'istiod')!;
    expect(own.values?.env).not.toHaveProperty('ENABLE_CA_SERVER');
  });
});

describe('endpoint discovery (remote secrets)', () => {
  test('the reader token: a service-account-token Secret (no data in Git) and its PushSecret into Vault', () => {
    const objects = synthChart((c) => new IstioReaderToken(c, 't', { store: { name: 'vault-mesh' }, remoteKey: 'mesh/istio-reader/a', property: 'token', syncWave: 0 }));
    const k = byKind(objects);
    expect(k.Secret).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: { name: 'istio-reader-service-account-istio-remote-secret-token', namespace: 'istio-system', annotations: { 'kubernetes.io/service-account.name': 'istio-reader-service-account', 'argocd.argoproj.io/sync-wave': '0' } },
    });
    expect(k.PushSecret.spec.data).toEqual([{ match: { secretKey: 'token', remoteRef: { remoteKey: 'mesh/istio-reader/a', property: 'token' } }, conversionStrategy: 'None' }]);
    expect(k.PushSecret.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('1');
    // A rotated token reaches Vault within 5 minutes: the controller does not watch the Secret it pushes.
    expect(k.PushSecret.spec.refreshInterval).toBe('5m');
    expect(strict(objects)).toEqual([]);
  });

  test('the remote secret: labelled and annotated as istioctl does, one key named after the peer holding a token kubeconfig', () => {
    const [es] = synthChart((c) => new IstioRemoteSecret(c, 'r', { cluster: 'b', server: 'https://b.example.com:443', caCertificate: CA, store: { name: 'vault-mesh' }, tokenKey: 'mesh/istio-reader/b', tokenProperty: 'token' }));
    expect(es.metadata).toMatchObject({ name: 'istio-remote-secret-b', namespace: 'istio-system', annotations: { 'argocd.argoproj.io/ignore-healthcheck': 'true' } });
    const t = es.spec.target.template;
    expect([t.metadata.labels, t.metadata.annotations, Object.keys(t.data)]).toEqual([{ 'istio/multiCluster': 'true' }, { 'networking.istio.io/cluster': 'b' }, ['b']]);
    expect(es.spec.data).toEqual([{ secretKey: 'token', remoteRef: { key: 'mesh/istio-reader/b', property: 'token' } }]);
    expect(strict([es])).toEqual([]);
  });

  test('its kubeconfig: the peer\'s server and CA, bearer-token auth only (what istiod accepts), valid YAML once ESO fills the token in', () => {
    const kubeconfig = remoteSecretKubeconfig('b', 'https://b.example.com:443', CA);
    const filled = parse(kubeconfig.replace('{{ .token }}', 'eyJhbGciOiJSUzI1NiJ9.e30.sig'));
    expect(filled).toEqual({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'b', preferences: {},
      clusters: [{ name: 'b', cluster: { server: 'https://b.example.com:443', 'certificate-authority-data': CA } }],
      contexts: [{ name: 'b', context: { cluster: 'b', user: 'b' } }],
      users: [{ name: 'b', user: { token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' } }],
    });
  });

  test.each([
    ['the peer\'s server is not https', { server: 'b.example.com' }, 'IstioRemoteSecret[b].server'],
    ['the peer\'s CA is not base64', { caCertificate: '-----BEGIN CERTIFICATE-----' }, 'IstioRemoteSecret[b].caCertificate'],
  ])('fails when %s', (_, change, path) => {
    expect(problemPaths(() => synthChart((c) => new IstioRemoteSecret(c, 'r', { cluster: 'b', server: 'https://b', caCertificate: CA, store: { name: 'v' }, tokenKey: 'k', tokenProperty: 'token', ...change })))).toEqual([path]);
  });
});
