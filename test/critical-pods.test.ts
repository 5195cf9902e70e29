import { parse } from 'yaml';
import { renderForTest } from '../lib/testing';
import { FoundObject } from '../lib/testing/render-for-test';
import { SYNC_WAVE, SYNC_WAVE_ANNOTATION } from '../lib/k8s/argocd/sync-wave';
import { CRITICAL_PODS_QUOTA, CRITICAL_PODS_QUOTA_OF, CriticalPriorityClass, NODE_AGENT_PRIORITY_CLASS, NODE_CRITICAL_PODS_QUOTA, PLATFORM_PRIORITY_CLASS } from '../lib/k8s/critical-pods';
import { valueLeaves } from './chart-values';
import { fullTestFleet } from './full-fleet';

/*
 * The platform's critical pods across a whole fleet: which charts run at system-cluster-critical (and which
 * node agents at system-node-critical), and that each of their namespaces holds the quota GKE wants for that
 * class before the chart's pods are created (lib/k8s/critical-pods.ts): without it GKE refuses every pod of the chart.
 */

interface ChartApp { readonly cluster: string; readonly name: string; readonly namespace: string; readonly wave: number; readonly values: Record<string, unknown> }

const render = renderForTest(fullTestFleet());
/** The cluster whose root syncs an Application (argocd/clusters/<cluster>/): the platform's charts; not Argo CD's own, nor the fleet's apps. */
const clusterOf = (o: FoundObject) => /argocd\/clusters\/([^/]+)\//.exec(o.path)?.[1];
const apps: ChartApp[] = render.objects({ kind: 'Application' })
  .filter((o) => clusterOf(o) !== undefined && (o.object.spec as { source?: { chart?: string } }).source?.chart !== undefined)
  .map((o) => {
    const spec = o.object.spec as { destination: { namespace: string }; source: { helm?: { valuesObject?: Record<string, unknown> } } };
    const annotations = (o.object.metadata.annotations ?? {}) as Record<string, string>;
    return { cluster: clusterOf(o)!, name: o.object.metadata.name, namespace: spec.destination.namespace, wave: Number(annotations[SYNC_WAVE_ANNOTATION] ?? 0), values: spec.source.helm?.valuesObject ?? {} };
  });

const at = (values: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
const CLASSES: readonly CriticalPriorityClass[] = [PLATFORM_PRIORITY_CLASS, NODE_AGENT_PRIORITY_CLASS];
/** The value paths that set a pod's priority class to one of the critical classes (the platform's unless told). */
const priorityPaths = (app: ChartApp, priorityClass: CriticalPriorityClass = PLATFORM_PRIORITY_CLASS) => valueLeaves(app.values).filter((p) => p[p.length - 1] === 'priorityClassName' && at(app.values, p) === priorityClass).map((p) => p.join('.'));

const isCriticalQuota = (o: unknown, namespace: string, priorityClass: CriticalPriorityClass) => {
  const q = o as { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: { scopeSelector?: { matchExpressions?: { scopeName: string; operator: string; values: string[] }[] } } };
  return q?.kind === 'ResourceQuota' && q.metadata?.namespace === namespace && q.metadata.name === CRITICAL_PODS_QUOTA_OF[priorityClass]
    && (q.spec?.scopeSelector?.matchExpressions ?? []).some((e) => e.scopeName === 'PriorityClass' && e.operator === 'In' && e.values.includes(priorityClass));
};
/** The objects a chart's `extraObjects` adds: objects, or YAML strings the chart renders with `tpl`. */
const extraObjects = (app: ChartApp) => ((app.values.extraObjects ?? []) as unknown[]).map((o) => (typeof o === 'string' ? parse(o) : o));

/** Where the namespace's quota for a class comes from, for a chart: its own extraObjects, an earlier chart's there, or the cluster's bootstrap stage (before every chart after the operators). */
function quotaSource(app: ChartApp, priorityClass: CriticalPriorityClass): string | undefined {
  const earlier = apps.find((a) => a.cluster === app.cluster && a.namespace === app.namespace && a.wave <= app.wave && extraObjects(a).some((o) => isCriticalQuota(o, app.namespace, priorityClass)));
  if (earlier) return earlier.name;
  const bootstrap = render.objects({ cluster: app.cluster, kind: 'ResourceQuota', namespace: app.namespace }).find((o) => o.path.includes('/_bootstrap/') && isCriticalQuota(o.object, app.namespace, priorityClass));
  return bootstrap && app.wave > SYNC_WAVE.clusterBootstrap ? bootstrap.path : undefined;
}

describe('the platform\'s critical pods', () => {
  test('the mesh\'s CA path, its injector, its gateways and External Secrets run at system-cluster-critical, every pod of each', () => {
    const critical = Object.fromEntries(apps.filter((a) => a.cluster === 'gcp-prod' && priorityPaths(a).length > 0).map((a) => [a.name, priorityPaths(a).sort()]));
    expect(critical).toEqual({
      'gcp-prod-cert-manager': ['global.priorityClassName'],
      'gcp-prod-istio-csr': ['priorityClassName'],
      'gcp-prod-external-secrets': ['certController.priorityClassName', 'priorityClassName', 'webhook.priorityClassName'],
      'gcp-prod-istiod': ['global.priorityClassName'],
      'gcp-prod-istio-eastwest': ['priorityClassName'],
      'gcp-prod-istio-ingress': ['priorityClassName'],
    });
  });

  test('the node agents (the log agent, the node exporter) run at system-node-critical, so that a full node makes room for them', () => {
    const agents = Object.fromEntries(apps.filter((a) => a.cluster === 'gcp-prod' && priorityPaths(a, NODE_AGENT_PRIORITY_CLASS).length > 0).map((a) => [a.name, priorityPaths(a, NODE_AGENT_PRIORITY_CLASS)]));
    expect(agents).toEqual({ 'gcp-prod-log-agent': ['controller.priorityClassName'], 'gcp-prod-metrics-agent': ['prometheus-node-exporter.priorityClassName'] });
  });

  test.each(CLASSES)('every namespace pods of %s run in holds the quota that admits that class on GKE, applied before the chart\'s pods, on every cluster', (priorityClass) => {
    const critical = apps.filter((a) => priorityPaths(a, priorityClass).length > 0);
    expect(new Set(critical.map((a) => a.cluster))).toEqual(new Set(['mgmt', 'aws-prod', 'gcp-prod', 'azure-prod']));
    expect(critical.filter((a) => quotaSource(a, priorityClass) === undefined).map((a) => a.name)).toEqual([]);
  });

  test('the node agents\' quota is in the cluster\'s bootstrap stage with its namespace: two Applications share `monitoring`, neither could bring it in time for the other', () => {
    const agents = apps.filter((a) => priorityPaths(a, NODE_AGENT_PRIORITY_CLASS).length > 0);
    expect(new Set(agents.map((a) => a.namespace))).toEqual(new Set(['monitoring']));
    expect(new Set(agents.map((a) => quotaSource(a, NODE_AGENT_PRIORITY_CLASS)!.replace(/^.*\/_bootstrap\//, '_bootstrap/')))).toEqual(new Set(['_bootstrap/monitoring/resourcequota_node-critical-pods.yaml']));
    for (const cluster of new Set(agents.map((a) => a.cluster))) {
      expect(render.objects({ cluster, kind: 'Namespace', name: 'monitoring' }).map((o) => o.path.includes('/_bootstrap/'))).toEqual([true]);
    }
  });

  test.each([[CRITICAL_PODS_QUOTA, 'system-cluster-critical'], [NODE_CRITICAL_PODS_QUOTA, 'system-node-critical']])('the quota %s counts pods of its class (%s) only and caps nothing (GKE\'s own in kube-system: pods 1G)', (name, priorityClass) => {
    const quotas = render.objects({ kind: 'ResourceQuota', name });
    expect(quotas.length).toBeGreaterThan(0);
    for (const q of quotas) {
      expect(q.object.spec).toEqual({ hard: { pods: '1G' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [priorityClass] }] } });
    }
  });
});
