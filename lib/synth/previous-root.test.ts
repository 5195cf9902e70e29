import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { previousRoot } from './previous-root';
import { OutputIndex } from './output-index';

// The full test fleet: acme-platform, its management cluster mgmt on aws.
const ROOT = 'k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml';
const PREVIOUS: OutputIndex = { generator: 'fleetsynth', files: { [ROOT]: 'x' } };
const fleet = resolveFleet(fullFleet());
const reading = (text: string | undefined) => (p: string) => (p === ROOT ? text : undefined);

describe('previousRoot', () => {
  test('the root app the previous synth wrote into the management cluster\'s argocd/ folder, its source as written', () => {
    expect(previousRoot(fleet, PREVIOUS, reading('spec:\n  source:\n    repoURL: https://github.com/acme/x.git\n    targetRevision: main\n    path: dist/k8s/aws/mgmt/argocd\n'))).toEqual({
      folder: 'k8s/aws/mgmt/argocd',
      source: { repoURL: 'https://github.com/acme/x.git', targetRevision: 'main', path: 'dist/k8s/aws/mgmt/argocd' },
    });
    expect(previousRoot(fleet, PREVIOUS, reading('spec:\n  source:\n    repoURL: 3\n'))).toEqual({ folder: 'k8s/aws/mgmt/argocd', source: { repoURL: undefined, targetRevision: undefined, path: undefined } });
  });

  test('none without a previous synth, a root elsewhere, a file that cannot be read or has no source', () => {
    expect(previousRoot(fleet, undefined, reading('spec: {}'))).toBeUndefined();
    expect(previousRoot(fleet, { generator: 'fleetsynth', files: {} }, reading('spec: {}'))).toBeUndefined();
    expect(previousRoot(fleet, PREVIOUS, reading(undefined))).toBeUndefined();
    expect(previousRoot(fleet, PREVIOUS, reading('spec: {}'))).toBeUndefined();
  });
});
