import { parse } from 'yaml';
import { argoCdHelmValues } from './argocd-install';
import { argoCdSignInValues, oidcConfig } from './argocd-sign-in-values';

const OIDC = { name: 'Okta', issuer: 'https://acme.okta.com', clientId: '0oa1b2c3d4', clientSecret: { key: 'clusters/mgmt/argocd-oidc', property: 'clientSecret' } };

describe('argoCdSignInValues: who signs in to Argo CD, as the argo-cd chart 10.1.1 takes it (configs.cm, configs.rbac)', () => {
  test('nothing when the fleet says nothing: the chart\'s defaults stay unwritten', () => {
    expect(argoCdSignInValues({})).toEqual({});
    expect(argoCdSignInValues({ adminEnabled: true, rbac: { policy: [] } })).toEqual({});
  });

  test('url, oidc.config, admin.enabled into argocd-cm; policy.default, scopes, policy.csv into argocd-rbac-cm', () => {
    const values = argoCdSignInValues({
      url: 'https://argocd.acme.example',
      adminEnabled: false,
      oidc: { ...OIDC, cliClientId: '0oa9cli', requestedScopes: ['openid', 'groups'], enablePKCE: true },
      rbac: { defaultPolicy: 'role:readonly', scopes: ['groups', 'email'], policy: ['  p, role:deployer, applications, sync, */*, allow', 'g, "Acme, Inc.", role:admin'] },
    });
    expect(values).toEqual({
      configs: {
        cm: { url: 'https://argocd.acme.example', 'admin.enabled': false, 'oidc.config': expect.any(String) },
        rbac: { 'policy.default': 'role:readonly', scopes: '["groups","email"]', 'policy.csv': 'p, role:deployer, applications, sync, */*, allow\ng, "Acme, Inc.", role:admin\n' },
      },
    });
    // Argo CD reads scopes as a YAML list of strings (server/server.go rbacPolicyLoader), oidc.config as YAML (util/settings/settings.go oidcConfig).
    expect(parse((values.configs as any).rbac.scopes)).toEqual(['groups', 'email']);
    expect(parse((values.configs as any).cm['oidc.config'])).toEqual({
      name: 'Okta',
      issuer: 'https://acme.okta.com',
      clientID: '0oa1b2c3d4',
      cliClientID: '0oa9cli',
      clientSecret: '$argocd-oidc:clientSecret',
      requestedScopes: ['openid', 'groups'],
      enablePKCEAuthentication: true,
    });
  });

  test('the client secret is a reference to the Secret argocd-oidc, never a value; a public client has none', () => {
    expect(oidcConfig(OIDC)).toBe('name: "Okta"\nissuer: "https://acme.okta.com"\nclientID: "0oa1b2c3d4"\nclientSecret: "$argocd-oidc:clientSecret"\n');
    const { clientSecret: _, ...publicClient } = OIDC;
    expect(parse(oidcConfig({ ...publicClient, enablePKCE: true }))).toEqual({ name: 'Okta', issuer: 'https://acme.okta.com', clientID: '0oa1b2c3d4', enablePKCEAuthentication: true });
  });

  test('a name YAML would misread stays a string', () => {
    expect(parse(oidcConfig({ ...OIDC, name: 'yes: #1 "SSO"' })).name).toBe('yes: #1 "SSO"');
  });

  test('merged through argoCdHelmValues\'s extra beside the Application health check in argocd-cm', () => {
    const values = argoCdHelmValues({ extra: [argoCdSignInValues({ url: 'https://argocd.acme.example' })] }) as any;
    expect(Object.keys(values.configs.cm).sort()).toEqual(['resource.customizations.health.argoproj.io_Application', 'url']);
  });
});
