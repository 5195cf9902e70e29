import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { gitopsRevisionChange } from './gitops-revision-guard';
import { OutputIndex } from './output-index';

// The full test fleet: acme-platform, its management cluster mgmt on aws.
const ROOT = 'k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml';
const PREVIOUS: OutputIndex = { generator: 'fleetsynth', files: { [ROOT]: 'x' } };
const rootReading = (targetRevision: string) => (p: string) =>
  (p === ROOT ? `apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    repoURL: https://github.com/acme/platform-gitops.git\n    targetRevision: ${targetRevision}\n    path: dist/k8s/aws/mgmt/argocd\n` : undefined);
const withRevision = (targetRevision: string) => {
  const f = fullFleet() as any;
  f.gitops.targetRevision = targetRevision;
  return resolveFleet(f);
};

describe('gitopsRevisionChange', () => {
  test('nothing without a previous synth, or when the root app reads the same revision', () => {
    expect(gitopsRevisionChange(withRevision('release'), undefined, rootReading('main'), false)).toEqual([]);
    expect(gitopsRevisionChange(withRevision('main'), PREVIOUS, rootReading('main'), false)).toEqual([]);
  });

  test('nothing when only the way the branch is written changes: Argo CD resolves `main` and `refs/heads/main` to one commit', () => {
    expect(gitopsRevisionChange(withRevision('refs/heads/main'), PREVIOUS, rootReading('main'), false)).toEqual([]);
    expect(gitopsRevisionChange(withRevision('main'), PREVIOUS, rootReading('refs/heads/main'), false)).toEqual([]);
    expect(gitopsRevisionChange(withRevision('refs/tags/main'), PREVIOUS, rootReading('main'), false)).toHaveLength(1);
  });

  test('fails when gitops.targetRevision leaves the revision the previous root app reads, at gitops.targetRevision, naming the flag', () => {
    expect(gitopsRevisionChange(withRevision('release'), PREVIOUS, rootReading('main'), false)).toEqual([
      {
        path: 'gitops.targetRevision',
        message: 'the running root app acme-platform-root reads main, as the previous synth wrote it; it learns release by syncing this commit from main, then syncs whatever release holds: without this commit there, Argo CD applies an older output (pruning the Applications it lacks, with what they deployed) or stops at a revision it cannot resolve',
        given: '"release"',
        allowed: '"main" as before; or, once this commit will be pushed to both main and release (README, "Following another branch"), synth with --allow-change gitops-revision-change',
      },
    ]);
  });

  test('passes with --allow-change gitops-revision-change (the commit pushed to both); the next synth reads the new revision', () => {
    expect(gitopsRevisionChange(withRevision('release'), PREVIOUS, rootReading('main'), true)).toEqual([]);
    expect(gitopsRevisionChange(withRevision('release'), PREVIOUS, rootReading('release'), false)).toEqual([]);
  });
});
