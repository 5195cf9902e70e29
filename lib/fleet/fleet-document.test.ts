import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { FleetError } from './fleet-error';
import { parseFleetDocument, strictJson } from './fleet-document';

const problemsOf = (text: string) => {
  try {
    parseFleetDocument(text, 'fleet.json');
  } catch (e) {
    if (e instanceof FleetError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
};

describe('fleet documents', () => {
  test('JSON reads as YAML 1.2 reads it (JSON.parse, with the duplicate-key check YAML has)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(strictJson(text)).toEqual(parseDocument(text, { version: '1.2', uniqueKeys: true }).toJS());
        expect(parseFleetDocument(text, 'fleet.json')).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ['{"a": 1, "a": 2}', 'top level'],
    ['{"x": {"k": 1, "k": 2}}', 'nested object'],
    ['{"x": [{"k": 1}, {"k": 2, "k": 3}]}', 'object in a list'],
    ['{"a": 1, "\\u0061": 2}', 'the same key, escaped'],
    ['{"a\\"b": 1, "a\\"b": 2}', 'a key with an escaped quote'],
  ])('a key given twice is an error at its line and column: %s (%s)', (text) => {
    expect(strictJson(text)).toBeUndefined();
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^fleet\.json:1:\d+: Map keys must be unique/);
  });

  test('values that look like structure are not keys; equal keys in different objects are fine', () => {
    const text = '{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": [{"k": ",:{"}, {"k": "]"}], "c": {"a": 1}}';
    expect(strictJson(text)).toEqual(JSON.parse(text));
    expect(problemsOf(text)).toEqual([]);
  });

  test('where YAML reads a JSON text differently, YAML decides, as before: lone carriage returns, deep nesting, a scalar top level', () => {
    const deep = `{"a": ${'['.repeat(300)}1${']'.repeat(300)}}`;
    for (const text of ['{"a":\r1}', '{"a": "x"\r}', deep, '\t0', '[1, 2]', '"text"']) {
      expect(strictJson(text)).toBeUndefined();
    }
    // \r\n line endings are JSON's and YAML's alike.
    expect(strictJson('{"a": 1,\r\n "b": [2]}\r\n')).toEqual({ a: 1, b: [2] });
    // What YAML makes of a lone carriage return is what the fleet is.
    expect(parseFleetDocument('{"a":\r1}', 'fleet.json')).toEqual(parseDocument('{"a":\r1}', { version: '1.2', uniqueKeys: true }).toJS());
  });

  test('what is not JSON is read as YAML, with its errors at their line and column', () => {
    expect(parseFleetDocument('# a comment\nname: fleet\n', 'fleet.yaml')).toEqual({ name: 'fleet' });
    expect(problemsOf('{"a": 1,\n  "b": [}')[0]).toMatch(/^fleet\.json:2:\d+: /);
  });

  test.each([
    ['a comment', '{"name": "a",\n  /* c */ "x": 1}', /^fleet\.json:2:3: not valid JSON: /],
    ['a trailing comma', '{"name": "a",\n  "x": 1,\n}', /^fleet\.json:3:1: not valid JSON: /],
  ])('fails when a .json fleet has %s, at its line (it is not read as YAML, which would take it for part of a key or pass it)', (_, text, message) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  test('fails when a YAML fleet holds two documents, saying so in the user\'s terms', () => {
    let error: unknown;
    try {
      parseFleetDocument('name: a\n---\nname: b\n', 'fleet.yaml');
    } catch (e) {
      error = e;
    }
    expect((error as FleetError).problems).toEqual([expect.objectContaining({ path: 'fleet.yaml:2:1', message: 'the file holds more than one YAML document (a "---" after the first); a fleet is one document' })]);
  });

  test.each([
    ['a tag its core schema does not have (CloudFormation\'s !Ref)', 'name: a\nlabels:\n  env: !Ref Env\n', 'fleet.yaml:3:8', /^Unresolved tag: !Ref: the YAML reader \(yaml 2\.9\.1, the YAML 1\.2 core schema\) does not resolve this tag/],
    ['a core tag its value does not fit (!!float on an integer)', 'maxSize: !!float 3\n', 'fleet.yaml:1:10', /^Unresolved tag: tag:yaml\.org,2002:float: the YAML reader \(yaml 2\.9\.1,.*read without it$/],
    ['a YAML 1.1 language tag', 'name: !!js/function "f()"\n', 'fleet.yaml:1:7', /^Unresolved tag: tag:yaml\.org,2002:js\/function: /],
    ['a key that is a list', 'labels:\n  ? [a, b]\n  : c\n', 'fleet.yaml:2:5', /^a key that is a list or a mapping: it would be read as its YAML text$/],
    // 9^6 items from a few lines (yaml refuses past maxAliasCount with a ReferenceError, which stopped synth with a stack trace).
    ['aliases that expand to millions of values', ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdef'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`)].join('\n'), 'fleet.yaml', /^its aliases expand too far: excessive alias count/],
  ])('fails when a YAML fleet has %s, at its place in the file, instead of reading it otherwise than written or crashing', (_, text, path, message) => {
    let error: unknown;
    try {
      parseFleetDocument(text, 'fleet.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).problems).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });

  test.each([
    ['is empty', '', 'the YAML file holds no fleet (it is empty, or only comments)'],
    ['holds only comments', '# nothing yet\n', 'the YAML file holds no fleet (it is empty, or only comments)'],
    ['is a list', '- name: a\n', 'the YAML document must be an object (a mapping of name, gitops, clusters, …)'],
  ])('fails when a YAML fleet file %s, naming the file', (_, text, message) => {
    let error: unknown;
    try {
      parseFleetDocument(text, 'fleet.yaml');
    } catch (e) {
      error = e;
    }
    expect((error as FleetError).problems).toEqual([expect.objectContaining({ path: 'fleet.yaml', message })]);
  });
});
