import { testFleet } from '../../test/fleets';
import { resolveFleet } from './resolve-fleet';
import { fleetProblems } from './validate-fleet';

/** The problems of testFleet() with `argoCd` set to `argoCd`, under `argoCd`. */
const problems = (argoCd: unknown) => fleetProblems({ ...testFleet(), argoCd }).filter((p) => p.path.startsWith('argoCd'));
const paths = (argoCd: unknown) => problems(argoCd).map((p) => p.path);

const OIDC = { name: 'Okta', issuer: 'https://acme.okta.com', clientId: '0oa1b2c3d4', clientSecret: { key: 'clusters/t-mgmt/argocd-oidc', property: 'clientSecret' } };
const SIGN_IN = {
  url: 'https://argocd.acme.example',
  oidc: { ...OIDC, cliClientId: '0oa9cli', requestedScopes: ['openid', 'profile', 'email', 'groups'], enablePKCE: true },
  rbac: { defaultPolicy: 'role:readonly', scopes: ['groups', 'email'], policy: ['p, role:deployer, applications, sync, */*, allow', 'g, acme:platform, role:admin'] },
  adminEnabled: false,
};

describe('the fleet\'s argoCd sign-in (url, oidc, rbac, adminEnabled)', () => {
  test('passes with every field set, and resolves to a plain copy beside the sizing', () => {
    const argoCd = { ...SIGN_IN, controller: { replicas: 2 } };
    expect(problems(argoCd)).toEqual([]);
    expect(resolveFleet({ ...testFleet(), argoCd }).argoCd).toStrictEqual(argoCd);
  });

  test('a public client with PKCE needs no client secret', () => {
    const { clientSecret: _, ...publicClient } = OIDC;
    expect(problems({ url: SIGN_IN.url, oidc: { ...publicClient, enablePKCE: true } })).toEqual([]);
  });

  test('fields given as undefined are not set', () => {
    expect(resolveFleet({ ...testFleet(), argoCd: { url: SIGN_IN.url, oidc: { ...OIDC, cliClientId: undefined }, rbac: { scopes: undefined }, adminEnabled: undefined } }).argoCd).toStrictEqual({ url: SIGN_IN.url, oidc: OIDC, rbac: {} });
  });

  test('fails when oidc is given without url: the redirect URI is <url>/auth/callback', () => {
    expect(problems({ oidc: OIDC })).toEqual([expect.objectContaining({ path: 'argoCd.url', message: expect.stringContaining('is required with argoCd.oidc') })]);
  });

  test.each([
    ['http://argocd.acme.example', 'must be an https URL'],
    ['https://argocd.acme.example/argocd', 'must have no path'],
    ['https://argocd.acme.example/', 'must not end with "/"'],
    ['https://admin:pw@argocd.acme.example', 'carries a credential'],
    ['https://argocd.acme.example?x=1', 'must have no query or fragment'],
    ['argocd.acme.example', 'is not a URL'],
    // Forms the WHATWG parser repairs and Go's net/url, which Argo CD reads it with, does not.
    ['HTTPS://argocd.acme.example', 'must start with "https://" and the host'],
    ['https:argocd.acme.example', 'must start with "https://" and the host'],
    ['https:///argocd.acme.example', 'must start with "https://" and the host'],
    ['https:\\\\argocd.acme.example', 'must start with "https://" and the host'],
    ['https://bücher.example', 'must name its host in ASCII (punycode)'],
    ['https://argocd.acme.example\n', 'holds an invisible character, U+000A'],
    ['', 'must be a non-empty string'],
  ])('fails when url is %j, at argoCd.url', (url, message) => {
    expect(problems({ url })).toEqual([expect.objectContaining({ path: 'argoCd.url', message: expect.stringContaining(message) })]);
  });

  test.each(['HTTPS://acme.okta.com', 'https:acme.okta.com', 'https://acme.okta.com\\oauth2\\default'])('fails when the issuer is %j, which go-oidc never matches with the provider\'s, at argoCd.oidc.issuer', (issuer) => {
    expect(problems({ url: SIGN_IN.url, oidc: { ...OIDC, issuer } })).toEqual([expect.objectContaining({ path: 'argoCd.oidc.issuer', message: expect.stringContaining('must start with "https://" and the host') })]);
  });

  test('an internationalized url host is offered in punycode, which Argo CD sends as is', () => {
    expect(problems({ url: 'https://bücher.example:8443' })).toEqual([expect.objectContaining({ path: 'argoCd.url', allowed: 'https://xn--bcher-kva.example:8443' })]);
    expect(problems({ url: 'https://xn--bcher-kva.example:8443' })).toEqual([]);
  });

  test('keeps the issuer as written, its path and trailing "/" included (discovery states it so)', () => {
    const issuer = 'https://login.microsoftonline.com/0000-tenant/v2.0/';
    expect(problems({ url: SIGN_IN.url, oidc: { ...OIDC, issuer } })).toEqual([]);
    expect(resolveFleet({ ...testFleet(), argoCd: { url: SIGN_IN.url, oidc: { ...OIDC, issuer } } }).argoCd.oidc?.issuer).toBe(issuer);
  });

  test('fails at each oidc field, every problem at once', () => {
    const got = problems({ url: SIGN_IN.url, oidc: { name: 'Okta\u0007', issuer: 'http://acme.okta.com', clientId: 'a b', cliClientId: '', requestedScopes: ['profile', 'profile'], enablePKCE: 'yes', clientSecret: { key: 'clusters/t-mgmt/x\n', property: 7 } } });
    // Invisible characters are the shape check's, reported first (invisible-characters.ts).
    expect(got.map((p) => [p.path, p.message.split(' at character')[0]])).toEqual([
      ['argoCd.oidc.name', 'holds an invisible character, U+0007 (a control character)'],
      ['argoCd.oidc.clientSecret.key', 'holds an invisible character, U+000A (LINE FEED)'],
      ['argoCd.oidc.issuer', 'must be an https URL'],
      ['argoCd.oidc.clientId', 'must hold no blanks'],
      ['argoCd.oidc.cliClientId', 'must be a non-empty string'],
      ['argoCd.oidc.clientSecret.property', 'must be a non-empty string'],
      ['argoCd.oidc.enablePKCE', 'must be true or false'],
      ['argoCd.oidc.requestedScopes[1]', 'is listed twice'],
      ['argoCd.oidc.requestedScopes', 'must include "openid": without it the provider returns no ID token'],
    ]);
  });

  test('fails when a name, client id or scope starts with "$", which Argo CD would replace by a Secret key\'s value (util/settings/settings.go ReplaceMapSecrets)', () => {
    const got = problems({ url: SIGN_IN.url, oidc: { ...OIDC, name: '$server.secretkey', clientId: '$argocd-oidc:clientSecret', cliClientId: '$admin.password', requestedScopes: ['openid', '$x'] } });
    expect(got.map((p) => [p.path, p.message.split(':')[0]])).toEqual([
      ['argoCd.oidc.name', 'starts with "$"'],
      ['argoCd.oidc.clientId', 'starts with "$"'],
      ['argoCd.oidc.cliClientId', 'starts with "$"'],
      ['argoCd.oidc.requestedScopes[1]', 'starts with "$"'],
    ]);
    expect(problems({ url: SIGN_IN.url, oidc: { ...OIDC, name: 'Okta ($)' } })).toEqual([]);
  });

  test('fails when clientSecret is the secret itself, never quoting it back', () => {
    const got = problems({ url: SIGN_IN.url, oidc: { ...OIDC, clientSecret: 'k3p-s3cr3t-v4lue' } });
    expect(got).toEqual([expect.objectContaining({ path: 'argoCd.oidc.clientSecret', message: expect.stringContaining('never the secret itself'), given: '"a literal string (not shown)"' })]);
    expect(JSON.stringify(got)).not.toContain('k3p-s3cr3t-v4lue');
  });

  test('fails when there is neither a client secret nor PKCE, at argoCd.oidc.clientSecret', () => {
    const { clientSecret: _, ...publicClient } = OIDC;
    expect(paths({ url: SIGN_IN.url, oidc: publicClient })).toEqual(['argoCd.oidc.clientSecret']);
    expect(paths({ url: SIGN_IN.url, oidc: { ...publicClient, enablePKCE: false } })).toEqual(['argoCd.oidc.clientSecret']);
  });

  test('fails at each rbac field, a policy line at its index', () => {
    const got = problems({ rbac: { defaultPolicy: 'role:a, role:b', scopes: [], policy: ['g, acme:platform, role:admin', 'p, acme:ops, clusters, sync, *, allow', 'p, a, b\nc', 42] } });
    expect(got.map((p) => [p.path, p.message.split(':')[0]])).toEqual([
      ['argoCd.rbac.policy[2]', 'holds an invisible character, U+000A (LINE FEED) at character 8'],
      ['argoCd.rbac.defaultPolicy', 'must hold no blanks'],
      ['argoCd.rbac.scopes', 'must be a non-empty list of strings'],
      ['argoCd.rbac.policy[1]', 'action "sync" is not one Argo CD 3.4 checks on clusters'],
      ['argoCd.rbac.policy[3]', 'must be a policy line'],
    ]);
    expect(paths({ rbac: { defaultPolicy: 'role:a,role:b' } })).toEqual(['argoCd.rbac.defaultPolicy']);
    expect(paths({ rbac: { policy: 'g, a, role:admin' } })).toEqual(['argoCd.rbac.policy']);
  });

  test('fails when adminEnabled is no boolean, and when an unknown field is set (with a suggestion)', () => {
    expect(paths({ adminEnabled: 'false' })).toEqual(['argoCd.adminEnabled']);
    expect(problems({ url: SIGN_IN.url, oidc: { ...OIDC, clientID: 'x' } })).toEqual([expect.objectContaining({ path: 'argoCd.oidc.clientID', message: expect.stringContaining('clientId') })]);
  });
});
