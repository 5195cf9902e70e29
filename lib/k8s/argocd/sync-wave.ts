/*
 * Argo CD applies a folder in sync waves, lowest first, and (with the Application health check Argo
 * CD is installed with, see argocd-values.ts) waits for each wave to be healthy before the next.
 *
 * The root app syncs the management cluster's `argocd/` folder in this order, the same for every
 * cluster (a new cluster simply adds files in these waves):
 *   projects → Argo CD itself → registrations → operators (charts whose CRDs others need) →
 *   each cluster's `_bootstrap` folder (secret stores, the CA istiod reads) → Istio base → istiod →
 *   gateways and other platform charts → each cluster's folder → the fleet's apps.
 * Inside a cluster folder: admission policies, namespaces, then configuration, then mesh resources.
 */
export const SYNC_WAVE = {
  // The root app (management folder `argocd/`)
  projects: -10,
  argoCd: -9,
  registrations: -8,
  operators: -7,
  clusterBootstrap: -6,
  istioBase: -5,
  istiod: -4,
  gateways: -3,
  platformCharts: -3,
  clusterPlatform: -2,
  fleetApps: -1,
  // Inside one cluster's folder (its bootstrap and platform Applications)
  // Admission policies guard the namespaces they select from the moment those exist.
  admissionPolicies: -4,
  namespaces: -3,
  clusterConfig: 0,
  meshResources: 2,
  // The final wave of a cluster folder, which Argo CD applies without waiting for its health (gitops-engine
  // sync_context.go: "successful EVEN if those objects subsequently degrades"); every earlier wave is
  // waited for, and a Degraded object in one fails the sync (argocd.argoproj.io/ignore-healthcheck only
  // leaves an object out of the Application's health, controller/health.go). Here: what waits on the
  // world outside the folder, a LoadBalancer Service (Progressing until its address exists) and the
  // remote secrets (Degraded until the peer has pushed its token).
  loadBalancers: 5,
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
