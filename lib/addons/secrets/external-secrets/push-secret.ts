import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave } from '../../../k8s/argocd/sync-wave';
import { PropsCheck } from '../../../k8s/props-check';
import { SecretStoreRef } from './external-secret';

/**
 * PushSecret's only version, served and stored, not deprecated: External Secrets v2.9.0 has no other
 * (config/crds/bases/external-secrets.io_pushsecrets.yaml; apis/externalsecrets/v1alpha1/pushsecret_types.go
 * `+kubebuilder:storageversion`), where ExternalSecret and the stores moved to `v1`.
 */
export const PUSH_SECRET_API_VERSION = 'external-secrets.io/v1alpha1';

export interface PushSecretProps {
  readonly name: string;
  readonly namespace: string;
  readonly store: SecretStoreRef;
  /** The Secret (in the same namespace) whose keys it pushes. */
  readonly secretName: string;
  /**
   * Each key and where it goes. With Vault's KV v2, a single key must be pushed into a `property`:
   * without one, the value itself is parsed as the JSON of the whole secret (external-secrets
   * providers/v1/vault/client_push.go).
   */
  readonly data: readonly { readonly secretKey: string; readonly remoteKey: string; readonly property: string }[];
  /** Remove what it pushed when the PushSecret is deleted. @default 'Delete' */
  readonly deletionPolicy?: 'Delete' | 'None';
  /** @default '1h' */
  readonly refreshInterval?: string;
  /** @default none */
  readonly syncWave?: number;
}

/** A PushSecret: ESO writes keys of a Kubernetes Secret into the store (Vault's provider supports pushing to KV). */
export class PushSecret extends Construct {
  constructor(scope: Construct, id: string, props: PushSecretProps) {
    super(scope, id);
    new PropsCheck(`PushSecret[${props.namespace}/${props.name}]`)
      .name('name', props.name)
      .name('namespace', props.namespace, 'label')
      .name('secretName', props.secretName)
      .check('data', props.data.length > 0, 'must push at least one key', props.data, 'one or more { secretKey, remoteKey, property }')
      .done();
    new ApiObject(this, 'Resource', {
      apiVersion: PUSH_SECRET_API_VERSION,
      kind: 'PushSecret',
      metadata: { name: props.name, namespace: props.namespace, annotations: { ...(props.syncWave !== undefined ? syncWave(props.syncWave) : {}), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        refreshInterval: props.refreshInterval ?? '1h',
        deletionPolicy: props.deletionPolicy ?? 'Delete',
        secretStoreRefs: [{ name: props.store.name, kind: props.store.kind ?? 'ClusterSecretStore' }],
        selector: { secret: { name: props.secretName } },
        // `conversionStrategy` is written as the API server would default it: `spec.data` is an atomic list
        // (no x-kubernetes-list-type in external-secrets v2.9.0 config/crds/bases/external-secrets.io_pushsecrets.yaml,
        // whose items default it to "None"), and Argo CD's diff for a server-side-applied Application sets
        // such a list as written and runs no CRD defaulting (argo-cd v3.4.4 controller/state.go
        // WithStructuredMergeDiff; gitops-engine/pkg/diff/diff.go normalizeTypedValue defaults built-in
        // kinds only): without it the PushSecret is OutOfSync for good (external-secrets#6887).
        data: props.data.map((d) => ({ match: { secretKey: d.secretKey, remoteRef: { remoteKey: d.remoteKey, property: d.property } }, conversionStrategy: 'None' })),
      },
    });
  }
}
