import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave } from '../../../k8s/argocd/sync-wave';
import { PropsCheck } from '../../../k8s/props-check';
import { EXTERNAL_SECRETS_API_VERSION } from './vault-cluster-secret-store';

export interface SecretStoreRef {
  readonly name: string;
  /** @default 'ClusterSecretStore' */
  readonly kind?: 'ClusterSecretStore' | 'SecretStore';
}

export interface ExternalSecretProps {
  readonly name: string;
  readonly namespace: string;
  readonly store: SecretStoreRef;
  /** Each key of the Secret (or of the template's data) and where it comes from. */
  readonly data: readonly { readonly secretKey: string; readonly remoteKey: string; readonly property?: string }[];
  /** The Secret it writes. @default a Secret named like the ExternalSecret, with `data`'s keys */
  readonly target?: {
    /** @default the ExternalSecret's name */
    readonly name?: string;
    /** Build the Secret from a template (ESO template engine v2: Go templates over `data`'s keys). @default none */
    readonly template?: {
      readonly type?: string;
      readonly labels?: Readonly<Record<string, string>>;
      readonly annotations?: Readonly<Record<string, string>>;
      readonly data: Readonly<Record<string, string>>;
    };
  };
  /** @default '1h' */
  readonly refreshInterval?: string;
  /** @default none */
  readonly syncWave?: number;
  /** Extra annotations of the ExternalSecret itself. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * An ExternalSecret (`external-secrets.io/v1`): ESO writes the Secret and keeps it in sync. Argo CD
 * counts it Healthy once its Ready condition is True, i.e. the Secret is written (argo-cd
 * resource_customizations/external-secrets.io/ExternalSecret/health.lua).
 */
export class ExternalSecret extends Construct {
  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    new PropsCheck(`ExternalSecret[${props.namespace}/${props.name}]`)
      .name('name', props.name)
      .name('namespace', props.namespace, 'label')
      .check('data', props.data.length > 0, 'must read at least one key', props.data, 'one or more { secretKey, remoteKey }')
      .check('refreshInterval', props.refreshInterval === undefined || /^(\d+(h|m|s))+$/.test(props.refreshInterval), 'must be a Go duration', props.refreshInterval, 'e.g. "1h" or "15m"')
      .done();
    const t = props.target;
    const template = t?.template;
    new ApiObject(this, 'Resource', {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'ExternalSecret',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        annotations: { ...(props.syncWave !== undefined ? syncWave(props.syncWave) : {}), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE, ...props.annotations },
      },
      spec: {
        refreshInterval: props.refreshInterval ?? '1h',
        secretStoreRef: { name: props.store.name, kind: props.store.kind ?? 'ClusterSecretStore' },
        target: {
          name: t?.name ?? props.name,
          creationPolicy: 'Owner',
          ...(template
            ? {
                template: {
                  engineVersion: 'v2',
                  ...(template.type ? { type: template.type } : {}),
                  ...(template.labels || template.annotations
                    ? { metadata: { ...(template.labels ? { labels: { ...template.labels } } : {}), ...(template.annotations ? { annotations: { ...template.annotations } } : {}) } }
                    : {}),
                  data: { ...template.data },
                },
              }
            : {}),
        },
        data: props.data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.remoteKey, ...(d.property ? { property: d.property } : {}) } })),
      },
    });
  }
}
