import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave } from '../../../k8s/argocd/sync-wave';
import { PropsCheck } from '../../../k8s/props-check';

export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';

export interface VaultClusterSecretStoreProps {
  readonly name: string;
  /** Vault's API address. */
  readonly server: string;
  /** The KV v2 mount it reads (and PushSecrets write). */
  readonly kvMount: string;
  /** Vault Enterprise namespace. @default none */
  readonly vaultNamespace?: string;
  /** PEM of the CA of Vault's TLS certificate. @default the system roots */
  readonly caCertificate?: string;
  /** Vault JWT login: the auth mount and role, as the service account whose token it presents, for `audience`. */
  readonly auth: {
    readonly mount: string;
    readonly role: string;
    readonly serviceAccount: { readonly namespace: string; readonly name: string };
    readonly audience: string;
  };
  /** Only ExternalSecrets and PushSecrets in these namespaces may use the store. @default every namespace */
  readonly namespaces?: readonly string[];
  /** @default none */
  readonly syncWave?: number;
}

/**
 * A ClusterSecretStore on Vault's KV v2 engine, logging in with Vault's JWT auth using a short-lived
 * token of a service account (ESO requests it with the TokenRequest API for the audiences of
 * `serviceAccountRef`, plus "vault" unless `kubernetesServiceAccountToken.audiences` is set: external-secrets
 * providers/v1/vault/auth_jwt.go and auth.go createServiceAccountToken). No credential is stored anywhere.
 */
export class VaultClusterSecretStore extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: VaultClusterSecretStoreProps) {
    super(scope, id);
    new PropsCheck(`VaultClusterSecretStore[${props.name}]`)
      .name('name', props.name)
      .check('server', /^https:\/\/\S+$/.test(props.server), 'must be an https URL', props.server, 'https://vault.example.com:8200')
      .nonEmpty('kvMount', props.kvMount)
      .nonEmpty('auth.mount', props.auth.mount)
      .nonEmpty('auth.role', props.auth.role)
      .name('auth.serviceAccount.namespace', props.auth.serviceAccount.namespace, 'label')
      .name('auth.serviceAccount.name', props.auth.serviceAccount.name)
      .nonEmpty('auth.audience', props.auth.audience)
      .done();
    this.name = props.name;
    const a = props.auth;
    new ApiObject(this, 'Resource', {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'ClusterSecretStore',
      metadata: { name: props.name, annotations: { ...(props.syncWave !== undefined ? syncWave(props.syncWave) : {}), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        ...(props.namespaces ? { conditions: [{ namespaces: [...props.namespaces] }] } : {}),
        provider: {
          vault: {
            server: props.server,
            path: props.kvMount,
            version: 'v2',
            ...(props.vaultNamespace ? { namespace: props.vaultNamespace } : {}),
            // `caBundle` is base64 of the PEM (the CRD declares it `format: byte`).
            ...(props.caCertificate ? { caBundle: Buffer.from(props.caCertificate).toString('base64') } : {}),
            auth: {
              jwt: {
                path: a.mount,
                role: a.role,
                kubernetesServiceAccountToken: {
                  // A ClusterSecretStore must name the namespace (ESO uses it for the TokenRequest).
                  serviceAccountRef: { name: a.serviceAccount.name, namespace: a.serviceAccount.namespace, audiences: [a.audience] },
                },
              },
            },
          },
        },
      },
    });
  }
}
