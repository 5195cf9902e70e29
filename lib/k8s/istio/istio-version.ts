/**
 * The Istio release every cluster runs: the one place it is pinned. The Helm charts come from
 * Istio's release repository at exactly this version; the generated Istio resources use the
 * `networking.istio.io/v1` and `security.istio.io/v1` APIs it serves.
 *
 * 1.30.5: 1.30.4 (2026-08-27) fixes twelve Envoy CVEs, seven of
 * CVSS 7.5 (HTTP/2 use-after-free and memory exhaustion, an RBAC bypass through
 * ignore_path_parameters_in_path_matching, cross-user response poisoning on upgrades; istio.io
 * news/releases/1.30.x/announcing-1.30.4, ISTIO-SECURITY-2026-006), 1.30.5 more fixes
 * (announcing-1.30.5). Their tags could not be read here: the charts, templates and code cited across
 * lib/ were read at 1.30.3, and istio/istio's release-1.30 branch as of 2026-08-21 (52 commits after
 * 1.30.3, six days before 1.30.4) changes nothing under manifests/ (`git diff --stat 1.30.3
 * b9a2bbd2f80 -- manifests/`); neither release note names a chart or values change. A patch
 * release upgrades in place (istio.io docs, setup/upgrade/in-place). 1.30.6 exists (Chainguard packages
 * istio-envoy-1.30 1.30.6 on 2026-10-27, OSV CGA-h4cx-gmp9-jv46) but neither its notes nor its tag were
 * found here.
 */
export const ISTIO_VERSION = '1.30.5';
/**
 * Istio's Helm repository. Istio removes its charts from `istio-release.storage.googleapis.com/charts`
 * in December 2026 and publishes every version at `blob.istio.io/istio-release/charts` (istio.io
 * blog/2026/retirement-of-gcp, "Helm Charts"): an Application reading the old one could no longer be
 * rendered, so no Istio chart could be synced.
 */
export const ISTIO_CHART_REPO = 'https://blob.istio.io/istio-release/charts';
/**
 * The repository an earlier fleetsynth read the charts from: the platform project still permits it, so
 * that an Istio Application its cluster's root has not yet re-applied stays valid while the fleet moves
 * (an Application whose repository its project does not permit gets InvalidSpecError and no sync:
 * argo-cd v3.4.4 util/argo/argo.go ValidatePermissions). To drop once no Application reads it.
 */
export const FORMER_ISTIO_CHART_REPO = 'https://istio-release.storage.googleapis.com/charts';
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
