import fc from 'fast-check';
import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { renderGoTemplate } from '../../verify/go-template';
import { ClusterGeneratorApplicationSet, ClusterGeneratorApplicationSetProps, goTemplateLiteral } from './argocd-application-set';

const props: ClusterGeneratorApplicationSetProps = {
  name: 'podinfo',
  project: 'acme',
  matchLabels: { env: 'prod' },
  clusterNameLabel: 'fleetsynth.io/cluster',
  values: { helmValues: 'replicaCount: 2\n' },
  applicationName: '{{ .name }}-podinfo',
  source: { repoURL: 'https://charts.example.com', chart: 'podinfo', targetRevision: '6.7.1', helm: { values: '{{ .values.helmValues }}' } },
  destinationNamespace: 'podinfo',
};

describe('ClusterGeneratorApplicationSet', () => {
  test('one Application per registered cluster matching the labels, never Argo CD\'s own cluster', () => {
    const [set] = synthChart((c) => new ClusterGeneratorApplicationSet(c, 'set', props));
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.generators).toEqual([{
      clusters: {
        selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'fleetsynth.io/cluster', operator: 'Exists' }] },
        values: { helmValues: 'replicaCount: 2\n' },
      },
    }]);
    expect(set.spec.template.spec.destination).toEqual({ name: '{{ .name }}', namespace: 'podinfo' });
    expect(set.spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(set).toMatchSnapshot();
  });

  test('per-cluster values go through a merge generator keyed by cluster name', () => {
    const [set] = synthChart((c) => new ClusterGeneratorApplicationSet(c, 'set', { ...props, valuesPerCluster: { 'aws-prod': { helmValues: 'replicaCount: 3\n' } } }));
    const merge = set.spec.generators[0].merge;
    expect(merge.mergeKeys).toEqual(['name']);
    expect(merge.generators[1]).toEqual({ clusters: { selector: { matchLabels: { 'fleetsynth.io/cluster': 'aws-prod' } }, values: { helmValues: 'replicaCount: 3\n' } } });
  });

  test.each<[string, Partial<ClusterGeneratorApplicationSetProps>, string]>([
    ['an override has no default to override', { valuesPerCluster: { 'aws-prod': { other: 'x' } } }, 'ApplicationSet[podinfo].valuesPerCluster[aws-prod].other'],
    ['the destination namespace is not a DNS label', { destinationNamespace: 'Pod Info' }, 'ApplicationSet[podinfo].destinationNamespace'],
    ['the application name template is empty', { applicationName: '' }, 'ApplicationSet[podinfo].applicationName'],
  ])('fails when %s', (_, change, path) => {
    expect(problemPaths(() => synthChart((c) => new ClusterGeneratorApplicationSet(c, 'set', { ...props, ...change })))).toContain(path);
  });
});

describe('goTemplateLiteral', () => {
  test('every {{ becomes {{ "{{" }}; text without braces is unchanged', () => {
    expect(goTemplateLiteral('a: "{{ .Release.Name }}"\n')).toBe('a: "{{ "{{" }} .Release.Name }}"\n');
    expect(goTemplateLiteral('{{{')).toBe('{{ "{{" }}{');
    expect(goTemplateLiteral('replicaCount: 2\n')).toBe('replicaCount: 2\n');
  });

  test('the ApplicationSet\'s Go templating (as the convergence check evaluates it, missingkey=error) gives back the text as written', () => {
    const text = fc.string({ unit: fc.constantFrom('{', '}', '"', '`', '-', ' ', '\n', '.', 'a', '\\') , maxLength: 40 });
    fc.assert(fc.property(text, (t) => renderGoTemplate(goTemplateLiteral(t), { name: 'aws-prod' }, true) === t), { numRuns: 2000 });
  });
});
