import { Problem, ResolvedFleet, rootAppName } from '../fleet';
import { previousRoot } from './previous-root';
import { OutputIndex } from './output-index';
import type { ReadPrevious } from './app-removal-guard';

/** The change this guard refuses, by name (`--allow-change gitops-revision-change`). */
export const GITOPS_REVISION_CHANGE = 'gitops-revision-change';

/**
 * `gitops.targetRevision` against the revision the previous synth's root app reads. The running root
 * reads the old revision and learns the new one only by syncing its own Application from there; from
 * then on it syncs whatever the new revision holds, itself included, with prune. A new revision that
 * lacks this commit sends the fleet back to an older output: the root prunes the Applications that output
 * does not have (their resources finalizers delete what they deployed) and applies its own older spec,
 * which names the old revision again; every swap is a new revision or source to auto-sync, so it is never
 * "already attempted" (argo-cd v3.4.4 controller/appcontroller.go autoSync, alreadyAttemptedSync) and the
 * root flips between the two outputs. A revision that does not exist stops it at a ComparisonError. Synth
 * cannot see the branches, so a changed revision is an error unless `allowed`, once this commit is pushed
 * to both (README, "Following another branch").
 */
export function gitopsRevisionChange(fleet: ResolvedFleet, previous: OutputIndex | undefined, read: ReadPrevious, allowed: boolean): Problem[] {
  if (allowed) return [];
  const before = previousRoot(fleet, previous, read)?.source.targetRevision;
  if (before === undefined || sameBranch(before, fleet.gitops.targetRevision)) return [];
  return [{
    path: 'gitops.targetRevision',
    message: `the running root app ${rootAppName(fleet)} reads ${before}, as the previous synth wrote it; it learns ${fleet.gitops.targetRevision} by syncing this commit from ${before}, then syncs whatever ${fleet.gitops.targetRevision} holds: without this commit there, Argo CD applies an older output (pruning the Applications it lacks, with what they deployed) or stops at a revision it cannot resolve`,
    given: JSON.stringify(fleet.gitops.targetRevision),
    allowed: `${JSON.stringify(before)} as before; or, once this commit will be pushed to both ${before} and ${fleet.gitops.targetRevision} (README, "Following another branch"), synth with --allow-change ${GITOPS_REVISION_CHANGE}`,
  }];
}

/**
 * Whether two revisions name one branch as Argo CD resolves them: equal, or a branch's short name and its
 * full ref (`main`, `refs/heads/main`). Argo CD matches a short revision against each ref's short name and
 * a full one against the ref's name, and takes the first ref that matches (argo-cd v3.4.4 util/git/client.go
 * LsRemote, util/git/git.go IsShortRef). Only a tag of the same name tells them apart, and then the short
 * name was ambiguous to Argo CD already: the full one is the branch.
 */
function sameBranch(a: string, b: string): boolean {
  return a === b || a === `refs/heads/${b}` || b === `refs/heads/${a}`;
}
