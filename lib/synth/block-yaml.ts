import { stringify } from 'yaml';
import { GO_YAML_STRINGIFY } from '../k8s/go-yaml';

/*
 * Block YAML, byte for byte what `yaml`'s stringify writes with YAML_OPTIONS, several times faster.
 *
 * stringify builds a document tree (a node per value, each scalar's style chosen on it) for every
 * document; at 300 clusters that was about 3 s of a cold synth's CPU, more than anything else in
 * it. Here the block structure (mappings, sequences, indentation, empty `[]` and `{}`) is written
 * directly, and every scalar's text is still `yaml`'s own: `stringify({ a: value })` once per
 * distinct value (`stringify({ [key]: 1 })` per key), remembered. With no line width there is no
 * folding, so a single-line scalar reads the same wherever it stands in block context; a block
 * scalar (`|-`, with its own indentation indicator) moves right with its parent. Anything else (a
 * multi-line key, `undefined`, -0, a value that is not JSON data) is left to stringify of the
 * whole document (serialize.ts). block-yaml.test.ts compares the two on every document the test fleets render and
 * on random data.
 */

/** The options fleetsynth writes YAML with: YAML 1.1 as Kubernetes and Helm read it, Go's numbers quoted (go-yaml.ts), no line wrapping. */
export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, version: '1.1', ...GO_YAML_STRINGIFY } as const;

/** Remembered scalar texts; caps (entries, characters) keep a long-lived process (a test run, a big fleet) from growing without bound. */
const MAX_REMEMBERED = 200_000;
const MAX_REMEMBERED_CHARS = 32 * 1024 * 1024;
let rememberedChars = 0;
const valueTexts = new Map<unknown, string | null>();
// A key reads differently at column 0, where `---` and `...` start or end a document: two sets.
const keyTexts = new Map<string, string | null>();
const topKeyTexts = new Map<string, string | null>();

class NotBlockData extends Error {}

function remember<K>(map: Map<K, string | null>, key: K, text: string | null): string | null {
  const chars = (typeof key === 'string' ? key.length : 8) + (text?.length ?? 0);
  if (map.size >= MAX_REMEMBERED || rememberedChars + chars > MAX_REMEMBERED_CHARS) {
    for (const m of [valueTexts, keyTexts, topKeyTexts]) m.clear();
    rememberedChars = 0;
  }
  rememberedChars += chars;
  map.set(key, text);
  return text;
}

/** A value's text as stringify writes it after `key: ` (block scalars with their content at two spaces). */
function valueText(value: unknown): string {
  // -0 and 0 are one Map key (SameValueZero) but two texts: -0 is never remembered, nor looked up.
  if (Object.is(value, -0)) throw new NotBlockData();
  let text = valueTexts.get(value);
  if (text === undefined) {
    const plain = value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
    const written = plain ? stringify({ a: value }, YAML_OPTIONS) : '';
    text = remember(valueTexts, value, written.startsWith('a: ') ? written.slice(3, -1) : null);
  }
  if (text === null) throw new NotBlockData();
  return text;
}

/** A mapping key's text as stringify writes it before `: ` (at column 0 or indented); only single-line keys. */
function keyText(key: string, indent: string): string {
  const top = indent === '';
  const texts = top ? topKeyTexts : keyTexts;
  let text = texts.get(key);
  if (text === undefined) {
    const written = top ? stringify({ [key]: 1 }, YAML_OPTIONS) : stringify({ a: { [key]: 1 } }, YAML_OPTIONS).slice('a:\n  '.length);
    text = remember(texts, key, written.endsWith(': 1\n') && written.indexOf('\n') === written.length - 1 ? written.slice(0, -4) : null);
  }
  if (text === null) throw new NotBlockData();
  return text;
}

/** A scalar after `key:` or `-`, its block content (if any) indented under `parent`. */
function scalar(value: unknown, parent: string): string {
  const text = valueText(value);
  if (!text.includes('\n')) return ` ${text}\n`;
  // Content lines stand two spaces in from the parent (as under `a:` at column 0); empty lines stay empty.
  return ` ${text.replace(/\n(?!\n|$)/g, `\n${parent}`)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An array index as a property name: JavaScript objects list these first, in numeric order, whatever the insertion order. */
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;

/**
 * Keys in canonical order, as canonical() leaves them in the object it builds: `first` (present
 * ones) lead, the rest by code unit; then, as in every JavaScript object, array-index keys ("0",
 * "12") move to the front in numeric order.
 */
function orderedKeys(record: Record<string, unknown>, first: readonly string[]): string[] {
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered = first.length === 0 ? keys : [...first.filter((k) => k in record), ...keys.filter((k) => !first.includes(k))];
  if (!ordered.some(isIndexKey)) return ordered;
  return [...ordered.filter(isIndexKey).sort((a, b) => Number(a) - Number(b)), ...ordered.filter((k) => !isIndexKey(k))];
}

/** `key: value` lines of a mapping whose keys stand at `indent`. */
function mapping(record: Record<string, unknown>, indent: string, first: readonly string[] = []): string {
  let out = '';
  for (const key of orderedKeys(record, first)) out += `${indent}${keyText(key, indent)}:${after(record[key], indent)}`;
  return out;
}

/** What follows `key:` (at `indent`): a scalar or empty collection on the line, a collection below it. */
function after(value: unknown, indent: string): string {
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : `\n${sequence(value, `${indent}  `)}`;
  if (isObject(value)) return Object.keys(value).length === 0 ? ' {}\n' : `\n${mapping(value, `${indent}  `)}`;
  return scalar(value, indent);
}

/** `- item` lines of a sequence whose dashes stand at `indent`. */
function sequence(items: readonly unknown[], indent: string): string {
  let out = '';
  for (const item of items) out += `${indent}-${afterDash(item, indent)}`;
  return out;
}

/** What follows a sequence's `-` (at `indent`): the item's first line on it, the rest under it. */
function afterDash(item: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(item)) return item.length === 0 ? ' []\n' : ` ${sequence(item, inner).slice(inner.length)}`;
  if (isObject(item)) return Object.keys(item).length === 0 ? ' {}\n' : ` ${mapping(item, inner).slice(inner.length)}`;
  return scalar(item, indent);
}

/**
 * `doc` as one YAML document, keys in canonical order (`firstKeys` lead at the top level, every
 * other key by code unit), exactly as `stringify(canonical(doc, firstKeys), YAML_OPTIONS)`; undefined
 * for what is not a mapping of JSON data (the caller writes that with stringify).
 */
export function blockYaml(doc: unknown, firstKeys: readonly string[]): string | undefined {
  if (!isObject(doc) || Object.keys(doc).length === 0) return undefined;
  try {
    return mapping(doc, '', firstKeys);
  } catch (e) {
    if (e instanceof NotBlockData) return undefined;
    throw e;
  }
}
