/**
 * The Istio release every cluster runs: the one place it is pinned. The Helm charts come from
 * Istio's release repository at exactly this version; the generated Istio resources use the
 * `networking.istio.io/v1` and `security.istio.io/v1` APIs it serves.
 */
export const ISTIO_VERSION = '1.30.3';
export const ISTIO_CHART_REPO = 'https://istio-release.storage.googleapis.com/charts';
export const ISTIO_NAMESPACE = 'istio-system';
/** Label istiod reads to know which network a namespace's workloads are on. */
export const NETWORK_LABEL = 'topology.istio.io/network';
/** Namespace label for automatic sidecar injection by istiod's webhook (istio.io docs: setup/additional-setup/sidecar-injection). */
export const ISTIO_INJECTION_LABEL = 'istio-injection';
