import { asText, blockingTaints, Problem, show } from '../../fleet';
import { memoryAtMost2GiB } from '../../fleet/small-machine-types';

/**
 * Loki's replicas (Monolithic, `singleBinary.replicas`), each on a node of its own: loki 18.11.0
 * values.yaml gives `singleBinary.affinity` a required pod anti-affinity on `kubernetes.io/hostname`
 * (grafana-community/helm-charts charts/loki, tag loki-18.11.0; templates/_pod.tpl renders it), and
 * `tolerations: []`. So the management cluster needs three nodes Loki can run on, or one replica stays
 * Pending for good and `mgmt-loki` never becomes Healthy.
 */
export const LOKI_REPLICAS = 3;

/**
 * Each replica requests 2Gi of memory (central-stores.ts LOKI_RESOURCES), istiod's figure: no node of 2 GiB or less
 * has that much allocatable once the kubelet's reservations are taken (small-machine-types.ts), so such a pool's
 * nodes hold no replica, however many there are.
 */
const TOO_SMALL = '2 GiB of memory or less: Loki requests 2Gi';

/** The pools a cloud taints itself (blockingTaints): AKS's spot pools, GKE's Arm pools and GPU pools. */
const NOT_ALSO: Readonly<Record<string, string>> = { azure: ' (nor spot)', gcp: ' (nor Arm, nor GPU beside a pool without GPUs: GKE taints those nodes)' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A problem at the management cluster's `nodePools` when, with logs on, its pools that carry no taint
 * Loki does not tolerate (blockingTaints: a pool's NoSchedule or NoExecute taint, AKS's own on spot
 * nodes, GKE's on Arm and GPU nodes) and whose nodes can hold a replica (TOO_SMALL) cannot reach LOKI_REPLICAS nodes at their maxSize (their minSize on EKS with the Cluster
 * Autoscaler off). Settings and fleet as written: a malformed pool is reported by the fleet's checks.
 */
export function lokiNodeProblems(settings: unknown, fleet: Readonly<Record<string, unknown>>): Problem[] {
  if (!isRecord(settings) || settings.logs === false || !Array.isArray(fleet.clusters)) return [];
  const management = fleet.clusters.find((c): c is Record<string, unknown> => isRecord(c) && c.role === 'management');
  if (!management || !Array.isArray(management.nodePools)) return [];
  const pools = management.nodePools.filter(isRecord);
  // With the Cluster Autoscaler off nothing scales an EKS node group past its minimum (lib/addons/cluster-autoscaler).
  const size = management.cloud === 'aws' && isRecord(fleet.platform) && fleet.platform.clusterAutoscaler === false ? 'minSize' : 'maxSize';
  if (!pools.every((pool) => Number.isInteger(pool[size]) && (pool[size] as number) >= 0)) return [];
  /** Why a pool holds no replica: the taints Loki does not tolerate, or nodes too small for its request. */
  const excluded = (pool: Record<string, unknown>): string[] => [
    ...blockingTaints(pool, management.cloud, pools),
    ...(memoryAtMost2GiB(management.cloud, pool.machineType) ? [TOO_SMALL] : []),
  ];
  const open = pools.filter((pool) => excluded(pool).length === 0);
  const nodes = open.reduce((sum, pool) => sum + (pool[size] as number), 0);
  if (nodes >= LOKI_REPLICAS) return [];
  const fixedSize = size === 'minSize' ? ' (platform.clusterAutoscaler is off: nothing scales an EKS node group past its minSize)' : '';
  return [
    {
      path: `clusters[${typeof management.name === 'string' && management.name ? management.name : fleet.clusters.indexOf(management)}].nodePools`,
      message: `Loki runs ${LOKI_REPLICAS} replicas, each on a node of its own (the loki chart's required pod anti-affinity on kubernetes.io/hostname) of more than 2 GiB of memory (each requests 2Gi), and tolerates no NoSchedule or NoExecute taint: the pools it can run on reach ${nodes} node${nodes === 1 ? '' : 's'}${fixedSize}, so a replica would stay Pending`,
      given: show(pools.map((pool) => `${asText(pool.name)}: ${size} ${asText(pool[size])}${excluded(pool).length > 0 ? ` (${excluded(pool).join(', ')})` : ''}`)),
      allowed: `pools without such taints${NOT_ALSO[asText(management.cloud)] ?? ''}, of machine types with more than 2 GiB of memory, whose ${size} adds up to ${LOKI_REPLICAS} or more, or platform.observability.logs: false`,
    },
  ];
}
