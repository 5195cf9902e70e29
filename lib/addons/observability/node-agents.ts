import { Construct } from 'constructs';
import { SYNC_WAVE, syncWave } from '../../k8s/argocd/sync-wave';
import { CriticalPodsQuota, NODE_AGENT_PRIORITY_CLASS } from '../../k8s/critical-pods';
import { Namespace } from '../../k8s/plus';

/**
 * The tolerations of the add-on's per-node agents (the log agent, Alloy; the node exporter of the
 * metrics agent's chart): every taint, so that they run on every node of the cluster. A DaemonSet pod
 * tolerates on its own only the node-lifecycle taints the DaemonSet controller adds
 * (kubernetes/kubernetes pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations), and the charts add
 * little: alloy 1.11.1 `controller.tolerations: []`, prometheus-node-exporter 4.56.1 (kube-prometheus-stack
 * 88.5.3) NoSchedule only. So a pool's own taints (`nodePools[].taints`), and the one AKS puts on every spot
 * node (`kubernetes.azure.com/scalesetpriority=spot:NoSchedule`, lib/infra/aks-cluster.ts), would keep the
 * agent off those nodes: their pods' logs never shipped, nothing failing to say so. An empty key with
 * `Exists` matches every taint (core/v1 Toleration: "this combination means to match all values and all
 * keys"; an empty effect, all effects).
 */
export function everyNodeTolerations(): { operator: 'Exists' }[] {
  return [{ operator: 'Exists' }];
}

/**
 * The agents' namespace, with the quota that admits their class (NODE_AGENT_PRIORITY_CLASS, critical-pods.ts) on GKE,
 * in the cluster's bootstrap stage (`_bootstrap`, applied before the charts: lib/k8s/argocd/sync-wave.ts), as
 * `istio-system` is. Two Applications run pods there (the metrics agent's node exporter, the log agent), each in the
 * platform charts' wave and with CreateNamespace, so neither can bring the quota the other's pods need in time; the
 * charts' CreateNamespace then finds the namespace and leaves it alone (argo-cd v3.4.4 controller/sync_namespace.go).
 * Without the quota GKE refuses every agent pod (`insufficient quota to match these scopes`), the DaemonSet controller
 * retrying without end.
 */
export class NodeAgentsNamespace extends Construct {
  constructor(scope: Construct, id: string, props: { readonly namespace: string }) {
    super(scope, id);
    new Namespace(this, 'Resource', { metadata: { name: props.namespace, annotations: syncWave(SYNC_WAVE.namespaces) } });
    new CriticalPodsQuota(this, 'NodeCriticalPods', { namespace: props.namespace, syncWave: SYNC_WAVE.namespaces, priorityClass: NODE_AGENT_PRIORITY_CLASS });
  }
}
