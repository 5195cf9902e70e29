/*
 * Argo CD applies a folder in sync waves, lowest first, and (with the Application health check Argo
 * CD is installed with, see argocd-values.ts) waits for each wave to be healthy before the next.
 *
 * The root app syncs the management cluster's `argocd/` folder in this order:
 *   the platform project → Argo CD itself → the clusters' credential files → (last, not waited for) the
 *   registrations, each cluster's root and the fleet's apps with their projects.
 * Each cluster's root syncs its `argocd/clusters/<cluster>/` folder, the same for every cluster:
 *   operators (charts whose CRDs others need) → the cluster's `_bootstrap` folder (secret stores, the
 *   CA istiod reads) → Istio base and CNI node agent → istiod → other platform charts → the cluster's folder → (last, not
 *   waited for) the gateways, the Metrics Server and the charts that wait on state made by hand.
 * Inside a cluster folder: admission policies, namespaces, then configuration, then mesh resources.
 */
export const SYNC_WAVE = {
  // The root app (management folder `argocd/`). The platform project, which the root, Argo CD and the
  // clusters' roots are in; each app's project is in the last wave with its Applications (fleet-gitops.ts).
  projects: -10,
  argoCd: -9,
  cloudIdentity: -8,
  // A cluster's root (`argocd/clusters/<cluster>/`)
  operators: -7,
  clusterBootstrap: -6,
  istioBase: -5,
  // Istio's CNI node agent, healthy on every node before istiod injects pods that rely on it (istio-cni.ts).
  istioCni: -5,
  istiod: -4,
  platformCharts: -3,
  clusterPlatform: -2,
  // The gateway charts (east-west, ingress): their LoadBalancer Service is Progressing until the cloud
  // gives it an address (gitops-engine pkg/health/health_service.go), never Degraded, so in a waited wave
  // a load balancer that never comes (a quota, a missing subnet tag or role) would hold everything after
  // it for ever, with no failure to retry: the cluster's folder (PeerAuthentication, the mesh's routing,
  // the remote secrets). Nothing waits on a gateway: last, with the charts that wait on the world too.
  gateways: -1,
  // An aggregated API (the Metrics Server's APIService v1beta1.metrics.k8s.io) is Progressing until the API
  // server reaches its pods (gitops-engine pkg/health/health_apiservice.go), never Degraded: in a waited
  // wave, a control plane that cannot reach them would hold the cluster's folder for ever. Last too.
  aggregatedApis: -1,
  // Charts that cannot become healthy before something made by hand outside Git exists (Grafana's admin
  // Secret; Mimir's and Loki's buckets and cloud identity): until then they are Progressing (pods not
  // ready, crash-looping), and in a waited wave they would hold the cluster's folder with them. Last too.
  handMadeState: -1,
  // The root app's last wave: the registrations, the clusters' roots, the fleet's apps and the root
  // itself. A registration shares its cluster root's wave so that removing a (destroyed) cluster prunes
  // both at once: Argo CD prunes waves in reverse (gitops-engine pkg/sync/sync_context.go "reverse of
  // sync wave") and waits for each pruned object to be gone ("if pruned tasks pending deletion, then
  // wait"), and the root's Applications' finalizers give up on a cluster only once its registration
  // is gone (argo-cd controller/appcontroller.go finalizeApplicationDeletion: "Unable to get
  // destination cluster"). A registration in an earlier wave would be pruned after them: never.
  // Applying, Secrets come before Applications within a wave (gitops-engine kind order), and an
  // Application whose cluster is not registered yet waits, it does not fail.
  registrations: -1,
  clusterRoots: -1,
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
  // remote secrets (Degraded until the peer has pushed its token). Both also carry
  // argocd.argoproj.io/ignore-healthcheck (IGNORE_HEALTH), so that the folder's Application is not held
  // Progressing or Degraded by them either: its root waits for that Application's health.
  loadBalancers: 5,
} as const;

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * Leaves an object out of its Application's health (argo-cd controller/health.go: resources with it are
 * skipped), not out of its sync: only for objects in their folder's last wave, which is not waited for.
 */
export const IGNORE_HEALTH = { 'argocd.argoproj.io/ignore-healthcheck': 'true' } as const;

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
