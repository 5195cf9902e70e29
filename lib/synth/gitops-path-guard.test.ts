import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { gitopsPathChange } from './gitops-path-guard';
import { OutputIndex } from './output-index';

// The full test fleet: acme-platform, its management cluster mgmt on aws, gitops.path "dist".
const ROOT = 'k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml';
const PREVIOUS: OutputIndex = { generator: 'fleetsynth', files: { [ROOT]: 'x' } };
const rootReading = (path: string) => (p: string) => (p === ROOT ? `apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    path: ${path}\n` : undefined);
const withPath = (path: string) => {
  const f = fullFleet();
  f.gitops.path = path;
  return resolveFleet(f);
};

describe('gitopsPathChange', () => {
  test('nothing without a previous synth, or when the root app reads where the fleet says (./ aside)', () => {
    expect(gitopsPathChange(withPath('platform/dist'), undefined, rootReading('dist/k8s/aws/mgmt/argocd'), false)).toEqual([]);
    expect(gitopsPathChange(withPath('dist'), PREVIOUS, rootReading('dist/k8s/aws/mgmt/argocd'), false)).toEqual([]);
    expect(gitopsPathChange(withPath('./dist'), PREVIOUS, rootReading('dist/k8s/aws/mgmt/argocd'), false)).toEqual([]);
  });

  test('fails when gitops.path differs from the path the previous synth\'s root app reads, at gitops.path, with the two-commit move', () => {
    expect(gitopsPathChange(withPath('platform/dist'), PREVIOUS, rootReading('dist/k8s/aws/mgmt/argocd'), false)).toEqual([
      {
        path: 'gitops.path',
        message: 'the running root app acme-platform-root reads dist/k8s/aws/mgmt/argocd, as the previous synth wrote it; it learns the new path only by syncing that folder, and once the folder is gone from the repository it stops at "app path does not exist" and applies no later commit',
        given: '"platform/dist"',
        allowed: '"dist" as before; or move in two commits (README, "Moving the output in the repository"): synth with --allow-gitops-path-change into the old folder, and without it into the new one, commit both and wait for the root app to sync, then remove the old folder',
      },
    ]);
  });

  test('the change allowed passes; a root the previous synth did not write so (another management cluster) is not this guard\'s', () => {
    expect(gitopsPathChange(withPath('platform/dist'), PREVIOUS, rootReading('dist/k8s/aws/mgmt/argocd'), true)).toEqual([]);
    expect(gitopsPathChange(withPath('platform/dist'), PREVIOUS, rootReading('dist/k8s/gcp/mgmt/argocd'), false)).toEqual([]);
  });
});
