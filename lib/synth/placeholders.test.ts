import { findPlaceholders } from './placeholders';

describe('findPlaceholders', () => {
  test('passes real values', () => {
    expect(findPlaceholders({ a: 'x', b: [1, true, 0], c: { d: 'undefinedness', e: 'nullable' } }, 'f.yaml')).toEqual([]);
  });

  test('passes the core API group "" of an RBAC rule, and only there', () => {
    expect(findPlaceholders({ rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }] }, 'f.yaml')).toEqual([]);
    expect(findPlaceholders({ rules: [{ apiGroups: [''], resources: [''] }] }, 'f.yaml').map((p) => p.path)).toEqual(['f.yaml: rules[0].resources[0]']);
    expect(findPlaceholders({ spec: { matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }] } } }, 'f.yaml')).toEqual([]);
    expect(findPlaceholders({ spec: { matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: [''] }] } } }, 'f.yaml').map((p) => p.path)).toEqual(['f.yaml: spec.matchConstraints.resourceRules[0].apiVersions[0]']);
  });

  test.each([
    ['undefined', { data: { endpoint: undefined } }, 'f.yaml: data.endpoint'],
    ['null', { data: { endpoint: null } }, 'f.yaml: data.endpoint'],
    ['NaN', { spec: { replicas: NaN } }, 'f.yaml: spec.replicas'],
    ['the string "undefined"', { data: { 'cluster-endpoint': 'undefined' } }, 'f.yaml: data[cluster-endpoint]'],
    ['a template that rendered undefined', { data: { url: 'https://undefined/x' } }, 'f.yaml: data.url'],
    ['[object Object]', { metadata: { labels: { a: '[object Object]' } } }, 'f.yaml: metadata.labels.a'],
    ['an empty string', { metadata: { name: '' } }, 'f.yaml: metadata.name'],
    ['NaN inside a list', { args: ['--size', 'NaN'] }, 'f.yaml: args[1]'],
    // An add-on's cdktf token in a Kubernetes object: cdk8s writes its text as it is (cdktf 0.21 tokens/private/encoding.js markers).
    ['a cdktf token\'s text', { data: { bucket: 'acme-${TfToken[TOKEN.12]}' } }, 'f.yaml: data.bucket'],
  ])('fails when the output holds %s, naming file and field', (_, doc, path) => {
    expect(findPlaceholders(doc, 'f.yaml').map((p) => p.path)).toEqual([path]);
  });
});
