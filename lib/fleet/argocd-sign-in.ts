import { ArgoCdSizing } from './argocd-sizing';

/*
 * Who signs in to Argo CD on the management cluster, and what each may do there (README, "Signing in to
 * Argo CD"): Argo CD's `url`, an existing OIDC provider (argocd-cm `oidc.config`), its RBAC
 * (argocd-rbac-cm) and its `admin` account. Argo CD manages its own argocd-cm and argocd-rbac-cm from
 * its Helm values with self-heal, so these are the only place such settings hold. Every field left out
 * keeps the chart's and Argo CD's own default, and writes nothing into Argo CD's values.
 */

/**
 * Where a secret lives in the fleet's Vault: a key of its KV v2 mount, relative to the mount (as External
 * Secrets' `remoteRef.key` takes it), and the property inside it. The management cluster's External Secrets
 * reads only `clusters/<management cluster>/…` and `shared/…` (README, Secrets).
 */
export interface VaultSecretKey {
  /** The KV key, relative to the mount, e.g. `clusters/mgmt/argocd-oidc`. */
  readonly key: string;
  /** The property of that key holding the value, e.g. `clientSecret`. */
  readonly property: string;
}

/** An existing OpenID Connect provider Argo CD delegates sign-in to (argocd-cm `oidc.config`; argo-cd v3.4.7 docs/operator-manual/user-management/index.md, "Existing OIDC Provider"). */
export interface ArgoCdOidc {
  /** What the login button says: "LOG IN VIA <name>" (e.g. `Okta`). */
  readonly name: string;
  /** The provider's issuer, exactly as its discovery document (`<issuer>/.well-known/openid-configuration`) states it: a trailing "/" counts. */
  readonly issuer: string;
  /** The client Argo CD's server signs users in as (`clientID`). */
  readonly clientId: string;
  /** A separate client for the CLI's `argocd login --sso`, for providers that need one per redirect URI (`cliClientID`). @default the CLI uses `clientId` */
  readonly cliClientId?: string;
  /**
   * Where the client secret lives in Vault: never the secret itself. External Secrets copies it into
   * the Secret `argocd-oidc` in `argocd`, which `oidc.config` names (`$argocd-oidc:clientSecret`). Needs
   * `platform.secrets`. @default none: a public client, which needs `enablePKCE`
   */
  readonly clientSecret?: VaultSecretKey;
  /** The scopes Argo CD asks for; `openid` among them (OpenID Connect Core 1.0, 3.1.2.1). @default Argo CD's: openid, profile, email, groups */
  readonly requestedScopes?: readonly string[];
  /** Proof Key for Code Exchange on the server's sign-in (`enablePKCEAuthentication`): the provider must support it for this client. @default false */
  readonly enablePKCE?: boolean;
}

/** Argo CD's RBAC (argocd-rbac-cm; argo-cd v3.4.7 docs/operator-manual/rbac.md). */
export interface ArgoCdRbac {
  /** The role every signed-in user has, which no `deny` takes away (`policy.default`), e.g. `role:readonly`. @default none: a user no line names sees nothing */
  readonly defaultPolicy?: string;
  /** The token claims whose values are matched as subjects of the policy, besides `sub` (`scopes`), e.g. `['groups', 'email']`. @default ['groups'] */
  readonly scopes?: readonly string[];
  /**
   * The policy, one line per item (`policy.csv`): `p, <subject>, <resource>, <action>, <object>, <allow|deny>`
   * or `g, <user or group>, <role>`; `#` starts a comment. Added to Argo CD's built-in `role:readonly` and `role:admin`.
   * @default none
   */
  readonly policy?: readonly string[];
}

/** Signing in to Argo CD (README, "Signing in to Argo CD"). */
export interface ArgoCdSignIn {
  /**
   * The external https URL people reach Argo CD at (argocd-cm `url`): `https://host[:port]`, no path.
   * Redirects after sign-in go to `<url>/auth/callback`. Required with `oidc`.
   * @default the chart's `https://argocd.example.com`
   */
  readonly url?: string;
  /** Sign-in through an existing OIDC provider. @default none: only the `admin` account and core mode */
  readonly oidc?: ArgoCdOidc;
  /** Who may do what once signed in. @default Argo CD's built-in policy only */
  readonly rbac?: ArgoCdRbac;
  /** Whether the built-in `admin` account can sign in (argocd-cm `admin.enabled`). @default true */
  readonly adminEnabled?: boolean;
}

/** The fleet's `argoCd`: its size on the management cluster and who signs in to it. */
export interface ArgoCdSettings extends ArgoCdSizing, ArgoCdSignIn {}

/** The name and key of the Secret in `argocd` that holds the OIDC client secret (External Secrets writes it from Vault). */
export const ARGOCD_OIDC_SECRET = { name: 'argocd-oidc', key: 'clientSecret' } as const;

/** A plain copy of what the fleet says about signing in, with nothing filled in: every default is Argo CD's own. */
export function resolveArgoCdSignIn(s: ArgoCdSignIn | undefined): ArgoCdSignIn {
  const o = s?.oidc;
  const r = s?.rbac;
  const list = (l: readonly string[] | undefined) => (l === undefined ? undefined : [...l]);
  const defined = <T extends object>(v: T): T => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as T;
  return defined({
    url: s?.url,
    oidc: o
      ? defined({
          name: o.name,
          issuer: o.issuer,
          clientId: o.clientId,
          cliClientId: o.cliClientId,
          clientSecret: o.clientSecret ? { key: o.clientSecret.key, property: o.clientSecret.property } : undefined,
          requestedScopes: list(o.requestedScopes),
          enablePKCE: o.enablePKCE,
        })
      : undefined,
    rbac: r ? defined({ defaultPolicy: r.defaultPolicy, scopes: list(r.scopes), policy: list(r.policy) }) : undefined,
    adminEnabled: s?.adminEnabled,
  });
}
