import { Problem, printableProblem, show } from './fleet-error';

/** Collects problems while a validator walks a definition. */
export class Problems {
  readonly list: Problem[] = [];
  add(path: string, message: string, given?: unknown, allowed?: string): void {
    this.list.push(printableProblem({ path, message, ...(given !== undefined || allowed !== undefined ? { given: show(given) } : {}), ...(allowed !== undefined ? { allowed } : {}) }));
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object that is plain data: its prototype is an Object.prototype (of any realm: structuredClone,
 * vm contexts and jest make objects with another realm's Object) or none. A Date, Map, Set, RegExp,
 * typed array or class instance is not: YAML and JSON would write it as `{}` or lose what it holds.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || (Object.getPrototypeOf(proto) === null && (proto as { constructor?: { name?: string } }).constructor?.name === 'Object');
}

/** What a value that is not plain data is, for a message: `a Date`, `a Map`, `an instance of class Foo`. */
export function nonPlainKind(v: object): string {
  const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object with a prototype';
  const builtin = /^(Date|Map|Set|WeakMap|WeakSet|RegExp|Promise|Error|Buffer|ArrayBuffer|SharedArrayBuffer|DataView|(Big)?(Int|Uint|Float)\d+(Clamped)?Array)$/.test(name);
  return builtin ? `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}` : `an instance of class ${name}`;
}
export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
export { LETTER_DNS_LABEL as DNS_LABEL, DNS1123_SUBDOMAIN as DNS_SUBDOMAIN } from './dns-names';
// https://, ssh:// and scp-like git@host:org/repo; no credentials in the URL (they belong in Argo CD's repo secret).
export const GIT_URL = /^(https:\/\/[a-z0-9.-]+(:\d+)?\/[^\s@]+|ssh:\/\/([a-z0-9_.-]+@)?[a-z0-9.-]+(:\d+)?\/\S+|[a-z0-9_.-]+@[a-z0-9.-]+:[^\s/][^\s]*)$/i;

/**
 * Path of a list item: `[name]` for an item with a non-empty string name (clusters, pools, apps,
 * mesh services, ports), else `[index]`. Every validator and the unknown-field check name items so.
 */
export function itemPath(listPath: string, item: unknown, index: number): string {
  const name = isRecord(item) && typeof item.name === 'string' && item.name.length > 0 ? item.name : String(index);
  return `${listPath}[${name}]`;
}

/** Path of a key in a free-form map (Helm values): `.key` for identifier-like keys, else `[key]`. */
export function keyPath(path: string, key: string): string {
  // An empty key would leave no trace in the path (`labels[]`, or nothing at the top).
  if (key === '') return `${path}[""]`;
  if (path === '') return key;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${key}]`;
}

/**
 * The items of a list with their index, holes included as `present: false`. Array methods
 * (`forEach`, `map`, `some`) skip the holes of `[a, , b]`; validators walk lists through this
 * instead, so a hole is seen, reported (by the unknown-field check) and never written as `null`.
 */
export function listItems(list: readonly unknown[]): { item: unknown; index: number; present: boolean }[] {
  const out: { item: unknown; index: number; present: boolean }[] = [];
  for (let index = 0; index < list.length; index++) out.push({ item: list[index], index, present: index in list });
  return out;
}
