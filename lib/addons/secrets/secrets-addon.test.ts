import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { fakeOutputs, outputsFolder, secretMaterial, testFleetWithSecrets, testSecrets } from '../../../test/fleets';
import { readTree, tempDir } from '../../../test/tree';
import { FleetError } from '../../fleet';
import { synth } from '../../synth';
import { FleetAddon } from '../addon';
import { MESH_CERT_LIFETIME_HOURS, MESH_CERT_RENEW_BEFORE_HOURS } from './vault-layout';

/*
 * The secrets service end to end, through synth: what each cluster gets, what each pair of clusters
 * gets, what waits for Terraform outputs, and that nothing secret is written.
 */

const CLUSTERS = [['aws', 't-mgmt'], ['aws', 't-aws'], ['gcp', 't-gcp'], ['azure', 't-azure']] as const;
const folder = (name: string) => `k8s/${CLUSTERS.find(([, n]) => n === name)![0]}/${name}`;

function render(fleet: any, outputs = fakeOutputs(fleet)) {
  const out = path.join(tempDir(), 'dist');
  const result = synth(fleet, { outDir: out, outputsDir: outputsFolder(outputs) });
  return { tree: readTree(out), result };
}

/** Seconds in a Go duration of hours, minutes and seconds ("24h", "1h30m"): what the istio-csr chart's durations take. */
const goSeconds = (d: string) => {
  expect(d).toMatch(/^(\d+h)?(\d+m)?(\d+s)?$/);
  return [...d.matchAll(/(\d+)([hms])/g)].reduce((sum, [, n, unit]) => sum + Number(n) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'], 0);
};

// Vault's ACL globbing: a trailing `*` matches any suffix (Vault docs, "Policies: policy syntax").
const grants = (policy: string, apiPath: string, capability: string) =>
  [...policy.matchAll(/path "([^"]+)" \{\n {2}capabilities = \[([^\]]*)\]/g)]
    .filter(([, p]) => (p.endsWith('*') ? apiPath.startsWith(p.slice(0, -1)) : apiPath === p))
    .sort(([, a], [, b]) => b.length - a.length)[0]?.[2]
    .includes(`"${capability}"`) ?? false;

describe('platform.secrets, every cluster with its Terraform outputs', () => {
  const fleet = testFleetWithSecrets();
  const { tree, result } = render(fleet);
  const vault = JSON.parse(tree['terraform/stacks/vault/cdk.tf.json']);
  const yamlOf = (file: string) => parse(tree[file]);

  test('each cluster\'s _bootstrap: the two ClusterSecretStores, the Vault Issuer with its RBAC, the root certificate', () => {
    for (const [, name] of CLUSTERS) {
      const b = `${folder(name)}/_bootstrap`;
      const apps = yamlOf(`${b}/_cluster/clustersecretstore.external-secrets.io_vault.yaml`);
      const mesh = yamlOf(`${b}/_cluster/clustersecretstore.external-secrets.io_vault-mesh.yaml`);
      expect([apps.spec.provider.vault.auth.jwt.path, apps.spec.provider.vault.auth.jwt.role, apps.spec.conditions]).toEqual([`k8s-${name}`, 'external-secrets', undefined]);
      expect([mesh.spec.provider.vault.auth.jwt.role, mesh.spec.conditions]).toEqual(['external-secrets-mesh', [{ namespaces: ['istio-system', 'cert-manager'] }]]);
      expect(yamlOf(`${b}/istio-system/issuer.cert-manager.io_istio-ca.yaml`).spec.vault.path).toBe(`pki-mesh-${name}/sign/istio-csr`);
      for (const f of ['serviceaccount_vault-istio-ca', 'role.rbac.authorization.k8s.io_vault-istio-ca-tokenrequest', 'rolebinding.rbac.authorization.k8s.io_vault-istio-ca-tokenrequest']) expect(tree[`${b}/istio-system/${f}.yaml`]).toBeDefined();
      expect(yamlOf(`${b}/cert-manager/externalsecret.external-secrets.io_istio-root-ca.yaml`).spec.data[0].remoteRef).toEqual({ key: 'mesh/trust-anchor', property: 'certificate' });
    }
  });

  test('every ordered pair of clusters: a remote secret of the peer in each cluster, with the peer\'s endpoint and CA', () => {
    const outputs = fakeOutputs(fleet);
    for (const [, a] of CLUSTERS) {
      const files = Object.keys(tree).filter((f) => f.startsWith(`${folder(a)}/istio-system/externalsecret.external-secrets.io_istio-remote-secret-`));
      expect(files.map((f) => f.replace(/.*istio-remote-secret-(.*)\.yaml$/, '$1')).sort()).toEqual(CLUSTERS.map(([, n]) => n).filter((n) => n !== a).sort());
      for (const file of files) {
        const peer = file.replace(/.*istio-remote-secret-(.*)\.yaml$/, '$1');
        const es = yamlOf(file);
        const kubeconfig = parse(es.spec.target.template.data[peer]);
        expect(kubeconfig.clusters[0].cluster).toEqual({ server: outputs.get(peer)!.endpoint, 'certificate-authority-data': outputs.get(peer)!.caCertificate });
        expect(es.spec.data[0].remoteRef.key).toBe(`mesh/istio-reader/${peer}`);
      }
    }
    expect(result.heldBack.filter((h) => h.subject === 'addons[secrets]')).toEqual([]);
  });

  test('the paths agree by construction: each cluster\'s policies grant exactly what its stores\' objects read and write', () => {
    const policy = (name: string) => (Object.values(vault.resource.vault_policy) as any[]).find((p) => p.name === name).policy as string;
    for (const [, name] of CLUSTERS) {
      const mine = Object.entries(tree).filter(([f]) => f.startsWith(`${folder(name)}/`) && /externalsecret|pushsecret/.test(f)).map(([, c]) => parse(c));
      for (const o of mine.filter((x) => x.kind === 'ExternalSecret')) for (const d of o.spec.data) expect([d.remoteRef.key, grants(policy(`${name}-external-secrets-mesh`), `fleet/data/${d.remoteRef.key}`, 'read')]).toEqual([d.remoteRef.key, true]);
      for (const o of mine.filter((x) => x.kind === 'PushSecret')) {
        for (const d of o.spec.data) {
          for (const cap of ['create', 'update', 'read']) for (const api of ['data', 'metadata']) expect(grants(policy(`${name}-external-secrets-mesh`), `fleet/${api}/${d.match.remoteRef.remoteKey}`, cap)).toBe(true);
        }
      }
      // …and nothing of a peer's: it cannot overwrite another cluster's token.
      const peer = CLUSTERS.map(([, n]) => n).find((n) => n !== name)!;
      expect(grants(policy(`${name}-external-secrets-mesh`), `fleet/data/mesh/istio-reader/${peer}`, 'update')).toBe(false);
      expect(grants(policy(`${name}-external-secrets`), `fleet/data/clusters/${peer}/db`, 'read')).toBe(false);
      expect(grants(policy(`${name}-istio-ca`), yamlOf(`${folder(name)}/_bootstrap/istio-system/issuer.cert-manager.io_istio-ca.yaml`).spec.vault.path, 'update')).toBe(true);
    }
  });

  test('the Vault stack: a JWT auth mount per cluster, trusting its OIDC issuer from its outputs; its own state key', () => {
    const outputs = fakeOutputs(fleet);
    expect((Object.values(vault.resource.vault_jwt_auth_backend) as any[]).map((b) => [b.path, b.oidc_discovery_url]).sort()).toEqual(CLUSTERS.map(([, n]) => [`k8s-${n}`, outputs.get(n)!.oidcIssuer]).sort());
    // The fleet's backend (local here), in the stack's own folder: its own state.
    expect(Object.keys(vault.terraform.backend)).toEqual(['local']);
  });

  test('Argo CD: External Secrets and cert-manager in the operators wave, istio-csr before istiod, istiod using it; the project allows their repos', () => {
    const argocd = `${folder('t-mgmt')}/argocd`;
    // In each cluster's root's folder, in its waves.
    const wave = (c: string, chart: string) => yamlOf(`${argocd}/clusters/${c}/application.argoproj.io_${c}-${chart}.yaml`).metadata.annotations['argocd.argoproj.io/sync-wave'];
    for (const [, c] of CLUSTERS) expect([wave(c, 'external-secrets'), wave(c, 'cert-manager'), wave(c, 'bootstrap'), wave(c, 'istio-csr'), wave(c, 'istiod')]).toEqual(['-7', '-7', '-6', '-5', '-4']);
    expect(yamlOf(`${argocd}/clusters/t-gcp/application.argoproj.io_t-gcp-istiod.yaml`).spec.source.helm.valuesObject.global.caAddress).toBe('cert-manager-istio-csr.cert-manager.svc:443');
    expect(yamlOf(`${argocd}/appproject.argoproj.io_test-fleet-platform.yaml`).spec.sourceRepos).toEqual(expect.arrayContaining(['https://charts.external-secrets.io', 'https://charts.jetstack.io']));
  });

  test('every cluster\'s istio-csr asks for certificates Vault\'s role signs in full (none longer than its max_ttl), and renews istiod\'s with half left', () => {
    const roles = Object.values(vault.resource.vault_pki_secret_backend_role) as any[];
    expect(roles).toHaveLength(CLUSTERS.length);
    const maxTtl = Math.min(...roles.map((r) => Number(r.max_ttl)));
    for (const [, c] of CLUSTERS) {
      const app = yamlOf(`${folder('t-mgmt')}/argocd/clusters/${c}/application.argoproj.io_${c}-istio-csr.yaml`);
      const { server, tls } = app.spec.source.helm.valuesObject.app;
      const durations = [server.maxCertificateDuration, tls.istiodCertificateDuration, tls.certificateDuration].map(goSeconds);
      expect(durations).toEqual([MESH_CERT_LIFETIME_HOURS * 3600, MESH_CERT_LIFETIME_HOURS * 3600, MESH_CERT_LIFETIME_HOURS * 3600]);
      expect(durations.every((d) => d <= maxTtl)).toBe(true);
      expect(goSeconds(tls.istiodCertificateRenewBefore)).toBe(MESH_CERT_RENEW_BEFORE_HOURS * 3600);
      expect(app.spec.source.helm.valuesObject.replicaCount).toBe(2);
    }
  });

  test('the remote secrets are in the last wave of each cluster folder, which Argo CD applies without waiting for: a remote secret is Degraded until its peer has pushed its token', () => {
    for (const [, name] of CLUSTERS) {
      const files = Object.keys(tree).filter((f) => f.startsWith(`${folder(name)}/`) && !f.startsWith(`${folder(name)}/_bootstrap/`) && f.endsWith('.yaml'));
      const waveOf = (f: string) => Number(yamlOf(f).metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
      const remote = files.filter((f) => f.includes('/externalsecret.external-secrets.io_istio-remote-secret-'));
      expect(remote).toHaveLength(CLUSTERS.length - 1);
      const last = Math.max(...files.map(waveOf));
      expect(remote.map(waveOf)).toEqual(remote.map(() => last));
    }
  });

  test('holds no secret material: not in any manifest, not in any stack\'s JSON', () => {
    expect(Object.keys(tree).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(5);
    for (const [file, content] of Object.entries(tree)) expect([file, secretMaterial(content)]).toEqual([file, []]);
  });

  test('the scan finds what it looks for (it can fail)', () => {
    expect(secretMaterial('token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.x')).toEqual(['JWT', 'token with a literal value']);
    expect(secretMaterial('{"private_key": "x", "type": "exported"}')).toEqual(['credential field', 'exported key']);
    expect(secretMaterial('-----BEGIN RSA PRIVATE KEY-----')).toEqual(['private key']);
    expect(secretMaterial('VAULT_TOKEN=hvs.CAESIJabcdefghijklmnopqrstuvwxyz')).toEqual(['Vault token']);
    expect(secretMaterial("token: '{{ .token }}'")).toEqual([]);
    // Terraform references and resource types are not values: keys generated inside Terraform stay there
    expect(secretMaterial('{"random_password": {"k": {}}, "shared_secret": "${random_password.k.result}"}')).toEqual([]);
    expect(secretMaterial('{"password": "hunter22"}')).toEqual(['credential field']);
  });
});

describe('platform.secrets while Terraform outputs are missing', () => {
  const fleet = testFleetWithSecrets();
  const outputs = fakeOutputs(fleet);
  outputs.delete('t-gcp');
  const { tree, result } = render(fleet, outputs);

  test('a pair waits until both ends\' outputs exist: no remote secret of t-gcp anywhere, none in t-gcp; the other pairs are there', () => {
    const remoteSecrets = Object.keys(tree).filter((f) => f.includes('externalsecret.external-secrets.io_istio-remote-secret-'));
    expect(remoteSecrets.filter((f) => f.endsWith('istio-remote-secret-t-gcp.yaml') || f.startsWith('k8s/gcp/t-gcp/'))).toEqual([]);
    expect(remoteSecrets).toHaveLength(6);
  });

  test('each held-back pair and the Vault auth are listed with what they wait for', () => {
    const mine = result.heldBack.filter((h) => h.subject === 'addons[secrets]').map((h) => h.what).sort();
    expect(mine).toEqual([
      'Istio remote secret of t-aws in t-gcp', 'Istio remote secret of t-azure in t-gcp', 'Istio remote secret of t-gcp in t-aws',
      'Istio remote secret of t-gcp in t-azure', 'Istio remote secret of t-gcp in t-mgmt', 'Istio remote secret of t-mgmt in t-gcp',
      'Vault JWT auth and roles for t-gcp (stack vault)',
    ]);
    expect(result.heldBack).toContainEqual({ subject: 'addons[secrets]', what: 'Istio remote secret of t-gcp in t-aws', waitingFor: 'the Terraform outputs of t-gcp' });
  });

  test('Vault trusts no issuer for it yet; the rest of its Vault configuration is there', () => {
    const vault = JSON.parse(tree['terraform/stacks/vault/cdk.tf.json']);
    expect((Object.values(vault.resource.vault_jwt_auth_backend) as any[]).map((b) => b.path).sort()).toEqual(['k8s-t-aws', 'k8s-t-azure', 'k8s-t-mgmt']);
    expect((Object.values(vault.resource.vault_policy) as any[]).filter((p) => p.name.startsWith('t-gcp-'))).toHaveLength(3);
  });
});

test('Vault\'s own CA reaches the vault stack\'s folder as vault-ca.pem, indexed, and leaves it with the setting', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIBprivateCA\n-----END CERTIFICATE-----\n';
  const withCa = { ...testFleetWithSecrets(), platform: { secrets: { vault: { ...testSecrets().vault, caCertificate: PEM } } } };
  const out = path.join(tempDir(), 'dist');
  const outputsDir = outputsFolder(fakeOutputs(withCa));
  synth(withCa, { outDir: out, outputsDir });
  let tree = readTree(out);
  expect(Object.keys(tree).filter((f) => f.startsWith('terraform/') && !f.endsWith('/cdk.tf.json'))).toEqual(['terraform/.gitignore', 'terraform/stacks/vault/vault-ca.pem']);
  expect(tree['terraform/stacks/vault/vault-ca.pem']).toBe(PEM);
  expect(JSON.parse(tree['terraform/stacks/vault/cdk.tf.json']).provider.vault[0].ca_cert_file).toBe('${path.module}/vault-ca.pem');
  expect(JSON.parse(tree['fleetsynth-index.json']).files['terraform/stacks/vault/vault-ca.pem']).toBe(createHash('sha256').update(PEM).digest('hex'));

  synth(testFleetWithSecrets(), { outDir: out, outputsDir });
  tree = readTree(out);
  expect(tree['terraform/stacks/vault/vault-ca.pem']).toBeUndefined();
  expect(Object.keys(JSON.parse(tree['fleetsynth-index.json']).files).filter((f) => f.includes('vault-ca'))).toEqual([]);
  expect(JSON.parse(tree['terraform/stacks/vault/cdk.tf.json']).provider.vault[0].ca_cert_file).toBeUndefined();
});

test('fails when two add-ons both set the Istio CA of a cluster, naming the second', () => {
  const other: FleetAddon = { name: 'other-ca', istio: () => ({ certificateAuthority: { address: 'ca.example.svc:443' } }) };
  const fleet = { ...testFleetWithSecrets(), addons: [other] };
  let error: unknown;
  try {
    synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputsFolder(fakeOutputs(fleet)) });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FleetError);
  expect([...new Set((error as FleetError).problems.map((p) => p.path))]).toEqual(['addons[other-ca]']);
});

test('the README states the grace a Vault outage gets from the mesh certificates\' lifetime and renewal (MESH_CERT_*)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const [life, renew] = [MESH_CERT_LIFETIME_HOURS, MESH_CERT_RENEW_BEFORE_HOURS];
  for (const sentence of [
    `The certificates last ${life} hours and are renewed when ${renew} hours are left`,
    `the mesh keeps serving, for at least ${renew} hours (give or take 15 minutes: the proxies' jitter) and at most ${life}.`,
    `would otherwise leave the surviving clouds with ${renew} hours.`,
    `\`ttl\` = \`max_ttl\` = ${life} h, the lifetime istio-csr asks for`,
    `stay valid until they expire (${life} hours at most, their lifetime)`,
    `which expire ${renew} to ${life} hours later`,
    `within ${renew} hours, restart every injected workload`,
  ]) expect(readme).toContain(sentence);
  // The jitter: Istio's proxies renew at half-life ± 0.01 of it (SECRET_GRACE_PERIOD_RATIO_JITTER).
  expect(Math.round(0.01 * life * 60)).toBeLessThanOrEqual(15);
});

test('the README\'s policy for the pipeline\'s identity lets the vault stack move its mounts (sys/remount)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const block = /Give the pipeline\s+an identity for the `vault` stack[\s\S]*?```hcl\n([\s\S]*?)```/.exec(readme);
  expect(block).not.toBeNull();
  const grants = new Map([...block![1].matchAll(/^path "([^"]+)"\s*\{\s*capabilities = \[([^\]]*)\]\s*\}$/gm)].map((m) => [m[1], m[2].split(',').map((c) => c.trim().replace(/"/g, ''))]));
  // A changed kvMount or authMountPrefix is remounted in place: POST sys/remount, then GET
  // sys/remount/status/<id> until done (terraform-provider-vault v5.6.0 vault/resource_mount.go updateMount,
  // util/util.go Remount; hashicorp/vault api RemountWithContext). Vault API docs, Remount: "requires a
  // policy with both sudo and update capabilities to sys/remount".
  expect(grants.get('sys/remount')).toEqual(expect.arrayContaining(['update', 'sudo']));
  expect(grants.get('sys/remount/status/*')).toEqual(expect.arrayContaining(['read']));
  // What the stack creates and changes.
  expect([...grants.keys()]).toEqual(expect.arrayContaining(['sys/mounts/*', 'sys/auth/*', 'sys/policies/acl/*', 'auth/k8s-*', 'pki-mesh*', 'fleet/*']));
});
