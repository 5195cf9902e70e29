import { Document, isCollection, LineCounter, parseDocument, visit } from 'yaml';
import { FleetError, Problem, show } from './fleet-error';
import { isRecord } from './problems';

/*
 * Fleets written as data: JSON or YAML, checked against the same rules as TypeScript fleets (and, in
 * editors, against schema/fleet.schema.json). Parsed as YAML 1.2 (JSON is a subset), so a key given
 * twice is an error rather than the last one silently winning, as JSON.parse would have it.
 */

/** File extensions read as data instead of code. */
export const FLEET_DOCUMENT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

/**
 * `text` as JSON when it is JSON with no key given twice in one object; otherwise undefined. YAML's
 * parser builds a node per value, with positions, for errors nobody asked for: a 300-cluster fleet
 * took ~0.5 s to load that way against a few milliseconds with JSON.parse, which only lacks the
 * duplicate-key check (the last key silently wins). That check is this scan of the text JSON.parse
 * accepted: keys compared as JSON.parse decodes them ("a" and "\u0061" are one key).
 *
 * Only where JSON and YAML 1.2 read a text alike: YAML takes a lone carriage return for a line
 * break (JSON for blank space), and refuses a document nested deeper than it can walk (as the rest
 * of synth cannot either) or a top-level scalar after a tab. Such texts, a top level that is not an
 * object, and nesting deeper than MAX_DEPTH go to YAML's parser as before.
 */
const MAX_DEPTH = 256;

export function strictJson(text: string): unknown {
  if (/\r(?!\n)/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const objects: (Set<string> | undefined)[] = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      if (objects.length >= MAX_DEPTH) return undefined;
      objects.push(new Set());
      keyNext = true;
    } else if (c === '[') {
      if (objects.length >= MAX_DEPTH) return undefined;
      objects.push(undefined);
    } else if (c === '}' || c === ']') {
      objects.pop();
      keyNext = false;
    } else if (c === ',') {
      keyNext = objects[objects.length - 1] !== undefined;
    } else if (c === ':') {
      keyNext = false;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (keyNext) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const keys = objects[objects.length - 1]!;
        if (keys.has(key)) return undefined;
        keys.add(key);
      }
      i = end;
    }
  }
  return value;
}

/** The fleet in a JSON or YAML text; throws FleetError naming `file`, line and column for a syntax error. */
export function parseFleetDocument(text: string, file: string): unknown {
  const json = strictJson(text);
  if (json === undefined && file.endsWith('.json')) refuseInvalidJson(text, file);
  return checkedFleet(json !== undefined ? json : parsedYaml(text, file), file);
}

/**
 * A `.json` fleet that JSON itself refuses at a known place (a comment, a trailing comma) is not read
 * as YAML: YAML would take `/* c *\/ "x"` for a key, and a trailing comma silently. (JSON that only has a
 * key twice, or a lone carriage return, still goes to YAML's parser, which names the line of the
 * duplicate; so does an error V8 gives no position for, for YAML's line and column.)
 */
function refuseInvalidJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /in JSON at position (\d+)/.exec(message);
    if (!at) return;
    const before = text.slice(0, Number(at[1])).split('\n');
    const what = message.slice(0, at.index).trim().replace(/^\w/, (c) => c.toLowerCase());
    throw new FleetError([{ path: `${file}:${before.length}:${before[before.length - 1].length + 1}`, message: `not valid JSON: ${what}`, allowed: 'JSON without comments or trailing commas (or the same fleet as .yaml)' }], 'fleet file');
  }
}

/** YAML 1.2 (JSON is a subset) with every error, a key given twice among them, at its line and column. */
function parsedYaml(text: string, file: string): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: true, lineCounter: lines });
  const at = (linePos: readonly { line: number; col: number }[] | undefined) => (linePos ? `${file}:${linePos[0].line}:${linePos[0].col}` : file);
  // A tag yaml 2.9.1 does not resolve for its value (`!Ref x`, `!!js/function`, `!!float 1`) is only a warning to
  // it, and it reads the plain value under it: whatever the tag meant to its writer is silently lost.
  // `!!float 1` is the reader's, not the schema's: YAML 1.2.2's core schema resolves a float without a `.`
  // (yaml/yaml-spec 1.2.2 spec/1.2.2/spec.md "Core Tag Resolution"), yaml's core float tag needs one
  // (dist/schema/core/float.js), and reads "1" as a string.
  const misread = [
    ...doc.errors.map((e) => ({ path: at(e.linePos), message: yamlMessage(e.code, e.message) })),
    ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED').map((w) => ({ path: at(w.linePos), message: `${yamlMessage(w.code, w.message)}: the YAML reader (yaml 2.9.1, the YAML 1.2 core schema) does not resolve this tag for this value, so the value would be read without it`, allowed: 'the value without the tag (a fleet is plain data: strings, numbers, booleans, lists, mappings)' })),
    ...collectionKeys(doc, lines, file),
  ];
  if (misread.length > 0) throw new FleetError(misread, 'fleet file');
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // yaml refuses an alias expanded past maxAliasCount (a "billion laughs" document) with a ReferenceError.
    throw new FleetError([{ path: file, message: `its aliases expand too far: ${(e as Error).message.toLowerCase()}`, allowed: 'the values written out, or fewer aliases (*x) of large anchored values' }], 'fleet file');
  }
}

/** Keys that are lists or mappings (`? [a, b] : c`), which yaml would read as their YAML text (a JS object's keys are strings). */
function collectionKeys(doc: Document, lines: LineCounter, file: string): Problem[] {
  const found: Problem[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      const start = pair.key.range?.[0];
      const pos = start === undefined ? undefined : lines.linePos(start);
      found.push({ path: pos ? `${file}:${pos.line}:${pos.col}` : file, message: 'a key that is a list or a mapping: it would be read as its YAML text', allowed: 'a string key' });
    },
  });
  return found;
}

/** The YAML parser's message, in this tool's words where it speaks to the library's caller. */
function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'the file holds more than one YAML document (a "---" after the first); a fleet is one document';
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function checkedFleet(fleet: unknown, file: string): unknown {
  const format = file.endsWith('.json') ? 'JSON' : 'YAML';
  if (fleet === null || fleet === undefined) throw new FleetError([{ path: file, message: `the ${format} file holds no fleet (it is empty, or only comments)`, allowed: 'a fleet: name, gitops, clusters, …' }], 'fleet file');
  if (!isRecord(fleet)) throw new FleetError([{ path: file, message: `the ${format} document must be an object (a mapping of name, gitops, clusters, …)`, given: show(fleet), allowed: 'a fleet: name, gitops, clusters, …' }], 'fleet file');
  // Add-ons are functions; data cannot hold them (the JSON Schema says so too).
  if (isRecord(fleet) && fleet.addons !== undefined) {
    throw new FleetError([{ path: 'addons', message: `add-ons are code: a ${file.endsWith('.json') ? 'JSON' : 'YAML'} fleet cannot have them`, allowed: 'write the fleet as a TypeScript file (it can import this one), or leave addons out' }], 'fleet file');
  }
  return fleet;
}
