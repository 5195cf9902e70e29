import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave, syncWaveMetadata } from '../../../k8s/argocd/sync-wave';
import { PropsCheck } from '../../../k8s/props-check';

export interface VaultIssuerProps {
  readonly name: string;
  readonly namespace: string;
  /** Vault's API address. */
  readonly server: string;
  /** What it posts CSRs to: `<pki mount>/sign/<role>`. */
  readonly signPath: string;
  /** Vault Enterprise namespace. @default none */
  readonly vaultNamespace?: string;
  /** PEM of the CA of Vault's TLS certificate. @default the system roots */
  readonly caCertificate?: string;
  /** Vault login: the auth mount (JWT or Kubernetes: both take `{ role, jwt }`) and role. */
  readonly auth: { readonly mount: string; readonly role: string };
  /** The service account whose token it presents, created here in `namespace`. */
  readonly serviceAccountName: string;
  /** The audience Vault's role binds, when it is not `server` (which cert-manager always adds). @default `server` */
  readonly audience?: string;
  /** cert-manager's controller, which requests that token. */
  readonly certManager: { readonly namespace: string; readonly name: string };
  /** Wave of the service account and RBAC; the Issuer comes one wave later. @default none */
  readonly syncWave?: number;
}

/**
 * A cert-manager Issuer that signs with Vault's PKI, logging in with a short-lived token of its own
 * service account: cert-manager requests it for the audiences `vault://<namespace>/<issuer>`, the
 * Vault address (`server`) and those of `serviceAccountRef.audiences`, and posts `{ role, jwt }` to `<mountPath>/login` (cert-manager
 * internal/vault/vault.go requestTokenWithKubernetesAuth), which is also what Vault's JWT auth
 * takes. The Role lets cert-manager create that token and nothing else (cert-manager docs, "Vault:
 * Secretless Authentication with a Service Account"). Argo CD counts the Issuer Healthy once it is
 * Ready: cert-manager has logged in to Vault (argo-cd resource_customizations/cert-manager.io/Issuer/health.lua).
 */
export class VaultIssuer extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: VaultIssuerProps) {
    super(scope, id);
    new PropsCheck(`VaultIssuer[${props.namespace}/${props.name}]`)
      .name('name', props.name)
      .name('namespace', props.namespace, 'label')
      .check('server', /^https:\/\/\S+$/.test(props.server), 'must be an https URL', props.server, 'https://vault.example.com:8200')
      .check('signPath', /^[^/\s]+(\/[^/\s]+)*\/sign\/[^/\s]+$/.test(props.signPath), 'must be a PKI sign path', props.signPath, '<mount>/sign/<role>')
      .nonEmpty('auth.mount', props.auth.mount)
      .nonEmpty('auth.role', props.auth.role)
      .name('serviceAccountName', props.serviceAccountName)
      .check('audience', props.audience === undefined || /^\S+$/.test(props.audience), 'must be one word', props.audience, 'e.g. "https://vault.example.com:8200"')
      .done();
    this.name = props.name;
    const ns = props.namespace;
    const sa = props.serviceAccountName;
    const extraAudience = props.audience !== undefined && props.audience !== props.server ? props.audience : undefined;
    const rbacMeta = (name: string) => ({ name, namespace: ns, ...syncWaveMetadata(props.syncWave) });
    new ApiObject(this, 'ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: rbacMeta(sa) });
    new ApiObject(this, 'Role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: rbacMeta(`${sa}-tokenrequest`),
      rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [sa], verbs: ['create'] }],
    });
    new ApiObject(this, 'RoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: rbacMeta(`${sa}-tokenrequest`),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${sa}-tokenrequest` },
      subjects: [{ kind: 'ServiceAccount', name: props.certManager.name, namespace: props.certManager.namespace }],
    });
    new ApiObject(this, 'Issuer', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: props.name, namespace: ns, annotations: { ...(props.syncWave !== undefined ? syncWave(props.syncWave + 1) : {}), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        vault: {
          server: props.server,
          path: props.signPath,
          ...(props.vaultNamespace ? { namespace: props.vaultNamespace } : {}),
          // `caBundle` is base64 of the PEM (the CRD declares it `format: byte`).
          ...(props.caCertificate ? { caBundle: Buffer.from(props.caCertificate).toString('base64') } : {}),
          // cert-manager adds `server` to the token's audiences by itself (cert-manager v1.21.1
          // internal/vault/vault.go requestTokenWithKubernetesAuth): only another audience is named.
          auth: { kubernetes: { mountPath: `/v1/auth/${props.auth.mount}`, role: props.auth.role, serviceAccountRef: { name: sa, ...(extraAudience ? { audiences: [extraAudience] } : {}) } } },
        },
      },
    });
  }
}
