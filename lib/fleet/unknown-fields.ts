import FLEET_SCHEMA_JSON from '../../schema/fleet.schema.json';
import { asText, Problem } from './fleet-error';
import { invisibleCharacterProblem, withoutInvisible } from './invisible-characters';
import { CDKTF_TOKEN_PROBLEM, CDKTF_TOKEN_TEXT, isCdktfNumberToken, looksLikePlaceholder } from './placeholder-text';
import { carriesCredential } from './redact';
import { didYouMean, closest } from './suggest';
import { isPlainObject, isRecord, itemPath, keyPath, nonPlainKind, Problems } from './problems';

/*
 * Input that cannot be misread: one walk over the fleet as written, led by the fleet's JSON Schema
 * (schema/fleet.schema.json, generated from the TypeScript types), that finds what the field-by-field
 * checks cannot see because they only read the fields they know:
 *  - unknown fields, with the closest known field as a suggestion (`publicEndpiont`);
 *  - holes in lists (`[a, , b]`), which array methods skip and JSON writes as null;
 *  - credentials in any string (a token in a repo URL, a private key in Helm values), refused at their path;
 *  - invisible characters in any string or map key (a zero-width space in a repo URL, a right-to-left
 *    override in a path: invisible-characters.ts), refused at their path with the character named;
 *  - cdktf tokens, as text or as a number (Token.asNumber), which only a Terraform stack resolves;
 *  - values that are not plain data (a Date, Map, Set, RegExp, typed array or class instance, which
 *    YAML and JSON would write as `{}` or as an index-keyed object), and objects that contain
 *    themselves (which no file can hold), refused at their path.
 * It runs on TypeScript, JavaScript, JSON and YAML fleets alike, and covers the built-in platform
 * services' settings (`platform.<service>`) because their types are part of the schema.
 */

/** The subset of JSON Schema (draft-07) the generator emits for the fleet types. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly const?: unknown;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  /** A field only code can fill (add-on functions): checked by its own validator, not here. */
  readonly 'x-fleetsynth-code-only'?: boolean;
}

export const FLEET_SCHEMA = FLEET_SCHEMA_JSON as unknown as JsonSchema;

export interface InputShapeResult {
  readonly problems: Problem[];
  /**
   * Paths of the known fields suggested for unknown ones (`clusters[x].nodePools` for
   * `clusters[x].nodepools`): the field checks' "is required" at those paths is the same mistake,
   * already reported with its fix.
   */
  readonly suggested: readonly string[];
  /** Paths of values refused here (credentials, holes): field checks at the same path are the same mistake. */
  readonly refused: readonly string[];
}

/** Walks `value` against `schema` (the fleet's, by default) and reports unknown fields, holes and credentials. */
export function inputShapeProblems(value: unknown, schema: JsonSchema = FLEET_SCHEMA): InputShapeResult {
  const p = new Problems();
  const suggested: string[] = [];
  const refused: string[] = [];
  const definitions = schema.definitions ?? {};
  const resolve = (s: JsonSchema | undefined): JsonSchema | undefined => {
    let node = s;
    for (let depth = 0; node?.$ref !== undefined && depth < 32; depth++) {
      const name = decodeURIComponent(node.$ref.replace(/^#\/definitions\//, ''));
      node = definitions[name];
    }
    return node;
  };

  // The objects being walked, by path: one met again inside itself is a cycle (one met twice elsewhere is shared, and fine).
  const ancestors = new Map<object, string>();
  const walk = (v: unknown, s: JsonSchema | undefined, path: string): void => {
    const node = resolve(s);
    if (node?.['x-fleetsynth-code-only']) return;
    if (typeof v === 'string') {
      if (carriesCredential(v)) {
        const inValues = HELM_VALUES_PATH.test(path);
        // A mirror is pulled from by the nodes, which authenticate with their cloud identity, not by Argo CD.
        const inMirrors = /(^|\.)imageMirrors\b/.test(path);
        const instead = inValues
          ? 'a reference instead: the chart\'s existing-Secret setting, naming a Secret that External Secrets fills from Vault'
          : inMirrors
            ? 'the registry address without it: the nodes pull with their cloud identity (README, "Where the nodes pull the platform\'s images from")'
            : 'the value without it: give Argo CD the credential in its repository secret';
        p.add(path, 'carries a credential; credentials never belong in the fleet (they would be committed with dist/)', v, instead);
        refused.push(path);
      } else if (invisible(path, v, FREE_TEXT.test(path))) {
        refused.push(path);
      } else if (looksLikePlaceholder(v) && !OWN_PLACEHOLDER_CHECK.test(path)) {
        // The output check (lib/synth/placeholders.ts) would refuse it in every file it reaches, at the file's path.
        const token = CDKTF_TOKEN_TEXT.test(v);
        p.add(
          path,
          token ? CDKTF_TOKEN_PROBLEM : 'reads as a placeholder ("undefined", "null", "NaN") and would be refused in the generated files',
          v,
          token ? 'the value itself' : 'the value meant',
        );
        refused.push(path);
      }
      return;
    }
    if (typeof v === 'number' && isCdktfNumberToken(v)) {
      // A number field's own check would say "must be 1 to 1000" of about -1.9e289: the token is the mistake.
      p.add(path, CDKTF_TOKEN_PROBLEM, v, 'the value itself');
      refused.push(path);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const seenAt = ancestors.get(v);
    if (seenAt !== undefined) {
      p.add(path, `refers back to ${seenAt || 'the fleet'}, which contains it: no file can hold a value that contains itself`, '(a cycle)', 'plain data: copy the value instead of referring to it');
      refused.push(path);
      return;
    }
    if (!Array.isArray(v) && !isPlainObject(v)) {
      const kind = nonPlainKind(v);
      // The fleet itself (a class instance exported as the fleet) is at `fleet`, as validate-fleet.ts names a fleet that is no object.
      p.add(path || 'fleet', `${kind} is not plain data: it would be written as ${kind.endsWith('Array') ? 'an object keyed by index' : '{}'}`, kind, NON_PLAIN_ALLOWED[kind] ?? 'strings, numbers, booleans, lists and plain objects');
      refused.push(path);
      return;
    }
    ancestors.set(v, path);
    try {
      walkObject(v, node, path);
    } finally {
      ancestors.delete(v);
    }
  };

  const walkObject = (v: object, node: JsonSchema | undefined, path: string): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) {
          p.add(`${path}[${i}]`, 'a hole in the list (two commas in a row, or a deleted item)', undefined, 'a value at every position: remove the hole');
          refused.push(`${path}[${i}]`);
        } else walk(v[i], node?.items, itemPath(path, v[i], i));
      }
      return;
    }
    if (!isRecord(v)) return;
    let o = v;
    if (Object.prototype.hasOwnProperty.call(v, '<<')) {
      // YAML 1.1's merge key, which YAML 1.2 (how fleets are read) does not have: it would be a field called "<<".
      p.add(keyPath(path, '<<'), 'a YAML merge key (<<: *anchor): YAML 1.2 has none, so it is read as a field called "<<"', '<<', 'the fields written out (an anchor and alias, &x and *x, repeats a whole value), or a TypeScript fleet, which can spread objects');
      refused.push(keyPath(path, '<<'));
      o = Object.fromEntries(Object.entries(v).filter(([k]) => k !== '<<'));
    }
    const branches = node?.anyOf ?? node?.oneOf;
    if (branches) {
      const branch = pickBranch(o, branches.map(resolve).filter((b): b is JsonSchema => b !== undefined));
      if (branch) return walkObject(o, branch, path);
      // No branch fits (an unknown `type`, or two sources at once): the field checks say which; here keys no
      // branch knows, and what every string needs (no credential, no invisible character), whichever branch was meant.
      const known = new Set(branches.flatMap((b) => Object.keys(resolve(b)?.properties ?? {})));
      for (const key of Object.keys(o)) {
        if (!known.has(key)) unknown(path, key, [...known], o);
        else walk(o[key], undefined, childPath(path, key));
      }
      return;
    }
    const properties = node?.properties ?? {};
    const extra = node?.additionalProperties;
    for (const key of Object.keys(o)) {
      if (key === 'constructor' && WRITTEN_AS_OBJECT.test(path)) {
        // cdk8s 2.70.106 lib/_util.js sanitizeValue reads `obj.constructor.name` to tell plain objects: an own field
        // called "constructor" makes it throw ("can't render non-simple object of type 'undefined'") at synth.
        p.add(keyPath(path, key), 'cdk8s cannot write an object with a field called "constructor" (it reads that field to tell a plain object)', key, 'another key');
        refused.push(keyPath(path, key));
      } else if (Object.prototype.hasOwnProperty.call(properties, key)) walk(o[key], properties[key], childPath(path, key));
      else if (extra === false && node?.properties !== undefined) unknown(path, key, Object.keys(properties), o);
      else if (extra === false) unknown(path, key, [], o);
      // A key in Helm values is text as their values are (an emoji sequence, a Persian word with its ZWNJ); the overrides' own keys are cluster names.
      else if (invisible(keyPath(path, key), key, HELM_VALUES_PATH.test(path), 'this key ')) refused.push(keyPath(path, key));
      else walk(o[key], typeof extra === 'object' ? extra : undefined, keyPath(path, key));
    }
  };

  /** Reports `text` at `path` when it holds invisible characters, suggesting it without them; whether it did. */
  const invisible = (path: string, text: string, freeText: boolean, what = ''): boolean => {
    const problem = invisibleCharacterProblem(text, freeText);
    if (problem === undefined) return false;
    const without = withoutInvisible(text, freeText);
    p.add(path, `${what}${problem}`, text, without.trim() === '' ? 'visible characters only' : `visible characters only: ${JSON.stringify(without)}, if that is what was meant`);
    return true;
  };

  const unknown = (path: string, key: string, known: readonly string[], object: Record<string, unknown>): void => {
    const match = closest(key, known);
    p.add(childPath(path, key), `unknown field${didYouMean(key, known)}`, key, known.length > 0 ? known.map((k) => `"${k}"`).join(', ') : 'no fields here');
    // The field meant is missing: its own "is required" is this same mistake. (When it is there too, its checks stand.)
    if (match !== undefined && !(match in object)) suggested.push(childPath(path, match));
  };

  walk(value, schema, '');
  return { problems: p.list, suggested, refused };
}

/**
 * The fields of a fleet whose reading throws (a getter of a TypeScript fleet that fails), each at its
 * path. No check can read such a field, so validation reports these alone, instead of the getter's
 * stack trace; it looks for them only once a check has thrown, so that a readable fleet costs nothing.
 */
export function unreadableFields(value: unknown): Problem[] {
  const p = new Problems();
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Object.keys(v)) {
      let item: unknown;
      const index = Array.isArray(v) ? Number(key) : undefined;
      const at = (read: boolean) => (index === undefined ? keyPath(path, key) : read ? safeItemPath(path, item, index) : `${path}[${index}]`);
      try {
        item = (v as Record<string, unknown>)[key];
      } catch (e) {
        p.add(at(false), `reading it threw (${e instanceof Error ? e.message : asText(e)}): a getter that throws leaves no value to check or write; give the value itself`);
        continue;
      }
      walk(item, at(true));
    }
  };
  walk(value, '');
  return p.list;
}

/** itemPath, or the index alone when the item's name cannot be read. */
function safeItemPath(path: string, item: unknown, index: number): string {
  try {
    return itemPath(path, item, index);
  } catch {
    return `${path}[${index}]`;
  }
}

/** An app's Helm values, at its source or in its per-cluster overrides. */
const HELM_VALUES_PATH = /\.(helm|git)\.values\b|\.overrides\[/;

/**
 * Strings that are text rather than a name, a URL or a path: Helm values, a PEM certificate, a jq
 * expression. They keep tabs, line breaks and the joiners real scripts need (invisible-characters.ts).
 */
const FREE_TEXT = new RegExp(`${HELM_VALUES_PATH.source}|\\.caCertificate$|\\.jqPathExpressions\\[`);

/** Strings whose field checks refuse placeholder text in their own words: labels, taint values, Helm values (validate-fleet-apps.ts). */
const OWN_PLACEHOLDER_CHECK = new RegExp(`\\.(labels|matchLabels)(\\.|\\[)|\\.taints\\[\\d+\\]\\.value$|${HELM_VALUES_PATH.source}`);

/** Maps written as objects of a Kubernetes document: labels, label selectors, Helm values. */
const WRITTEN_AS_OBJECT = new RegExp(`\\.(labels|matchLabels)$|${HELM_VALUES_PATH.source}`);

/** What to write instead of a built-in that is not plain data. */
const NON_PLAIN_ALLOWED: Readonly<Record<string, string>> = {
  'a Date': 'a string: the date as ISO 8601 (date.toISOString())',
  'a Map': 'a plain object (Object.fromEntries(map))',
  'a Set': 'a list ([...set])',
  'a RegExp': 'a string (regexp.source)',
};

function childPath(path: string, key: string): string {
  if (key === '') return keyPath(path, key);
  return path === '' ? key : `${path}.${key}`;
}

/**
 * The branch of a union an object means: the one whose constant fields match (`type: "s3"`),
 * else the only one with all its required fields, else the one sharing most fields with it.
 */
function pickBranch(v: Record<string, unknown>, branches: readonly JsonSchema[]): JsonSchema | undefined {
  const objects = branches.filter((b) => b.properties !== undefined);
  const matching = objects.filter((b) => Object.entries(b.properties!).every(([k, prop]) => prop.const === undefined || v[k] === prop.const));
  if (matching.length === 1) return matching[0];
  const complete = matching.filter((b) => (b.required ?? []).every((k) => k in v));
  if (complete.length === 1) return complete[0];
  const score = (b: JsonSchema) => Object.keys(v).filter((k) => k in b.properties!).length;
  const ranked = [...(complete.length > 0 ? complete : matching)].sort((a, b) => score(b) - score(a));
  if (ranked.length > 0 && score(ranked[0]) > 0 && (ranked.length === 1 || score(ranked[0]) > score(ranked[1]))) return ranked[0];
  return undefined;
}
