import { Construct } from 'constructs';
import { Fn } from '../../../infra/cdktf';
import { KvSecretV2, PkiSecretBackendRole, Policy } from '../../../infra/providers/vault';
import { ISTIO_CSR_SERVING_DNS_NAME, ISTIOD_DNS_NAME } from '../mesh-trust/istio-csr-chart';
import { ResolvedVaultSettings } from '../secrets-settings';
import {
  appsPolicyRules,
  clusterAuthMount,
  clusterPkiMount,
  EXTERNAL_SECRETS_SA,
  ISTIO_CA_ISSUER_SA,
  ISTIO_CSR_PKI_ROLE,
  istioCaPolicyRules,
  meshPolicyRules,
  MESH_CERT_LIFETIME_HOURS,
  MESH_ROOT_CA_KEY,
  MESH_ROOT_CA_PROPERTY,
  policyHcl,
  PolicyRule,
  vaultAudience,
  vaultPolicyName,
  VAULT_ROLE,
} from '../vault-layout';
import { KubernetesJwtAuth } from './kubernetes-jwt-auth';
import { FleetVaultProvider } from './vault-provider';
import { VaultKvMount } from './vault-kv-mount';
import { VaultIntermediateCa, VaultRootCa } from './vault-pki';

export interface FleetVaultProps {
  readonly vault: ResolvedVaultSettings;
  readonly fleetName: string;
  readonly meshID: string;
  readonly trustDomain: string;
  /** Trust domains the role signs besides `trustDomain` (a migration's previous one). @default none */
  readonly trustDomainAliases?: readonly string[];
  /** Every cluster, with its service-account issuer once its Terraform outputs exist. */
  readonly clusters: readonly { readonly name: string; readonly oidcIssuer?: string }[];
}

/**
 * Everything the fleet needs in Vault, configured by Terraform: the fleet's KV v2 mount; the mesh's
 * root CA and one intermediate CA per cluster (keys generated inside Vault), the root certificate
 * copied into KV for the clusters to pin; and per cluster, policies limited to its own paths plus
 * the shared ones, and (once its issuer is known) a JWT auth mount trusting its service-account
 * tokens with one role per Vault client in the cluster.
 */
export class FleetVault extends Construct {
  /** Clusters whose JWT auth is configured (their issuer is known). */
  readonly authConfigured: readonly string[];

  constructor(scope: Construct, id: string, props: FleetVaultProps) {
    super(scope, id);
    const { vault } = props;
    new FleetVaultProvider(this, 'vault', {
      address: vault.address,
      ...(vault.namespace ? { namespace: vault.namespace } : {}),
      ...(vault.caCertificate ? { caCertificate: vault.caCertificate } : {}),
      ...(vault.terraformLogin ? { jwtLogin: vault.terraformLogin } : {}),
    });
    const kv = new VaultKvMount(this, 'kv', { path: vault.kvMount, description: `fleet ${props.fleetName}: secrets for its clusters` });
    const root = new VaultRootCa(this, 'mesh-root', { path: vault.pkiMount, commonName: `${props.meshID} root CA`, organization: props.fleetName });
    // Public: the trust anchor every cluster pins. Written where the clusters' mesh store reads it.
    new KvSecretV2(this, 'mesh-root-ca', { mount: kv.mount.path, name: MESH_ROOT_CA_KEY, dataJson: Fn.jsonencode({ [MESH_ROOT_CA_PROPERTY]: root.certificate.certificate }) });

    const audience = vaultAudience(vault);
    const configured: string[] = [];
    for (const cluster of props.clusters) {
      const c = cluster.name;
      const scope = new Construct(this, `cluster-${c}`);
      const intermediate = new VaultIntermediateCa(scope, 'mesh-intermediate', { path: clusterPkiMount(vault, c), commonName: `${props.meshID} ${c} intermediate CA`, organization: props.fleetName, root });
      new PkiSecretBackendRole(scope, 'istio-csr-role', {
        backend: intermediate.mount.path,
        name: ISTIO_CSR_PKI_ROLE,
        // Workload CSRs carry only a SPIFFE URI (no CN); istiod's and istio-csr's own carry DNS names (istio-csr chart templates/certificate.yaml, pkg/tls).
        // The aliases' too, sorted: a trust domain migration's swap (README, Secrets) leaves the role as it is.
        // No narrower per workload: Vault sees only the Issuer's login, so istio-csr is the per-pod check
        // (istio-csr v0.17.0 pkg/server/auth.go), and whoever may create a CertificateRequest in istio-system,
        // which cert-manager approves (v1.21.1 values.yaml approveSignerNames), may also run a pod as the
        // Issuer's service account (README, Secrets, "Who can have a mesh identity signed").
        allowedUriSans: [props.trustDomain, ...(props.trustDomainAliases ?? [])].sort().map((domain) => `spiffe://${domain}/*`),
        allowedDomains: [ISTIOD_DNS_NAME, ISTIO_CSR_SERVING_DNS_NAME],
        allowBareDomains: true,
        allowSubdomains: false,
        allowLocalhost: false,
        allowIpSans: false,
        enforceHostnames: true,
        requireCn: false,
        keyType: 'any',
        serverFlag: true,
        clientFlag: true,
        // istio-csr asks for MESH_CERT_LIFETIME_HOURS (cert-manager passes a CertificateRequest's
        // duration as `ttl`: internal/vault/vault.go Sign), and Vault cuts a request at the role's
        // max_ttl. Never below it: a shorter certificate would leave less than the grace the README
        // states, and istiod's Certificate, whose renewBefore would no longer be shorter than it, would
        // renew at cert-manager's default, a third before expiry (pkg/util/pki/renewaltime.go).
        ttl: String(MESH_CERT_LIFETIME_HOURS * 3600),
        maxTtl: String(MESH_CERT_LIFETIME_HOURS * 3600),
        // Every pod renews: do not store each certificate.
        noStore: true,
      });
      const policies: [string, PolicyRule[]][] = [
        [VAULT_ROLE.apps, appsPolicyRules(vault, c)],
        [VAULT_ROLE.mesh, meshPolicyRules(vault, c)],
        [VAULT_ROLE.istioCa, istioCaPolicyRules(vault, c)],
      ];
      for (const [role, rules] of policies) new Policy(scope, `policy-${role}`, { name: vaultPolicyName(c, role as (typeof VAULT_ROLE)[keyof typeof VAULT_ROLE]), policy: policyHcl(rules) });

      if (!cluster.oidcIssuer) continue;
      const auth = new KubernetesJwtAuth(scope, 'auth', { path: clusterAuthMount(vault, c), oidcIssuer: cluster.oidcIssuer, description: `service accounts of cluster ${c}` });
      // External Secrets logs in for every reconcile and revokes the token when done (v2.9.0
      // providers/v1/vault/client.go Close, the token cache being off): service tokens, live for seconds.
      auth.addRole({ name: VAULT_ROLE.apps, serviceAccount: EXTERNAL_SECRETS_SA, audience, policies: [vaultPolicyName(c, VAULT_ROLE.apps)] });
      auth.addRole({ name: VAULT_ROLE.mesh, serviceAccount: EXTERNAL_SECRETS_SA, audience, policies: [vaultPolicyName(c, VAULT_ROLE.mesh)] });
      // cert-manager logs in for every CertificateRequest, signs once and never revokes (v1.21.1
      // internal/vault/vault.go New, Sign): as service tokens, each would be a lease for its whole TTL, and
      // while Vault refuses to sign, the proxies' retries (istio-csr answers Internal; Istio 1.30.3 retries
      // it 5 times, then every minute at most: pkg/security/retry.go, sds/sdsservice.go) pile up thousands
      // per cluster. Batch tokens are no lease; cert-manager needs no renewal, revocation or child token.
      auth.addRole({ name: VAULT_ROLE.istioCa, serviceAccount: ISTIO_CA_ISSUER_SA, audience, policies: [vaultPolicyName(c, VAULT_ROLE.istioCa)], tokenType: 'batch' });
      configured.push(c);
    }
    this.authConfigured = configured;
  }
}
