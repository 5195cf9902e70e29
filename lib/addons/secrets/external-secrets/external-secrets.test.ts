import { problemPaths, synthChart } from '../../../../test/k8s-fixture';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';
import { schemaProblems } from '../../../synth/schema-validation';
import { ExternalSecret } from './external-secret';
import { EXTERNAL_SECRETS_CHART_CONTENTS, externalSecretsChart } from './external-secrets-chart';
import { PushSecret } from './push-secret';
import { VaultClusterSecretStore } from './vault-cluster-secret-store';

const store = { name: 'vault', server: 'https://vault.example.com:8200', kvMount: 'fleet', auth: { mount: 'k8s-a', role: 'external-secrets', serviceAccount: { namespace: 'external-secrets', name: 'external-secrets' }, audience: 'https://vault.example.com:8200' } };
const strict = (objects: any[]) => schemaProblems(objects.map((object, i) => ({ file: `o${i}.yaml`, object })));

describe('External Secrets constructs', () => {
  test('VaultClusterSecretStore: KV v2 at the mount, JWT login with a requested service-account token for the audience; no credential', () => {
    const [cs] = synthChart((c) => new VaultClusterSecretStore(c, 's', { ...store, namespaces: ['istio-system'], syncWave: 1, caCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }));
    expect(cs).toMatchObject({ apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'vault', annotations: { 'argocd.argoproj.io/sync-wave': '1' } } });
    expect(cs.spec.conditions).toEqual([{ namespaces: ['istio-system'] }]);
    expect(cs.spec.provider.vault).toEqual({
      server: 'https://vault.example.com:8200',
      path: 'fleet',
      version: 'v2',
      caBundle: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64'),
      auth: { jwt: { path: 'k8s-a', role: 'external-secrets', kubernetesServiceAccountToken: { serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets', audiences: ['https://vault.example.com:8200'] } } } },
    });
    expect(strict([cs])).toEqual([]);
  });

  test('ExternalSecret with a template: labels, annotations and data of the Secret it writes', () => {
    const [es] = synthChart((c) =>
      new ExternalSecret(c, 'e', {
        name: 'x', namespace: 'ns', store: { name: 'vault' }, data: [{ secretKey: 'token', remoteKey: 'mesh/a', property: 'token' }],
        target: { template: { type: 'Opaque', labels: { l: 'v' }, annotations: { a: 'b' }, data: { k: 'token={{ .token }}' } } }, syncWave: 3,
      }),
    );
    expect(es.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: { name: 'x', creationPolicy: 'Owner', template: { engineVersion: 'v2', type: 'Opaque', metadata: { labels: { l: 'v' }, annotations: { a: 'b' } }, data: { k: 'token={{ .token }}' } } },
      data: [{ secretKey: 'token', remoteRef: { key: 'mesh/a', property: 'token' } }],
    });
    expect(strict([es])).toEqual([]);
  });

  test('PushSecret (v1alpha1): one key into a property of a KV key, removed when the PushSecret is', () => {
    const [ps] = synthChart((c) => new PushSecret(c, 'p', { name: 'p', namespace: 'ns', store: { name: 'vault-mesh' }, secretName: 'tok', data: [{ secretKey: 'token', remoteKey: 'mesh/r/a', property: 'token' }] }));
    expect(ps).toMatchObject({ apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret' });
    expect(ps.spec).toEqual({
      refreshInterval: '1h', deletionPolicy: 'Delete', secretStoreRefs: [{ name: 'vault-mesh', kind: 'ClusterSecretStore' }], selector: { secret: { name: 'tok' } },
      data: [{ match: { secretKey: 'token', remoteRef: { remoteKey: 'mesh/r/a', property: 'token' } }, conversionStrategy: 'None' }],
    });
    expect(strict([ps])).toEqual([]);
  });

  // The API server defaults these inside atomic lists (external-secrets v2.9.0 CRDs: PushSecret
  // spec.data[].conversionStrategy "None", spec.secretStoreRefs[].kind "SecretStore"; ExternalSecret v1
  // spec.data[] has none of ours), and Argo CD's structured-merge diff replaces an atomic list with the
  // one written, without CRD defaulting (argo-cd v3.4.4 gitops-engine/pkg/diff/diff.go): a default left
  // out is a diff that never goes away (external-secrets#6887).
  test('every default the API server puts into an atomic list is written, so Argo CD sees no diff', () => {
    const [ps] = synthChart((c) => new PushSecret(c, 'p', { name: 'p', namespace: 'ns', store: { name: 'vault-mesh' }, secretName: 'tok', data: [{ secretKey: 'a', remoteKey: 'r/a', property: 'a' }, { secretKey: 'b', remoteKey: 'r/b', property: 'b' }] }));
    for (const d of ps.spec.data) expect(d.conversionStrategy).toBe('None');
    for (const r of ps.spec.secretStoreRefs) expect(r.kind).toBeDefined();
  });

  test('the schema check is strict for these kinds: an unknown field is found', () => {
    const [cs] = synthChart((c) => new VaultClusterSecretStore(c, 's', store));
    cs.spec.provider.vault.auth.jwt.serviceAccountRef = { name: 'x' };
    expect(strict([cs]).map((p) => p.path)).toEqual(['o0.yaml: spec.provider.vault.auth.jwt.serviceAccountRef']);
  });

  test.each([
    ['the store\'s server is http', () => synthChart((c) => new VaultClusterSecretStore(c, 's', { ...store, server: 'http://v' })), 'VaultClusterSecretStore[vault].server'],
    ['the ExternalSecret reads nothing', () => synthChart((c) => new ExternalSecret(c, 'e', { name: 'x', namespace: 'ns', store: { name: 'v' }, data: [] })), 'ExternalSecret[ns/x].data'],
    ['the refresh interval is not a duration', () => synthChart((c) => new ExternalSecret(c, 'e', { name: 'x', namespace: 'ns', store: { name: 'v' }, data: [{ secretKey: 'a', remoteKey: 'b' }], refreshInterval: 'hourly' })), 'ExternalSecret[ns/x].refreshInterval'],
    ['the PushSecret\'s secret name is not a name', () => synthChart((c) => new PushSecret(c, 'p', { name: 'p', namespace: 'ns', store: { name: 'v' }, secretName: 'Tok', data: [{ secretKey: 't', remoteKey: 'r', property: 't' }] })), 'PushSecret[ns/p].secretName'],
  ])('fails when %s', (_, fn, path) => {
    expect(problemPaths(fn)).toEqual([path]);
  });

  test('the chart: pinned, CRDs installed, in the operators wave, its service account named as Vault expects', () => {
    expect(externalSecretsChart()).toMatchObject({
      repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0', namespace: 'external-secrets', wave: SYNC_WAVE.operators,
      values: { installCRDs: true, serviceAccount: { create: true, name: 'external-secrets' } },
    });
    const kinds = EXTERNAL_SECRETS_CHART_CONTENTS.crds.map((c) => `${c.kind}:${c.scope}`);
    expect(kinds).toEqual(expect.arrayContaining(['ClusterSecretStore:Cluster', 'ExternalSecret:Namespaced', 'PushSecret:Namespaced', 'ClusterGenerator:Cluster']));
    expect(kinds).toHaveLength(25);
  });

  test('its webhook, which fails closed on every store and ExternalSecret write, keeps a pod through a drain, spread over zones then nodes; one controller and one cert controller', () => {
    const values = externalSecretsChart().values as Record<string, any>;
    // More pods than the budget keeps, else the budget would block every drain of their nodes. The chart's own budget
    // stays off (helm-chart-2.9.0 values.yaml `webhook.podDisruptionBudget.enabled: false`): it cannot say AlwaysAllow.
    expect([values.webhook.replicaCount, values.webhook.podDisruptionBudget]).toEqual([2, undefined]);
    const labels = { 'app.kubernetes.io/name': 'external-secrets-webhook', 'app.kubernetes.io/instance': 'external-secrets' };
    const budgets = values.extraObjects.filter((o: any) => o.kind === 'PodDisruptionBudget');
    expect(budgets).toEqual([{
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'external-secrets-webhook-pdb', namespace: 'external-secrets' },
      spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: labels } },
    }]);
    expect(strict(budgets)).toEqual([]);
    expect(values.webhook.topologySpreadConstraints).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => (
      { maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } })));
    // A second controller would only wait as a standby (leader election, off by default): its outage delays refreshes.
    expect([values.replicaCount, values.leaderElect, values.podDisruptionBudget, values.certController.replicaCount]).toEqual([undefined, undefined, undefined, undefined]);
  });

  /*
   * The service accounts whose tokens the controller may request, as the chart at helm-chart-2.9.0 grants them:
   * templates/rbac.yaml puts `create` on every `serviceaccounts/token` into the controller's ClusterRole while
   * `rbac.create` and `rbac.serviceAccountTokenCreate` (both true in values.yaml) hold and `scopedRBAC` does not;
   * templates/extra-manifests.yaml writes `extraObjects` as they are.
   */
  function tokenRequestGrants(values: Record<string, any>): { clusterWide: boolean; roles: { namespace: string; names: string[]; subjects: string[] }[] } {
    const objects: any[] = values.extraObjects ?? [];
    const roles = objects.filter((o) => o.kind === 'Role').map((role) => {
      const names = role.rules.filter((r: any) => r.resources.includes('serviceaccounts/token') && r.verbs.includes('create')).flatMap((r: any) => r.resourceNames ?? ['*']);
      const bindings = objects.filter((b) => b.kind === 'RoleBinding' && b.metadata.namespace === role.metadata.namespace && b.roleRef.kind === 'Role' && b.roleRef.name === role.metadata.name);
      return { namespace: role.metadata.namespace, names, subjects: bindings.flatMap((b) => b.subjects.map((x: any) => `${x.namespace}/${x.name}`)) };
    });
    return { clusterWide: (values.rbac?.create ?? true) && (values.rbac?.serviceAccountTokenCreate ?? true) && !values.scopedRBAC, roles };
  }

  test('the controller may request tokens of its own service account only, the one the ClusterSecretStores log in with', () => {
    const values = externalSecretsChart().values as Record<string, any>;
    expect(tokenRequestGrants(values)).toEqual({ clusterWide: false, roles: [{ namespace: 'external-secrets', names: ['external-secrets'], subjects: ['external-secrets/external-secrets'] }] });
    expect(strict(values.extraObjects)).toEqual([]);
  });

  test('the chart\'s default, which the values override, lets it request a token of any service account', () => {
    expect(tokenRequestGrants({}).clusterWide).toBe(true);
  });
});
