import { minorOf } from './minor-version';
import { Problems } from './problems';

/**
 * The Kubernetes minors the Istio release every cluster runs supports: from istioctl's
 * `MinK8SVersion` (istio 1.30.3 istioctl/pkg/install/k8sversion/version.go: 32, unchanged on
 * release-1.30 through 2026-08-19, eight days before 1.30.4: lib/k8s/istio/istio-version.ts; istio.io,
 * "Supported releases"). Istio's charts declare no `kubeVersion`, so nothing else would refuse an
 * older cluster: istioctl only warns, and Argo CD never asks. `istio` names the release this was read
 * for; a test ties it to the pinned ISTIO_VERSION, so a bump re-reads it.
 */
export const ISTIO_KUBERNETES_SUPPORT = { istio: '1.30.5', minMinor: 32 } as const;

/** A cluster's minor (already one its cloud offers) against Istio's minimum. */
export function checkIstioKubernetesVersion(p: Problems, path: string, version: string, offered: readonly string[]): void {
  const minor = minorOf(version);
  if (minor === undefined || minor >= ISTIO_KUBERNETES_SUPPORT.minMinor) return;
  const supported = offered.filter((v) => (minorOf(v) ?? 0) >= ISTIO_KUBERNETES_SUPPORT.minMinor);
  p.add(path, `Istio ${ISTIO_KUBERNETES_SUPPORT.istio}, which every cluster of the mesh runs, supports Kubernetes 1.${ISTIO_KUBERNETES_SUPPORT.minMinor} and later (istioctl MinK8SVersion)`, version, supported.join(', '));
}
