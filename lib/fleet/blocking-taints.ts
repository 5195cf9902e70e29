import { isRecord } from './problems';

/** The taint AKS puts on every node of a spot pool itself (lib/infra/aks-cluster.ts declares it too). */
export const AKS_SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';

/**
 * The taint GKE puts on every Arm node of a Standard cluster, tolerated only by pods that ask for an
 * arm64 node (a nodeSelector or node affinity on kubernetes.io/arch), which the platform's charts do
 * not (docs.cloud.google.com/kubernetes-engine/docs/how-to/prepare-arm-workloads-for-deployment).
 */
export const GKE_ARM_TAINT = 'kubernetes.io/arch=arm64:NoSchedule';

/**
 * Compute Engine's Arm machine series: Tau T2A and Axion C4A (GKE docs, autopilot-arm-workloads), Axion
 * N4A (GKE docs, concepts/machine-support). An Arm series missing here is counted as untainted.
 */
const GKE_ARM_SERIES = /^(t2a|c4a|n4a)-/;

/**
 * The taints of a pool's nodes that keep off every pod without a matching toleration (`NoSchedule`,
 * `NoExecute`), as `key=value:Effect`: the pool's own, on AKS the one AKS adds to spot nodes, and on
 * GKE the one GKE adds to Arm nodes. The platform's Deployments and StatefulSets tolerate none of them
 * (istiod: istio 1.30.3 manifests/charts/istio-control/istio-discovery values.yaml `tolerations: []`,
 * the template adding only `cni.istio.io/not-ready`, and no kubernetes.io/arch affinity; cert-manager
 * v1.21.1 values.yaml `tolerations: []`; Loki 18.11.0 `tolerations: []`).
 * Fleet as written: a malformed pool or taint is reported by the pool checks.
 */
export function blockingTaints(pool: Readonly<Record<string, unknown>>, cloud?: unknown): string[] {
  const taints = Array.isArray(pool.taints) ? pool.taints.filter(isRecord) : [];
  const own = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').map((t) => `${String(t.key)}${t.value !== undefined ? `=${String(t.value)}` : ''}:${String(t.effect)}`);
  const added = [
    ...(cloud === 'azure' && pool.spot === true ? [AKS_SPOT_TAINT] : []),
    ...(cloud === 'gcp' && typeof pool.machineType === 'string' && GKE_ARM_SERIES.test(pool.machineType) ? [GKE_ARM_TAINT] : []),
  ];
  return [...own, ...added.filter((t) => !own.includes(t))];
}
