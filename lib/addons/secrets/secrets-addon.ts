import { Construct } from 'constructs';
import { isRecord } from '../../fleet/problems';
import { ISTIO_NAMESPACE } from '../../k8s/istio/istio-version';
import { withImageMirrors } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import type { AddonClusterContext, AddonContext, FleetAddon } from '../addon';
import { argoCdClientSecretProblems, ArgoCdOidcSecret } from './argocd-oidc-secret';
import { EXTERNAL_SECRETS_IMAGES, externalSecretsChart } from './external-secrets/external-secrets-chart';
import { VaultClusterSecretStore } from './external-secrets/vault-cluster-secret-store';
import { CERT_MANAGER_CHART, CERT_MANAGER_IMAGES, certManagerChart } from './mesh-trust/cert-manager-chart';
import { ISTIO_CA_ISSUER, ISTIO_CSR_ADDRESS, ISTIO_CSR_IMAGES, istioCsrChart, MESH_ROOT_CA_SECRET } from './mesh-trust/istio-csr-chart';
import { IstioReaderToken } from './mesh-trust/istio-reader-token';
import { IstioRemoteSecret } from './mesh-trust/istio-remote-secret';
import { MeshRootCaSecret } from './mesh-trust/mesh-root-ca';
import { VaultIssuer } from './mesh-trust/vault-issuer';
import { ResolvedVaultSettings, resolveVaultSettings, SecretsSettings, secretsSettingsProblems } from './secrets-settings';
import { MESH_TRUST_CHANGE, VAULT_STACK_FILE, vaultAudienceChange } from './vault-audience-guard';
import { FleetVault } from './vault/fleet-vault';
import {
  CERT_MANAGER_SA,
  clusterAuthMount,
  EXTERNAL_SECRETS_SA,
  ISTIO_CA_ISSUER_SA,
  ISTIO_READER_TOKEN_PROPERTY,
  istioCsrSignPath,
  istioReaderTokenKey,
  MESH_ROOT_CA_KEY,
  MESH_ROOT_CA_PROPERTY,
  vaultAudience,
  VAULT_ROLE,
} from './vault-layout';

/** The fleet-wide Terraform stack: `dist/terraform/stacks/vault/cdk.tf.json`. */
export const VAULT_STACK = 'vault';
/** The ClusterSecretStore for the cluster's apps (any namespace): its own and the shared secrets. */
export const APPS_STORE = 'vault';
/** The ClusterSecretStore of the mesh plumbing, usable only from Istio's and cert-manager's namespaces. */
export const MESH_STORE = 'vault-mesh';

/*
 * Waves inside a cluster's folders (each folder is its own Application; see SYNC_WAVE). In
 * `_bootstrap`: service accounts and RBAC, then the stores and the Issuer (Healthy once they have
 * logged in to Vault), then the ExternalSecrets that read through them. In the cluster folder: the
 * reader token, its PushSecret, and last the remote secrets, which wait on the peers.
 */
const WAVE = {
  rbac: SYNC_WAVE.clusterConfig,
  stores: SYNC_WAVE.clusterConfig + 1,
  bootstrapSecrets: SYNC_WAVE.clusterConfig + 2,
  // Argo CD's OIDC client secret: after the stores, in the folder's final wave (a key not yet in Vault holds nothing back).
  argoCdOidc: SYNC_WAVE.loadBalancers,
  readerToken: SYNC_WAVE.clusterConfig,
  // The folder's final wave (see SYNC_WAVE.loadBalancers): a peer's progress never holds back the sync.
  remoteSecrets: SYNC_WAVE.loadBalancers,
} as const;

const clusterNamesOf = (fleet: Readonly<Record<string, unknown>>): string[] =>
  Array.isArray(fleet.clusters) ? fleet.clusters.flatMap((c) => (isRecord(c) && typeof c.name === 'string' ? [c.name] : [])) : [];

/**
 * `platform.secrets`: Vault as the fleet's secret store and the mesh's root of trust.
 *  - Terraform (`vault` stack): KV v2 mount; per cluster a JWT auth mount trusting its service-account
 *    issuer, roles and policies; the mesh root CA and an intermediate CA per cluster.
 *  - Every cluster: External Secrets Operator, cert-manager (operators wave); ClusterSecretStores
 *    and the Vault Issuer (`_bootstrap`); istio-csr before istiod, which uses it as its CA.
 *  - Endpoint discovery: each cluster pushes its istio-reader token to Vault; every other cluster
 *    assembles a remote secret from it and the peer's Terraform outputs.
 */
export function secretsAddon(settings: unknown): FleetAddon {
  // Validated by `validate` before any other hook runs; resolved once, on first use.
  let resolved: ResolvedVaultSettings | undefined;
  const vault = () => (resolved ??= resolveVaultSettings(settings as SecretsSettings));

  return {
    name: 'secrets',

    validate: (fleet) => [...secretsSettingsProblems(settings, clusterNamesOf(fleet)), ...argoCdClientSecretProblems(fleet)],

    // The tokens' audience against the roles the previous `vault` stack binds (vault-audience-guard.ts).
    guard: (ctx) => vaultAudienceChange(ctx.definition, ctx.readPrevious(VAULT_STACK_FILE), ctx.allows(MESH_TRUST_CHANGE)),

    charts: ({ cluster, fleet }) => [
      withImageMirrors(externalSecretsChart(), EXTERNAL_SECRETS_IMAGES, cluster.imageMirrors),
      withImageMirrors(certManagerChart(), CERT_MANAGER_IMAGES, cluster.imageMirrors),
      withImageMirrors(istioCsrChart({ clusterID: cluster.name, trustDomain: fleet.mesh.trustDomain }), ISTIO_CSR_IMAGES, cluster.imageMirrors),
    ],

    // istio-csr is the cluster's CA: istiod's own CA server is off.
    istio: () => ({ certificateAuthority: { address: ISTIO_CSR_ADDRESS } }),

    bootstrapManifests(scope: Construct, { cluster, fleet }: AddonClusterContext) {
      const v = vault();
      const mount = clusterAuthMount(v, cluster.name);
      const common = { server: v.address, ...(v.namespace ? { vaultNamespace: v.namespace } : {}), ...(v.caCertificate ? { caCertificate: v.caCertificate } : {}) };
      const esoAuth = (role: string) => ({ mount, role, serviceAccount: EXTERNAL_SECRETS_SA, audience: vaultAudience(v) });
      new VaultClusterSecretStore(scope, 'apps-store', { name: APPS_STORE, kvMount: v.kvMount, auth: esoAuth(VAULT_ROLE.apps), syncWave: WAVE.stores, ...common });
      new VaultClusterSecretStore(scope, 'mesh-store', {
        name: MESH_STORE,
        kvMount: v.kvMount,
        auth: esoAuth(VAULT_ROLE.mesh),
        namespaces: [ISTIO_NAMESPACE, CERT_MANAGER_CHART.namespace],
        syncWave: WAVE.stores,
        ...common,
      });
      new VaultIssuer(scope, 'istio-ca', {
        name: ISTIO_CA_ISSUER,
        namespace: ISTIO_CA_ISSUER_SA.namespace,
        signPath: istioCsrSignPath(v, cluster.name),
        auth: { mount, role: VAULT_ROLE.istioCa },
        serviceAccountName: ISTIO_CA_ISSUER_SA.name,
        audience: vaultAudience(v),
        certManager: CERT_MANAGER_SA,
        syncWave: WAVE.rbac,
        ...common,
      });
      new MeshRootCaSecret(scope, 'mesh-root-ca', {
        secret: { name: MESH_ROOT_CA_SECRET.name, namespace: CERT_MANAGER_CHART.namespace, key: MESH_ROOT_CA_SECRET.key },
        store: { name: MESH_STORE },
        remoteKey: MESH_ROOT_CA_KEY,
        property: MESH_ROOT_CA_PROPERTY,
        syncWave: WAVE.bootstrapSecrets,
      });
      const clientSecret = fleet.argoCd.oidc?.clientSecret;
      if (cluster.role === 'management' && clientSecret) new ArgoCdOidcSecret(scope, 'argocd-oidc', { store: { name: APPS_STORE }, clientSecret, syncWave: WAVE.argoCdOidc });
    },

    // Every istiod reads every peer's API through the remote secrets below (endpoint discovery):
    // Istio requires each cluster's API server to be reachable from every other cluster
    // (istio.io/latest/docs/setup/install/multicluster/before-you-begin/, "API Server Access").
    apiClients: ({ cluster, fleet }: AddonClusterContext) => ({ clusters: fleet.clusters.map((c) => c.name).filter((n) => n !== cluster.name), why: 'istiod endpoint discovery' }),

    manifests(scope: Construct, { cluster, fleet, outputs }: AddonClusterContext) {
      new IstioReaderToken(scope, 'istio-reader-token', { store: { name: MESH_STORE }, remoteKey: istioReaderTokenKey(cluster.name), property: ISTIO_READER_TOKEN_PROPERTY, syncWave: WAVE.readerToken });
      // A peer's remote secret needs its endpoint and CA, and both ends in Vault: only once both have outputs.
      if (!outputs.has(cluster.name)) return;
      for (const peer of fleet.clusters) {
        const out = outputs.get(peer.name);
        if (peer.name === cluster.name || !out) continue;
        new IstioRemoteSecret(scope, `remote-${peer.name}`, {
          cluster: peer.name,
          server: out.endpoint,
          caCertificate: out.caCertificate,
          store: { name: MESH_STORE },
          tokenKey: istioReaderTokenKey(peer.name),
          tokenProperty: ISTIO_READER_TOKEN_PROPERTY,
          syncWave: WAVE.remoteSecrets,
        });
      }
    },

    stacks(ctx: AddonContext) {
      const { fleet, outputs } = ctx;
      // Reported here, the one hook synth calls once per render.
      for (const c of fleet.clusters) {
        if (!outputs.has(c.name)) ctx.holdBack(`Vault JWT auth and roles for ${c.name} (stack ${VAULT_STACK})`, `the Terraform outputs of ${c.name} (its oidc_issuer_url)`);
      }
      for (const a of fleet.clusters) {
        for (const b of fleet.clusters) {
          const missing = [a.name, b.name].filter((n) => !outputs.has(n));
          if (a.name !== b.name && missing.length > 0) ctx.holdBack(`Istio remote secret of ${b.name} in ${a.name}`, `the Terraform outputs of ${missing.join(' and ')}`);
        }
      }
      return [
        {
          name: VAULT_STACK,
          build: (stack) =>
            new FleetVault(stack, 'fleet', {
              vault: vault(),
              fleetName: fleet.name,
              meshID: fleet.mesh.meshID,
              trustDomain: fleet.mesh.trustDomain,
              trustDomainAliases: fleet.mesh.trustDomainAliases,
              clusters: fleet.clusters.map((c) => ({ name: c.name, ...(outputs.get(c.name) ? { oidcIssuer: outputs.get(c.name)!.oidcIssuer } : {}) })),
            }),
        },
      ];
    },

    diagram: ({ fleet }) => ({
      nodes: [{ id: 'vault', label: 'Vault' }],
      links: fleet.clusters.map((c) => ({ from: c.name, to: 'vault', label: 'secrets, mesh CA', kind: 'secrets' as const })),
    }),
  };
}
