import { generateApplications } from './application-set';
import { RegisteredCluster } from './argo-cluster';
import { convergenceProblems } from './convergence';
import { renderGoTemplate } from './go-template';
import { acmeProject, APPSET_FILE, applicationSet, clusterSecret, fleetLike, inputOf, IN_CLUSTER_SERVER, PROJECT_FILE, REPO, ROOT_FILE, rootApplication, serverOf, withFile } from './testing-objects';

const cluster = (name: string, labels: Record<string, string>): RegisteredCluster => ({
  name,
  server: serverOf(name),
  labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...labels },
  annotations: {},
  project: '',
  secretName: `cluster-${name}`,
});
const clusters = [cluster('aws-prod', { env: 'prod', 'fleetsynth.io/cloud': 'aws' }), cluster('gcp-dev', { env: 'dev', 'fleetsynth.io/cloud': 'gcp' })];
const names = (appSet: Record<string, any>) => {
  const g = generateApplications(appSet, clusters);
  return 'error' in g ? g.error : g.applications.map((a) => `${a.metadata.name} → ${a.spec.destination.name} ${JSON.stringify(a.spec.source.helm?.parameters?.[0]?.value ?? '')}`);
};

describe('generateApplications', () => {
  test('cluster generator: matchLabels, matchExpressions (In, Exists), Go templates', () => {
    expect(names(applicationSet('web', { generators: [{ clusters: { selector: { matchLabels: { env: 'prod' } } } }] }))).toEqual(['aws-prod-web → aws-prod "aws"']);
    expect(names(applicationSet('web', { generators: [{ clusters: { selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'qa'] }] } } }] }))).toEqual(['gcp-dev-web → gcp-dev "gcp"']);
    expect(names(applicationSet('web', { generators: [{ clusters: { selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } } }] }))).toHaveLength(2);
  });

  test('an empty selector also selects Argo CD’s own cluster, which has no labels', () => {
    const appSet = applicationSet('web', { generators: [{ clusters: {} }], source: { repoURL: REPO, path: 'dist/k8s/x', targetRevision: 'main' } });
    const g = generateApplications(appSet, clusters);
    expect('applications' in g && g.applications.map((a) => a.metadata.name)).toEqual(['aws-prod-web', 'gcp-dev-web', 'in-cluster-web']);
  });

  test('merge generator: per-cluster values override the base by name', () => {
    const appSet = applicationSet('web', {
      generators: [
        {
          merge: {
            mergeKeys: ['name'],
            generators: [
              { clusters: { selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, values: { replicas: '2', cloud: '{{ index .metadata.labels "fleetsynth.io/cloud" }}' } } },
              { clusters: { selector: { matchLabels: { env: 'prod' } }, values: { replicas: '3' } } },
            ],
          },
        },
      ],
      source: { repoURL: REPO, chart: 'web', targetRevision: '1.0.0', helm: { parameters: [{ name: 'replicas', value: '{{ .values.replicas }}-{{ .values.cloud }}' }] } },
    });
    expect([...names(appSet)].sort()).toEqual(['aws-prod-web → aws-prod "3-aws"', 'gcp-dev-web → gcp-dev "2-gcp"']);
  });

  test('list generator: one Application per element; NotIn and DoesNotExist selectors', () => {
    const list = applicationSet('web', { generators: [{ list: { elements: [{ name: 'a' }, { name: 'b' }] } }], source: { repoURL: REPO, chart: 'web', targetRevision: '1' } });
    expect(names(list)).toEqual(['a-web → a ""', 'b-web → b ""']);
    const notIn = applicationSet('web', { generators: [{ clusters: { selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }, { key: 'team', operator: 'DoesNotExist' }] } } }] });
    expect(names(notIn)).toEqual(['gcp-dev-web → gcp-dev "gcp"']);
  });

  test('fails, as an error of the ApplicationSet, on anything it cannot evaluate offline', () => {
    const withName = (name: string) => {
      const a = applicationSet('web', { generators: [{ clusters: {} }] });
      a.spec.template.metadata.name = name;
      return names(a);
    };
    expect(withName('{{ .name | upper }}')).toContain('cannot be evaluated offline');
    expect(withName('{{ .nope }}')).toContain('map has no entry for key "nope"');
    expect(names(applicationSet('web', { generators: [{ git: { repoURL: REPO } }] }))).toBe('generator git cannot be evaluated offline (clusters, list and merge can)');
    const fast = applicationSet('web', { generators: [{ clusters: {} }] });
    fast.spec.goTemplate = false;
    expect(names(fast)).toContain('goTemplate is not true');
  });

  test('Go template forms', () => {
    const params = { name: 'aws-prod', server: IN_CLUSTER_SERVER, metadata: { labels: { 'fleetsynth.io/cloud': 'aws' } }, values: { v: 'x' } };
    expect(renderGoTemplate('{{ .name }}/{{.server}}/{{ index .metadata.labels "fleetsynth.io/cloud" }}/{{ .values.v }}/{{ index .metadata.labels "absent" }}.', params, true)).toBe(`aws-prod/${IN_CLUSTER_SERVER}/aws/x/.`);
    expect(renderGoTemplate('a  {{- .name -}}  b', params, false)).toBe('aaws-prodb');
    expect(renderGoTemplate('{{ .nope }}', params, false)).toBe('<no value>');
    // String constants: how text keeps its braces; an action ends at the first }} outside a string.
    expect(renderGoTemplate('a: "{{ "{{" }} .Release.Name }}" {{ "}}" }} {{`{{-`}}', params, true)).toBe('a: "{{ .Release.Name }}" }} {{-');
    expect(renderGoTemplate('{{ "tab\\t" }}', params, true)).toBe('tab\t');
    expect(() => renderGoTemplate('{{ "\\x41" }}', params, true)).toThrow('a string with escapes that cannot be evaluated offline');
  });
});

describe('ApplicationSets in the convergence check', () => {
  test('a selector that matches no registered cluster generates nothing, and that is no error', () => {
    const files = withFile(fleetLike(), APPSET_FILE, applicationSet('podinfo', { wave: 3, generators: [{ clusters: { selector: { matchLabels: { env: 'staging' } } } }] }));
    expect(convergenceProblems(inputOf(files))).toEqual([]);
  });

  test('the Applications it generates for clusters registered in an earlier wave are simulated', () => {
    // GIVEN a template whose chart repo the project does not allow
    const files = withFile(
      fleetLike(),
      APPSET_FILE,
      applicationSet('podinfo', { wave: 3, generators: [{ clusters: { selector: { matchExpressions: [{ key: 'fleetsynth.io/cluster', operator: 'Exists' }] } } }], source: { repoURL: 'https://charts.example.com', chart: 'x', targetRevision: '1.0.0' } }),
    );
    const problems = convergenceProblems(inputOf(files));
    expect(problems).toEqual([
      { path: APPSET_FILE, message: 'Application aws-prod-podinfo: project "acme" does not allow source repo "https://charts.example.com" (generated by ApplicationSet podinfo)', given: 'https://charts.example.com', allowed: expect.any(String) },
      { path: APPSET_FILE, message: 'Application gcp-prod-podinfo: project "acme" does not allow source repo "https://charts.example.com" (generated by ApplicationSet podinfo)', given: 'https://charts.example.com', allowed: expect.any(String) },
    ]);
  });

  test('a cluster registered after the ApplicationSet joins when it registers', () => {
    // GIVEN azure-prod registered in wave 4 (with the root, the folder's last), after the ApplicationSet (3), in a project that does not allow it as a destination
    const files = withFile(withFile(fleetLike(), 'k8s/aws/mgmt/argocd/secret_cluster-azure-prod.yaml', clusterSecret('azure-prod', serverOf('azure-prod'), { 'fleetsynth.io/cluster': 'azure-prod' }, 4)), ROOT_FILE, rootApplication(4));
    const problems = convergenceProblems(inputOf(files));
    // THEN its Application is generated, and checked like any other
    expect(problems).toEqual([expect.objectContaining({ path: APPSET_FILE, message: 'Application azure-prod-podinfo: project "acme" does not allow destination cluster "azure-prod" (https://azure-prod.example.com) namespace "podinfo" (generated by ApplicationSet podinfo)' })]);
    // and with the destination allowed, it converges
    const allowed = withFile(files, PROJECT_FILE, acmeProject({ destinations: [{ server: '*', namespace: '*' }] }));
    expect(convergenceProblems(inputOf(allowed))).toEqual([]);
  });
});
