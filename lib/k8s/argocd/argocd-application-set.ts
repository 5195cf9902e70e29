import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../props-check';
import { ApplicationSource, ARGOCD_API_VERSION, checkIgnoreDifferences, checkSource, checkSyncPolicy, IgnoredDifference, renderIgnoreDifferences, renderSource, renderSyncPolicy, RESOURCES_FINALIZER, SyncPolicyProps } from './argocd-application';
import { syncWaveMetadata } from './sync-wave';

export interface ClusterGeneratorApplicationSetProps {
  readonly name: string;
  /** @default 'argocd' */
  readonly namespace?: string;
  readonly project: string;
  /**
   * Registered clusters whose Secret carries all these labels get an Application. Only clusters
   * whose Secret has `clusterNameLabel` are ever selected: without a selector the cluster generator
   * would also pick Argo CD's own cluster. @default every cluster registered with `clusterNameLabel`
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Generator values for every selected cluster (strings; may use the cluster's fields: `{{ .name }}`). @default none */
  readonly values?: Readonly<Record<string, string>>;
  /** Generator values per cluster name, replacing `values` keys for that cluster. @default none */
  readonly valuesPerCluster?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The label on cluster Secrets that holds the cluster name, used to pick a cluster for `valuesPerCluster`. */
  readonly clusterNameLabel: string;
  /** Application name template (Go template over the generator's parameters). */
  readonly applicationName: string;
  /** Source of each Application (strings may use `{{ … }}` templates). */
  readonly source: ApplicationSource;
  /** Namespace on the target cluster. */
  readonly destinationNamespace: string;
  /** @default automated, prune, selfHeal, CreateNamespace, retry with backoff */
  readonly syncPolicy?: SyncPolicyProps;
  /** Fields each Application leaves out of its diff; its syncs keep their live values. Written as given: not templated. @default none */
  readonly ignoreDifferences?: readonly IgnoredDifference[];
  /** @default none */
  readonly syncWave?: number;
}

/**
 * Text that an ApplicationSet's Go templating leaves as written: each `{{` becomes the action
 * `{{ "{{" }}`, which prints it (Go text/template: a string constant is a pipeline; `}}` outside an
 * action is plain text). The controller templates the generator's values with the cluster's
 * parameters (argo-cd applicationset/generators/value_interpolation.go) and every string of the
 * template (applicationset/utils/utils.go), each once: the rendered text is not templated again.
 */
export function goTemplateLiteral(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/**
 * An ApplicationSet with a cluster generator: one Application per registered cluster whose labels
 * match, joined automatically as clusters register. Per-cluster values come through a merge
 * generator keyed by cluster name (Argo CD's documented pattern for overrides).
 */
export class ClusterGeneratorApplicationSet extends Construct {
  constructor(scope: Construct, id: string, props: ClusterGeneratorApplicationSetProps) {
    super(scope, id);
    const check = new PropsCheck(`ApplicationSet[${props.name}]`);
    check.name('name', props.name).nonEmpty('project', props.project).nonEmpty('applicationName', props.applicationName).name('destinationNamespace', props.destinationNamespace, 'label');
    checkSource(check, props.source);
    checkSyncPolicy(check, props.syncPolicy);
    checkIgnoreDifferences(check, props.ignoreDifferences);
    for (const [cluster, values] of Object.entries(props.valuesPerCluster ?? {})) {
      check.name(`valuesPerCluster[${cluster}]`, cluster, 'label');
      for (const key of Object.keys(values)) check.check(`valuesPerCluster[${cluster}].${key}`, key in (props.values ?? {}), 'overrides a value that has no default', key, Object.keys(props.values ?? {}).join(', ') || 'no values');
    }
    check.done();

    const matchLabels = props.matchLabels && Object.keys(props.matchLabels).length > 0 ? { matchLabels: { ...props.matchLabels } } : {};
    const selector = { selector: { ...matchLabels, matchExpressions: [{ key: props.clusterNameLabel, operator: 'Exists' }] } };
    const base = { clusters: { ...selector, ...(props.values ? { values: { ...props.values } } : {}) } };
    const perCluster = Object.keys(props.valuesPerCluster ?? {}).sort();
    const generators =
      perCluster.length === 0
        ? [base]
        : [{
            merge: {
              mergeKeys: ['name'],
              generators: [
                base,
                ...perCluster.map((cluster) => ({
                  clusters: { selector: { matchLabels: { [props.clusterNameLabel]: cluster } }, values: { ...props.values, ...props.valuesPerCluster![cluster] } },
                })),
              ],
            },
          }];

    const ignored = props.ignoreDifferences !== undefined && props.ignoreDifferences.length > 0;
    new ApiObject(this, 'Resource', {
      apiVersion: ARGOCD_API_VERSION,
      kind: 'ApplicationSet',
      metadata: { name: props.name, namespace: props.namespace ?? 'argocd', ...syncWaveMetadata(props.syncWave) },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators,
        template: {
          // Each generated Application deletes what it deployed when its cluster leaves the selection.
          metadata: { name: props.applicationName, finalizers: [RESOURCES_FINALIZER] },
          spec: {
            project: props.project,
            source: renderSource(props.source),
            destination: { name: '{{ .name }}', namespace: props.destinationNamespace },
            // As an Application's (argocd-application.ts); every string escaped, as the template's are Go templates.
            syncPolicy: renderSyncPolicy({ ...props.syncPolicy, ...(ignored ? { respectIgnoreDifferences: true } : {}) }),
            ...(ignored ? { ignoreDifferences: renderIgnoreDifferences(props.ignoreDifferences!, goTemplateLiteral) } : {}),
          },
        },
      },
    });
  }
}
