/**
 * The Istio release every cluster runs: the one place it is pinned. The Helm charts come from
 * Istio's release repository at exactly this version; the generated Istio resources use the
 * `networking.istio.io/v1` and `security.istio.io/v1` APIs it serves.
 */
export const ISTIO_VERSION = '1.30.3';
export const ISTIO_CHART_REPO = 'https://istio-release.storage.googleapis.com/charts';
/**
 * Where every Istio image is pulled from: istiod's `pilot`, and `proxyv2` for every sidecar and gateway
 * (istiod's injector writes their image from `global.hub`: istio pkg/kube/inject/inject.go ProxyImage,
 * 1.30.3). Istio 1.30's published charts default to `registry.istio.io/release` (istio/release-builder
 * release-1.30 release/build.sh DOCKER_HUB), a proxy Istio retires in December 2026 together with
 * gcr.io/istio-release; `docker.io/istio` is where Istio publishes every release (istio.io
 * blog/2026/retirement-of-gcr.io-follow-up, blog/2026/retirement-of-gcp).
 */
export const ISTIO_IMAGE_HUB = 'docker.io/istio';
export const ISTIO_NAMESPACE = 'istio-system';
/** Label istiod reads to know which network a namespace's workloads are on. */
export const NETWORK_LABEL = 'topology.istio.io/network';
/** Namespace label for automatic sidecar injection by istiod's webhook (istio.io docs: setup/additional-setup/sidecar-injection). */
export const ISTIO_INJECTION_LABEL = 'istio-injection';
