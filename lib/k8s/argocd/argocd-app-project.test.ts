import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { ArgoCdAppProject } from './argocd-app-project';

describe('ArgoCdAppProject', () => {
  test('allows the given repos (deduplicated, sorted) and destinations, and no cluster-scoped kind by default', () => {
    const [project] = synthChart((c) => new ArgoCdAppProject(c, 'p', {
      name: 'acme',
      sourceRepos: ['https://z.example/repo.git', 'https://a.example/charts', 'https://z.example/repo.git'],
      destinations: [{ name: 'aws-prod', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: '*' }],
    }));
    expect(project.spec).toEqual({
      sourceRepos: ['https://a.example/charts', 'https://z.example/repo.git'],
      destinations: [{ name: 'aws-prod', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: '*' }],
    });
    expect(project.spec.clusterResourceWhitelist).toBeUndefined();
    expect(project).toMatchSnapshot();
  });

  test('allows the cluster-scoped kinds given', () => {
    const [project] = synthChart((c) => new ArgoCdAppProject(c, 'p', { name: 'acme', sourceRepos: ['https://a.example/charts'], destinations: [{ name: 'x', namespace: 'y' }], clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }));
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
  });

  test('fails when a destination names neither a cluster nor a server, or there are no repos', () => {
    expect(problemPaths(() => synthChart((c) => new ArgoCdAppProject(c, 'p', { name: 'acme', sourceRepos: [], destinations: [{ namespace: '*' }] })))).toEqual([
      'AppProject[acme].sourceRepos',
      'AppProject[acme].destinations[0]',
    ]);
  });
});
