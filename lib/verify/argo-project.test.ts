import * as fc from 'fast-check';
import { globMatch } from './argo-globs';
import { ArgoProject, ClusterAddress, normalizeGitURL } from './argo-project';
import { convergenceProblems } from './convergence';
import { acmeProject, appFile, fleetLike, inputOf, IN_CLUSTER_SERVER, ISTIO_REPO, PODINFO_REPO, PROJECT_FILE, REPO, ROOT_FILE, withFile } from './testing-objects';

const inCluster = { name: 'in-cluster', server: IN_CLUSTER_SERVER };
const awsProd = { name: 'aws-prod', server: 'https://aws-prod.example.com' };

describe('ArgoProject', () => {
  test('source repos: normalized URLs, globs with / as separator, ! denies', () => {
    const p = new ArgoProject('p', { sourceRepos: ['https://github.com/acme/*'] });
    expect(p.isSourcePermitted('https://GitHub.com/acme/gitops.git')).toBe(true);
    expect(p.isSourcePermitted('https://github.com/acme/team/gitops')).toBe(false);
    // A deny pattern permits every repo it does not match, upstream as here (app_project_types.go IsSourcePermitted).
    const deny = new ArgoProject('p', { sourceRepos: ['https://github.com/acme/*', '!https://github.com/acme/secret'] });
    expect(deny.isSourcePermitted('https://github.com/acme/secret')).toBe(false);
    expect(deny.isSourcePermitted('https://github.com/acme/team/gitops')).toBe(true);
    expect(new ArgoProject('p', { sourceRepos: ['git@github.com:acme/gitops.git'] }).isSourcePermitted('ssh://git@github.com/acme/gitops')).toBe(true);
    expect(normalizeGitURL('git@github.com:Acme/GitOps.git')).toBe('git@github.com/acme/gitops');
  });

  test('destinations: the cluster’s server or name, and the namespace', () => {
    const p = new ArgoProject('p', { destinations: [{ name: 'aws-*', namespace: 'team-*' }, { server: IN_CLUSTER_SERVER, namespace: '!kube-system' }] });
    expect(p.isDestinationPermitted(awsProd, 'team-a')).toBe(true);
    expect(p.isDestinationPermitted(awsProd, 'other')).toBe(false);
    expect(p.isDestinationPermitted(inCluster, 'argocd')).toBe(true);
    expect(p.isDestinationPermitted(inCluster, 'kube-system')).toBe(false);
  });

  test('permitOnlyProjectScopedClusters: only clusters whose Secret names the project', () => {
    const p = new ArgoProject('p', { destinations: [{ server: '*', namespace: '*' }], permitOnlyProjectScopedClusters: true });
    expect(p.isDestinationPermitted(awsProd, 'a', [])).toBe(false);
    expect(p.isDestinationPermitted(awsProd, 'a', ['aws-prod'])).toBe(true);
  });

  test('kinds: an empty clusterResourceWhitelist allows no cluster-scoped kind; no namespaceResourceWhitelist allows every namespaced kind', () => {
    const p = new ArgoProject('p', {});
    expect(p.isGroupKindPermitted('', 'Namespace', 'x', false)).toBe(false);
    expect(p.groupKindRefusal('', 'Namespace', 'x', false)).toContain('clusterResourceWhitelist is empty');
    expect(p.isGroupKindPermitted('apps', 'Deployment', 'x', true)).toBe(true);
    const none = new ArgoProject('p', { namespaceResourceWhitelist: [] });
    expect(none.isGroupKindPermitted('apps', 'Deployment', 'x', true)).toBe(false);
  });

  test('kinds: filepath globs, blacklists win, cluster items may name the resource', () => {
    const p = new ArgoProject('p', {
      clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'Cluster*' }, { group: '', kind: 'Namespace', name: 'team-*' }],
      namespaceResourceBlacklist: [{ group: '', kind: 'Secret' }],
    });
    expect(p.isGroupKindPermitted('rbac.authorization.k8s.io', 'ClusterRole', 'x', false)).toBe(true);
    expect(p.isGroupKindPermitted('', 'Namespace', 'team-a', false)).toBe(true);
    expect(p.isGroupKindPermitted('', 'Namespace', 'other', false)).toBe(false);
    expect(p.isGroupKindPermitted('', 'Secret', 'x', true)).toBe(false);
  });

  test('the default project allows everything', () => {
    const d = ArgoProject.defaultProject();
    expect(d.isSourcePermitted('https://anything.example.com/x')).toBe(true);
    expect(d.isDestinationPermitted(awsProd, 'any')).toBe(true);
    expect(d.isGroupKindPermitted('apiextensions.k8s.io', 'CustomResourceDefinition', 'x', false)).toBe(true);
  });
});

describe('projects in the convergence check', () => {
  test('fails when the project does not allow a destination, and the parent\'s sync fails on it (Degraded: InvalidSpecError)', () => {
    const files = withFile(fleetLike(), PROJECT_FILE, acmeProject({ destinations: [{ server: IN_CLUSTER_SERVER, namespace: '*' }, { name: 'aws-prod', namespace: '*' }] }));
    const problems = convergenceProblems(inputOf(files));
    expect(problems).toContainEqual({
      path: appFile('gcp-prod-istio-base'),
      message: 'Application gcp-prod-istio-base: project "acme" does not allow destination cluster "gcp-prod" (https://gcp-prod.example.com) namespace "istio-system"',
      given: 'gcp-prod istio-system',
      allowed: `server ${IN_CLUSTER_SERVER} namespace *, name aws-prod namespace *`,
    });
    expect(problems).toContainEqual({
      path: appFile('gcp-prod-istio-base'),
      message: expect.stringContaining('Application gcp-prod-istio-base: is Degraded when Application acme-root waits for wave -1, which fails its sync: Argo CD cannot compare it with its spec: project "acme" does not allow destination'),
    });
  });

  test('fails when the project does not allow a source repo', () => {
    const files = withFile(fleetLike(), PROJECT_FILE, acmeProject({ sourceRepos: [REPO, PODINFO_REPO] }));
    expect(convergenceProblems(inputOf(files))).toContainEqual({
      path: appFile('aws-prod-istio-base'),
      message: `Application aws-prod-istio-base: project "acme" does not allow source repo "${ISTIO_REPO}"`,
      given: ISTIO_REPO,
      allowed: `${REPO}, ${PODINFO_REPO}`,
    });
  });

  test('fails when the project does not allow a cluster-scoped kind a chart brings', () => {
    const files = withFile(fleetLike(), PROJECT_FILE, acmeProject({ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }, { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }] }));
    expect(convergenceProblems(inputOf(files))).toContainEqual({
      path: appFile('aws-prod-istio-base'),
      message: expect.stringContaining(
        'Application aws-prod-istio-base: chart base 1.30.3 (https://istio-release.storage.googleapis.com/charts) brings admissionregistration.k8s.io/ValidatingWebhookConfiguration: resource admissionregistration.k8s.io:ValidatingWebhookConfiguration is not permitted in project acme (not in clusterResourceWhitelist)',
      ),
      given: 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
      allowed: 'clusterResourceWhitelist of project acme',
    });
  });

  test('fails when an empty clusterResourceWhitelist keeps CreateNamespace from creating the namespace', () => {
    const files = withFile(fleetLike(), PROJECT_FILE, acmeProject({ clusterResourceWhitelist: [] }));
    expect(convergenceProblems(inputOf(files))).toContainEqual({
      path: appFile('aws-prod-istio-base'),
      message: expect.stringContaining('Application aws-prod-istio-base: needs namespace "istio-system" created by CreateNamespace=true, but resource :Namespace is not permitted in project acme (clusterResourceWhitelist is empty'),
    });
  });

  test('destinations: the same answer as upstream\'s scan of every destination, with or without ! patterns (the scan is indexed without them)', () => {
    // isDestinationMatched and IsDestinationPermitted as app_project_types.go writes them, every destination in order.
    const negatable = (pattern: string, value: string) => (pattern.startsWith('!') ? !globMatch(pattern.slice(1), value) : pattern === '*' || globMatch(pattern, value));
    const upstream = (destinations: { name: string; server: string; namespace: string }[], c: ClusterAddress, ns: string): boolean => {
      let any = false;
      for (const d of destinations) {
        const name = c.name !== '' && negatable(d.name, c.name);
        const server = c.server !== '' && negatable(d.server, c.server);
        const namespace = negatable(d.namespace, ns);
        if ((server || name) && namespace) any = true;
        else if ((!name && d.name.startsWith('!')) || (!server && d.server.startsWith('!') && namespace)) return false;
        else if (!namespace && d.namespace.startsWith('!') && server) return false;
      }
      return any;
    };
    const names = ['', 'aws-prod', 'gcp-prod', 'in-cluster'];
    const pattern = (values: string[]) => fc.constantFrom('', '*', '*-prod', '!aws-prod', 'g?p-prod', ...values);
    const servers = ['', 'https://aws-prod.example.com', 'https://kubernetes.default.svc'];
    const destination = fc.record({ name: pattern(names), server: pattern(servers), namespace: fc.constantFrom('*', 'team-a', 'team-*', '!kube-system', '') });
    const cluster = fc.record({ name: fc.constantFrom(...names), server: fc.constantFrom(...servers) });
    fc.assert(
      fc.property(fc.array(destination, { maxLength: 6 }), cluster, fc.constantFrom('team-a', 'team-b', 'kube-system'), (destinations, c, ns) => {
        expect(new ArgoProject('p', { destinations }).isDestinationPermitted(c, ns)).toBe(upstream(destinations, c, ns));
      }),
      { numRuns: 2000 },
    );
  });

  test('fails when a namespaced object’s namespace is not an allowed destination', () => {
    const files = withFile(fleetLike(), PROJECT_FILE, acmeProject({ destinations: [{ server: IN_CLUSTER_SERVER, namespace: '*' }, { name: '*-prod', namespace: '!istio-system' }] }));
    const problems = convergenceProblems(inputOf(files));
    expect(problems).toContainEqual({ path: appFile('aws-prod-istio-base'), message: expect.stringContaining('project "acme" does not allow destination cluster "aws-prod"'), given: expect.any(String), allowed: expect.any(String) });
  });

  test('fails when a project is only created in a later wave than the Applications in it: a deadlock', () => {
    // GIVEN the root in `default`, bootstrapped alone, and the acme project in wave 1
    const files = withFile(withFile(fleetLike(), PROJECT_FILE, { ...acmeProject(), metadata: { name: 'acme', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '1' } } }), ROOT_FILE, {
      ...fleetLike().find((f) => f.path === ROOT_FILE)!.object,
      spec: { ...fleetLike().find((f) => f.path === ROOT_FILE)!.object.spec, project: 'default' },
    });
    const problems = convergenceProblems(inputOf(files, { kubectlApply: [ROOT_FILE] }));
    expect(problems).toContainEqual({
      path: appFile('aws-prod-istio-base'),
      message: 'Application aws-prod-istio-base: is Degraded when Application acme-root waits for wave -1, which fails its sync: Argo CD cannot compare it with its spec: project "acme" does not exist: deadlock: AppProject acme is only applied in wave 1 of Application acme-root, after that wave',
    });
    expect(problems).toContainEqual({ path: appFile('aws-prod-istio-base'), message: expect.stringContaining('Application aws-prod-istio-base: project "acme" does not exist: deadlock') });
  });
});
