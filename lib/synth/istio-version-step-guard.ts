import { minorOf, Problem } from '../fleet';
import { ISTIO_VERSION } from '../k8s/istio/istio-version';
import { PreviousIstiod } from './previous-istiod';

/**
 * Istio is upgraded in place (base, istiod, gateways, in each cluster's root), and sidecars keep the
 * proxy they were injected with until their pods restart; Istio supports a data plane at most one
 * minor behind its control plane (istio.io, "Supported releases": control plane/data plane skew), and
 * in-place upgrades one minor at a time (istio.io, "Upgrade with Helm"). A fleet that skips a
 * fleetsynth release could move istiod two minors past its sidecars. So, against the istiod
 * Applications of the previous synth's output (previous-istiod.ts): `version` (the Istio this fleetsynth installs) more than
 * one minor ahead is refused, per cluster of `clusters` (the fleet's). Nothing to allow: the way is the
 * release in between.
 */
export function istioVersionSteps(clusters: readonly string[], istiods: readonly PreviousIstiod[], version: string = ISTIO_VERSION): Problem[] {
  const now = minorOf(version);
  if (now === undefined) return [];
  // A cluster leaving the fleet in this synth gets no new istiod (the removal guard judges its leaving).
  return istiods.filter((istiod) => clusters.includes(istiod.cluster)).flatMap((istiod) => {
    const was = minorOf(istiod.version);
    if (was === undefined || now <= was + 1) return [];
    return [
      {
        path: `clusters[${istiod.cluster}]`,
        message: `its istiod runs Istio ${istiod.version} (${istiod.file}), and this fleetsynth installs Istio ${version}: Istio is upgraded in place one minor at a time, and its sidecars may be at most one minor behind istiod (istio.io, Supported releases)`,
        given: JSON.stringify(version),
        allowed: `a fleetsynth release that installs Istio 1.${was + 1} first: synth, let the clusters' roots converge, restart the injected workloads (README, "Upgrading fleetsynth over a fleet that is running"), then this release`,
      },
    ];
  });
}
