import { closest, Problem, ResolvedFleet, stackName } from '../fleet';
import { OutputIndex } from './output-index';
import { TERRAFORM_DIR } from './render-fleet';

const CLUSTER_FOLDER = /^k8s\/(?:aws|gcp|azure)\/([a-z0-9-]+)\//;
const PLATFORM_PROJECT = /^k8s\/(?:aws|gcp|azure)\/[a-z0-9-]+\/argocd\/appproject\.argoproj\.io_([a-z0-9-]+)-platform\.yaml$/;

/** The clusters a previous synth wrote: their folders `k8s/<cloud>/<cluster>/`. */
export function previousClusters(previous: OutputIndex): Set<string> {
  return new Set(Object.keys(previous.files).map((p) => CLUSTER_FOLDER.exec(p)?.[1]).filter((n): n is string => n !== undefined));
}

/**
 * A cluster the previous synth wrote (its folder and its stack) that the fleet no longer has: synth
 * would prune its stack folder, after which nothing in the repository can destroy what the stack
 * created (the pipeline skips a folder without `cdk.tf.json`), and Argo CD lets go of it without
 * deleting what runs on it (see sync-wave.ts, registrations). Renaming a cluster does the same to the
 * old one. So it is an error unless the cluster is in `allowed`: after destroying it (README,
 * "Decommissioning a cluster"). `dropped`: the fleet-wide stacks this synth drops too (an
 * interconnect pair the cluster was its cloud's last member of), named so that one refusal gives the
 * whole procedure (stack-removal-guard.ts refuses each of them).
 */
export function removedClusters(fleet: ResolvedFleet, previous: OutputIndex | undefined, allowed: readonly string[] = [], dropped: readonly string[] = []): Problem[] {
  if (!previous) return [];
  const names = new Set(fleet.clusters.map((c) => c.name));
  const stacks = new Set(fleet.clusters.map((c) => stackName(c)));
  const gone = [...previousClusters(previous)].filter((name) => !names.has(name) && !stacks.has(name) && `${TERRAFORM_DIR}/stacks/${name}/cdk.tf.json` in previous.files);
  const also = dropped.length === 0 ? '' : ` ${dropped.length === 1 ? 'stack' : 'stacks'} ${dropped.join(', ')}`;
  return gone
    .filter((name) => !allowed.includes(name))
    .sort()
    .map((name) => {
      const renamed = closest(name, [...names]);
      return {
        path: 'clusters',
        message: `cluster ${name}, which the previous synth wrote, is no longer in the fleet${renamed ? ` (renamed to ${renamed}? a renamed cluster is a new one)` : ''}: synth would prune its stack folder, after which nothing here can destroy what its stack created, and Argo CD would let go of what runs on it${also ? `; with it this synth drops${also}, whose resources would go unmanaged the same way` : ''}`,
        given: `no cluster ${JSON.stringify(name)}`,
        allowed: also
          ? `destroy${also} and its own stack first (README, "Decommissioning a cluster", in its order), then synth with --allow-cluster-removal ${name} ${dropped.map((s) => `--allow-replace ${s}`).join(' ')}; or keep it in the fleet`
          : `destroy its stack first (README, "Decommissioning a cluster"), then synth with --allow-cluster-removal ${name}; or keep it in the fleet`,
      };
    });
}

/**
 * The fleet's name, against the previous synth's (its platform project `<fleet>-platform`): every
 * Argo CD name derives from it, the root app included, so the running root would sync a folder whose
 * objects all belong to another root and prune its own children. A renamed fleet is a new fleet.
 */
export function renamedFleet(fleet: ResolvedFleet, previous: OutputIndex | undefined): Problem[] {
  if (!previous) return [];
  const before = new Set(Object.keys(previous.files).map((p) => PLATFORM_PROJECT.exec(p)?.[1]).filter((n): n is string => n !== undefined));
  if (before.size === 0 || before.has(fleet.name)) return [];
  const old = [...before].sort()[0];
  return [{
    path: 'name',
    message: `the previous synth wrote fleet ${JSON.stringify(old)} here; every Argo CD name derives from the fleet's (the root app ${old}-root, the projects), so its running root app would prune the fleet's Applications`,
    given: JSON.stringify(fleet.name),
    allowed: `${JSON.stringify(old)} as before; a fleet with a new name is a new fleet: synth it into another output folder (--out) and bootstrap it`,
  }];
}
