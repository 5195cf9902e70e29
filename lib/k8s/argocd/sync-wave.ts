/*
 * Argo CD applies a folder in sync waves, lowest first, waiting for each wave to be healthy.
 * Namespaces first; then what others need (project, cluster registrations); Istio's CRDs (base)
 * before istiod before the gateway; then the Istio resources and the clusters' platform apps;
 * the fleet's apps last.
 */
export const SYNC_WAVE = {
  namespaces: -3,
  argoCdSetup: -2,
  istioBase: -1,
  istiod: 0,
  clusterConfig: 0,
  istioGateway: 1,
  meshResources: 2,
  platformApps: 2,
  fleetApps: 3,
} as const;

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

export function syncWave(wave: number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(wave) };
}

/** `{ annotations }` for an optional wave, to spread into metadata; nothing when there is none. */
export function syncWaveMetadata(wave: number | undefined): { annotations?: Record<string, string> } {
  return wave !== undefined ? { annotations: syncWave(wave) } : {};
}

/** For custom resources whose CRDs an earlier wave installs: no dry run before the CRD exists. */
export const SKIP_DRY_RUN_ON_MISSING_RESOURCE = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };

/** Annotations of every Istio resource in a cluster folder: after Istio is installed, no dry run before its CRDs exist. */
export const MESH_RESOURCE_ANNOTATIONS: Readonly<Record<string, string>> = { ...syncWave(SYNC_WAVE.meshResources), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE };
