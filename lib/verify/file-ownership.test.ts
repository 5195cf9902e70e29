import { convergenceProblems } from './convergence';
import { appFile, application, configMap, fleetLike, folderSource, inputOf, PROJECT_FILE, ROOT_FILE, ROOT_WAVE, rootApplication, serviceEntryFile, withFile } from './testing-objects';

describe('file ownership', () => {
  test('fails when no Application reads a file (an orphan)', () => {
    const files = withFile(fleetLike(), 'k8s/aws/stray/configmap_x.yaml', configMap('x', 'default'));
    expect(convergenceProblems(inputOf(files))).toEqual([
      { path: 'k8s/aws/stray/configmap_x.yaml', message: "ConfigMap x: no Application's source reads this file (an orphan): Argo CD never applies it" },
    ]);
  });

  test('fails when two Applications read one file: a recursive parent folder and a child folder', () => {
    const files = withFile(
      fleetLike(),
      appFile('aws-prod-istio-config'),
      application('aws-prod-istio-config', { wave: 2, source: folderSource('k8s/aws/aws-prod/istio-system'), destination: { name: 'aws-prod' } }),
    );
    expect(convergenceProblems(inputOf(files))).toEqual([
      {
        path: serviceEntryFile('aws-prod'),
        message: 'ServiceEntry api: 2 Applications read this file (aws-prod-istio-config, aws-prod-platform): they would fight over the object (SharedResourceWarning)',
      },
    ]);
  });

  test('fails when only the bootstrap applies a file', () => {
    // GIVEN the root reads only the argocd folder's Applications, not the project the bootstrap applied
    const files = withFile(fleetLike(), ROOT_FILE, rootApplication(ROOT_WAVE, { recurse: true, exclude: 'argocd/appproject*' }));
    expect(convergenceProblems(inputOf(files))).toEqual([
      { path: PROJECT_FILE, message: 'AppProject acme: only the bootstrap applies it and no Application\'s source reads it, so Argo CD never syncs a change to it' },
    ]);
  });
});
