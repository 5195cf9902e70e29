import { isRecord } from './problems';
import { asText } from './fleet-error';

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
 * The taint GKE puts on the GPU nodes of a cluster that also has a pool without GPUs: "When you add a GPU
 * node pool to an existing cluster that already runs a non-GPU node pool, GKE automatically taints the
 * GPU nodes with the following node taint: Key: nvidia.com/gpu, Effect: NoSchedule" (GKE docs,
 * kubernetes-engine/docs/how-to/gpus, as kserve's docs/samples/accelerators quote it; the value, `present`,
 * is not in that quote, and no platform pod tolerates the key at all); only pods that request `nvidia.com/gpu`
 * get the toleration (the ExtendedResourceToleration admission plugin), and no platform pod does. A pool
 * created in the same apply as its non-GPU pools may escape it, but not once it is created again (a
 * machine type change replaces it): counted whenever the cluster has a pool without GPUs.
 */
export const GKE_GPU_TAINT = 'nvidia.com/gpu=present:NoSchedule';

/**
 * Compute Engine's machine series with GPUs attached, the only way a fleet's GKE pool has GPUs (it
 * declares no accelerators): A2, A3, A4, A4X, G2 and G4, the accelerator-optimized machine family
 * (docs.cloud.google.com/compute/docs/accelerator-optimized-machines).
 */
const GKE_GPU_SERIES = /^(a2|a3|a4|a4x|g2|g4)-/;
const isGkeGpuPool = (pool: unknown) => isRecord(pool) && typeof pool.machineType === 'string' && GKE_GPU_SERIES.test(pool.machineType);

/**
 * The taints of a pool's nodes that keep off every pod without a matching toleration (`NoSchedule`,
 * `NoExecute`), as `key=value:Effect`: the pool's own, on AKS the one AKS adds to spot nodes, and on
 * GKE the ones GKE adds to Arm nodes and, in a cluster with a pool without GPUs (`clusterPools`, the
 * cluster's `nodePools`), to GPU nodes. The platform's Deployments and StatefulSets tolerate none of them
 * (istiod: istio 1.30.3 manifests/charts/istio-control/istio-discovery values.yaml `tolerations: []`,
 * the template adding only `cni.istio.io/not-ready`, and no kubernetes.io/arch affinity; cert-manager
 * v1.21.1 values.yaml `tolerations: []`; Loki 18.11.0 `tolerations: []`).
 * Fleet as written: a malformed pool or taint is reported by the pool checks.
 */
export function blockingTaints(pool: Readonly<Record<string, unknown>>, cloud?: unknown, clusterPools: readonly unknown[] = []): string[] {
  const taints = Array.isArray(pool.taints) ? pool.taints.filter(isRecord) : [];
  const own = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').map((t) => `${asText(t.key)}${t.value !== undefined ? `=${asText(t.value)}` : ''}:${asText(t.effect)}`);
  const added = [
    ...(cloud === 'azure' && pool.spot === true ? [AKS_SPOT_TAINT] : []),
    ...(cloud === 'gcp' && typeof pool.machineType === 'string' && GKE_ARM_SERIES.test(pool.machineType) ? [GKE_ARM_TAINT] : []),
    ...(cloud === 'gcp' && isGkeGpuPool(pool) && clusterPools.some((other) => isRecord(other) && !isGkeGpuPool(other)) ? [GKE_GPU_TAINT] : []),
  ];
  return [...own, ...added.filter((t) => !own.includes(t))];
}

const taintKey = (taint: string) => taint.split(/[=:]/)[0];
const taintEffect = (taint: string) => taint.slice(taint.lastIndexOf(':') + 1);

/**
 * Whether the EKS coredns add-on tolerates a blocking taint (`key[=value]:Effect`, as blockingTaints gives
 * it): `CriticalAddonsOnly` (operator Exists, any effect) and the control plane's
 * `node-role.kubernetes.io/control-plane:NoSchedule` (aws/containers-roadmap#2167, the add-on's default
 * tolerations; EKS User Guide automode/set-builtin-node-pools.adoc: "Many EKS addons, such as CoreDNS,
 * tolerate this taint").
 */
export function corednsTolerates(taint: string): boolean {
  return taintKey(taint) === 'CriticalAddonsOnly' || (taintKey(taint) === 'node-role.kubernetes.io/control-plane' && taintEffect(taint) === 'NoSchedule');
}

/**
 * Whether the EBS CSI controller does: `CriticalAddonsOnly` (operator Exists, any effect); every NoExecute
 * taint for 300 s only, after which it is evicted, so no home (kubernetes-sigs/aws-ebs-csi-driver v1.57.1
 * deploy/kubernetes/base/controller.yaml and charts/aws-ebs-csi-driver/values.yaml `controller.tolerations`).
 */
export function ebsCsiControllerTolerates(taint: string): boolean {
  return taintKey(taint) === 'CriticalAddonsOnly';
}
