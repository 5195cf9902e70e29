import { Problem, ResolvedFleet, platformProjectName, rootAppName } from '../fleet';
import { normalizeGitURL } from '../verify/argo-project';
import { previousRoot } from './previous-root';
import { OutputIndex } from './output-index';
import type { ReadPrevious } from './app-removal-guard';

/**
 * `gitops.repoURL` against the repository the previous synth's root app reads. The root learns the new
 * one only by syncing its own Application, in a later wave than its project: once the project no
 * longer lists the old repository (the root applied it: its change refreshes the root, argo-cd v3.4.4
 * controller/appcontroller.go handleObjectUpdated), ValidatePermissions marks the root's still-old
 * source InvalidSpecError "application repo … is not permitted in project" (util/argo/argo.go), the
 * running sync ends on that condition (controller/sync.go SyncAppState) and every refresh stops at it
 * before auto-sync (appcontroller.go processAppRefreshQueueItem, refreshAppConditions): the root never
 * applies its new spec, nor any later commit, until someone patches it by hand. The clusters' roots,
 * whose spec only the root applies, stay on the old repository with it. So a new repository is an error unless
 * the old one is in `gitops.formerRepoURLs`, which the projects keep permitting (fleet-gitops.ts).
 * Repositories are compared as Argo CD compares them (util/git NormalizeGitURL).
 */
export function gitopsRepoChange(fleet: ResolvedFleet, previous: OutputIndex | undefined, read: ReadPrevious): Problem[] {
  const before = previousRoot(fleet, previous, read)?.source.repoURL;
  if (before === undefined) return [];
  const same = (url: string) => normalizeGitURL(url) === normalizeGitURL(before);
  if (same(fleet.gitops.repoURL) || fleet.gitops.formerRepoURLs.some(same)) return [];
  return [{
    path: 'gitops.repoURL',
    message: `the running root app ${rootAppName(fleet)} reads ${before}, as the previous synth wrote it; it learns the new repository only by syncing its own Application, a wave after ${platformProjectName(fleet)}, and once that project no longer permits ${before} Argo CD marks the root's spec invalid ("application repo … is not permitted in project") and runs no sync of it: the root never applies the new repository, nor any later commit`,
    given: JSON.stringify(fleet.gitops.repoURL),
    allowed: `${JSON.stringify(before)} as before; or move in two commits (README, "Moving the GitOps repository"): list ${JSON.stringify(before)} in gitops.formerRepoURLs, push that commit to both repositories and wait until every Application reads the new one, then remove it`,
  }];
}

/**
 * A reminder for the move's second commit: once the previous synth's root reads `gitops.repoURL`, the
 * repositories still in `gitops.formerRepoURLs` only keep the projects permitting what nothing should read
 * any more. Not an error: until every Application reads the new repository they are still needed, which
 * synth cannot see.
 */
export function formerRepositoriesLeft(fleet: ResolvedFleet, previous: OutputIndex | undefined, read: ReadPrevious): string[] {
  const before = previousRoot(fleet, previous, read)?.source.repoURL;
  const former = fleet.gitops.formerRepoURLs;
  if (before === undefined || former.length === 0 || normalizeGitURL(before) !== normalizeGitURL(fleet.gitops.repoURL)) return [];
  return [
    `gitops.formerRepoURLs still lists ${former.join(', ')}, and the root app ${rootAppName(fleet)} reads ${before} since the previous synth: once no Application reads a former repository, remove the list (README, "Moving the GitOps repository", step 2); until then the fleet's projects keep permitting it`,
  ];
}
