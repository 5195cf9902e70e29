import { stringify } from 'yaml';
import { blockYaml, YAML_OPTIONS } from './block-yaml';

/*
 * Byte-stable serialization. Keys are sorted here, by code unit, whatever the producing library
 * did (cdk8s sorts unless CDK8S_DISABLE_SORT is set: the environment must not change our bytes).
 */

const FIRST_KEYS = ['apiVersion', 'kind', 'metadata'];

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deep copy with object keys in canonical order; `firstKeys` lead at the top level only. */
export function canonical(value: unknown, firstKeys: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareKeys);
  const ordered = [...firstKeys.filter((k) => k in record), ...keys.filter((k) => !firstKeys.includes(k))];
  return Object.fromEntries(ordered.map((k) => [k, canonical(record[k])]));
}

/**
 * One Kubernetes object as a YAML document: apiVersion, kind, metadata first; no line wrapping
 * (block-yaml.ts: what `yaml`'s stringify writes, without its document tree).
 * YAML 1.1 rules, as cdk8s uses: Kubernetes and Helm parse YAML 1.1, where `yes`, `on` or `off`
 * unquoted are booleans, so such strings must be quoted.
 */
export function toYaml(doc: unknown): string {
  return blockYaml(doc, FIRST_KEYS) ?? stringify(canonical(doc, FIRST_KEYS), YAML_OPTIONS);
}

/**
 * `text` as a flat string stored one byte a character where every character fits one (V8 keeps a
 * string two bytes a character when any string it was made from was: the same characters). Lossless
 * for text without lone surrogates (JSON.stringify escapes them).
 */
export function compactString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * JSON with sorted keys, two-space indent and a final newline. On Node 20 (V8 11.3) cdktf's stacks
 * come out of JSON.stringify two bytes a character although they are ASCII (some of their strings, the
 * resources' unique ids and references among them, are stored two bytes a character), and synth holds
 * every file until it writes: at 300 clusters their 10 MiB took 20 MiB of the heap. Node 22's and 24's
 * JSON.stringify (V8 12.4, 13.6) already gives one byte a character for such text (serialize.test.ts):
 * there the copy changes nothing but costs one.
 */
export function toStableJson(value: unknown): string {
  return compactString(`${JSON.stringify(canonical(value), null, 2)}\n`);
}
