import * as fs from 'fs';
import * as path from 'path';
import { Lazy, Token } from '../infra/cdktf';
import { findPlaceholders } from './placeholders';

describe('findPlaceholders', () => {
  test('passes real values', () => {
    expect(findPlaceholders({ a: 'x', b: [1, true, 0, -1e100, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE], c: { d: 'undefinedness', e: 'nullable' } }, 'f.yaml')).toEqual([]);
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
    // A number token is a double with cdktf's marker bits, which cdk8s writes as a number (about -8.1e298; -1.9e289 in a list).
    ['a cdktf number token', { spec: { replicas: Token.asNumber(Lazy.numberValue({ produce: () => 3 })) } }, 'f.yaml: spec.replicas'],
    ['an element of a cdktf number list token', { spec: { ports: [Token.asNumberList(Lazy.listValue({ produce: () => ['80'] }))[0]] } }, 'f.yaml: spec.ports[0]'],
  ])('fails when the output holds %s, naming file and field', (_, doc, path) => {
    expect(findPlaceholders(doc, 'f.yaml').map((p) => p.path)).toEqual([path]);
  });
});

test('the README quotes the numbers a cdktf number token is written as, so a user can recognize one in the output', () => {
  // cdktf 0.21 lib/tokens/private/encoding.js: top 16 bits 0xfdff (Token.asNumber), 0xfbff (an element of
  // Token.asNumberList), so every such token is about the same number whatever its index.
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const shown = (n: number) => n.toPrecision(2).replace('e+', 'e');
  for (const n of [Token.asNumber(Lazy.numberValue({ produce: () => 3 })), Token.asNumberList(Lazy.listValue({ produce: () => ['80'] }))[0]]) {
    expect(readme).toContain(shown(n));
  }
});
