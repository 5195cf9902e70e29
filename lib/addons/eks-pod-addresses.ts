import { asText, blockingTaints, corednsTolerates, ebsCsiControllerTolerates, eksPodAddresses, Problem, show } from '../fleet';
import { isRecord, itemPath } from '../fleet/problems';

/*
 * Whether an EKS cluster's pools have pod addresses for the platform's pods. Under custom networking
 * a node has `(ENIs − 1) × (addresses − 1)` addresses for pods off the host network
 * (lib/fleet/eks-max-pods.ts), a hard limit: a pod beyond it waits in ContainerCreating ("failed to
 * assign an IP address to container"), or Pending where the kubelet's max pods counts the same. A
 * platform pod goes on the pools whose NoSchedule and NoExecute taints it all tolerates
 * (lib/fleet/blocking-taints.ts): most tolerate none, CoreDNS and the EBS CSI controller also
 * `CriticalAddonsOnly`; at most `maxSize` nodes each (`minSize` with the Cluster Autoscaler off:
 * nothing scales the node groups then).
 *
 * The count is a lower bound, pod by pod from what is certain: the replicas fleetsynth sets and the
 * pinned charts' defaults (below); apps' pods, the global-DNS ingress gateway and Jobs are left out.
 * A fleet is refused only when even that does not fit: when some of the platform's workloads have more
 * pods than the pools they can run on have addresses (every group of them is checked, so that the pods
 * that may use a CriticalAddonsOnly pool are counted there and only there).
 */

/** A platform workload, how many pods (off the host network) it runs at least, and the taints it tolerates. */
interface PlatformPods {
  readonly what: string;
  readonly pods: number;
  /** Whether its pods tolerate a taint, given as `key[=value]:Effect` (blockingTaints). @default tolerates none */
  readonly tolerates?: (taint: string) => boolean;
}

/** What a cluster of this role runs, given the platform's settings as written (not validated yet). */
export function eksPlatformPods(role: unknown, platform: Readonly<Record<string, unknown>>): PlatformPods[] {
  const observability = isRecord(platform.observability) ? platform.observability : undefined;
  const metrics = observability !== undefined && observability.metrics !== false;
  const logs = observability !== undefined && observability.logs !== false;
  const stores = observability?.storage !== undefined;
  const secrets = platform.secrets !== undefined && platform.secrets !== false;
  const management = role === 'management';
  const list: (PlatformPods | false)[] = [
    // "two replicas of the CoreDNS image are deployed by default" (amazon-eks-user-guide networking/eks-networking-add-ons.adoc).
    { what: 'CoreDNS', pods: 2, tolerates: corednsTolerates },
    // aws-ebs-csi-driver charts/aws-ebs-csi-driver/values.yaml controller.replicaCount: 2.
    { what: 'EBS CSI controller', pods: 2, tolerates: ebsCsiControllerTolerates },
    // istiod's autoscaleMin and the east-west gateway's autoscaling.minReplicas (lib/k8s/istio/istio-installation.ts).
    { what: 'istiod', pods: 2 },
    { what: 'east-west gateway', pods: 2 },
    // cluster-autoscaler 9.59.0 replicaCount: 1; metrics-server `replicas: 2` (lib/addons/metrics-server).
    platform.clusterAutoscaler !== false && { what: 'Cluster Autoscaler', pods: 1 },
    platform.metricsServer !== false && { what: 'Metrics Server', pods: 2 },
    // kube-prometheus-stack 88.5.3: the operator and kube-state-metrics, and the agent's `replicas: 2` (metrics-agent.ts).
    metrics && { what: 'metrics agent', pods: 4 },
    // cert-manager v1.21.1 (controller and cainjector, one each; the webhook `webhook.replicaCount: 2`,
    // secrets/mesh-trust/cert-manager-chart.ts), External Secrets 2.9.0 (controller and cert controller, one each; the
    // webhook `webhook.replicaCount: 2`, secrets/external-secrets/external-secrets-chart.ts), istio-csr `replicaCount: 2`
    // (secrets/mesh-trust/istio-csr-chart.ts).
    secrets && { what: 'cert-manager', pods: 4 },
    secrets && { what: 'External Secrets', pods: 4 },
    secrets && { what: 'istio-csr', pods: 2 },
    // argo-cd 10.1.1: controller, repo server, server, ApplicationSet and notifications controllers, Redis (Dex is off: k8s/argocd/argocd-install.ts).
    management && { what: 'Argo CD', pods: 6 },
    // mimir-distributed 6.2.0: one pod of each component the fleet addresses or the classic architecture
    // needs (distributor, ingester, querier, query-frontend, store-gateway, compactor, ruler, Alertmanager,
    // gateway; observability/central-endpoints.ts). The chart runs more (three ingesters, two
    // queriers and query-schedulers by default), not counted here: its 6.2.0 values were not read.
    management && metrics && stores && { what: 'Mimir', pods: 9 },
    // loki 18.11.0: three single binaries (validate-loki-nodes.ts), the gateway and the two memcached caches.
    management && logs && stores && { what: 'Loki', pods: 6 },
    management && observability !== undefined && observability.grafana !== false && { what: 'Grafana', pods: 1 },
    management && (observability?.alerts === undefined ? metrics : observability.alerts !== false) && { what: 'rules sync', pods: 1 },
  ];
  return list.filter((x): x is PlatformPods => x !== false);
}

/** Problems at `clusters[<name>].nodePools` for each EKS cluster whose pools have fewer pod addresses than the platform's pods. */
export function eksPodAddressProblems(fleet: Readonly<Record<string, unknown>>): Problem[] {
  const platform = isRecord(fleet.platform) ? fleet.platform : {};
  const logs = isRecord(platform.observability) && platform.observability.logs !== false;
  // The DaemonSet pods that take an address on every node, tainted or not (all tolerate every taint):
  // the EBS CSI node plugin (aws-ebs-csi-driver v1.57.1 `node.tolerateAllTaints: true`), Istio's CNI node
  // agent (istio 1.30.3 manifests/charts/istio-cni: every taint tolerated, host network only in ambient mode;
  // lib/k8s/istio/istio-cni.ts), and the log agent (alloy 1.11.1, not on the host network;
  // observability/node-agents.ts); the node exporter is on the host network. No CNI agent on a cluster with
  // `istioCni: false`.
  const nodeAgents = (cni: boolean) => ['EBS CSI node plugin', ...(cni ? ['Istio CNI node agent'] : []), ...(logs ? ['log agent'] : [])];
  const size = platform.clusterAutoscaler === false ? 'minSize' : 'maxSize';
  const problems: Problem[] = [];
  (Array.isArray(fleet.clusters) ? fleet.clusters : []).forEach((c, index) => {
    if (!isRecord(c) || c.cloud !== 'aws' || !Array.isArray(c.nodePools)) return;
    const agents = nodeAgents(c.istioCni !== false);
    const daemonSetPods = agents.length;
    const pools = c.nodePools.filter(isRecord).map((pool) => ({
      pool,
      taints: blockingTaints(pool, c.cloud),
      addresses: typeof pool.machineType === 'string' ? eksPodAddresses(pool.machineType) : undefined,
      nodes: pool[size],
    }));
    const pods = eksPlatformPods(c.role, platform);
    // Each workload's pools: those whose every blocking taint it tolerates. Workloads with the same pools form one group.
    const groups = new Map<string, { pods: PlatformPods[]; pools: typeof pools }>();
    for (const x of pods) {
      const where = pools.filter((p) => p.taints.every((t) => x.tolerates?.(t) ?? false));
      const key = where.map((p) => pools.indexOf(p)).join(',');
      groups.set(key, { pods: [...(groups.get(key)?.pods ?? []), x], pools: where });
    }
    const usable = [...new Set([...groups.values()].flatMap((g) => g.pools))];
    // No untainted pool (reported by validate-eks-addons.ts), an unknown instance type or a malformed size: nothing certain to compare.
    if (!pools.some((p) => p.taints.length === 0) || !usable.every((x) => x.addresses !== undefined && Number.isInteger(x.nodes) && (x.nodes as number) >= 0)) return;
    const capacityOf = (list: typeof pools) => list.reduce((sum, x) => sum + Math.max(0, (x.addresses as number) - daemonSetPods) * (x.nodes as number), 0);
    // Hall's condition: every pod gets an address if and only if every set of groups fits on the union of
    // their pools. Few groups (three at most), so every set is checked; the one short by most is reported.
    const list = [...groups.values()];
    let worst: { pods: PlatformPods[]; pools: typeof pools; need: number; capacity: number } | undefined;
    for (let mask = 1; mask < 1 << list.length; mask++) {
      const chosen = list.filter((_, i) => mask & (1 << i));
      const set = new Set(chosen.flatMap((g) => g.pods));
      const groupPods = pods.filter((x) => set.has(x));
      const groupPools = usable.filter((x) => chosen.some((g) => g.pools.includes(x)));
      const need = groupPods.reduce((sum, x) => sum + x.pods, 0);
      const capacity = capacityOf(groupPools);
      if (capacity < need && (!worst || need - capacity > worst.need - worst.capacity || (need - capacity === worst.need - worst.capacity && need > worst.need))) worst = { pods: groupPods, pools: groupPools, need, capacity };
    }
    if (!worst) return;
    const { need, capacity } = worst;
    const critical = worst.pools.some((x) => x.taints.length > 0);
    problems.push({
      path: `${itemPath('clusters', c, index)}.nodePools`,
      message: `the platform runs at least ${need} pods that take a pod address (${worst.pods.map((x) => `${x.what} ${x.pods}`).join(', ')}), and the pools they can run on have ${capacity} at their ${size}: under custom networking a node has (ENIs − 1) × (addresses per ENI − 1) for pods, less ${daemonSetPods} for the DaemonSet${daemonSetPods > 1 ? 's' : ''} that take${daemonSetPods > 1 ? '' : 's'} one (${agents.join(', ')}); the rest would never get an address`,
      given: show(worst.pools.map((x) => `${asText(x.pool.name)}: ${asText(x.pool.machineType)} (${x.addresses as number} pod addresses a node) × ${size} ${asText(x.nodes)}${x.taints.length > 0 ? ` (${x.taints.join(', ')})` : ''}`)),
      allowed: `pools without NoSchedule or NoExecute taints${critical ? ' (for CoreDNS and the EBS CSI controller also pools tainted only CriticalAddonsOnly)' : ''} with room for ${need} pods besides the DaemonSets: a larger ${size}, or a larger instance type (e.g. m7i.large has 18 pod addresses a node, m7i.xlarge 42)`,
    });
  });
  return problems;
}
