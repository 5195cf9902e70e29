import { Construct } from 'constructs';
import { clusterManifestFolder, FleetError, managementCluster, Problem, ResolvedCluster } from '../../fleet';
import { withImageMirrors } from '../../k8s/argocd/platform-chart';
import { SYNC_WAVE, syncWave } from '../../k8s/argocd/sync-wave';
import { Namespace } from '../../k8s/plus';
import type { AddonClusterContext, AddonContext, DiagramContribution, FleetAddon } from '../addon';
import { observabilityTenantChange, TENANT_CHANGE } from './tenant-guard';
import { LOKI, MIMIR } from './central-endpoints';
import { lokiChart, mimirChart } from './central-stores';
import { pinnedChartOf } from './chart-versions';
import { fleetAlertGroups, FleetPrometheusRule, RuleGroup, ruleName } from './fleet-alerts';
import { LogAgentServiceMonitor } from './log-agent-monitor';
import { DASHBOARD_PROXY_STATS, dashboardQueries, FleetDashboard } from './fleet-dashboard';
import { GatewayAuthorizationPolicy, LOKI_GATEWAY_ACCESS, MIMIR_GATEWAY_ACCESS } from './gateway-access';
import { GRAFANA_NAMESPACE, grafanaChart } from './grafana';
import { logAgentChart } from './log-agent';
import { EastWestGatewayServiceMonitor, IstiodServiceMonitor, SidecarPodMonitor } from './mesh-monitors';
import { CentralGatewayStub } from './mesh-stubs';
import { metricsAgentChart, MONITORING_NAMESPACE } from './metrics-agent';
import { NodeAgentsNamespace } from './node-agents';
import { promqlProblems } from './promql';
import { rulesSyncChart, RulesSyncServiceMonitor } from './rules-sync';
import { observabilityProblems, ObservabilitySettings, resolveObservability, ResolvedObservability } from './settings';
import { telemetryLabels } from './telemetry-labels';
import { kubeVersionProblems } from './validate-kube-versions';
import { lokiNodeProblems } from './validate-loki-nodes';

export * from './alloy-access';
export * from './alloy-monitor';
export * from './central-endpoints';
export * from './central-stores';
export * from './chart-versions';
export * from './fleet-alerts';
export * from './fleet-dashboard';
export * from './gateway-access';
export * from './grafana';
export * from './log-agent';
export * from './log-agent-monitor';
export * from './mesh-monitors';
export * from './mesh-stubs';
export * from './node-agents';
export * from './metrics-agent';
export * from './promql';
export * from './rules-sync';
export * from './settings';
export * from './telemetry-labels';
export * from './tenant-guard';
export * from './validate-kube-versions';
export * from './validate-loki-nodes';

export const FLEET_ALERTS_NAME = 'fleet-alerts';

/** Clusters Argo CD reaches (the management cluster, and every workload cluster with Terraform outputs): the ones that report. */
const reporting = (ctx: AddonContext) => ctx.fleet.clusters.filter((c) => c.role === 'management' || ctx.outputs.has(c.name));

/** The alert groups for the clusters that report; each pending cluster's alerts are held back until it is registered. */
export function alertGroupsFor(ctx: AddonContext, options: { readonly logs?: boolean } = {}): RuleGroup[] {
  for (const c of ctx.fleet.clusters) {
    if (!reporting(ctx).includes(c)) ctx.holdBack(`fleet alerts for cluster ${c.name} (it cannot report before it is registered)`, `its Terraform outputs (terraform output -json of stack ${c.name})`);
  }
  return fleetAlertGroups(reporting(ctx), options);
}

/**
 * Every PromQL expression the add-on writes parses and type-checks, or synth fails naming the file
 * and the rule (or dashboard panel). Paths as synth writes them (lib/synth/manifest-path.ts).
 */
export function checkPromql(management: ResolvedCluster, groups: readonly RuleGroup[], dashboard: readonly string[]): void {
  const folder = clusterManifestFolder(management);
  const problems: Problem[] = [];
  groups.forEach((g, gi) =>
    g.rules.forEach((r, ri) => {
      for (const p of promqlProblems(r.expr)) problems.push({ path: `${folder}/${MONITORING_NAMESPACE}/prometheusrule.monitoring.coreos.com_${FLEET_ALERTS_NAME}.yaml: spec.groups[${gi}].rules[${ri}].expr`, message: `${g.name}/${ruleName(r)}: PromQL ${p}`, given: r.expr });
    }),
  );
  dashboard.forEach((q, i) => {
    for (const p of promqlProblems(q)) problems.push({ path: `${folder}/${GRAFANA_NAMESPACE}/configmap_fleet-dashboard.yaml: data.fleet.json query ${i + 1}`, message: `PromQL ${p}`, given: q });
  });
  if (problems.length > 0) throw new FleetError(problems, 'PromQL of the fleet alerts and dashboard');
}

/** The central stores on the management cluster: each needs its switch and the object storage. */
function centralStores(s: ResolvedObservability): { readonly mimir: boolean; readonly loki: boolean } {
  return { mimir: s.metrics && s.storage !== undefined, loki: s.logs && s.storage !== undefined };
}

function charts(s: ResolvedObservability, ctx: AddonClusterContext) {
  const { cluster } = ctx;
  const labels = telemetryLabels(cluster);
  const serviceCidr = cluster.network.serviceCidr;
  const list = [...(s.metrics ? [metricsAgentChart({ cloud: cluster.cloud, labels, tenant: s.tenant, serviceCidr })] : []), ...(s.logs ? [logAgentChart({ labels, tenant: s.tenant, serviceCidr })] : [])];
  const on = centralStores(s);
  const store = s.storage ? { cloud: cluster.cloud, region: cluster.region, storage: s.storage, labels, clusters: ctx.fleet.clusters.length, tenant: s.tenant } : undefined;
  const all = cluster.role !== 'management' ? list : [
    ...list,
    ...(on.mimir && store ? [mimirChart(store)] : []),
    ...(on.loki && store ? [lokiChart(store)] : []),
    ...(s.alerts ? [rulesSyncChart(s.tenant)] : []),
    ...(s.grafana ? [grafanaChart({ tenant: s.tenant, metrics: s.metrics, logs: s.logs })] : []),
  ];
  // Every chart pulls through the mirrors of the cluster it runs on (the central stores: the management cluster's).
  return all.map((chart) => withImageMirrors(chart, pinnedChartOf(chart).images, cluster.imageMirrors));
}

/**
 * A namespace of a chart that comes after the cluster's folder, as a Namespace object of the folder: the
 * folder's own objects in it need it first. The chart's CreateNamespace=true then finds it and leaves it
 * alone: without managedNamespaceMetadata Argo CD syncs only a namespace that does not exist (argo-cd
 * controller/sync_namespace.go syncNamespace, v3.4.4, the version the fleet runs; see PlatformChart.namespaceLabels).
 */
function folderNamespace(scope: Construct, id: string, name: string): void {
  new Namespace(scope, id, { metadata: { name, annotations: syncWave(SYNC_WAVE.namespaces) } });
}

function manifests(s: ResolvedObservability, scope: Construct, ctx: AddonClusterContext): void {
  const { cluster, fleet } = ctx;
  if (s.metrics) {
    new IstiodServiceMonitor(scope, 'istiod-monitor');
    new EastWestGatewayServiceMonitor(scope, 'eastwest-monitor');
    new SidecarPodMonitor(scope, 'sidecar-monitor');
    if (s.logs) new LogAgentServiceMonitor(scope, 'log-agent-monitor');
  }
  if (cluster.role === 'workload') {
    if (s.metrics) new CentralGatewayStub(scope, 'mimir-gateway', MIMIR.gateway);
    if (s.logs) new CentralGatewayStub(scope, 'loki-gateway', LOKI.gateway);
    return;
  }
  // Each gateway's policy exactly where its chart runs the gateway. The stores' charts come in their root's
  // last wave, after this folder (central-stores.ts): the folder makes their namespaces.
  const trustDomains = [fleet.mesh.trustDomain, ...fleet.mesh.trustDomainAliases];
  if (centralStores(s).mimir) {
    folderNamespace(scope, 'mimir-namespace', MIMIR.namespace);
    new GatewayAuthorizationPolicy(scope, 'mimir-gateway-access', { access: MIMIR_GATEWAY_ACCESS, trustDomains });
  }
  if (centralStores(s).loki) {
    folderNamespace(scope, 'loki-namespace', LOKI.namespace);
    new GatewayAuthorizationPolicy(scope, 'loki-gateway-access', { access: LOKI_GATEWAY_ACCESS, trustDomains });
  }
  const groups = s.alerts ? alertGroupsFor(ctx, { logs: s.logs }) : [];
  checkPromql(cluster, groups, s.grafana && s.metrics ? dashboardQueries(fleet) : []);
  if (s.alerts) {
    new FleetPrometheusRule(scope, 'fleet-alerts', { name: FLEET_ALERTS_NAME, namespace: MONITORING_NAMESPACE, groups });
    // alerts need metrics (settings.ts): the management cluster's agent scrapes it.
    new RulesSyncServiceMonitor(scope, 'rules-sync-monitor');
  }
  if (s.grafana) {
    // The dashboard's namespace exists before the folder's ConfigMaps (Grafana's own chart comes last).
    folderNamespace(scope, 'grafana-namespace', GRAFANA_NAMESPACE);
    if (s.metrics) new FleetDashboard(scope, 'fleet-dashboard', { fleet, namespace: GRAFANA_NAMESPACE });
  }
}

function diagram(s: ResolvedObservability, ctx: AddonContext): DiagramContribution {
  if (!s.metrics && !s.logs) return {};
  const management = managementCluster(ctx.fleet);
  const stores = [s.metrics ? 'Mimir' : '', s.logs ? 'Loki' : ''].filter(Boolean).join(' + ');
  const what = [s.metrics ? 'metrics' : '', s.logs ? 'logs' : ''].filter(Boolean).join(', ');
  return {
    nodes: [{ id: 'central', label: `${stores} on ${management.name}${s.grafana ? ', Grafana' : ''}` }],
    links: [
      { from: management.name, to: 'central', label: 'runs', kind: 'other' },
      ...ctx.fleet.clusters.filter((c) => c.role === 'workload').map((c) => ({ from: c.name, to: 'central', label: `${what} via mesh`, kind: 'telemetry' as const })),
    ],
  };
}

/** The observability platform service (`platform.observability`). */
export function observabilityAddon(settings: unknown): FleetAddon {
  const resolved = (ctx: AddonContext) => resolveObservability(settings as ObservabilitySettings, ctx.fleet.name);
  return {
    name: 'observability',
    validate: (fleet) => [...observabilityProblems(settings, fleet), ...kubeVersionProblems(settings, fleet), ...lokiNodeProblems(settings, fleet)],
    guard: (ctx) => observabilityTenantChange(ctx.definition, ctx.fleet, ctx.previousFiles, ctx.readPrevious, ctx.allows(TENANT_CHANGE), ctx.pending),
    // The dashboard's failover panel reads a stat Istio's proxies export only when the mesh config includes it.
    istio: (ctx) => (resolved(ctx).metrics && resolved(ctx).grafana ? { proxyStatsInclusionRegexps: DASHBOARD_PROXY_STATS } : {}),
    charts: (ctx) => charts(resolved(ctx), ctx),
    // The node agents' namespace and its quota, before their charts (node-agents.ts).
    bootstrapManifests: (scope, ctx) => {
      if (resolved(ctx).metrics || resolved(ctx).logs) new NodeAgentsNamespace(scope, 'node-agents-namespace', { namespace: MONITORING_NAMESPACE });
    },
    manifests: (scope, ctx) => manifests(resolved(ctx), scope, ctx),
    diagram: (ctx) => diagram(resolved(ctx), ctx),
  };
}
