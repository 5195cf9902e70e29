import { isRecord, Problems } from '../../fleet/problems';
import { KV_TOP_LEVEL_PREFIXES } from './vault-layout';

/** Where the fleet's Vault is and how its mounts are named: `platform.secrets.vault`. */
export interface VaultSettings {
  /** The Vault API address every cluster and the pipeline use: `https://host[:port]`, no path. */
  readonly address: string;
  /**
   * The audience of the service-account tokens the clusters present to Vault, which the `vault`
   * stack binds every cluster role to (`bound_audiences`). Set it to the old address before
   * `address` moves: the stores and the Issuer change at Argo CD's next sync, the roles only when the
   * pipeline applies the `vault` stack, and a token is refused meanwhile (README, "Moving Vault").
   * @default the address
   */
  readonly audience?: string;
  /** Vault Enterprise namespace everything lives in. @default the root namespace */
  readonly namespace?: string;
  /**
   * PEM of the CA that signed Vault's TLS certificate, when it is not publicly trusted (public
   * data; the clusters' External Secrets and cert-manager trust it for Vault only, and the `vault`
   * stack's provider reads it from `vault-ca.pem` beside the stack). @default the system roots
   */
  readonly caCertificate?: string;
  /**
   * Path of the fleet's KV v2 mount: not `clusters`, `shared` or `mesh`, the first segments of its keys
   * (External Secrets cuts the mount's name off a key that starts with it), nor a path Vault reserves
   * (`audit`, `auth`, `sys`, `cubbyhole`, `identity`). @default 'fleet'
   */
  readonly kvMount?: string;
  /** Prefix of each cluster's JWT auth mount, `auth/<prefix>-<cluster>`. @default 'k8s' */
  readonly authMountPrefix?: string;
  /** Path of the mesh's root CA mount (not a path Vault reserves, as `kvMount`); each cluster's intermediate is at `<path>-<cluster>`. @default 'pki-mesh' */
  readonly pkiMount?: string;
  /**
   * How the pipeline's Terraform logs in to Vault for the `vault` stack: with a JWT (the CI's OIDC
   * token, given in `TERRAFORM_VAULT_AUTH_JWT`) against `auth/<mount>` as `role`.
   * @default a token from the pipeline's environment (`VAULT_TOKEN`)
   */
  readonly terraformLogin?: { readonly mount: string; readonly role: string };
}

/** `platform.secrets`: Vault as the fleet's secret store and the mesh's root of trust. */
export interface SecretsSettings {
  readonly vault: VaultSettings;
}

/** The settings with every default filled in. */
export interface ResolvedVaultSettings {
  readonly address: string;
  readonly audience: string;
  readonly namespace?: string;
  readonly caCertificate?: string;
  readonly kvMount: string;
  readonly authMountPrefix: string;
  readonly pkiMount: string;
  readonly terraformLogin?: { readonly mount: string; readonly role: string };
}

export const VAULT_DEFAULTS = { kvMount: 'fleet', authMountPrefix: 'k8s', pkiMount: 'pki-mesh' } as const;

export function resolveVaultSettings(settings: SecretsSettings): ResolvedVaultSettings {
  const v = settings.vault;
  return {
    address: v.address,
    audience: v.audience ?? v.address,
    ...(v.namespace ? { namespace: v.namespace } : {}),
    ...(v.caCertificate ? { caCertificate: v.caCertificate } : {}),
    kvMount: v.kvMount ?? VAULT_DEFAULTS.kvMount,
    authMountPrefix: v.authMountPrefix ?? VAULT_DEFAULTS.authMountPrefix,
    pkiMount: v.pkiMount ?? VAULT_DEFAULTS.pkiMount,
    ...(v.terraformLogin ? { terraformLogin: { mount: v.terraformLogin.mount, role: v.terraformLogin.role } } : {}),
  };
}

// An https origin: the provider, External Secrets and cert-manager all append `/v1/...` to it.
const VAULT_ADDRESS = /^https:\/\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?$/;
// A Vault mount path: segments of letters, digits, "-" and "_" (no leading/trailing "/"). Kept to one
// segment: the names derived from it (`<prefix>-<cluster>`, policy names) stay plain labels.
const MOUNT = /^[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
// Paths Vault refuses to mount a secrets engine at, whatever the caller's rights ("cannot mount", 403:
// hashicorp/vault vault/mount.go, protectedMounts checked in Core.mount); the provider checks no path
// (terraform-provider-vault v5.6.0 vault/resource_mount.go), so such a mount failed at the apply.
export const VAULT_PROTECTED_MOUNTS = ['audit', 'auth', 'sys', 'cubbyhole', 'identity'] as const;
const PEM_CERTIFICATE = /^\s*(-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\s*)+$/;
const KEYS = ['address', 'audience', 'namespace', 'caCertificate', 'kvMount', 'authMountPrefix', 'pkiMount', 'terraformLogin'];

/** Every problem with `platform.secrets` as written (read defensively: it is not validated yet). */
export function secretsSettingsProblems(settings: unknown, clusterNames: readonly string[], at = 'platform.secrets'): Problems['list'] {
  const p = new Problems();
  if (!isRecord(settings)) {
    p.add(at, 'must be an object', settings, '{ vault: { address, … } }');
    return p.list;
  }
  for (const k of Object.keys(settings).filter((k) => k !== 'vault')) p.add(`${at}.${k}`, 'not a setting of the secrets service', k, 'vault');
  const vault = settings.vault;
  const v = `${at}.vault`;
  if (!isRecord(vault)) {
    p.add(v, 'is required: where the fleet\'s Vault is', vault, '{ address: "https://vault.example.com:8200" }');
    return p.list;
  }
  for (const k of Object.keys(vault).filter((k) => !KEYS.includes(k))) p.add(`${v}.${k}`, 'not a Vault setting', k, KEYS.join(', '));
  if (typeof vault.address !== 'string' || !VAULT_ADDRESS.test(vault.address)) {
    p.add(`${v}.address`, 'must be the https origin of Vault\'s API, without a path', vault.address, 'e.g. "https://vault.example.com:8200"');
  }
  // Any string is an audience to Kubernetes' TokenRequest and to Vault's `bound_audiences`; one with
  // blanks is a slip of the pen.
  if (vault.audience !== undefined && (typeof vault.audience !== 'string' || !/^\S{1,255}$/.test(vault.audience))) {
    p.add(`${v}.audience`, 'must be one word (no blanks) of at most 255 characters', vault.audience, 'the audience the roles bind now, e.g. the previous address "https://vault.old.example.com:8200"');
  }
  if (vault.namespace !== undefined && (typeof vault.namespace !== 'string' || !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(vault.namespace))) {
    p.add(`${v}.namespace`, 'must be a Vault namespace path without leading or trailing "/"', vault.namespace, 'e.g. "admin" or "admin/platform"');
  }
  if (vault.caCertificate !== undefined && (typeof vault.caCertificate !== 'string' || !PEM_CERTIFICATE.test(vault.caCertificate))) {
    p.add(`${v}.caCertificate`, 'must be PEM certificates only (public data: never a key)', typeof vault.caCertificate === 'string' ? `${vault.caCertificate.slice(0, 40)}…` : vault.caCertificate, '"-----BEGIN CERTIFICATE-----\\n…\\n-----END CERTIFICATE-----"');
  }
  const mounts: [string, unknown, string][] = [
    ['kvMount', vault.kvMount, VAULT_DEFAULTS.kvMount],
    ['authMountPrefix', vault.authMountPrefix, VAULT_DEFAULTS.authMountPrefix],
    ['pkiMount', vault.pkiMount, VAULT_DEFAULTS.pkiMount],
  ];
  for (const [key, value] of mounts) {
    if (value !== undefined && (typeof value !== 'string' || !MOUNT.test(value) || value.length > 40)) {
      p.add(`${v}.${key}`, 'must be one Vault path segment of at most 40 characters', value, `lowercase letters, digits, "-" and "_", e.g. "${VAULT_DEFAULTS[key as keyof typeof VAULT_DEFAULTS]}"`);
    }
  }
  // The auth mounts live under `auth/` and the intermediates' paths have a suffix: only these two can be one.
  for (const [key, value] of mounts.filter(([key]) => key !== 'authMountPrefix')) {
    if ((VAULT_PROTECTED_MOUNTS as readonly unknown[]).includes(value)) {
      p.add(`${v}.${key}`, 'is a path Vault reserves (it refuses to mount anything there)', value, `a path other than ${VAULT_PROTECTED_MOUNTS.join(', ')}`);
    }
  }
  // Each cluster's mounts are `<prefix>-<cluster>`: they must not collide with the fleet-wide ones.
  const kv = typeof vault.kvMount === 'string' ? vault.kvMount : VAULT_DEFAULTS.kvMount;
  const pki = typeof vault.pkiMount === 'string' ? vault.pkiMount : VAULT_DEFAULTS.pkiMount;
  const taken = [pki, ...clusterNames.map((c) => `${pki}-${c}`)];
  if (taken.includes(kv)) p.add(`${v}.kvMount`, 'is also a PKI mount (the mesh root or a cluster\'s intermediate)', kv, `a path other than ${pki} and ${pki}-<cluster>`);
  // External Secrets takes a key that starts with "<mount>/" for one written with the mount, and cuts
  // it off (v2.9.0 providers/v1/vault/client_get.go buildPath, "induces a bug when the actual secret
  // resides on same path names as the mount path"): with the mount `mesh` it would read
  // `mesh/data/trust-anchor` where Terraform wrote `mesh/data/mesh/trust-anchor`, and outside the policies.
  if ((KV_TOP_LEVEL_PREFIXES as readonly string[]).includes(kv)) {
    p.add(`${v}.kvMount`, 'is also the first segment of keys in it (External Secrets would cut it off every key that starts with it)', kv, `a path other than ${KV_TOP_LEVEL_PREFIXES.join(', ')}`);
  }
  const login = vault.terraformLogin;
  if (login !== undefined) {
    if (!isRecord(login)) p.add(`${v}.terraformLogin`, 'must name the JWT auth mount and role the pipeline logs in with', login, '{ mount: "jwt-ci", role: "fleetsynth" }');
    else {
      if (typeof login.mount !== 'string' || !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(login.mount)) p.add(`${v}.terraformLogin.mount`, 'must be a Vault auth mount path', login.mount, 'e.g. "jwt-ci"');
      if (typeof login.role !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(login.role)) p.add(`${v}.terraformLogin.role`, 'must be a Vault role name', login.role, 'letters, digits, ".", "_" and "-"');
      for (const k of Object.keys(login).filter((k) => k !== 'mount' && k !== 'role')) p.add(`${v}.terraformLogin.${k}`, 'not a login setting (the JWT itself comes from TERRAFORM_VAULT_AUTH_JWT, never the fleet)', k, 'mount, role');
    }
  }
  return p.list;
}
