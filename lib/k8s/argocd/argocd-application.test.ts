import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { ArgoCdApplication, ArgoCdApplicationProps } from './argocd-application';

const props: ArgoCdApplicationProps = {
  name: 'checkout',
  project: 'acme',
  source: { repoURL: 'https://github.com/acme/gitops.git', targetRevision: 'main', path: 'dist/k8s/aws/aws-prod', recurse: true },
  destination: { name: 'aws-prod' },
};

describe('ArgoCdApplication', () => {
  test('syncs automatically with prune and selfHeal, creates the namespace, retries with backoff, each retry on the newest commit', () => {
    const [app] = synthChart((c) => new ArgoCdApplication(c, 'app', props));
    expect(app).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'checkout', namespace: 'argocd' } });
    expect(app.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
      // refresh: a fix pushed while a broken commit is retried is what the next retry syncs (Argo CD RetryStrategy.Refresh)
      retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '300s' }, refresh: true },
    });
    expect(app.spec.source).toEqual({ repoURL: 'https://github.com/acme/gitops.git', targetRevision: 'main', path: 'dist/k8s/aws/aws-prod', directory: { recurse: true } });
    // Removing it from Git deletes what it deployed, instead of orphaning it.
    expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(app).toMatchSnapshot();
  });

  test('an Application that ignores a field lets its syncs keep the live value too (RespectIgnoreDifferences), and only then', () => {
    const ignoreDifferences = [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'v', jsonPointers: ['/webhooks/0/failurePolicy'] }];
    const [ignoring] = synthChart((c) => new ArgoCdApplication(c, 'app', { ...props, ignoreDifferences }));
    expect(ignoring.spec.ignoreDifferences).toEqual(ignoreDifferences);
    expect(ignoring.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'ServerSideApply=true', 'RespectIgnoreDifferences=true']);
    const [plain] = synthChart((c) => new ArgoCdApplication(c, 'app', props));
    expect(plain.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });

  test('a Helm chart source with values, a sync wave and namespace labels', () => {
    const [app] = synthChart((c) => new ArgoCdApplication(c, 'app', {
      ...props,
      source: { repoURL: 'https://charts.example.com', chart: 'podinfo', targetRevision: '6.7.1', helm: { releaseName: 'podinfo', valuesObject: { replicaCount: 2 } } },
      syncWave: 3,
      syncPolicy: { managedNamespaceLabels: { team: 'web' }, prune: false },
    }));
    expect(app.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '3' });
    expect(app.spec.source.helm).toEqual({ releaseName: 'podinfo', valuesObject: { replicaCount: 2 } });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
    expect(app.spec.syncPolicy.managedNamespaceMetadata).toEqual({ labels: { team: 'web' } });
  });

  test('a chart with neither release name nor values has no helm block: the controller drops `helm: {}` from the live object, and the parent would stay OutOfSync', () => {
    for (const helm of [{}, { valuesObject: {} }, { parameters: [] }]) {
      const [app] = synthChart((c) => new ArgoCdApplication(c, 'app', { ...props, source: { repoURL: 'https://charts.example.com', chart: 'podinfo', targetRevision: '6.7.1', helm } }));
      expect(app.spec.source).toEqual({ repoURL: 'https://charts.example.com', chart: 'podinfo', targetRevision: '6.7.1' });
    }
  });

  test('cascadeDelete: false leaves the finalizer off; exclude filters a plain-manifest folder', () => {
    const [app] = synthChart((c) => new ArgoCdApplication(c, 'app', { ...props, cascadeDelete: false, source: { ...props.source, exclude: '_bootstrap/*' } }));
    expect(app.metadata.finalizers).toBeUndefined();
    expect(app.spec.source.directory).toEqual({ recurse: true, exclude: '_bootstrap/*' });
  });

  test('a Kustomize folder: a kustomize block that Argo CD keeps (not zero) and builds concurrently (no override), no directory', () => {
    const [app] = synthChart((c) => new ArgoCdApplication(c, 'app', { ...props, source: { repoURL: 'https://github.com/acme/apps.git', targetRevision: 'main', path: 'checkout/overlays/prod', kustomize: true } }));
    expect(app.spec.source).toEqual({ repoURL: 'https://github.com/acme/apps.git', targetRevision: 'main', path: 'checkout/overlays/prod', kustomize: { ignoreMissingComponents: true } });
    // argo-cd v3.4.4 pkg/apis/application/v1alpha1/types.go: the fields ApplicationSourceKustomize.IsZero
    // counts (a zero block is dropped by util/argo/argo.go NormalizeSource), and those whose presence makes
    // AllowsConcurrentProcessing false (util/kustomize/kustomize.go edits the shared clone for each).
    const countedByIsZero = ['namePrefix', 'nameSuffix', 'version', 'namespace', 'images', 'replicas', 'commonLabels', 'commonAnnotations', 'patches', 'components', 'kubeVersion', 'apiVersions', 'ignoreMissingComponents'];
    const editsTheClone = ['images', 'commonLabels', 'commonAnnotations', 'namePrefix', 'namespace', 'nameSuffix', 'patches', 'components'];
    const set = Object.keys(app.spec.source.kustomize);
    expect(set.filter((k) => countedByIsZero.includes(k))).not.toEqual([]);
    expect(set.filter((k) => editsTheClone.includes(k))).toEqual([]);
    // Each other field changes the build: version picks another binary, kubeVersion and apiVersions what Helm charts see.
    expect(set).toEqual(['ignoreMissingComponents']);
  });

  test.each<[string, Partial<ArgoCdApplicationProps>, string]>([
    ['the name is not a DNS name', { name: 'Check_Out' }, 'ArgoCdApplication[Check_Out].name'],
    ['the project is empty', { project: '' }, 'ArgoCdApplication[checkout].project'],
    ['the destination has both name and server', { destination: { name: 'a', server: 'https://b' } }, 'ArgoCdApplication[checkout].destination'],
    ['the destination has neither', { destination: { namespace: 'x' } }, 'ArgoCdApplication[checkout].destination'],
    ['the destination server is not https', { destination: { server: 'http://x' } }, 'ArgoCdApplication[checkout].destination.server'],
    ['the source has both path and chart', { source: { ...props.source, chart: 'x' } }, 'ArgoCdApplication[checkout].source'],
    ['the source has no repoURL', { source: { ...props.source, repoURL: '' } }, 'ArgoCdApplication[checkout].source.repoURL'],
    ['recurse is set on a Helm source', { source: { repoURL: 'https://c', chart: 'x', targetRevision: '1.0.0', recurse: true } }, 'ArgoCdApplication[checkout].source.recurse'],
    ['exclude is set on a Helm source', { source: { repoURL: 'https://c', chart: 'x', targetRevision: '1.0.0', exclude: 'a/*' } }, 'ArgoCdApplication[checkout].source.exclude'],
    ['kustomize is set with directory settings', { source: { ...props.source, kustomize: true } }, 'ArgoCdApplication[checkout].source.kustomize'],
    ['kustomize is set on a Helm source', { source: { repoURL: 'https://c', chart: 'x', targetRevision: '1.0.0', kustomize: true } }, 'ArgoCdApplication[checkout].source.kustomize'],
    ['the retry backoff shrinks', { syncPolicy: { retry: { limit: 3, backoffSeconds: 60, factor: 2, maxBackoffSeconds: 10 } } }, 'ArgoCdApplication[checkout].syncPolicy.retry.maxBackoffSeconds'],
  ])('fails when %s', (_, change, path) => {
    expect(problemPaths(() => synthChart((c) => new ArgoCdApplication(c, 'app', { ...props, ...change })))).toContain(path);
  });
});
