import { Construct } from 'constructs';
import { ARGOCD_OIDC_SECRET, Problem, show, VaultSecretKey } from '../../fleet';
import { isRecord } from '../../fleet/problems';
import { IGNORE_HEALTH } from '../../k8s/argocd/sync-wave';
import { ExternalSecret, SecretStoreRef } from './external-secrets/external-secret';
import { clusterSecretsPrefix, SHARED_SECRETS_PREFIX } from './vault-layout';

/*
 * Argo CD's OIDC client secret (`argoCd.oidc.clientSecret`: where it lives in Vault), as the Secret
 * `argocd/argocd-oidc` that argocd-cm's `oidc.config` names (`$argocd-oidc:clientSecret`, argo-cd v3.4.7
 * docs/operator-manual/user-management/index.md, "Sensitive Data and SSO Client Secrets"). Argo CD reads
 * only Secrets of its namespace labelled `app.kubernetes.io/part-of: argocd` for such references
 * (util/settings/settings.go getSecrets, partOfArgoCDSelector), so the Secret carries that label.
 */

/** The management cluster's KV keys its `vault` store may read: its own and the shared ones (vault-layout.ts appsPolicyRules). */
const readable = (management: string) => [`${clusterSecretsPrefix(management)}/`, `${SHARED_SECRETS_PREFIX}/`];

/** Problems with where the fleet says the client secret is in Vault (read defensively: the fleet is not validated yet). */
export function argoCdClientSecretProblems(fleet: Readonly<Record<string, unknown>>): Problem[] {
  const argoCd = fleet.argoCd;
  const secret = isRecord(argoCd) && isRecord(argoCd.oidc) ? argoCd.oidc.clientSecret : undefined;
  const key = isRecord(secret) ? secret.key : undefined;
  if (typeof key !== 'string') return []; // its shape is the core's check
  const management = (Array.isArray(fleet.clusters) ? fleet.clusters : []).find((c) => isRecord(c) && c.role === 'management');
  if (!isRecord(management) || typeof management.name !== 'string') return [];
  const prefixes = readable(management.name);
  // Vault's client cleans the path it asks for (hashicorp/vault api/client.go NewRequest: path.Join, which
  // External Secrets' Vault provider reads through): `clusters/<management>/../<other>/x` reads `clusters/<other>/x`.
  const unclean = key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
  // Vault refuses anything else to the management cluster's External Secrets (403): its role's policy reads only these.
  if (!unclean && prefixes.some((p) => key.startsWith(p) && key.length > p.length)) return [];
  return [
    {
      path: 'argoCd.oidc.clientSecret.key',
      message: unclean
        ? 'has an empty, "." or ".." segment: Vault\'s client cleans it into another key before reading'
        : `is not a key the management cluster's External Secrets may read (Vault's policy ${management.name}-external-secrets grants only its own keys and the shared ones)`,
      // A KV key of the layout always has a "/": one without may be the secret itself, pasted into the wrong field.
      given: key.includes('/') ? show(key) : 'a key with no "/" (not shown: it may be the secret itself)',
      allowed: `a key under ${prefixes.map((p) => `"${p}"`).join(' or ')}, relative to the KV mount, e.g. "${prefixes[0]}argocd-oidc"`,
    },
  ];
}

export interface ArgoCdOidcSecretProps {
  readonly store: SecretStoreRef;
  readonly clientSecret: VaultSecretKey;
  /** The ExternalSecret's wave. @default none */
  readonly syncWave?: number;
}

/**
 * The ExternalSecret that writes `argocd/argocd-oidc` from Vault. Left out of its Application's health
 * (IGNORE_HEALTH, in a wave nothing waits for): until the key is in Vault it is Degraded, and sign-in
 * fails, but nothing else on the management cluster waits for it. Argo CD meanwhile keeps the reference
 * unresolved (ReplaceStringSecret logs "secret key does not exist in secret" and returns it as written) and
 * sends it as the client secret, which the provider refuses; once the Secret exists, the settings informer
 * sees it and argocd-server restarts its sign-in with the secret (server/server.go watchSettings: "oidc
 * config modified"), without a pod restart.
 */
export class ArgoCdOidcSecret extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdOidcSecretProps) {
    super(scope, id);
    const { name, key } = ARGOCD_OIDC_SECRET;
    new ExternalSecret(this, 'Resource', {
      name,
      namespace: 'argocd',
      store: props.store,
      data: [{ secretKey: key, remoteKey: props.clientSecret.key, property: props.clientSecret.property }],
      target: { template: { labels: { 'app.kubernetes.io/part-of': 'argocd' }, data: { [key]: `{{ .${key} }}` } } },
      annotations: IGNORE_HEALTH,
      ...(props.syncWave !== undefined ? { syncWave: props.syncWave } : {}),
    });
  }
}
