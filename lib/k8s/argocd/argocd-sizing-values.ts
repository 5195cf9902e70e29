import { ArgoCdSizing, copyContainerResources, HelmValues } from '../../fleet';

/*
 * The fleet's `argoCd` as values of Argo CD's chart (argoproj/argo-helm argo-cd-10.1.1 charts/argo-cd):
 * - `controller.replicas`: the StatefulSet's `spec.replicas` and its env `ARGOCD_CONTROLLER_REPLICAS`
 *   (templates/argocd-application-controller/statefulset.yaml), the two the sharding needs to agree
 *   (argo-cd v3.4.4 docs/operator-manual/high_availability.md): each controller takes its shard from the
 *   ordinal of its pod name (controller/sharding/sharding.go InferShard) and the count from that env;
 * - `configs.params`: keys of the ConfigMap argocd-cmd-params-cm (templates/_helpers.tpl
 *   argo-cd.config.params), which the controller reads through env (`controller.sharding.algorithm` →
 *   ARGOCD_CONTROLLER_SHARDING_ALGORITHM, `controller.status.processors`, `controller.operation.processors`);
 *   the pod template carries the ConfigMap's checksum, so a change restarts the controllers. Written as the
 *   strings the ConfigMap holds: Helm reads a number as float64 and prints it from 1000000 on as "1e+06"
 *   (helm/helm#12195), which Argo CD's ParseNumFromEnv cannot parse;
 * - `controller.resources`, `repoServer.replicas`, `repoServer.resources` (templates/argocd-repo-server/deployment.yaml).
 * Only what the fleet gives is written: a fleet without `argoCd` installs Argo CD as before. Resources are
 * copied: the values outlive the render that read the fleet (the render cache records its reads).
 */
export function argoCdSizingValues(sizing: ArgoCdSizing): HelmValues {
  const c = sizing.controller ?? {};
  const r = sizing.repoServer ?? {};
  const params = {
    ...(c.shardingAlgorithm !== undefined ? { 'controller.sharding.algorithm': c.shardingAlgorithm } : {}),
    ...(c.statusProcessors !== undefined ? { 'controller.status.processors': String(c.statusProcessors) } : {}),
    ...(c.operationProcessors !== undefined ? { 'controller.operation.processors': String(c.operationProcessors) } : {}),
  };
  const controller = { ...(c.replicas !== undefined ? { replicas: c.replicas } : {}), ...(c.resources !== undefined ? { resources: copyContainerResources(c.resources) } : {}) };
  const repoServer = { ...(r.replicas !== undefined ? { replicas: r.replicas } : {}), ...(r.resources !== undefined ? { resources: copyContainerResources(r.resources) } : {}) };
  return {
    ...(Object.keys(params).length > 0 ? { configs: { params } } : {}),
    ...(Object.keys(controller).length > 0 ? { controller } : {}),
    ...(Object.keys(repoServer).length > 0 ? { repoServer } : {}),
  };
}
