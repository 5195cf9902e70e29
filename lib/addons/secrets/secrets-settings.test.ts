import { resolveVaultSettings, secretsSettingsProblems } from './secrets-settings';

const CLUSTERS = ['t-mgmt', 't-aws'];
const paths = (settings: unknown) => secretsSettingsProblems(settings, CLUSTERS).map((p) => p.path);

describe('platform.secrets settings', () => {
  test('an address alone is enough; every mount gets its default, the audience is the address', () => {
    const settings = { vault: { address: 'https://vault.example.com:8200' } };
    expect(secretsSettingsProblems(settings, CLUSTERS)).toEqual([]);
    expect(resolveVaultSettings(settings)).toEqual({ address: 'https://vault.example.com:8200', audience: 'https://vault.example.com:8200', kvMount: 'fleet', authMountPrefix: 'k8s', pkiMount: 'pki-mesh' });
  });

  test('every setting given is kept', () => {
    const vault = { address: 'https://vault.example.com', audience: 'https://vault.old.example.com:8200', namespace: 'admin/platform', kvMount: 'kv', authMountPrefix: 'kube', pkiMount: 'pki', terraformLogin: { mount: 'jwt-ci', role: 'fleetsynth' } };
    expect(secretsSettingsProblems({ vault }, CLUSTERS)).toEqual([]);
    expect(resolveVaultSettings({ vault })).toEqual(vault);
  });

  test.each([
    ['the address is http', { vault: { address: 'http://vault.example.com:8200' } }, 'platform.secrets.vault.address'],
    ['the address has a path', { vault: { address: 'https://vault.example.com/v1' } }, 'platform.secrets.vault.address'],
    ['the address is missing', { vault: {} }, 'platform.secrets.vault.address'],
    ['vault is missing', {}, 'platform.secrets.vault'],
    ['a setting is unknown', { vault: { address: 'https://v.example.com', kvmount: 'x' } }, 'platform.secrets.vault.kvmount'],
    ['a service-level key is unknown', { vault: { address: 'https://v.example.com' }, eso: {} }, 'platform.secrets.eso'],
    ['a mount has a slash', { vault: { address: 'https://v.example.com', kvMount: 'a/b' } }, 'platform.secrets.vault.kvMount'],
    ['the KV mount is a PKI mount', { vault: { address: 'https://v.example.com', kvMount: 'pki-mesh-t-aws' } }, 'platform.secrets.vault.kvMount'],
    // External Secrets v2.9.0 buildPath cuts "<mount>/" off a key: `mesh/trust-anchor` would be read at `mesh/data/trust-anchor`.
    ['the KV mount is named like the mesh\'s keys', { vault: { address: 'https://v.example.com', kvMount: 'mesh' } }, 'platform.secrets.vault.kvMount'],
    ['the KV mount is named like the clusters\' keys', { vault: { address: 'https://v.example.com', kvMount: 'clusters' } }, 'platform.secrets.vault.kvMount'],
    ['the KV mount is named like the shared keys', { vault: { address: 'https://v.example.com', kvMount: 'shared' } }, 'platform.secrets.vault.kvMount'],
    // hashicorp/vault vault/mount.go refuses "cannot mount" under audit/, auth/, sys/, cubbyhole/, identity/.
    ['the KV mount is a path Vault reserves', { vault: { address: 'https://v.example.com', kvMount: 'identity' } }, 'platform.secrets.vault.kvMount'],
    ['the PKI mount is a path Vault reserves', { vault: { address: 'https://v.example.com', pkiMount: 'sys' } }, 'platform.secrets.vault.pkiMount'],
    ['the audience is empty', { vault: { address: 'https://v.example.com', audience: '' } }, 'platform.secrets.vault.audience'],
    ['the audience has a blank', { vault: { address: 'https://v.example.com', audience: 'https://v.example.com ' } }, 'platform.secrets.vault.audience'],
    ['the namespace has a leading slash', { vault: { address: 'https://v.example.com', namespace: '/admin' } }, 'platform.secrets.vault.namespace'],
    ['the CA is a private key', { vault: { address: 'https://v.example.com', caCertificate: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' } }, 'platform.secrets.vault.caCertificate'],
    ['the login has no role', { vault: { address: 'https://v.example.com', terraformLogin: { mount: 'jwt' } } }, 'platform.secrets.vault.terraformLogin.role'],
    ['the login carries a JWT', { vault: { address: 'https://v.example.com', terraformLogin: { mount: 'jwt', role: 'r', jwt: 'x' } } }, 'platform.secrets.vault.terraformLogin.jwt'],
  ])('fails when %s', (_, settings, path) => {
    expect(paths(settings)).toEqual([path]);
  });

  test('fails when the settings are not an object, at platform.secrets', () => {
    expect(paths('vault')).toEqual(['platform.secrets']);
  });

  test('reports every problem at once', () => {
    expect(paths({ vault: { address: 'ftp://x', kvMount: '', pkiMount: 'A' } })).toEqual(['platform.secrets.vault.address', 'platform.secrets.vault.kvMount', 'platform.secrets.vault.pkiMount']);
  });
});
