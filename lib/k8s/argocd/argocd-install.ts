import { Construct } from 'constructs';
import { ARGOCD_SELF_APPLICATION, HelmValues, mergeHelmValues } from '../../fleet';
import { ArgoCdApplication } from './argocd-application';
import { ChartContents } from './platform-chart';
import { SYNC_WAVE } from './sync-wave';

/**
 * Argo CD's Helm chart, pinned exactly (argoproj/argo-helm charts/argo-cd/Chart.yaml: 10.1.1 ships
 * Argo CD v3.4.4). The bootstrap `helm install`s it with the values below; from then on the
 * Application `ArgoCdSelfManagement` creates reconciles Argo CD from Git with the very same values.
 */
export const ARGOCD_CHART = { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '10.1.1', releaseName: 'argocd' } as const;

/** What the chart installs that others rely on (charts/argo-cd/templates/crds; its ClusterRoles). */
export const ARGOCD_CHART_CONTENTS: ChartContents = {
  crds: ['Application', 'ApplicationSet', 'AppProject'].map((kind) => ({ group: 'argoproj.io', kind, scope: 'Namespaced' as const })),
  clusterResources: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }],
};

/**
 * Argo CD stopped assessing the health of Applications in 1.8; without this check a parent app's
 * sync waves do not wait for their child Applications, so CRDs from one wave would not exist for the
 * next. Verbatim from argo-cd docs/operator-manual/health.md ("Argo CD App").
 */
export const APPLICATION_HEALTH_CHECK = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  // While its sync runs a child is not done, whatever its resources say: since Argo CD 3.4 resources
  // not created yet no longer lower an Application's health (controller/health.go, argo-cd#27917), so
  // a child would read Healthy after its first wave and its parent would move on.
  'if obj.status ~= nil and obj.status.operationState ~= nil and obj.status.operationState.phase == "Running" then',
  '  hs.message = "its sync is running"',
  '  return hs',
  'end',
  'if obj.status ~= nil then',
  '  if obj.status.health ~= nil then',
  '    hs.status = obj.status.health.status',
  '    if obj.status.health.message ~= nil then',
  '      hs.message = obj.status.health.message',
  '    end',
  '  end',
  'end',
  'return hs',
  '',
].join('\n');

export interface ArgoCdValuesProps {
  /** Values other parts of the fleet need (identity federation per target cloud, …), merged in order. @default none */
  readonly extra?: readonly HelmValues[];
}

/** The values Argo CD is installed with, by the bootstrap and by its own Application alike. */
export function argoCdHelmValues(props: ArgoCdValuesProps = {}): HelmValues {
  const base: HelmValues = {
    configs: {
      cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_CHECK },
    },
  };
  return (props.extra ?? []).reduce((acc, v) => mergeHelmValues(acc, v), base);
}

export interface ArgoCdSelfManagementProps {
  readonly project: string;
  readonly values: HelmValues;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** @default SYNC_WAVE.argoCd */
  readonly syncWave?: number;
}

/**
 * The Application through which Argo CD manages itself: the chart the bootstrap installed, with the
 * same release name, namespace and values, so it adopts what is there. Deleting this Application
 * must never delete Argo CD, so it carries no resources finalizer.
 */
export class ArgoCdSelfManagement extends ArgoCdApplication {
  constructor(scope: Construct, id: string, props: ArgoCdSelfManagementProps) {
    const namespace = props.namespace ?? 'argocd';
    super(scope, id, {
      name: ARGOCD_SELF_APPLICATION,
      namespace,
      project: props.project,
      source: { repoURL: ARGOCD_CHART.repoURL, chart: ARGOCD_CHART.chart, targetRevision: ARGOCD_CHART.version, helm: { releaseName: ARGOCD_CHART.releaseName, valuesObject: props.values } },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      // Never prune Argo CD's own pieces automatically: a bad commit must not uninstall the installer.
      syncPolicy: { prune: false },
      cascadeDelete: false,
      syncWave: props.syncWave ?? SYNC_WAVE.argoCd,
    });
  }
}
