/**
 * The annotation with which a pod names the node-local volumes Cluster Autoscaler may discard when
 * it drains the pod's node. Cluster Autoscaler never removes a node running a pod with a disk-backed
 * `emptyDir` it does not list (`--skip-nodes-with-local-storage`, default true; kubernetes/autoscaler
 * cluster-autoscaler/FAQ.md, "What types of pods can prevent CA from removing a node?").
 */
export const SAFE_TO_EVICT_LOCAL_VOLUMES = 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes';

/**
 * The disk-backed `emptyDir` volumes Istio's injector adds to every pod it injects, sidecar and
 * gateway alike (istio/istio 1.30.3 manifests/charts/istio-control/istio-discovery/files/
 * injection-template.yaml and gateway-injection-template.yaml, `volumes`; `istio-envoy` is in memory
 * and the rest are downward API, projected or ConfigMap volumes, none of which count). Unlisted, they
 * keep every node that runs a pod of the mesh from ever being scaled down (istio/istio#19395).
 * `istio` names the release they were read for; a test ties it to the pinned ISTIO_VERSION, so a bump
 * re-reads them. Read at 1.30.3; the templates are unchanged on release-1.30 up to six days before
 * 1.30.4, and no note of 1.30.4 or 1.30.5 names them (istio-version.ts).
 */
export const ISTIO_PROXY_LOCAL_VOLUMES = { istio: '1.30.5', volumes: ['workload-socket', 'credential-socket', 'workload-certs', 'istio-data'] } as const;

/**
 * What istiod's injector adds to every pod it injects (`sidecarInjectorWebhook.injectedAnnotations`,
 * istio pkg/kube/inject/webhook.go applyMetadata): its own scratch volumes are safe to evict, so a pod
 * of the mesh blocks a scale-down only for volumes of its own. The injector overwrites the pod's own
 * value of the annotation: a pod whose own `emptyDir` may go too says `cluster-autoscaler.kubernetes.io/safe-to-evict: "true"`.
 */
export function evictableProxyAnnotations(): Record<string, string> {
  return { [SAFE_TO_EVICT_LOCAL_VOLUMES]: ISTIO_PROXY_LOCAL_VOLUMES.volumes.join(',') };
}
