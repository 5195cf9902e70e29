import { Construct } from 'constructs';
import { ExternalSecret, SecretStoreRef } from '../external-secrets/external-secret';

export interface MeshRootCaSecretProps {
  /** The Secret: name, namespace and key of the PEM. */
  readonly secret: { readonly name: string; readonly namespace: string; readonly key: string };
  readonly store: SecretStoreRef;
  /** Where the root certificate is in the store. */
  readonly remoteKey: string;
  readonly property: string;
  /** @default none */
  readonly syncWave?: number;
}

/**
 * The mesh's root certificate (public) as a Secret, from the store where Terraform wrote it: the
 * trust anchor istio-csr pins and hands to every namespace's `istio-ca-root-cert`.
 */
export class MeshRootCaSecret extends Construct {
  constructor(scope: Construct, id: string, props: MeshRootCaSecretProps) {
    super(scope, id);
    new ExternalSecret(this, 'Resource', {
      name: props.secret.name,
      namespace: props.secret.namespace,
      store: props.store,
      data: [{ secretKey: props.secret.key, remoteKey: props.remoteKey, property: props.property }],
      ...(props.syncWave !== undefined ? { syncWave: props.syncWave } : {}),
    });
  }
}
