/**
 * Pod Security Admission's namespace labels (`pod-security.kubernetes.io/<mode>: <level>`; kubernetes.io
 * docs: concepts/security/pod-security-admission, "Pod Security Admission labels for namespaces").
 */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/**
 * The Pod Security labels of the fleet apps' namespaces: `warn` and `audit` at `baseline`, not enforced.
 *
 * Istio's CNI node agent (istio/istio-cni.ts) makes every pod istiod injects meet baseline: its
 * `istio-validation` adds no capability, where `istio-init` added NET_ADMIN and NET_RAW, which baseline
 * refuses (istio 1.30.3 manifests/charts/istio-control/istio-discovery/files/injection-template.yaml).
 * So whatever these modes report is the app's own: privileged containers, hostPath, host namespaces,
 * added capabilities. `warn` reaches whoever applies a Deployment (or any workload) whose template would
 * be refused, since warn and audit also check workload resources' pod templates (same docs page,
 * "Workload resources and Pod templates"); `audit` marks the API server's audit events of such pods and
 * workloads, the list to clear before baseline can be enforced.
 *
 * Not `enforce` yet: it would refuse those apps' pods, and synth cannot tell which they are (Argo CD
 * renders the apps' charts, not synth); and on a running cluster these Namespace objects (the bootstrap
 * stage) are applied before the CNI agent and istiod's switch to it (SYNC_WAVE.clusterBootstrap, then
 * istioCni, istiod), so pods injected the old way, with `istio-init`, would be refused meanwhile.
 */
export const APP_NAMESPACE_POD_SECURITY_LABELS: Readonly<Record<string, string>> = {
  [`${POD_SECURITY_LABEL_PREFIX}audit`]: 'baseline',
  [`${POD_SECURITY_LABEL_PREFIX}warn`]: 'baseline',
};
