import { ARGOCD_OIDC_SECRET, ArgoCdSignIn, HelmValues } from '../../fleet';

/**
 * The chart's values for who signs in to Argo CD (argo-helm charts/argo-cd 10.1.1: `configs.cm` is written
 * into argocd-cm key by key, over the chart's own `url: https://<global.domain>`; `configs.rbac` into
 * argocd-rbac-cm, templates/argocd-configs/argocd-rbac-cm.yaml). Nothing for what the fleet leaves out: the
 * chart's defaults stay (`admin.enabled: true`, `policy.default: ""`, `policy.csv: ""`, `scopes: "[groups]"`).
 * Merge them into `argoCdHelmValues`'s `extra`.
 */
export function argoCdSignInValues(signIn: ArgoCdSignIn): HelmValues {
  const cm: Record<string, string | boolean> = {};
  if (signIn.url !== undefined) cm.url = signIn.url;
  if (signIn.adminEnabled === false) cm['admin.enabled'] = false;
  if (signIn.oidc) cm['oidc.config'] = oidcConfig(signIn.oidc);
  const rbac: Record<string, string> = {};
  const r = signIn.rbac;
  if (r?.defaultPolicy !== undefined) rbac['policy.default'] = r.defaultPolicy;
  // Argo CD reads `scopes` as a YAML list of strings (argo-cd v3.4.7 server/server.go rbacPolicyLoader): a JSON list is one.
  if (r?.scopes !== undefined) rbac.scopes = JSON.stringify(r.scopes);
  if (r?.policy !== undefined && r.policy.length > 0) rbac['policy.csv'] = `${r.policy.map((l) => l.trim()).join('\n')}\n`;
  return {
    ...(Object.keys(cm).length > 0 || Object.keys(rbac).length > 0 ? { configs: { ...(Object.keys(cm).length > 0 ? { cm } : {}), ...(Object.keys(rbac).length > 0 ? { rbac } : {}) } } : {}),
  };
}

/**
 * argocd-cm `oidc.config`, a YAML document Argo CD reads with sigs.k8s.io/yaml (util/settings/settings.go
 * oidcConfig), one field a line, every string JSON-quoted (a YAML double-quoted scalar). The client secret is
 * a reference, `$<secret>:<key>`, that Argo CD resolves from a Secret in its namespace labelled
 * `app.kubernetes.io/part-of: argocd` (ReplaceMapSecrets over the Secrets getSecrets lists by that label).
 */
export function oidcConfig(oidc: NonNullable<ArgoCdSignIn['oidc']>): string {
  const lines: [string, unknown][] = [
    ['name', oidc.name],
    ['issuer', oidc.issuer],
    ['clientID', oidc.clientId],
    ['cliClientID', oidc.cliClientId],
    ['clientSecret', oidc.clientSecret ? `$${ARGOCD_OIDC_SECRET.name}:${ARGOCD_OIDC_SECRET.key}` : undefined],
    ['requestedScopes', oidc.requestedScopes],
    ['enablePKCEAuthentication', oidc.enablePKCE || undefined],
  ];
  return lines
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`)
    .join('');
}
