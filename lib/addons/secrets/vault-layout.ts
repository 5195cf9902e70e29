import { ResolvedVaultSettings } from './secrets-settings';

/*
 * The contract between the `vault` Terraform stack and the objects in the clusters: mount paths,
 * KV keys, role and policy names, the service accounts Vault trusts and the audience their tokens
 * carry. Both sides call these functions, so a policy always grants exactly the paths the
 * ExternalSecrets, PushSecrets and the Issuer use.
 *
 * KV layout (one KV v2 mount for the fleet):
 *   clusters/<cluster>/…          the cluster's own secrets: read by that cluster only
 *   shared/…                      secrets every cluster may read
 *   mesh/trust-anchor             the mesh's root certificate (public; written by Terraform)
 *   mesh/istio-reader/<cluster>   the token of the cluster's istio-reader-service-account: written by
 *                                 that cluster (PushSecret), read by its peers' istiod (remote secrets)
 */

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/** External Secrets Operator's controller (the chart's release `external-secrets` in its own namespace). */
export const EXTERNAL_SECRETS_SA: ServiceAccountRef = { namespace: 'external-secrets', name: 'external-secrets' };
/** The service account cert-manager requests tokens for when its Issuer logs in to Vault (cert-manager docs, "Vault: Secretless Authentication with a Service Account"). */
export const ISTIO_CA_ISSUER_SA: ServiceAccountRef = { namespace: 'istio-system', name: 'vault-istio-ca' };
/** cert-manager's controller (the chart's release `cert-manager`): it creates those tokens. */
export const CERT_MANAGER_SA: ServiceAccountRef = { namespace: 'cert-manager', name: 'cert-manager' };

/** The subject Kubernetes puts in a service account's token (`sub` claim): what Vault binds a role to. */
export function serviceAccountSubject(sa: ServiceAccountRef): string {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}

/**
 * The audience of every token a cluster presents to Vault: `vault.audience`, by default Vault's
 * address. The ClusterSecretStores and the Issuer ask for it, and Vault checks it against the
 * roles' `bound_audiences` (any match is enough). cert-manager also adds the Issuer's `server`
 * and `vault://<namespace>/<issuer>` (cert-manager v1.21.1 internal/vault/vault.go
 * requestTokenWithKubernetesAuth), External Secrets "vault" (v2.9.0 providers/v1/vault/auth_jwt.go).
 */
export function vaultAudience(vault: Pick<ResolvedVaultSettings, 'audience'>): string {
  return vault.audience;
}

/** Each cluster's JWT auth mount: one per cluster, since one mount trusts one OIDC issuer. */
export function clusterAuthMount(vault: Pick<ResolvedVaultSettings, 'authMountPrefix'>, cluster: string): string {
  return `${vault.authMountPrefix}-${cluster}`;
}

/** The Vault roles on each cluster's auth mount, and who may log in as each. */
export const VAULT_ROLE = {
  /** External Secrets for the cluster's apps: its own and the shared secrets. */
  apps: 'external-secrets',
  /** External Secrets for the mesh: the root CA, the peers' reader tokens, pushing its own. */
  mesh: 'external-secrets-mesh',
  /** cert-manager's Issuer for istio-csr: signs with the cluster's intermediate CA. */
  istioCa: 'istio-ca',
} as const;

export function vaultPolicyName(cluster: string, role: (typeof VAULT_ROLE)[keyof typeof VAULT_ROLE]): string {
  return `${cluster}-${role}`;
}

/** KV keys, relative to the KV mount (what ESO's `remoteRef.key` / `remoteKey` take). */
export const CLUSTER_SECRETS_PREFIX = 'clusters';
export const clusterSecretsPrefix = (cluster: string) => `${CLUSTER_SECRETS_PREFIX}/${cluster}`;
export const SHARED_SECRETS_PREFIX = 'shared';
export const MESH_PREFIX = 'mesh';
/** The first segment of every key of the layout. */
export const KV_TOP_LEVEL_PREFIXES = [CLUSTER_SECRETS_PREFIX, SHARED_SECRETS_PREFIX, MESH_PREFIX] as const;
export const MESH_ROOT_CA_KEY = `${MESH_PREFIX}/trust-anchor`;
/** Property of MESH_ROOT_CA_KEY holding the PEM certificate. */
export const MESH_ROOT_CA_PROPERTY = 'certificate';
export const istioReaderTokenKey = (cluster: string) => `${MESH_PREFIX}/istio-reader/${cluster}`;
/** Property of istioReaderTokenKey holding the token. */
export const ISTIO_READER_TOKEN_PROPERTY = 'token';

/** KV v2 API paths of a key: where policies must grant access (Vault docs, "KV v2: ACL rules"). */
export const kvDataPath = (vault: Pick<ResolvedVaultSettings, 'kvMount'>, key: string) => `${vault.kvMount}/data/${key}`;
export const kvMetadataPath = (vault: Pick<ResolvedVaultSettings, 'kvMount'>, key: string) => `${vault.kvMount}/metadata/${key}`;

/** The mount of a cluster's intermediate CA, signed by the mesh root at `pkiMount`. */
export function clusterPkiMount(vault: Pick<ResolvedVaultSettings, 'pkiMount'>, cluster: string): string {
  return `${vault.pkiMount}-${cluster}`;
}
/** The PKI role istio-csr's certificates are signed under (on each cluster's intermediate mount). */
export const ISTIO_CSR_PKI_ROLE = 'istio-csr';
/** What the Issuer posts CSRs to: `<mount>/sign/<role>` (Vault PKI API "Sign certificate"). */
export const istioCsrSignPath = (vault: Pick<ResolvedVaultSettings, 'pkiMount'>, cluster: string) => `${clusterPkiMount(vault, cluster)}/sign/${ISTIO_CSR_PKI_ROLE}`;

/**
 * The lifetime of every certificate istio-csr has Vault sign: the proxies', istiod's and its own. The
 * proxies' and istiod's are renewed when half of it is left, so when Vault stops answering each of them
 * still has about half of it to run at least (README, Secrets: "When Vault is unreachable"). 24 h is
 * what Istio's proxies ask for and when they renew (Istio 1.30.3 pilot/cmd/pilot-agent/options/options.go:
 * SECRET_TTL 24h, SECRET_GRACE_PERIOD_RATIO 0.5 ±0.01), and istiod's own CA's default
 * (security/pkg/cmd/constants.go DefaultWorkloadCertTTL). The chart's 1 h (istio-csr v0.17.0
 * values.yaml) left the whole fleet 30 to 60 minutes.
 */
export const MESH_CERT_LIFETIME_HOURS = 24;
/** How long before its expiry a mesh certificate is renewed: the least time Vault may be away without a certificate expiring. */
export const MESH_CERT_RENEW_BEFORE_HOURS = MESH_CERT_LIFETIME_HOURS / 2;

export type VaultCapability = 'create' | 'read' | 'update' | 'delete' | 'list';
export interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly VaultCapability[];
}

/** The cluster's apps: read its own secrets and the shared ones. */
export function appsPolicyRules(vault: ResolvedVaultSettings, cluster: string): PolicyRule[] {
  return [
    { path: kvDataPath(vault, `${clusterSecretsPrefix(cluster)}/*`), capabilities: ['read'] },
    { path: kvDataPath(vault, `${SHARED_SECRETS_PREFIX}/*`), capabilities: ['read'] },
  ];
}

/**
 * The cluster's mesh plumbing: read the mesh's shared material (root CA, the peers' reader tokens)
 * and write its own reader token only. A PushSecret to KV v2 reads and writes both the data and the
 * metadata of its key, and deletes them when it is deleted (external-secrets providers/v1/vault/client_push.go).
 * The exact-path rules are more specific than `mesh/*`, so they win (Vault docs, "Policies: priority matching").
 */
export function meshPolicyRules(vault: ResolvedVaultSettings, cluster: string): PolicyRule[] {
  const own: VaultCapability[] = ['create', 'read', 'update', 'delete'];
  return [
    { path: kvDataPath(vault, `${MESH_PREFIX}/*`), capabilities: ['read'] },
    { path: kvDataPath(vault, istioReaderTokenKey(cluster)), capabilities: own },
    { path: kvMetadataPath(vault, istioReaderTokenKey(cluster)), capabilities: own },
  ];
}

/** cert-manager's Issuer: sign CSRs with the cluster's intermediate, under the istio-csr role only. */
export function istioCaPolicyRules(vault: ResolvedVaultSettings, cluster: string): PolicyRule[] {
  return [{ path: istioCsrSignPath(vault, cluster), capabilities: ['create', 'update'] }];
}

/** A policy in Vault's HCL. */
export function policyHcl(rules: readonly PolicyRule[]): string {
  return rules.map((r) => `path "${r.path}" {\n  capabilities = [${r.capabilities.map((c) => `"${c}"`).join(', ')}]\n}\n`).join('\n');
}
