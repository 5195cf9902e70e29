import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../props-check';
import { ApplicationDestination, ARGOCD_API_VERSION, RESOURCES_FINALIZER } from './argocd-application';
import { syncWaveMetadata } from './sync-wave';

export interface ArgoCdAppProjectProps {
  readonly name: string;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** Repositories Applications of this project may sync from. */
  readonly sourceRepos: readonly string[];
  /** Clusters (and namespaces) Applications of this project may deploy to. */
  readonly destinations: readonly ApplicationDestination[];
  /**
   * Cluster-scoped kinds its Applications may create. Argo CD allows none when this is empty
   * (argo-cd docs: user-guide/projects.md), which is what an app's project wants. @default none
   */
  readonly clusterResourceWhitelist?: readonly { readonly group: string; readonly kind: string }[];
  /** @default none */
  readonly syncWave?: number;
  /**
   * Argo CD's resources finalizer: a deleted project stays until no Application names it (argo-cd
   * controller/appcontroller.go finalizeProjectDeletion), so that its Applications' own finalizers,
   * which need their project (finalizeApplicationDeletion: getAppProj), can finish. @default false
   */
  readonly keepWhileUsed?: boolean;
}

/** An Argo CD AppProject: which repos a fleet's Applications come from and which clusters they go to. */
export class ArgoCdAppProject extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdAppProjectProps) {
    super(scope, id);
    const check = new PropsCheck(`AppProject[${props.name}]`);
    check.name('name', props.name);
    check.check('sourceRepos', props.sourceRepos.length > 0, 'needs at least one repository', props.sourceRepos, 'the GitOps repo and any chart repos');
    check.check('destinations', props.destinations.length > 0, 'needs at least one destination', props.destinations, '[{ name: "aws-prod", namespace: "*" }]');
    props.destinations.forEach((d, i) => check.check(`destinations[${i}]`, (d.name === undefined) !== (d.server === undefined), 'needs exactly one of name or server', d, '{ name } or { server }'));
    check.done();
    new ApiObject(this, 'Resource', {
      apiVersion: ARGOCD_API_VERSION,
      kind: 'AppProject',
      metadata: { name: props.name, namespace: props.namespace ?? 'argocd', ...syncWaveMetadata(props.syncWave), ...(props.keepWhileUsed ? { finalizers: [RESOURCES_FINALIZER] } : {}) },
      spec: {
        sourceRepos: [...new Set(props.sourceRepos)].sort(),
        destinations: props.destinations.map((d) => ({ ...d })),
        ...(props.clusterResourceWhitelist && props.clusterResourceWhitelist.length > 0 ? { clusterResourceWhitelist: props.clusterResourceWhitelist.map((r) => ({ ...r })) } : {}),
      },
    });
  }
}
