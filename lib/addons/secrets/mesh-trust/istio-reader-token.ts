import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { syncWaveMetadata } from '../../../k8s/argocd/sync-wave';
import { ISTIO_NAMESPACE } from '../../../k8s/istio/istio-version';
import { SecretStoreRef } from '../external-secrets/external-secret';
import { PushSecret } from '../external-secrets/push-secret';

/** The service account Istio's `base` chart creates for remote secrets (istio manifests/charts/base/templates/reader-serviceaccount.yaml), bound to the `istio-reader` ClusterRole by the istiod chart. */
export const ISTIO_READER_SA = 'istio-reader-service-account';
/** The token Secret's name, as `istioctl create-remote-secret` names it (istioctl/pkg/multicluster/remote_secret.go tokenSecretName). */
export const ISTIO_READER_TOKEN_SECRET = `${ISTIO_READER_SA}-istio-remote-secret-token`;

export interface IstioReaderTokenProps {
  /** The store it pushes to. */
  readonly store: SecretStoreRef;
  /** Where the token goes in the store. */
  readonly remoteKey: string;
  readonly property: string;
  /** Wave of the token Secret; the PushSecret comes one wave later. @default none */
  readonly syncWave?: number;
}

/**
 * The token peers' istiod use to read this cluster's API: a `kubernetes.io/service-account-token`
 * Secret for istio-reader-service-account (Kubernetes' token controller fills in `token` and
 * `ca.crt`; nothing secret is in Git), pushed into the store by a PushSecret. The Secret must be
 * applied after Istio's `base` chart: the token controller deletes a token Secret whose service
 * account does not exist (kubernetes pkg/controller/serviceaccount/tokens_controller.go syncSecret).
 */
export class IstioReaderToken extends Construct {
  constructor(scope: Construct, id: string, props: IstioReaderTokenProps) {
    super(scope, id);
    new ApiObject(this, 'Secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name: ISTIO_READER_TOKEN_SECRET, namespace: ISTIO_NAMESPACE, annotations: { 'kubernetes.io/service-account.name': ISTIO_READER_SA, ...syncWaveMetadata(props.syncWave).annotations } },
    });
    new PushSecret(this, 'Push', {
      name: ISTIO_READER_TOKEN_SECRET,
      namespace: ISTIO_NAMESPACE,
      store: props.store,
      secretName: ISTIO_READER_TOKEN_SECRET,
      data: [{ secretKey: 'token', remoteKey: props.remoteKey, property: props.property }],
      // The PushSecret controller watches PushSecrets, not the Secret they push (ESO pushsecret_controller.go):
      // a rotated token reaches Vault on the next refresh. Every 5 minutes costs a read: the Vault provider
      // writes only a changed value (providers/v1/vault/client_push.go).
      refreshInterval: '5m',
      ...(props.syncWave !== undefined ? { syncWave: props.syncWave + 1 } : {}),
    });
  }
}
