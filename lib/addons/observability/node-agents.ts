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
