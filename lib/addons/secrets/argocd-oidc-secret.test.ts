import * as path from 'path';
import { parse } from 'yaml';
import { fakeOutputs, outputsFolder, testFleet, testFleetWithSecrets } from '../../../test/fleets';
import { readTree, tempDir } from '../../../test/tree';
import { FleetError } from '../../fleet';
import { synth } from '../../synth';
import { fleetAddons } from '../fleet-addons';

/*
 * Argo CD's OIDC client secret end to end, through synth (output validation and the convergence check
 * included): where the fleet says it is in Vault, the ExternalSecret that brings it into `argocd`, and the
 * reference argocd-cm holds. testFleet(): the management cluster is t-mgmt (AWS).
 */

const CLIENT_SECRET = { key: 'clusters/t-mgmt/argocd-oidc', property: 'clientSecret' };
const OIDC = { name: 'Okta', issuer: 'https://acme.okta.com', clientId: '0oa1b2c3d4', clientSecret: CLIENT_SECRET };
const withSso = (fleet: any, oidc: Record<string, unknown> = OIDC) => ({
  ...fleet,
  argoCd: { url: 'https://argocd.acme.example', oidc, rbac: { defaultPolicy: 'role:readonly', policy: ['g, acme:platform, role:admin'] } },
});

const EXTERNAL_SECRET = 'k8s/aws/t-mgmt/_bootstrap/argocd/externalsecret.external-secrets.io_argocd-oidc.yaml';

function render(fleet: any) {
  const out = path.join(tempDir(), 'dist');
  synth(fleet, { outDir: out, outputsDir: outputsFolder(fakeOutputs(fleet)), cache: false });
  return readTree(out);
}

describe('argoCd.oidc.clientSecret with platform.secrets', () => {
  const tree = render(withSso(testFleetWithSecrets()));

  test('an ExternalSecret in the management cluster\'s _bootstrap writes argocd/argocd-oidc, labelled for Argo CD, after the stores and waited for by nothing', () => {
    const es = parse(tree[EXTERNAL_SECRET]);
    expect(es.metadata).toEqual({
      name: 'argocd-oidc',
      namespace: 'argocd',
      annotations: { 'argocd.argoproj.io/sync-wave': '5', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true', 'argocd.argoproj.io/ignore-healthcheck': 'true' },
    });
    expect(es.spec.secretStoreRef).toEqual({ name: 'vault', kind: 'ClusterSecretStore' });
    expect(es.spec.data).toEqual([{ secretKey: 'clientSecret', remoteRef: { key: CLIENT_SECRET.key, property: CLIENT_SECRET.property } }]);
    // Argo CD resolves `$argocd-oidc:clientSecret` only from Secrets labelled so (argo-cd v3.4.7 util/settings/settings.go getSecrets).
    expect(es.spec.target).toEqual({ name: 'argocd-oidc', creationPolicy: 'Owner', template: { engineVersion: 'v2', metadata: { labels: { 'app.kubernetes.io/part-of': 'argocd' } }, data: { clientSecret: '{{ .clientSecret }}' } } });
    // After the stores it reads through (their wave in the same folder).
    const store = parse(tree['k8s/aws/t-mgmt/_bootstrap/_cluster/clustersecretstore.external-secrets.io_vault.yaml']);
    expect(Number(es.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(Number(store.metadata.annotations['argocd.argoproj.io/sync-wave']));
  });

  test('only on the management cluster', () => {
    expect(Object.keys(tree).filter((f) => f.includes('argocd-oidc'))).toEqual([EXTERNAL_SECRET]);
  });

  test('argocd-cm names the Secret, and no file holds more of the secret than where it is in Vault', () => {
    const values = parse(tree['bootstrap/argocd-values.yaml']);
    expect(parse(values.configs.cm['oidc.config']).clientSecret).toBe('$argocd-oidc:clientSecret');
    expect(values.configs.cm.url).toBe('https://argocd.acme.example');
    expect(values.configs.rbac).toEqual({ 'policy.default': 'role:readonly', 'policy.csv': 'g, acme:platform, role:admin\n' });
    const app = parse(tree['k8s/aws/t-mgmt/argocd/application.argoproj.io_argocd.yaml']);
    expect(app.spec.source.helm.valuesObject.configs).toEqual(values.configs);
  });
});

describe('argoCd.oidc.clientSecret problems', () => {
  const problemsOf = (fleet: any) => fleetAddons(fleet).problems;

  test('fails without platform.secrets, at argoCd.oidc.clientSecret; a public client with PKCE needs none', () => {
    expect(problemsOf(withSso(testFleet()))).toEqual([expect.objectContaining({ path: 'argoCd.oidc.clientSecret', message: expect.stringContaining('platform.secrets installs') })]);
    const { clientSecret: _, ...publicClient } = OIDC;
    expect(problemsOf(withSso(testFleet(), { ...publicClient, enablePKCE: true }))).toEqual([]);
    expect(() => synth(withSso(testFleet()), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(testFleet())), cache: false })).toThrow(FleetError);
  });

  test.each(['clusters/t-aws/argocd-oidc', 'clusters/t-mgmt/', 'fleet/clusters/t-mgmt/argocd-oidc', 'mesh/argocd'])('fails when the key is %j, outside what the management cluster\'s store reads, at argoCd.oidc.clientSecret.key', (key) => {
    expect(problemsOf(withSso(testFleetWithSecrets(), { ...OIDC, clientSecret: { ...CLIENT_SECRET, key } }))).toEqual([
      expect.objectContaining({ path: 'argoCd.oidc.clientSecret.key', given: JSON.stringify(key), allowed: expect.stringContaining('"clusters/t-mgmt/" or "shared/"') }),
    ]);
  });

  test.each(['clusters/t-mgmt/../t-aws/argocd-oidc', 'clusters/t-mgmt/./argocd-oidc', 'clusters/t-mgmt//argocd-oidc', 'shared/argocd-oidc/'])('fails when the key is %j, which Vault\'s client cleans into another key (path.Join), at argoCd.oidc.clientSecret.key', (key) => {
    expect(problemsOf(withSso(testFleetWithSecrets(), { ...OIDC, clientSecret: { ...CLIENT_SECRET, key } }))).toEqual([
      expect.objectContaining({ path: 'argoCd.oidc.clientSecret.key', message: expect.stringContaining('segment'), given: JSON.stringify(key) }),
    ]);
  });

  test('fails when the key has no "/", never quoting it back: it may be the secret itself', () => {
    const got = problemsOf(withSso(testFleetWithSecrets(), { ...OIDC, clientSecret: { ...CLIENT_SECRET, key: 'k3p-s3cr3t-v4lue' } }));
    expect(got).toEqual([expect.objectContaining({ path: 'argoCd.oidc.clientSecret.key', given: expect.stringContaining('not shown') })]);
    expect(JSON.stringify(got)).not.toContain('k3p-s3cr3t-v4lue');
  });

  test('a shared key passes', () => {
    expect(problemsOf(withSso(testFleetWithSecrets(), { ...OIDC, clientSecret: { ...CLIENT_SECRET, key: 'shared/argocd-oidc' } }))).toEqual([]);
  });
});
