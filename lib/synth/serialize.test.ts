import { serialize } from 'v8';
import { canonical, compactString, toStableJson, toYaml } from './serialize';

/** Whether V8 stores `text` one byte a character: its serializer writes such a string with the tag '"', one of two bytes a character with 'c' (V8 src/objects/value-serializer.cc, WriteString). */
const oneByte = (text: string) => serialize(text)[2] === '"'.charCodeAt(0);
/** ASCII text that V8 stores two bytes a character: a slice of a string that needs two. */
const twoByteAscii = (text: string) => `\u2014${text}`.slice(1);

describe('serialize', () => {
  test('YAML puts apiVersion, kind, metadata first and sorts every other key', () => {
    const yaml = toYaml({ spec: { b: 1, a: 2 }, metadata: { name: 'x' }, kind: 'ConfigMap', apiVersion: 'v1', data: { z: '1', a: 'true' } });
    expect(yaml).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "true"\n  z: "1"\nspec:\n  a: 2\n  b: 1\n');
  });

  test('YAML quotes strings YAML 1.1 (Kubernetes, Helm) would read as booleans, numbers or dates', () => {
    const yaml = toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'on', b: 'yes', c: 'Off', d: 'y' } }, data: { e: '2026-11-24', f: '012' } });
    expect(yaml).toContain('    a: "on"\n    b: "yes"\n    c: "Off"\n    d: "y"\n');
    expect(yaml).toContain('  e: "2026-11-24"\n  f: "012"\n');
  });

  test('YAML never wraps long lines', () => {
    const long = 'x'.repeat(300);
    expect(toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { long: `${long} ${long}` } }).split('\n')).toContain(`  long: ${long} ${long}`);
  });

  test('JSON is key-sorted and ends with a newline, so equal objects give equal bytes', () => {
    expect(toStableJson({ b: [{ d: 1, c: 2 }], a: 1 })).toBe('{\n  "a": 1,\n  "b": [\n    {\n      "c": 2,\n      "d": 1\n    }\n  ]\n}\n');
    expect(toStableJson({ x: 1, y: 2 })).toBe(toStableJson({ y: 2, x: 1 }));
  });

  test('keeps array order (it is meaningful in Kubernetes and Terraform)', () => {
    expect(canonical({ a: [3, 1, 2] })).toEqual({ a: [3, 1, 2] });
  });
  test('JSON text is stored one byte a character when it is ASCII, even made from strings stored two bytes a character (as cdktf\'s ids are)', () => {
    const made = twoByteAscii('aws_eip.network_nat-us-west-2a-ip_61A1BB4A');
    expect(oneByte(made)).toBe(false);
    // Two bytes a character with V8 11 (Node 20); one with V8 12.4 and 13.6 (Node 22, 24), measured.
    expect(oneByte(JSON.stringify({ id: made }))).toBe(Number(process.versions.v8.split('.')[0]) >= 12);
    const json = toStableJson({ id: made, list: [made] });
    expect(json).toBe(`{\n  "id": "${made}",\n  "list": [\n    "${made}"\n  ]\n}\n`);
    expect(oneByte(json)).toBe(true);
  });

  test('toStableJson keeps every string JSON.stringify can give: a lone surrogate comes escaped (well-formed JSON.stringify, ES2019), so the UTF-8 round trip loses none', () => {
    const expected = (value: unknown) => `${JSON.stringify(canonical(value), null, 2)}\n`;
    for (let c = 0xd800; c <= 0xdfff; c++) {
      const lone = String.fromCharCode(c);
      const value = { [lone]: [lone, `caf\u00e9 ${lone} \u{1f680}`] };
      expect(toStableJson(value)).toBe(expected(value));
    }
    let every = '';
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) every += String.fromCharCode(c);
    for (let c = 0x10000; c <= 0x10ffff; c += 97) every += String.fromCodePoint(c);
    expect(toStableJson({ every, bom: '\ufeffx' })).toBe(expected({ every, bom: '\ufeffx' }));
  });

  test('compactString keeps every character, those beyond one byte too', () => {
    for (const text of ['', 'plain', twoByteAscii('plain text'), 'caf\u00e9', 'em \u2014 dash', 'astral \u{1f680}']) expect(compactString(text)).toBe(text);
    expect(oneByte(compactString(twoByteAscii('plain text')))).toBe(true);
  });
});
