/*
 * What each Alloy may read in its cluster: the ClusterRole the alloy chart writes from `rbac.rules` (and its
 * `clusterRules`: nodes, nodes/pods, nodes/metrics, /metrics). The chart's own `rbac.rules` cover every
 * component Alloy has, `configmaps` and `secrets` among them (`remote.kubernetes.*`), cluster-wide
 * (grafana/alloy operations/helm/charts/alloy values.yaml, helm-chart/1.11.1): every log agent, one on each
 * node, could read every Secret of its cluster, on the management cluster Argo CD's `argocd-secret` (the
 * key that signs its session tokens) and the Git repository's credentials. Each Alloy gets the rules its
 * configuration needs instead.
 */

/** A rule of a ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule), as the chart's `rbac.rules` takes it. */
export interface AccessRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

const READ = ['get', 'list', 'watch'];

/** The log agent: the pods of its node, which `discovery.kubernetes` (role `pod`) lists and watches. */
export const LOG_AGENT_ACCESS: readonly AccessRule[] = [{ apiGroups: [''], resources: ['pods'], verbs: READ }];

/**
 * The rules sync: namespaces and PrometheusRules, the two informers of `mimir.rules.kubernetes`
 * (grafana/alloy v1.18.1 internal/component/mimir/rules/kubernetes/rules.go startNamespaceInformer, and its
 * PrometheusRules informer).
 */
export const RULES_SYNC_ACCESS: readonly AccessRule[] = [
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
  { apiGroups: ['monitoring.coreos.com'], resources: ['prometheusrules'], verbs: READ },
];

/** The alloy chart's `rbac` values granting exactly these rules (beside its node `clusterRules`). */
export function alloyAccess(rules: readonly AccessRule[]): { rules: AccessRule[] } {
  return { rules: rules.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) };
}
