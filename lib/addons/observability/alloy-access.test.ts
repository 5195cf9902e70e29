import { AccessRule, LOG_AGENT_ACCESS, RULES_SYNC_ACCESS } from './alloy-access';
import { logAgentChart } from './log-agent';
import { rulesSyncChart } from './rules-sync';

/*
 * Each Alloy's ClusterRole as the alloy chart writes it (grafana/alloy operations/helm/charts/alloy,
 * helm-chart/1.11.1, templates/rbac.yaml): `rbac.rules` then `rbac.clusterRules`, each the values' or the chart's.
 */

/** values.yaml `rbac.rules` (helm-chart/1.11.1), one rule per component family; `remote.kubernetes.*`'s reads every Secret. */
const CHART_RULES: AccessRule[] = [
  { apiGroups: ['', 'discovery.k8s.io', 'networking.k8s.io'], resources: ['endpoints', 'endpointslices', 'ingresses', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods', 'pods/log', 'namespaces'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['monitoring.grafana.com'], resources: ['podlogs'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['monitoring.coreos.com'], resources: ['prometheusrules'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['monitoring.coreos.com'], resources: ['alertmanagerconfigs'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['monitoring.coreos.com'], resources: ['podmonitors', 'servicemonitors', 'probes', 'scrapeconfigs'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps', 'extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
];
/** values.yaml `rbac.clusterRules`: the nodes' (the nonResourceURLs rule, `/metrics`, names no resource). */
const CHART_CLUSTER_RULES: AccessRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get', 'list', 'watch'] },
];

type Values = { rbac?: { rules?: AccessRule[]; clusterRules?: AccessRule[] } };
const clusterRole = (values: Values): AccessRule[] => [...(values.rbac?.rules ?? CHART_RULES), ...(values.rbac?.clusterRules ?? CHART_CLUSTER_RULES)];
/** Whether the role lets its holder `verb` the core (or given group's) `resource` in every namespace. */
const grants = (role: AccessRule[], resource: string, verb: string, group = '') => role.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));

const LABELS = { cluster: 'c', cloud: 'aws', region: 'r', env: 'test' };
const ALLOYS = [
  { name: 'the log agent', values: logAgentChart({ labels: LABELS, tenant: 'acme', serviceCidr: '10.0.0.0/16' }).values as Values, needs: LOG_AGENT_ACCESS },
  { name: 'the rules sync', values: rulesSyncChart('acme').values as Values, needs: RULES_SYNC_ACCESS },
];

describe('each Alloy reads only what its configuration needs', () => {
  test.each(ALLOYS.map((a) => [a.name, a] as const))('%s: no Secret or ConfigMap of the cluster', (_, { values }) => {
    const role = clusterRole(values);
    for (const verb of ['get', 'list', 'watch']) {
      expect([verb, grants(role, 'secrets', verb), grants(role, 'configmaps', verb)]).toEqual([verb, false, false]);
    }
  });

  test('the log agent lists and watches pods (discovery.kubernetes, role "pod"); the rules sync namespaces and PrometheusRules (mimir.rules.kubernetes)', () => {
    const [logAgent, rulesSync] = ALLOYS.map((a) => clusterRole(a.values));
    for (const verb of ['list', 'watch']) {
      expect(grants(logAgent, 'pods', verb)).toBe(true);
      expect(grants(rulesSync, 'namespaces', verb)).toBe(true);
      expect(grants(rulesSync, 'prometheusrules', verb, 'monitoring.coreos.com')).toBe(true);
    }
  });

  test('the rule refuses the chart\'s own rules: every Secret of the cluster', () => {
    expect(grants(clusterRole({}), 'secrets', 'list')).toBe(true);
  });
});
