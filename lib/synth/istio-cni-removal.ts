import { CLUSTER_APPLICATION, clusterApplicationName, ResolvedFleet } from '../fleet';

/**
 * The synth that takes Istio's CNI node agent off a running cluster (`istioCni: false`, its Application
 * `<cluster>-istio-cni` pruned): what its root's sync then does that no other sync does, and what is left to
 * the user. The Application carries `PruneLast=true` (istio-cni.ts), so its prune moves to a wave after the
 * root's last (argo-cd v3.4.7 gitops-engine/pkg/sync/sync_context.go getSyncTasks: `syncPhaseLastWave + 1`),
 * and that last wave (-1: the gateways, the Metrics Server, the charts that wait on state made by hand;
 * sync-wave.ts), never waited for otherwise, is waited for in this one sync: the root runs on while one of
 * its Applications is Progressing (same file, Sync: "if (a) we are multi-step and we have any running tasks
 * ... then wait"), with no timeout by default (cmd/argocd-application-controller `--sync-timeout` 0), and an
 * automated sync starts no other operation meanwhile (controller/appcontroller.go autoSync: "Skipping auto-sync:
 * another operation is in progress"), so it applies no newer commit.
 * And the pods injected for the agent are the user's to restart once istiod injects `istio-init` again.
 * `stale`: the files this synth prunes (plan.ts).
 */
export function istioCniRemovalWarnings(fleet: ResolvedFleet, stale: readonly string[]): string[] {
  return fleet.clusters
    .filter((c) => c.istioCni === false)
    .filter((c) => stale.some((p) => p.endsWith(`/application.argoproj.io_${clusterApplicationName(c, CLUSTER_APPLICATION.istioCni)}.yaml`)))
    .map((c) => {
      const root = clusterApplicationName(c, CLUSTER_APPLICATION.root);
      return `cluster ${c.name}: istioCni false prunes ${clusterApplicationName(c, CLUSTER_APPLICATION.istioCni)} last, so ${root}'s sync waits for every wave to be healthy first, its last included (the gateways, the Metrics Server, the charts that wait on state made by hand), which no other sync waits for: while one of them is Progressing the sync keeps running and applies no newer commit (end it with argocd app terminate-op ${root}); once istiod injects istio-init again, restart every injected workload and delete the pods left waiting in istio-validation (README, "Pod Security in the apps' namespaces")`;
    });
}
