import { parseDocument } from 'yaml';
import { FleetError } from './fleet-error';
import { isRecord } from './problems';

/*
 * Fleets written as data: JSON or YAML, checked against the same rules as TypeScript fleets (and, in
 * editors, against schema/fleet.schema.json). Parsed as YAML 1.2 (JSON is a subset), so a key given
 * twice is an error rather than the last one silently winning, as JSON.parse would have it.
 */

/** File extensions read as data instead of code. */
export const FLEET_DOCUMENT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

/** The fleet in a JSON or YAML text; throws FleetError naming `file`, line and column for a syntax error. */
export function parseFleetDocument(text: string, file: string): unknown {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new FleetError(
      doc.errors.map((e) => ({ path: e.linePos ? `${file}:${e.linePos[0].line}:${e.linePos[0].col}` : file, message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') })),
      'fleet file',
    );
  }
  const fleet: unknown = doc.toJS({ maxAliasCount: 1000 });
  // Add-ons are functions; data cannot hold them (the JSON Schema says so too).
  if (isRecord(fleet) && fleet.addons !== undefined) {
    throw new FleetError([{ path: 'addons', message: `add-ons are code: a ${file.endsWith('.json') ? 'JSON' : 'YAML'} fleet cannot have them`, allowed: 'write the fleet as a TypeScript file (it can import this one), or leave addons out' }], 'fleet file');
  }
  return fleet;
}
