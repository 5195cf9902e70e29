import { Construct } from 'constructs';
import { ARGOCD_SELF_APPLICATION, ArgoCdSizing, HelmValues, mergeHelmValues } from '../../fleet';
import { ArgoCdApplication } from './argocd-application';
import { argoCdSizingValues } from './argocd-sizing-values';
import { ChartContents } from './platform-chart';
import { SYNC_WAVE } from './sync-wave';

/**
 * Argo CD's Helm chart, pinned exactly (argoproj/argo-helm charts/argo-cd/Chart.yaml: 10.1.1 ships
 * Argo CD v3.4.4). The bootstrap `helm install`s it with the values below; from then on the
 * Application `ArgoCdSelfManagement` creates reconciles Argo CD from Git with the very same values.
 */
export const ARGOCD_CHART = { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '10.1.1', releaseName: 'argocd' } as const;

/**
 * The Argo CD release the chart runs (`global.image.tag`: every Argo CD component's image tag and
 * its `app.kubernetes.io/version` label, argo-helm 10.1.1 templates/_common.tpl `argo-cd.defaultTag`),
 * ahead of the chart's appVersion v3.4.4. v3.4.15 is the newest 3.4 patch release found
 * (github.com/argoproj/argo-cd releases): v3.4.10 fixes four CRITICAL advisories, two in what our apps
 * use (a Kustomize remote ref running commands in the repo-server, GHSA-9v9p-x54c-58gc: `kustomize: true`
 * git apps; PreDelete/PostDelete hooks bypassing AppProject restrictions, GHSA-fmxq-cgp8-87wp /
 * CVE-2026-77459: each app's own project), v3.4.15 HIGH ones (GHSA-w7rw-fg89-2cjf: one unauthenticated
 * request crashes the API server), and v3.4.5 to v3.4.7 Secret data shown in server-side diffs and
 * `RespectIgnoreDifferences` overwriting fields it should keep (controller/sync.go restoreNonIgnoredFields).
 * What could be read: v3.4.4 to v3.4.7 (the argo-cd snapshot ends 2026-08-22), whose manifests differ
 * only in the repo-server's extra mount of argocd-cmd-params-cm, for pprof alone (`git diff v3.4.4 v3.4.7
 * -- manifests/`: no CRD changed). v3.4.8 to v3.4.15's manifests, and the argo-helm chart that ships them,
 * could not be read here: a patch release's images on the 3.4 chart's templates is what the chart's own
 * `global.image.tag` is for, and the release notes of v3.4.10, v3.4.11, v3.4.13, v3.4.14 and v3.4.15 name
 * no manifest or CRD change; their code is trusted unread (README, *Pinned releases, and what is newer*).
 */
export const ARGOCD_VERSION = 'v3.4.15';

/** What the chart installs that others rely on (charts/argo-cd/templates/crds; its ClusterRoles). */
export const ARGOCD_CHART_CONTENTS: ChartContents = {
  crds: ['Application', 'ApplicationSet', 'AppProject'].map((kind) => ({ group: 'argoproj.io', kind, scope: 'Namespaced' as const })),
  clusterResources: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }],
};

/**
 * Argo CD stopped assessing the health of Applications in 1.8; without this check a parent app's
 * sync waves do not wait for their child Applications, so CRDs from one wave would not exist for the
 * next. Argo CD's own check (argo-cd docs/operator-manual/health.md, "Argo CD App") reads only the
 * child's last status, which describes the spec before the parent's change until the child's
 * controller has compared again, and a parent waits only 2 s between waves (argo-cd
 * controller/sync.go delayBetweenSyncWaves: "not foolproof"). So a child is also Progressing while:
 * - a sync is requested (`operation`) or running: since Argo CD 3.4 resources not created yet no
 *   longer lower an Application's health (controller/health.go, argo-cd#27917), so a child would read
 *   Healthy after its first wave and its parent would move on;
 * - its status was compared with another chart, version or folder than its spec names (a chart bump:
 *   status.sync.comparedTo.source is the source of its last comparison, controller/state.go
 *   CompareAppState, set even when that comparison fails).
 * And a child is Degraded when Argo CD could not compare it with its spec (sync status Unknown with a
 * ComparisonError or InvalidSpecError: a chart version not published, values the chart's schema
 * refuses; controller/state.go records the error, keeps health from the old workloads and skips
 * auto-sync), or when its last sync of the source its spec names failed: an automated sync is not
 * retried for the same revision and source (controller/appcontroller.go autoSync). Either way its old
 * workloads would otherwise read Healthy and its parent move on, the new version never applied.
 * Degraded rather than Progressing: the parent's sync then fails, and its retries (retry.refresh)
 * take the next commit, the fix; a parent waiting on a Progressing child applies no newer commit.
 * Only strings are compared: a structural comparison of Helm values could differ by serialization
 * alone, and a parent would then wait for good. Runs in Argo CD's gopher-lua (Lua 5.1).
 */
export const APPLICATION_HEALTH_CHECK = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'local FIELDS = { "repoURL", "chart", "targetRevision", "path" }',
  '-- the first field of FIELDS that differs between two sources, or nil',
  'local function changed(a, b)',
  '  if a == nil or b == nil then return nil end',
  '  for _, f in ipairs(FIELDS) do',
  '    if a[f] ~= b[f] then return f end',
  '  end',
  '  return nil',
  'end',
  'if obj.operation ~= nil then',
  '  hs.message = "a sync is requested"',
  '  return hs',
  'end',
  'local status = obj.status',
  'if status == nil then return hs end',
  'local op = status.operationState',
  'if op ~= nil and op.phase == "Running" then',
  '  hs.message = "its sync is running"',
  '  return hs',
  'end',
  '-- Argo CD could not compare it with its spec: the old workloads say nothing about the new version',
  'if status.sync ~= nil and status.sync.status == "Unknown" then',
  '  for _, c in ipairs(status.conditions or {}) do',
  '    if c.type == "ComparisonError" or c.type == "InvalidSpecError" then',
  '      hs.status = "Degraded"',
  '      hs.message = "Argo CD cannot compare it with its spec: " .. (c.message or c.type)',
  '      return hs',
  '    end',
  '  end',
  'end',
  'local spec = obj.spec and obj.spec.source',
  'local compared = status.sync and status.sync.comparedTo and status.sync.comparedTo.source',
  '-- never compared (an invalid spec is not compared): nothing to tell from it',
  'if compared ~= nil and (compared.repoURL == nil or compared.repoURL == "") then compared = nil end',
  'local stale = changed(spec, compared)',
  'if stale ~= nil then',
  '  hs.message = "its status is for another " .. stale .. " than its spec names"',
  '  return hs',
  'end',
  '-- a failure of an older commit or chart version is followed by a sync of the current one',
  'local current = op ~= nil and op.syncResult ~= nil and op.syncResult.source ~= nil and changed(spec, op.syncResult.source) == nil',
  'if current and op.syncResult.revision ~= nil and status.sync ~= nil and status.sync.revision ~= nil and op.syncResult.revision ~= status.sync.revision then current = false end',
  'if current and (op.phase == "Failed" or op.phase == "Error") then',
  '  hs.status = "Degraded"',
  '  hs.message = "its last sync failed: " .. (op.message or "")',
  '  return hs',
  'end',
  'if status.health ~= nil then',
  '  hs.status = status.health.status',
  '  if status.health.message ~= nil then',
  '    hs.message = status.health.message',
  '  end',
  'end',
  'return hs',
  '',
].join('\n');

export interface ArgoCdValuesProps {
  /** The fleet's `argoCd`: controller replicas and sharding, processors, repo servers, resources. @default the chart's defaults */
  readonly sizing?: ArgoCdSizing;
  /** Values other parts of the fleet need (identity federation per target cloud, …), merged in order. @default none */
  readonly extra?: readonly HelmValues[];
}

/**
 * The sync options on Argo CD's CRDs: the chart's own (`ServerSideApply=true`, argo-helm
 * charts/argo-cd/values.yaml 10.1.1 `crds.annotations`) and `Prune=false`. Argo CD's own Application
 * prunes, and a CRD it pruned (a later chart that ships them elsewhere) would take every Application
 * with it, each deleting what it deployed through its resources finalizer. A prune reads the option
 * from the live object (gitops-engine pkg/sync/sync_context.go isPruningDisabled(liveObj)), so
 * once applied it holds even when the CRD is no longer rendered.
 */
export const ARGOCD_CRD_SYNC_OPTIONS = 'ServerSideApply=true,Prune=false';

/** The values Argo CD is installed with, by the bootstrap and by its own Application alike. */
export function argoCdHelmValues(props: ArgoCdValuesProps = {}): HelmValues {
  const base: HelmValues = {
    global: { image: { tag: ARGOCD_VERSION } },
    configs: {
      cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_CHECK },
    },
    crds: { annotations: { 'argocd.argoproj.io/sync-options': ARGOCD_CRD_SYNC_OPTIONS } },
    // No Dex: fleetsynth writes no `dex.config` (SSO is argocd-cm's `oidc.config`, which argocd-server speaks
    // to the provider itself: argo-cd v3.4.7 util/settings/settings.go IsDexConfigured, OIDCConfig), so the
    // chart's Dex (on by default, argo-helm argo-cd-10.1.1 values.yaml `dex.enabled`) would run one idle pod
    // with a Service reachable in the cluster, and roll with every argocd-cm change (its `checksum/cm`).
    // Off, the chart writes no `server.dex.server` either (templates/_helpers.tpl argo-cd.config.params.presets).
    dex: { enabled: false },
  };
  return [argoCdSizingValues(props.sizing ?? {}), ...(props.extra ?? [])].reduce((acc, v) => mergeHelmValues(acc, v), base);
}

/** Whose client-side fields Argo CD's server-side apply takes over (gitops-engine sync_context.go needsClientSideApplyMigration). */
export const CLIENT_SIDE_APPLY_MIGRATION_MANAGER = 'argocd.argoproj.io/client-side-apply-migration-manager';

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
 *
 * It prunes: without prune, what a new chart no longer renders stays for good (argo-helm's argo-cd 6.0.0
 * no longer has 5.x's Service `argocd-application-controller`; a renamed workload would keep running the
 * old version beside its successor), and auto-sync skips a diff that is only prunes (argo-cd v3.4.4
 * controller/appcontroller.go autoSync: "need to prune extra resources only but automated prune is
 * disabled"). It cannot prune itself (this Application is the root app's, not in the chart), a render
 * with nothing in it is never auto-synced (same function: "auto-sync will wipe out all resources"), and
 * the CRDs are never pruned (ARGOCD_CRD_SYNC_OPTIONS). Prunes come last, after the new objects are
 * healthy: a renamed controller is running before the old one is deleted by the sync it runs.
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
      syncPolicy: { pruneLast: true },
      // An Argo CD installed with Helm 3's `helm install` (the bootstrap before it applied under Argo
      // CD's field manager) has its fields co-owned by manager `helm`, as a client-side Update: Argo CD
      // moves them to its own at the next sync (argo-cd docs/user-guide/sync-options.md, "Client-Side
      // Apply Migration"), so a setting a later chart drops leaves the live objects. Nothing to move otherwise.
      annotations: { [CLIENT_SIDE_APPLY_MIGRATION_MANAGER]: 'helm' },
      cascadeDelete: false,
      syncWave: props.syncWave ?? SYNC_WAVE.argoCd,
    });
  }
}
