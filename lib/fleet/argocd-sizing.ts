/*
 * How big Argo CD runs on the management cluster: what an operator of a large fleet tunes (argo-cd
 * v3.4.4 docs/operator-manual/high_availability.md, "argocd-application-controller" and
 * "argocd-repo-server"). Every field left out keeps the chart's and Argo CD's own default, and writes
 * nothing into Argo CD's values.
 */

/**
 * How the application controllers split the clusters between them (argo-cd v3.4.4
 * controller/sharding/sharding.go GetDistributionFunction; common/common.go):
 * - `legacy`, Argo CD's default: a hash of the cluster's id modulo the replicas. A cluster moves only when the
 *   number of replicas changes; the split is uneven ("non-uniform", high_availability.md).
 * - `round-robin`: clusters sorted by id, dealt in turn. Even, but alpha: removing the cluster of rank 0
 *   moves every cluster to another shard.
 * - `consistent-hashing`: consistent hashing with bounded loads, weighted by each cluster's Applications.
 *   Even and moves few clusters when shards or clusters come and go, but alpha ("experimental").
 */
export const ARGOCD_SHARDING_ALGORITHMS = ['legacy', 'round-robin', 'consistent-hashing'] as const;
export type ArgoCdShardingAlgorithm = (typeof ARGOCD_SHARDING_ALGORITHMS)[number];

/** CPU and memory, each a Kubernetes quantity (`500m`, `2`, `512Mi`, `4Gi`). */
export interface ResourceAmounts {
  /** CPU: cores (`2`, `1.5`) or millicores (`500m`). @default none */
  readonly cpu?: string | number;
  /** Memory in bytes, with a suffix (`512Mi`, `4Gi`, `1G`). @default none */
  readonly memory?: string | number;
}

/** A container's resources, as Kubernetes takes them: a limit is never below its request. */
export interface ContainerResources {
  /** What the scheduler reserves on a node for the container. @default none */
  readonly requests?: ResourceAmounts;
  /** The most it may use: past its memory limit the container is killed (OOMKilled). @default none */
  readonly limits?: ResourceAmounts;
}

/** The application controller: it watches every cluster it manages and keeps their resources in memory. */
export interface ArgoCdControllerSizing {
  /**
   * Controller replicas, each managing a share (a shard) of the clusters (the chart's `controller.replicas`:
   * the StatefulSet's replicas and its `ARGOCD_CONTROLLER_REPLICAS`, which Argo CD shards by).
   * @default 1
   */
  readonly replicas?: number;
  /** How the replicas split the clusters (argocd-cmd-params-cm `controller.sharding.algorithm`); read only with more than one replica. @default 'legacy' */
  readonly shardingAlgorithm?: ArgoCdShardingAlgorithm;
  /** Applications each replica compares at once (`controller.status.processors`). @default 20 */
  readonly statusProcessors?: number;
  /** Applications each replica syncs at once (`controller.operation.processors`). @default 10 */
  readonly operationProcessors?: number;
  /** Each replica's requests and limits (the chart's `controller.resources`). @default none */
  readonly resources?: ContainerResources;
}

/** The repo server: it renders every Application's manifests (helm template, kustomize build). */
export interface ArgoCdRepoServerSizing {
  /** Repo server replicas (the chart's `repoServer.replicas`): scale them when manifest generation times out (high_availability.md). @default 1 */
  readonly replicas?: number;
  /** Each replica's requests and limits (the chart's `repoServer.resources`, also its `copyutil` init container's). @default none */
  readonly resources?: ContainerResources;
}

/** Argo CD's size on the management cluster (README, "Sizing Argo CD for a large fleet"). */
export interface ArgoCdSizing {
  /** @default one replica, 20 status and 10 operation processors, no requests or limits */
  readonly controller?: ArgoCdControllerSizing;
  /** @default one replica, no requests or limits */
  readonly repoServer?: ArgoCdRepoServerSizing;
}

/** A plain copy of a container's resources. */
export function copyContainerResources(r: ContainerResources): ContainerResources {
  // A field given as `undefined` (`cpu: process.env.CPU`) is left out, as everywhere in the fleet: copied, it was
  // written as a placeholder and refused by the output check at argocd-values.yaml instead of meaning "not set".
  const given = (quantities: ResourceAmounts | undefined) => {
    const set = Object.entries(quantities ?? {}).filter(([, v]) => v !== undefined);
    return set.length > 0 ? (Object.fromEntries(set) as ResourceAmounts) : undefined;
  };
  const [requests, limits] = [given(r.requests), given(r.limits)];
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

/** A plain copy of what the fleet says, with nothing filled in: every default is Argo CD's own, and stays unwritten. */
export function resolveArgoCdSizing(sizing: ArgoCdSizing | undefined): ArgoCdSizing {
  const resources = (r: ContainerResources | undefined): { resources?: ContainerResources } => (r === undefined ? {} : { resources: copyContainerResources(r) });
  const c = sizing?.controller;
  const r = sizing?.repoServer;
  return {
    ...(c
      ? {
          controller: {
            ...(c.replicas !== undefined ? { replicas: c.replicas } : {}),
            ...(c.shardingAlgorithm !== undefined ? { shardingAlgorithm: c.shardingAlgorithm } : {}),
            ...(c.statusProcessors !== undefined ? { statusProcessors: c.statusProcessors } : {}),
            ...(c.operationProcessors !== undefined ? { operationProcessors: c.operationProcessors } : {}),
            ...resources(c.resources),
          },
        }
      : {}),
    ...(r ? { repoServer: { ...(r.replicas !== undefined ? { replicas: r.replicas } : {}), ...resources(r.resources) } } : {}),
  };
}
