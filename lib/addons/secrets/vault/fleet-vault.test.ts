import { TerraformStack, Testing } from '../../../infra/cdktf';
import { VaultProvider } from '../../../infra/providers/vault';
import { StackFile } from '../../../infra/stack-file';
import { resolveVaultSettings } from '../secrets-settings';
import { MESH_CERT_LIFETIME_HOURS } from '../vault-layout';
import { FleetVault } from './fleet-vault';
import { KubernetesJwtAuth } from './kubernetes-jwt-auth';
import { VaultIntermediateCa, VaultRootCa } from './vault-pki';

const VAULT = resolveVaultSettings({ vault: { address: 'https://vault.test.example.com:8200' } });
const EKS_ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const AKS_ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';

function synthVault(clusters: { name: string; oidcIssuer?: string }[], vault = VAULT): any {
  return JSON.parse(Testing.synthScope((scope) => new FleetVault(scope, 'fleet', { vault, fleetName: 'f', meshID: 'f-mesh', trustDomain: 'td.example', clusters })));
}
const resources = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});
/** The Terraform address of the one resource of `type` matching `match`. */
const addressOf = (tf: any, type: string, match: Record<string, unknown>): string => {
  const found = Object.entries(tf.resource?.[type] ?? {}).filter(([, r]: [string, any]) => Object.entries(match).every(([k, v]) => r[k] === v));
  expect(found).toHaveLength(1);
  return `${type}.${found[0][0]}`;
};
const one = (tf: any, type: string, match: Record<string, unknown>) => {
  const found = resources(tf, type).filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('FleetVault: the fleet in Vault, configured by Terraform', () => {
  const tf = synthVault([{ name: 'c-aws', oidcIssuer: EKS_ISSUER }, { name: 'c-azure', oidcIssuer: AKS_ISSUER }, { name: 'c-pending' }]);

  test('a KV v2 mount for the fleet', () => {
    expect(one(tf, 'vault_mount', { path: 'fleet' })).toMatchObject({ type: 'kv', options: { version: '2' } });
  });

  test('per cluster, a JWT auth mount trusting that cluster\'s issuer (OIDC discovery), as issued', () => {
    expect(one(tf, 'vault_jwt_auth_backend', { path: 'k8s-c-aws' })).toMatchObject({ type: 'jwt', oidc_discovery_url: EKS_ISSUER });
    // AKS's issuer ends in "/": discovery checks the issuer string exactly, so it is kept as is.
    expect(one(tf, 'vault_jwt_auth_backend', { path: 'k8s-c-azure' })).toMatchObject({ oidc_discovery_url: AKS_ISSUER });
  });

  test('roles bound to one service account (subject) and Vault\'s address (audience), each with its own policy', () => {
    const roles = resources(tf, 'vault_jwt_auth_backend_role').filter((r) => r.backend.includes('c-aws')).sort((a, b) => (a.role_name < b.role_name ? -1 : 1));
    expect(roles.map((r) => [r.role_name, r.bound_subject, r.bound_audiences, r.token_policies, r.role_type, r.user_claim])).toEqual([
      ['external-secrets', 'system:serviceaccount:external-secrets:external-secrets', ['https://vault.test.example.com:8200'], ['c-aws-external-secrets'], 'jwt', 'sub'],
      ['external-secrets-mesh', 'system:serviceaccount:external-secrets:external-secrets', ['https://vault.test.example.com:8200'], ['c-aws-external-secrets-mesh'], 'jwt', 'sub'],
      ['istio-ca', 'system:serviceaccount:istio-system:vault-istio-ca', ['https://vault.test.example.com:8200'], ['c-aws-istio-ca'], 'jwt', 'sub'],
    ]);
    expect(roles.every((r) => r.token_ttl === 900 && r.token_max_ttl === 3600)).toBe(true);
  });

  test('istio-ca\'s tokens are batch tokens (no lease per CertificateRequest); External Secrets\', which it revokes after each use, are service tokens', () => {
    // cert-manager v1.21.1 logs in for each CertificateRequest and never revokes (internal/vault/vault.go);
    // External Secrets v2.9.0 revokes its token when a reconcile ends (providers/v1/vault/client.go Close).
    const roles = resources(tf, 'vault_jwt_auth_backend_role').filter((r) => r.backend.includes('c-aws'));
    expect(Object.fromEntries(roles.map((r) => [r.role_name, r.token_type]))).toEqual({ 'external-secrets': undefined, 'external-secrets-mesh': undefined, 'istio-ca': 'batch' });
  });

  test('policies: the cluster\'s own paths plus the shared ones; it writes only its own reader token', () => {
    expect(one(tf, 'vault_policy', { name: 'c-aws-external-secrets' }).policy).toBe(
      'path "fleet/data/clusters/c-aws/*" {\n  capabilities = ["read"]\n}\n\npath "fleet/data/shared/*" {\n  capabilities = ["read"]\n}\n',
    );
    const mesh = one(tf, 'vault_policy', { name: 'c-aws-external-secrets-mesh' }).policy as string;
    expect(mesh).toContain('path "fleet/data/mesh/*" {\n  capabilities = ["read"]\n}');
    expect(mesh).toContain('path "fleet/data/mesh/istio-reader/c-aws" {\n  capabilities = ["create", "read", "update", "delete"]\n}');
    expect(mesh).toContain('path "fleet/metadata/mesh/istio-reader/c-aws" {');
    expect(mesh).not.toMatch(/c-azure|c-pending/);
    expect(one(tf, 'vault_policy', { name: 'c-aws-istio-ca' }).policy).toBe('path "pki-mesh-c-aws/sign/istio-csr" {\n  capabilities = ["create", "update"]\n}\n');
  });

  test('a cluster whose issuer is not known yet gets its CA and policies, and no auth mount or role', () => {
    expect(resources(tf, 'vault_jwt_auth_backend').map((b) => b.path)).toEqual(['k8s-c-aws', 'k8s-c-azure']);
    expect(resources(tf, 'vault_jwt_auth_backend_role').some((r) => r.backend.includes('c-pending'))).toBe(false);
    expect(resources(tf, 'vault_policy').filter((p) => p.name.startsWith('c-pending-'))).toHaveLength(3);
    expect(one(tf, 'vault_mount', { path: 'pki-mesh-c-pending' }).type).toBe('pki');
  });

  test('the mesh root and every intermediate have their keys generated inside Vault; the chain goes up to the root', () => {
    expect(one(tf, 'vault_pki_secret_backend_root_cert', { type: 'internal' })).toMatchObject({ common_name: 'f-mesh root CA', ttl: '87600h' });
    expect(resources(tf, 'vault_pki_secret_backend_intermediate_cert_request').map((r) => r.type)).toEqual(['internal', 'internal', 'internal']);
    expect(resources(tf, 'vault_pki_secret_backend_root_sign_intermediate').map((r) => [r.common_name, r.max_path_length, r.backend])).toEqual(
      ['c-aws', 'c-azure', 'c-pending'].map((c) => [`f-mesh ${c} intermediate CA`, 0, expect.stringMatching(/^\$\{vault_mount\.fleet_mesh-root_mount_/)]),
    );
    // five years within the root's ten: nothing re-signs them yet (README, Secrets)
    expect(resources(tf, 'vault_pki_secret_backend_root_sign_intermediate').map((r) => r.ttl)).toEqual(['43800h', '43800h', '43800h']);
    expect(resources(tf, 'vault_pki_secret_backend_intermediate_set_signed').every((r) => /certificate_bundle\}$/.test(r.certificate))).toBe(true);
  });

  test('per cluster, its intermediate\'s mount has the intermediate just set as default issuer, so that a re-signed one signs at once', () => {
    const configs = resources(tf, 'vault_pki_secret_backend_config_issuers');
    expect(configs).toHaveLength(3);
    for (const c of ['c-aws', 'c-azure', 'c-pending']) {
      const mount = `\${${addressOf(tf, 'vault_mount', { path: `pki-mesh-${c}` })}.path}`;
      const setSigned = addressOf(tf, 'vault_pki_secret_backend_intermediate_set_signed', { backend: mount });
      // The reference orders it after the set-signed import, and a replaced set-signed moves the default.
      expect(one(tf, 'vault_pki_secret_backend_config_issuers', { backend: mount })).toEqual({
        backend: mount,
        default: `\${${setSigned}.imported_issuers[0]}`,
        default_follows_latest_issuer: false,
        lifecycle: { precondition: [{ condition: `\${length(${setSigned}.imported_issuers) > 0}`, error_message: expect.stringContaining(`pki-mesh-${c} was in the mount already`) }] },
      });
    }
    // istio-csr's role names no issuer: it signs with that default.
    expect(resources(tf, 'vault_pki_secret_backend_role').every((r) => r.issuer_ref === undefined)).toBe(true);
  });

  test('istio-csr\'s role signs SPIFFE identities of the mesh\'s trust domain and the two service names only, without storing each certificate', () => {
    const role = resources(tf, 'vault_pki_secret_backend_role').filter((r) => r.backend.includes('cluster-c-aws_mesh-intermediate_mount'));
    expect(role).toHaveLength(1);
    expect(role[0]).toMatchObject({
      name: 'istio-csr',
      allowed_uri_sans: ['spiffe://td.example/*'],
      allowed_domains: ['istiod.istio-system.svc', 'cert-manager-istio-csr.cert-manager.svc'],
      allow_bare_domains: true,
      allow_subdomains: false,
      require_cn: false,
      no_store: true,
    });
  });

  test('istio-csr\'s role signs for the mesh certificates\' whole lifetime: its ttl and max_ttl are MESH_CERT_LIFETIME_HOURS', () => {
    const role = resources(tf, 'vault_pki_secret_backend_role')[0];
    expect([role.ttl, role.max_ttl]).toEqual([String(MESH_CERT_LIFETIME_HOURS * 3600), String(MESH_CERT_LIFETIME_HOURS * 3600)]);
    expect(role.max_ttl).toBe('86400');
  });

  test('the root certificate (public) is copied into KV where the clusters read it', () => {
    expect(one(tf, 'vault_kv_secret_v2', { name: 'mesh/trust-anchor' }).data_json).toMatch(/^\$\{jsonencode\(\{"certificate" = vault_pki_secret_backend_root_cert\.[^.]+\.certificate\}\)\}$/);
  });

  test('the provider gets the address only: credentials come from the pipeline\'s environment', () => {
    expect(tf.provider.vault).toEqual([{ address: 'https://vault.test.example.com:8200' }]);
    expect(JSON.stringify(tf)).not.toContain('vault-ca.pem');
    const login = synthVault([], resolveVaultSettings({ vault: { address: 'https://v.example.com', namespace: 'admin', terraformLogin: { mount: 'jwt-ci', role: 'fleetsynth' } } }));
    expect(login.provider.vault).toEqual([{ address: 'https://v.example.com', namespace: 'admin', auth_login_jwt: [{ mount: 'jwt-ci', role: 'fleetsynth' }] }]);
  });
});

describe('FleetVault with Vault\'s own CA (caCertificate)', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIBprivateCA\n-----END CERTIFICATE-----\n';
  const app = Testing.app();
  const stack = new TerraformStack(app, 'vault');
  new FleetVault(stack, 'fleet', { vault: resolveVaultSettings({ vault: { address: 'https://v.example.com', caCertificate: PEM } }), fleetName: 'f', meshID: 'f-mesh', trustDomain: 'td.example', clusters: [] });
  const tf = JSON.parse(Testing.synth(stack));

  test('the provider trusts it through ca_cert_file, the stack\'s vault-ca.pem (it takes no inline PEM)', () => {
    expect(tf.provider.vault).toEqual([{ address: 'https://v.example.com', ca_cert_file: '${path.module}/vault-ca.pem' }]);
  });

  test('vault-ca.pem, beside the stack, holds exactly the certificate; nothing else is', () => {
    expect(StackFile.of(stack).map((f) => [f.fileName, f.content])).toEqual([['vault-ca.pem', PEM]]);
  });
});

describe('the Vault constructs on their own, in any stack', () => {
  test('KubernetesJwtAuth and the PKI pair', () => {
    const tf = JSON.parse(
      Testing.synthScope((scope) => {
        new VaultProvider(scope, 'vault', { address: 'https://v.example.com' });
        new KubernetesJwtAuth(scope, 'auth', { path: 'kube-x', oidcIssuer: EKS_ISSUER }).addRole({ name: 'app', serviceAccount: { namespace: 'ns', name: 'sa' }, audience: 'vault', policies: ['p'], tokenTtlSeconds: 60 });
        const root = new VaultRootCa(scope, 'root', { path: 'pki', commonName: 'Root' });
        new VaultIntermediateCa(scope, 'int', { path: 'pki-int', commonName: 'Int', root, validityYears: 2 });
      }),
    );
    expect(one(tf, 'vault_jwt_auth_backend_role', { role_name: 'app' })).toMatchObject({ bound_subject: 'system:serviceaccount:ns:sa', bound_audiences: ['vault'], token_ttl: 60 });
    expect(one(tf, 'vault_pki_secret_backend_root_sign_intermediate', { common_name: 'Int' }).ttl).toBe('17520h');
  });
});
