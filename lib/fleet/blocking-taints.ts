import { isRecord } from './problems';

/** The taint AKS puts on every node of a spot pool itself (lib/infra/aks-cluster.ts declares it too). */
export const AKS_SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';

/**
 * The taints of a pool's nodes that keep off every pod without a matching toleration (`NoSchedule`,
 * `NoExecute`), as `key=value:Effect`: the pool's own, and on AKS the one AKS adds to spot nodes. The
 * platform's Deployments and StatefulSets tolerate none of them (istiod: istio 1.30.3
 * manifests/charts/istio-control/istio-discovery values.yaml `tolerations: []`, the template adding only
 * `cni.istio.io/not-ready`; cert-manager v1.21.1 values.yaml `tolerations: []`; Loki 18.11.0 `tolerations: []`).
 * Fleet as written: a malformed pool or taint is reported by the pool checks.
 */
export function blockingTaints(pool: Readonly<Record<string, unknown>>, cloud?: unknown): string[] {
  const taints = Array.isArray(pool.taints) ? pool.taints.filter(isRecord) : [];
  const own = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').map((t) => `${String(t.key)}${t.value !== undefined ? `=${String(t.value)}` : ''}:${String(t.effect)}`);
  return cloud === 'azure' && pool.spot === true ? [...own, AKS_SPOT_TAINT] : own;
}
