import { ResolvedFleet } from './resolve-fleet';

/**
 * Clusters where a service of the mesh runs in a namespace fleetsynth does not label for sidecar
 * injection: only the namespaces of the fleet's apps on that cluster get `istio-injection: enabled`
 * (lib/k8s/cluster-chart.ts). Every client calls the service with the in-mesh DestinationRule's
 * `ISTIO_MUTUAL`, which istiod sets as the cluster's transport socket for every endpoint, not only
 * those labelled `tlsMode: istio` as auto mTLS would (istio 1.30.3
 * pilot/pkg/networking/core/cluster_tls.go applyUpstreamTLSSettings): a pod there without the
 * sidecar gets TLS on a plaintext port, and every call to it fails. Warned, not refused: a namespace
 * labelled outside fleetsynth works.
 */
export function meshServiceSidecarWarnings(fleet: Pick<ResolvedFleet, 'apps' | 'meshServices'>): string[] {
  return fleet.meshServices.flatMap((s) => {
    if (s.kind !== 'in-mesh') return [];
    const injected = new Set(fleet.apps.filter((a) => a.namespace === s.namespace).flatMap((a) => a.clusters));
    const outside = s.clusters.filter((c) => !injected.has(c));
    if (outside.length === 0) return [];
    return [
      `mesh service ${s.name}: on ${outside.join(', ')} no app of the fleet runs in namespace ${s.namespace}, so fleetsynth does not label it for sidecar injection there; ` +
        `its clients call it with Istio mTLS (ISTIO_MUTUAL), so a pod of it without the sidecar fails every call: label the namespace istio-injection=enabled, or run the Service as an app of the fleet`,
    ];
  });
}
