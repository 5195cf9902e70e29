import { GitOpsTree, resolveSources } from './app-source';
import { convergenceProblems } from './convergence';
import { appFile, application, catalog, configMap, fleetLike, folderSource, GITOPS, inputOf, ISTIO_CHARTS, REPO, serviceEntryFile, withFile } from './testing-objects';

const files = [
  { path: 'k8s/a/one.yaml', object: configMap('one', 'x') },
  { path: 'k8s/a/sub/two.yml', object: configMap('two', 'x') },
  { path: 'k8s/a/sub/deeper/three.json', object: configMap('three', 'x') },
  { path: 'k8s/a/notes.txt', object: configMap('notes', 'x') },
];
const tree = new GitOpsTree(files, GITOPS);
const read = (path: string, directory: Record<string, any>) => tree.directoryFiles(path, directory).files.map((f) => f.path);

describe('directory sources (repo-server)', () => {
  test('only the folder itself unless recurse, and only .yaml/.yml/.json(net)', () => {
    expect(read('dist/k8s/a', {})).toEqual(['k8s/a/one.yaml']);
    expect(read('dist/k8s/a', { recurse: true })).toEqual(['k8s/a/one.yaml', 'k8s/a/sub/deeper/three.json', 'k8s/a/sub/two.yml']);
  });

  test('include and exclude are globs on the path below the source path, and * crosses /', () => {
    expect(read('./dist/k8s/a/', { recurse: true, include: '*.yml' })).toEqual(['k8s/a/sub/two.yml']);
    expect(read('dist/k8s/a', { recurse: true, exclude: 'sub/*' })).toEqual(['k8s/a/one.yaml']);
    expect(read('dist/k8s/a', { recurse: true, include: '{one.yaml,sub/two.yml}' })).toEqual(['k8s/a/one.yaml', 'k8s/a/sub/two.yml']);
  });

  test('the repo URL is compared normalized', () => {
    expect(tree.isGitOpsRepo('https://GITHUB.com/acme/gitops')).toBe(true);
    expect(tree.isGitOpsRepo('https://github.com/acme/other.git')).toBe(false);
  });

  test('fails when a source path does not exist, holds nothing readable, covers non-manifest output, or is on another revision', () => {
    const failure = (source: Record<string, any>) => {
      const r = resolveSources({ source }, tree, catalog({}));
      return 'failure' in r ? r.failure : 'resolved';
    };
    expect(failure({ repoURL: REPO, targetRevision: 'main', path: 'dist/k8s/b' })).toContain('does not exist in the GitOps output');
    expect(failure({ repoURL: REPO, targetRevision: 'main', path: 'dist/k8s/a', directory: { include: '*.nothing' } })).toContain('holds no file Argo CD would read');
    expect(failure({ repoURL: REPO, targetRevision: 'main', path: 'dist', directory: { recurse: true } })).toContain('fleetsynth-index.json');
    expect(failure({ repoURL: REPO, targetRevision: 'dev', path: 'dist/k8s/a' })).toContain('targetRevision "dev" is not "main"');
    expect(failure({ repoURL: REPO, targetRevision: 'main', path: 'dist/k8s/a', kustomize: {} })).toContain('kustomize settings');
    expect(failure({ repoURL: 'https://github.com/acme/elsewhere', targetRevision: 'main', path: 'apps' })).toBe('resolved');
  });

  test('a Kustomization outside the output (an app\'s, built as written) stands in as objects in the destination namespace, where Argo CD puts those that name none', () => {
    const r = resolveSources({ source: { repoURL: REPO, targetRevision: 'main', path: 'apps/checkout', kustomize: { ignoreMissingComponents: true } }, destination: { namespace: 'checkout' } }, tree, catalog({}));
    expect('targets' in r && r.targets.map((t) => [t.standIn, t.object.metadata.namespace])).toEqual([[true, 'checkout']]);
  });

  test('fails when an oci:// source names a chart (Argo CD pulls the repoURL as the artifact); the artifact with path "." resolves', () => {
    const failure = (source: Record<string, any>) => {
      const r = resolveSources({ source, destination: { namespace: 'podinfo' } }, tree, catalog({}));
      return 'failure' in r ? r.failure : 'resolved';
    };
    expect(failure({ repoURL: 'oci://ghcr.io/x/charts', chart: 'c', targetRevision: '1.0.0' })).toBe('source repoURL "oci://ghcr.io/x/charts" is an OCI artifact, so Argo CD ignores chart "c" and pulls the artifact itself: use repoURL "oci://ghcr.io/x/charts/c" with path "."');
    expect(failure({ repoURL: 'oci://ghcr.io/x/charts/c', path: '.', targetRevision: '1.0.0' })).toBe('resolved');
  });

  test('a chart brings its CRDs and cluster-scoped objects, and namespaced objects in the destination namespace', () => {
    const r = resolveSources({ source: { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', targetRevision: '1.30.3' }, destination: { namespace: 'istio-system' } }, tree, catalog(ISTIO_CHARTS));
    expect('targets' in r && r.targets.map((t) => `${t.object.kind}${t.standIn ? ' (stand-in)' : ''}`)).toEqual(['CustomResourceDefinition', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'ConfigMap (stand-in)']);
  });
});

describe('sources in the convergence check', () => {
  test('fails when an Application’s path is wrong, and its files are orphans', () => {
    const files2 = withFile(fleetLike(), appFile('aws-prod-platform'), application('aws-prod-platform', { wave: 2, source: folderSource('k8s/aws/aws-prd'), destination: { name: 'aws-prod' } }));
    const problems = convergenceProblems(inputOf(files2));
    expect(problems).toContainEqual({ path: appFile('aws-prod-platform'), message: 'Application aws-prod-platform: source path "dist/k8s/aws/aws-prd" does not exist in the GitOps output (Argo CD: app path does not exist)' });
    expect(problems).toContainEqual({ path: serviceEntryFile('aws-prod'), message: expect.stringContaining("ServiceEntry api: no Application's source reads this file (an orphan)") });
  });
});
