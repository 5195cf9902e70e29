import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { formerRepositoriesLeft, gitopsRepoChange } from './gitops-repo-guard';
import { OutputIndex } from './output-index';

// The full test fleet: acme-platform, its management cluster mgmt on aws, gitops.repoURL https://github.com/acme/platform-gitops.git.
const ROOT = 'k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml';
const OLD = 'https://github.com/acme/platform-gitops.git';
const NEW = 'https://github.com/acme/new-gitops.git';
const PREVIOUS: OutputIndex = { generator: 'fleetsynth', files: { [ROOT]: 'x' } };
const rootReading = (repoURL: string) => (p: string) => (p === ROOT ? `apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    repoURL: ${repoURL}\n    path: dist/k8s/aws/mgmt/argocd\n` : undefined);
const withRepo = (repoURL: string, formerRepoURLs?: string[]) => {
  const f = fullFleet() as any;
  f.gitops.repoURL = repoURL;
  if (formerRepoURLs) f.gitops.formerRepoURLs = formerRepoURLs;
  return resolveFleet(f);
};

describe('gitopsRepoChange', () => {
  test('nothing without a previous synth, or when the root app reads the same repository (as Argo CD compares them: case, .git)', () => {
    expect(gitopsRepoChange(withRepo(NEW), undefined, rootReading(OLD))).toEqual([]);
    expect(gitopsRepoChange(withRepo(OLD), PREVIOUS, rootReading(OLD))).toEqual([]);
    expect(gitopsRepoChange(withRepo('https://github.com/Acme/platform-gitops'), PREVIOUS, rootReading(OLD))).toEqual([]);
  });

  test('fails when gitops.repoURL leaves the repository the previous root app reads, at gitops.repoURL, with the two-commit move', () => {
    expect(gitopsRepoChange(withRepo(NEW), PREVIOUS, rootReading(OLD))).toEqual([
      {
        path: 'gitops.repoURL',
        message: `the running root app acme-platform-root reads ${OLD}, as the previous synth wrote it; it learns the new repository only by syncing its own Application, a wave after acme-platform-platform, and once that project no longer permits ${OLD} Argo CD marks the root's spec invalid ("application repo … is not permitted in project") and runs no sync of it: the root never applies the new repository, nor any later commit`,
        given: JSON.stringify(NEW),
        allowed: `"${OLD}" as before; or move in two commits (README, "Moving the GitOps repository"): list "${OLD}" in gitops.formerRepoURLs, push that commit to both repositories and wait until every Application reads the new one, then remove it`,
      },
    ]);
    // Another former repository does not keep this one permitted.
    expect(gitopsRepoChange(withRepo(NEW, ['https://github.com/acme/older.git']), PREVIOUS, rootReading(OLD))).toHaveLength(1);
  });

  test('the old repository in gitops.formerRepoURLs passes (commit 1); once the root reads the new one, it may go (commit 2)', () => {
    expect(gitopsRepoChange(withRepo(NEW, [OLD]), PREVIOUS, rootReading(OLD))).toEqual([]);
    expect(gitopsRepoChange(withRepo(NEW), PREVIOUS, rootReading(NEW))).toEqual([]);
  });
});

describe('formerRepositoriesLeft', () => {
  test('a reminder once the previous root reads gitops.repoURL while gitops.formerRepoURLs still lists repositories; nothing before that, without a list or a previous synth', () => {
    expect(formerRepositoriesLeft(withRepo(NEW, [OLD]), PREVIOUS, rootReading('https://github.com/acme/NEW-gitops'))).toEqual([
      `gitops.formerRepoURLs still lists ${OLD}, and the root app acme-platform-root reads https://github.com/acme/NEW-gitops since the previous synth: once no Application reads a former repository, remove the list (README, "Moving the GitOps repository", step 2); until then the fleet's projects keep permitting it`,
    ]);
    // commit 1's synth: the root still reads the old one, the list is needed
    expect(formerRepositoriesLeft(withRepo(NEW, [OLD]), PREVIOUS, rootReading(OLD))).toEqual([]);
    expect(formerRepositoriesLeft(withRepo(NEW), PREVIOUS, rootReading(NEW))).toEqual([]);
    expect(formerRepositoriesLeft(withRepo(NEW, [OLD]), undefined, rootReading(NEW))).toEqual([]);
  });
});
