import { Problem, ResolvedFleet, rootAppName } from '../fleet';
import { previousRoot } from './previous-root';
import { OutputIndex } from './output-index';
import type { ReadPrevious } from './app-removal-guard';

/**
 * `gitops.path` against the previous synth's: its root app reads `<gitops.path>/k8s/<cloud>/<management>/argocd`.
 * The running root app takes its source from its own spec, which only a sync of the old folder can
 * change: once the old folder is gone from the repository, Argo CD stops at "app path does not exist"
 * (argo-cd v3.4.4 util/app/path/path.go) and no later commit reaches the fleet until someone patches
 * the root by hand. So a changed path is an error unless `allowed`: the first step of the README's
 * two-commit move ("Moving the output in the repository"), which writes the new path into the old folder too.
 */
export function gitopsPathChange(fleet: ResolvedFleet, previous: OutputIndex | undefined, read: ReadPrevious, allowed: boolean): Problem[] {
  if (allowed) return [];
  const root = previousRoot(fleet, previous, read);
  const before = root?.source.path;
  const folder = root?.folder;
  // Another management cluster, or a root that is not as synth wrote it: for other guards, or not synth's.
  if (before === undefined || folder === undefined || !before.endsWith(`/${folder}`)) return [];
  const old = before.slice(0, -folder.length - 1);
  // `./dist` is `dist` to Argo CD, which joins the path onto the checkout (filepath.Join cleans it).
  const clean = (p: string) => p.split('/').filter((s) => s !== '.').join('/');
  if (clean(old) === clean(fleet.gitops.path)) return [];
  return [{
    path: 'gitops.path',
    message: `the running root app ${rootAppName(fleet)} reads ${before}, as the previous synth wrote it; it learns the new path only by syncing that folder, and once the folder is gone from the repository it stops at "app path does not exist" and applies no later commit`,
    given: JSON.stringify(fleet.gitops.path),
    allowed: `${JSON.stringify(old)} as before; or move in two commits (README, "Moving the output in the repository"): synth with --allow-gitops-path-change into the old folder, and without it into the new one, commit both and wait for the root app to sync, then remove the old folder`,
  }];
}
