import fc from 'fast-check';
import { stringify } from 'yaml';
import { blockYaml, YAML_OPTIONS } from './block-yaml';
import { canonical, toYaml } from './serialize';
import { renderFleet } from './render-fleet';
import { resolveFleet } from '../fleet';
import { fleetAddons } from '../addons/fleet-addons';
import { fakeOutputsWithAddons, fakeStackOutputsWithAddons, richTestFleet, testSecrets, TEST_OBSERVABILITY_STORAGE } from '../../test/fleets';

// What block-yaml.ts must equal: yaml's own stringify of the canonical document.
const reference = (doc: unknown, first: readonly string[] = []) => stringify(canonical(doc, first), YAML_OPTIONS);
const emit = (doc: unknown, first: readonly string[] = []) => blockYaml(doc, first) ?? reference(doc, first);

// Strings YAML treats specially: 1.1 booleans and nulls, numbers, dates, indicators, quotes, blank and
// indented lines, trailing newlines (block chomping), tabs, non-ASCII.
const TRICKY = ['', ' ', 'yes', 'No', 'ON', 'off', 'y', 'N', '~', 'null', 'Null', 'true', 'False', '0', '-0', '012', '0x1F', '0o17', '1e3', '1_000', '12:30', '1:20.5', '.inf', '-.Inf', '.NaN', '2026-11-27', '2026-11-27T05:31:00Z', '<<', '=', 'a: b', 'a:b', 'a #b', '#x', '- x', '-', '--- x', '...', '? x', ': x', '|', '>', '&a', '*a', '!tag', '%YAML', '@x', '`x', '"q"', "'q'", '{a}', '[a]', 'a,b', ' lead', 'trail ', 'two\nlines', '\n', '\nlead', 'trail\n', 'trail\n\n', '  indented\nnext', 'a\n\n\nb', 'a\n  b\n', 'tab\there', '\t', 'é ü 日本', 'emoji 🚀', 'back\\slash', 'ctrl\u0001', 'line\r\nbreak', 'x'.repeat(200), `${'word '.repeat(40)}end`];
const tricky = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 20 }));
const scalar = fc.oneof(tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-0));
const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(tricky, tie('value'), { maxKeys: 5 }),
})).map;

describe('block YAML', () => {
  test('equals yaml\'s stringify on random documents: tricky strings and keys, numbers, nesting, empty collections', () => {
    fc.assert(
      fc.property(data, (doc) => {
        expect(emit(doc)).toBe(reference(doc));
      }),
      { numRuns: Number(process.env.BLOCK_YAML_RUNS ?? 1000) },
    );
  });

  test('block scalars move with their parent: in mappings, sequences, sequences of sequences', () => {
    const text = '  indented first\nsecond\n\nafter a blank\n';
    const doc = { a: text, b: [text, [text, { c: text }], { d: [text] }], e: { f: { g: text } }, h: 'one\ntwo' };
    expect(emit(doc)).toBe(reference(doc));
    expect(emit(doc)).toContain('      - |2\n');
  });

  test('puts the first keys first at the top level only, every other key by code unit', () => {
    const doc = { spec: { kind: 1, b: 2, B: 3 }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v1' };
    expect(emit(doc, ['apiVersion', 'kind', 'metadata'])).toBe('apiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  B: 3\n  b: 2\n  kind: 1\n');
  });

  test('what is not JSON data is stringify\'s: undefined values, -0, an empty or non-mapping document', () => {
    for (const doc of [{ a: undefined, b: 1 }, { a: -0 }, {}, [], 'text', [{ a: 1 }], { a: [undefined] }]) expect(emit(doc)).toBe(reference(doc));
    // 0 and -0 are one key of a Map: whichever comes first, the other keeps its own text.
    for (const doc of [{ a: 0, b: -0 }, { a: -0, b: 0 }, { a: [0, -0, 0] }]) expect(emit(doc)).toBe(reference(doc));
    expect(emit({ a: 0, b: -0 })).toBe('a: 0\nb: -0\n');
  });

  test('equals yaml\'s stringify on every Kubernetes document a rich test fleet renders', () => {
    const fleet = { ...richTestFleet(), platform: { secrets: testSecrets(), observability: { storage: TEST_OBSERVABILITY_STORAGE } } };
    const { addons, problems } = fleetAddons(fleet);
    expect(problems).toEqual([]);
    const rendered = renderFleet(resolveFleet(fleet), { outputs: fakeOutputsWithAddons(fleet), stackOutputs: fakeStackOutputsWithAddons(fleet), addons });
    const documents = rendered.files.filter((f) => f.objectJson !== undefined);
    expect(documents.length).toBeGreaterThan(100);
    const differing = documents.filter((f) => f.content !== reference(JSON.parse(f.objectJson!), ['apiVersion', 'kind', 'metadata'])).map((f) => f.path);
    expect(differing).toEqual([]);
    // toYaml is this emitter with Kubernetes' leading keys.
    const [first] = documents;
    expect(toYaml(JSON.parse(first.objectJson!))).toBe(first.content);
  });
});
