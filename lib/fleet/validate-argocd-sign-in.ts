import { rbacPolicyLineProblem } from './argocd-rbac-policy';
import { isRecord, listItems, Problems } from './problems';

/*
 * The fleet's `argoCd.url`, `argoCd.oidc`, `argoCd.rbac` and `argoCd.adminEnabled` (argocd-sign-in.ts).
 * Unknown fields are the shape check's (unknown-fields.ts); here the values. What `oidc.clientSecret`
 * needs of `platform.secrets` is checked beside the add-ons (lib/addons/platform-dependencies.ts), and
 * where its Vault key may be by the secrets service (lib/addons/secrets/argocd-oidc-secret.ts).
 */

/**
 * A non-empty string; false (with a problem) otherwise. Invisible characters (controls, line separators:
 * a line break would start another line of `policy.csv` or `oidc.config`) are the shape check's, which
 * refuses them in every string first (invisible-characters.ts).
 */
function text(p: Problems, path: string, value: unknown, allowed: string, blanks = true): value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    p.add(path, 'must be a non-empty string', value, allowed);
    return false;
  }
  if (!blanks && /\s/.test(value)) {
    p.add(path, 'must hold no blanks', value, allowed);
    return false;
  }
  return true;
}

/** An https URL without query or fragment (credentials in it are the shape check's, unknown-fields.ts); `origin` refuses a path too. */
function httpsUrl(p: Problems, path: string, value: unknown, origin: boolean, allowed: string): boolean {
  if (!text(p, path, value, allowed, false)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    p.add(path, 'is not a URL', value, allowed);
    return false;
  }
  if (url.protocol !== 'https:') p.add(path, 'must be an https URL', value, allowed);
  // Argo CD and go-oidc read it with Go's net/url, which repairs nothing the WHATWG parser here repairs:
  // `https:host`, `https:///host` and `https:\\host` have no host there, and go-oidc compares the issuer with
  // the provider's byte for byte (coreos/go-oidc oidc/oidc.go NewProvider: "issuer did not match"), which `HTTPS://` never is.
  else if (!/^https:\/\/[^/\\]/.test(value) || value.includes('\\')) p.add(path, 'must start with "https://" and the host, with "/" and never "\\"', value, allowed);
  else if (url.search || url.hash || value.includes('?') || value.includes('#')) p.add(path, 'must have no query or fragment', value, allowed);
  // Argo CD serves at the root path (fleetsynth sets no server.rootpath): a path would be in every redirect URI and match no route.
  else if (origin && url.pathname !== '/') p.add(path, 'must have no path: Argo CD is served at the root path (no server.rootpath)', value, allowed);
  else if (origin && value.endsWith('/')) p.add(path, 'must not end with "/": Argo CD appends /auth/callback to it', value, allowed);
  // Go's URL.String, which builds the redirect URI, %-encodes a host's non-ASCII bytes (golang.org/issue/12719:
  // http://hello.世界.com/foo → http://hello.%E4%B8%96%E7%95%8C.com/foo), matching no redirect URI registered as written.
  else if (origin && /[^\x00-\x7f]/.test(value)) p.add(path, 'must name its host in ASCII (punycode): Argo CD would send the provider a redirect URI with the host %-encoded', value, `https://${url.host}`);
  else return true;
  return false;
}

/**
 * Argo CD puts the value of a Secret's key in place of every string of `oidc.config` that starts with "$"
 * (argo-cd v3.4.7 util/settings/settings.go oidcConfig, ReplaceMapSecrets: `$<key>` of argocd-secret,
 * `$<secret>:<key>` of a labelled Secret), and serves name, client ids and scopes to anyone, signed in or not
 * (server/settings/settings.go Get, AuthFuncOverride): a name `$server.secretkey` would show Argo CD's
 * signing key on the login page. The fleet's values are literal; only the client secret is a reference.
 */
function secretReferenceProblem(p: Problems, path: string, value: unknown): void {
  if (typeof value === 'string' && value.startsWith('$')) {
    p.add(path, 'starts with "$": Argo CD reads it as a Secret key and shows that key\'s value in its place', value, 'a literal value not starting with "$" (the client secret alone comes from a Secret: clientSecret)');
  }
}

function stringList(p: Problems, path: string, value: unknown, allowed: string): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    p.add(path, 'must be a non-empty list of strings', value, allowed);
    return undefined;
  }
  const seen = new Set<string>();
  for (const { item, index, present } of listItems(value)) {
    if (!present) continue;
    if (!text(p, `${path}[${index}]`, item, allowed, false)) continue;
    if (seen.has(item)) p.add(`${path}[${index}]`, 'is listed twice', item, 'each once');
    seen.add(item);
  }
  return value.filter((v): v is string => typeof v === 'string');
}

export function checkArgoCdSignIn(p: Problems, argoCd: unknown): void {
  if (!isRecord(argoCd)) return; // the sizing check reports an argoCd that is no object
  const { url, oidc, rbac, adminEnabled } = argoCd;
  const URL_ALLOWED = 'the https URL people reach Argo CD at, no path, e.g. "https://argocd.example.com" or, through kubectl port-forward, "https://localhost:8080"';
  if (url !== undefined) httpsUrl(p, 'argoCd.url', url, true, URL_ALLOWED);
  if (adminEnabled !== undefined && typeof adminEnabled !== 'boolean') p.add('argoCd.adminEnabled', 'must be true or false', adminEnabled, 'true (the admin account signs in), false (it cannot)');
  if (oidc !== undefined) checkOidc(p, oidc, url === undefined, URL_ALLOWED);
  if (rbac !== undefined) checkRbac(p, rbac);
}

function checkOidc(p: Problems, oidc: unknown, noUrl: boolean, urlAllowed: string): void {
  const at = 'argoCd.oidc';
  if (!isRecord(oidc)) {
    p.add(at, 'must be an object', oidc, '{ name, issuer, clientId, cliClientId?, clientSecret?, requestedScopes?, enablePKCE? }');
    return;
  }
  // Argo CD's redirect URI is `<url>/auth/callback` (argo-cd v3.4.7 util/settings/settings.go RedirectURL): without it, the chart's https://argocd.example.com.
  if (noUrl) p.add('argoCd.url', 'is required with argoCd.oidc: the provider sends people back to <url>/auth/callback', undefined, urlAllowed);
  if (text(p, `${at}.name`, oidc.name, 'the name on the login button, e.g. "Okta"')) secretReferenceProblem(p, `${at}.name`, oidc.name);
  httpsUrl(p, `${at}.issuer`, oidc.issuer, false, 'the provider\'s https issuer URL, exactly as its /.well-known/openid-configuration states it, e.g. "https://acme.okta.com"');
  if (text(p, `${at}.clientId`, oidc.clientId, 'the client id the provider gave Argo CD', false)) secretReferenceProblem(p, `${at}.clientId`, oidc.clientId);
  if (oidc.cliClientId !== undefined && text(p, `${at}.cliClientId`, oidc.cliClientId, 'the client id for the CLI', false)) secretReferenceProblem(p, `${at}.cliClientId`, oidc.cliClientId);
  const secret = oidc.clientSecret;
  if (secret !== undefined) {
    const s = `${at}.clientSecret`;
    if (!isRecord(secret)) {
      // Never echoed: it is probably the secret itself.
      p.add(s, 'must name where the client secret lives in Vault, never the secret itself (it would be committed with dist/)', typeof secret === 'string' ? 'a literal string (not shown)' : typeof secret, '{ key: "clusters/<management cluster>/argocd-oidc", property: "clientSecret" }');
    } else {
      text(p, `${s}.key`, secret.key, 'a key of the fleet\'s KV mount, relative to it, e.g. "clusters/mgmt/argocd-oidc"', false);
      text(p, `${s}.property`, secret.property, 'the property of that key, e.g. "clientSecret"', false);
    }
  }
  if (oidc.enablePKCE !== undefined && typeof oidc.enablePKCE !== 'boolean') p.add(`${at}.enablePKCE`, 'must be true or false', oidc.enablePKCE, 'true, false');
  if (secret === undefined && oidc.enablePKCE !== true) {
    // Without a secret the server is a public client, and only PKCE binds the authorization code to it
    // (RFC 7636, abstract: public clients of the code grant are open to authorization code interception).
    p.add(`${at}.clientSecret`, 'is required unless enablePKCE is true: without either, Argo CD is a public client whose authorization code anyone who intercepts it can redeem', undefined, 'clientSecret (from Vault), or enablePKCE: true (a public client with PKCE)');
  }
  if (oidc.requestedScopes !== undefined) {
    const scopes = stringList(p, `${at}.requestedScopes`, oidc.requestedScopes, 'scope names, e.g. ["openid", "profile", "email", "groups"]');
    if (scopes) (oidc.requestedScopes as unknown[]).forEach((scope, index) => secretReferenceProblem(p, `${at}.requestedScopes[${index}]`, scope));
    // Without `openid` the request is plain OAuth 2.0: no ID token comes back, and Argo CD signs no one in (OpenID Connect Core 1.0, 3.1.2.1).
    if (scopes && !scopes.includes('openid')) p.add(`${at}.requestedScopes`, 'must include "openid": without it the provider returns no ID token', oidc.requestedScopes, '["openid", …]');
  }
}

function checkRbac(p: Problems, rbac: unknown): void {
  const at = 'argoCd.rbac';
  if (!isRecord(rbac)) {
    p.add(at, 'must be an object', rbac, '{ defaultPolicy?, scopes?, policy? }');
    return;
  }
  const { defaultPolicy, scopes, policy } = rbac;
  if (defaultPolicy !== undefined && text(p, `${at}.defaultPolicy`, defaultPolicy, 'a role, e.g. "role:readonly"', false) && defaultPolicy.includes(',')) {
    p.add(`${at}.defaultPolicy`, 'must be one role', defaultPolicy, 'a role, e.g. "role:readonly"');
  }
  if (scopes !== undefined) stringList(p, `${at}.scopes`, scopes, 'claim names, e.g. ["groups", "email"]');
  if (policy === undefined) return;
  if (!Array.isArray(policy)) {
    p.add(`${at}.policy`, 'must be a list of policy lines', policy, '["p, role:deployer, applications, sync, */*, allow", "g, acme:platform, role:admin"]');
    return;
  }
  for (const { item: line, index, present } of listItems(policy)) {
    if (!present) continue;
    const path = `${at}.policy[${index}]`;
    if (typeof line !== 'string') {
      p.add(path, 'must be a policy line', line, 'a string: p, <subject>, <resource>, <action>, <object>, <allow|deny> or g, <user or group>, <role>');
      continue;
    }
    const problem = rbacPolicyLineProblem(line);
    if (problem) p.add(path, problem.message, line, problem.allowed);
  }
}
