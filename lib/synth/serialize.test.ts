import { canonical, toStableJson, toYaml } from './serialize';

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
});
