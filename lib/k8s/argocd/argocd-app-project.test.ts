import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { ArgoCdAppProject } from './argocd-app-project';

describe('ArgoCdAppProject', () => {
  test('allows the given repos (deduplicated, sorted) and destinations, and every cluster-scoped kind by default', () => {
    const [project] = synthChart((c) => new ArgoCdAppProject(c, 'p', {
      name: 'acme',
      sourceRepos: ['https://z.example/repo.git', 'https://a.example/charts', 'https://z.example/repo.git'],
      destinations: [{ name: 'aws-prod', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: '*' }],
    }));
    expect(project.spec).toEqual({
      sourceRepos: ['https://a.example/charts', 'https://z.example/repo.git'],
      destinations: [{ name: 'aws-prod', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    });
    expect(project).toMatchSnapshot();
  });

  test('fails when a destination names neither a cluster nor a server, or there are no repos', () => {
    expect(problemPaths(() => synthChart((c) => new ArgoCdAppProject(c, 'p', { name: 'acme', sourceRepos: [], destinations: [{ namespace: '*' }] })))).toEqual([
      'AppProject[acme].sourceRepos',
      'AppProject[acme].destinations[0]',
    ]);
  });
});
