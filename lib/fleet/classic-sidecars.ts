import { minorOf } from './minor-version';
import { ResolvedFleet } from './resolve-fleet';

/**
 * The Kubernetes minor from which Istio's injector makes the sidecar a native one (an init container with
 * `restartPolicy: Always`) by itself: `ENABLE_NATIVE_SIDECARS` defaults to `auto`, which DetectNativeSidecar
 * turns on only when every node's kubelet is at 1.33 or later (istio 1.30.3 pilot/pkg/features/pilot.go,
 * pkg/kube/inject/webhook.go DetectNativeSidecar: "Native sidecars feature graduated to stable in Kubernetes
 * 1.33"; unchanged on release-1.30 through 2026-08-19). `istio` names the release this was read for; a test
 * ties it to the pinned ISTIO_VERSION, so a bump re-reads it.
 */
export const ISTIO_NATIVE_SIDECARS = { istio: '1.30.5', autoFromMinor: 33 } as const;

/**
 * Clusters running the fleet's apps at a minor below ISTIO_NATIVE_SIDECARS.autoFromMinor. Every pod in an
 * app's namespace gets the sidecar (fleetsynth-sidecar-required refuses it otherwise), and there it is a
 * classic container: it never exits, so a Job's pod never completes (a Helm hook Job then holds its app's
 * sync for good), and the app's own init containers run before the proxy, whose iptables rules already
 * send their traffic to it. The pod annotation `sidecar.istio.io/nativeSidecar: "true"` takes precedence
 * over detection (pkg/kube/inject/inject.go), and Kubernetes runs native sidecars from 1.29 (the
 * SidecarContainers feature, beta and on by default: KEP-753). Warned, not refused: an app without Jobs
 * or networked init containers is unaffected.
 */
export function classicSidecarWarnings(fleet: Pick<ResolvedFleet, 'apps' | 'clusters'>): string[] {
  const withApps = new Set(fleet.apps.flatMap((a) => a.clusters));
  return fleet.clusters.flatMap((c) => {
    const minor = minorOf(c.kubernetesVersion);
    if (!withApps.has(c.name) || minor === undefined || minor >= ISTIO_NATIVE_SIDECARS.autoFromMinor) return [];
    return [
      `cluster ${c.name}: at Kubernetes ${c.kubernetesVersion}, Istio ${ISTIO_NATIVE_SIDECARS.istio} injects the apps' pods with a classic sidecar container (native sidecars only from 1.${ISTIO_NATIVE_SIDECARS.autoFromMinor}): ` +
        `a Job's pod there never completes (a Helm hook Job holds its app's sync) and an init container's network calls fail; ` +
        `annotate such pods sidecar.istio.io/nativeSidecar: "true", or move the cluster to 1.${ISTIO_NATIVE_SIDECARS.autoFromMinor} or later`,
    ];
  });
}
