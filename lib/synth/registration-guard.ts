import * as path from 'path';
import { ARGOCD_NAMESPACE, argocdRegistration, clusterManifestFolder, ClusterOutputs, HeldBack, managementCluster, Problem, ResolvedFleet } from '../fleet';
import { OutputIndex } from './output-index';

/** What synth does about the clusters the previous synth registered with Argo CD. */
export interface RegistrationGuard {
  /** Registrations this synth would remove: errors, nothing is written. */
  readonly problems: readonly Problem[];
  /**
   * Clusters whose registration is held back only because their stack trusts what Argo CD ran as
   * before: synth writes their stack (the new trust) and keeps every other file of theirs as the
   * previous synth wrote it, their registration and every Application targeting them included.
   */
  readonly kept: readonly string[];
  /** The render's held-back list, a kept registration said to be kept. */
  readonly heldBack: readonly HeldBack[];
}

const REGISTRATION = 'Argo CD registration';

/**
 * A cluster the previous synth registered with Argo CD that is still in the fleet but whose
 * Terraform outputs are missing now (a pipeline that lost its outputs folder). Writing would remove
 * its registration and every Application targeting it; Argo CD would prune them (its root among them), and each
 * Application's resources finalizer would then delete everything on the cluster. So it is an error:
 * restore the outputs, or remove the cluster from the fleet to decommission it on purpose.
 *
 * The same holds for a cluster that has outputs but whose registration is held back now because
 * something is missing (its Argo CD access in its outputs, or the management cluster's outputs:
 * lib/fleet/argocd-access.ts): `heldBack` names why. A cluster whose access is all there but
 * trusts something else (the management cluster was replaced) is not an error: it is kept, or
 * the stack that carries the new trust could never be written. Argo CD cannot reach it until that
 * stack is applied again, and deletes nothing meanwhile.
 */
export function guardRegistrations(
  fleet: ResolvedFleet,
  outputs: ReadonlyMap<string, ClusterOutputs>,
  pending: readonly string[],
  previous: OutputIndex | undefined,
  outputsDir: string,
  heldBack: readonly HeldBack[],
): RegistrationGuard {
  if (!previous) return { problems: [], kept: [], heldBack };
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}`;
  const wasRegistered = (name: string) => `${folder}/secret_cluster-${name}.yaml` in previous.files;
  const isRegistration = (name: string) => (h: HeldBack) => h.subject === name && h.what.startsWith(REGISTRATION);
  const heldNow = fleet.clusters
    .filter((c) => c.role === 'workload' && !pending.includes(c.name) && wasRegistered(c.name))
    .flatMap((c) => {
      const r = argocdRegistration(fleet, outputs, c);
      return r.ready ? [] : [{ name: c.name, trustChanged: r.trustChanged !== undefined }];
    });
  const kept = heldNow.filter((c) => c.trustChanged).map((c) => c.name);
  const held = heldNow
    .filter((c) => !c.trustChanged)
    .flatMap((c) => heldBack.filter(isRegistration(c.name)))
    .map((h) => ({
      path: `clusters[${h.subject}]`,
      message: 'was registered with Argo CD by the previous synth but its registration would be held back now; writing would unregister it and Argo CD would delete everything its Applications deployed',
      given: `waiting for ${h.waitingFor}`,
      allowed: `restore the Terraform outputs Argo CD's access was registered with (${path.join(outputsDir, `${h.subject}.json`)} and the management cluster's), or remove the cluster from the fleet to decommission it`,
    }));
  const problems = pending
    .filter(wasRegistered)
    .map((name) => ({
      path: `clusters[${name}]`,
      message: 'was registered with Argo CD by the previous synth but its Terraform outputs are missing now; writing would unregister it and Argo CD would delete everything its Applications deployed',
      given: `no ${path.join(outputsDir, `${name}.json`)}`,
      allowed: `restore ${path.join(outputsDir, `${name}.json`)} (terraform output -json of its stack), or remove the cluster from the fleet to decommission it`,
    }) as Problem)
    .concat(held);
  return {
    problems,
    kept,
    heldBack: heldBack.map((h) => (kept.some((name) => isRegistration(name)(h)) ? { ...h, what: `${h.what}, kept as the previous synth wrote them; Argo CD cannot reach the cluster until then` } : h)),
  };
}
