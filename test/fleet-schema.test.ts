import * as fs from 'fs';
import Ajv from 'ajv';
import { FLEET_SCHEMA, inputShapeProblems, JsonSchema } from '../lib/fleet';
import { FLEET_SCHEMA_FILE, fleetSchemaText } from '../schema/generate';
import { richTestFleet } from './fleets';

describe('schema/fleet.schema.json', () => {
  test('is what `npm run schema` generates from the Fleet type today', () => {
    // Fails after a change to the fleet types (or a new platform service) until `npm run schema` is run and committed.
    expect(fs.readFileSync(FLEET_SCHEMA_FILE, 'utf8')).toBe(fleetSchemaText());
  });

  // ajv stands in for an editor's checker: the schema must accept real fleets and refuse misspelt ones.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(FLEET_SCHEMA as object);

  test('accepts a valid fleet written as JSON', () => {
    const ok = validate(JSON.parse(JSON.stringify({ $schema: './schema/fleet.schema.json', ...richTestFleet() })));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('fails when a JSON fleet misspells a field, as an editor would show it', () => {
    const f = richTestFleet();
    f.clusters[1].publicEndpiont = false;
    expect(validate(JSON.parse(JSON.stringify(f)))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/clusters/1', keyword: 'additionalProperties', params: { additionalProperty: 'publicEndpiont' } }));
  });

  test('fails when a JSON fleet has add-ons: they are code', () => {
    expect(validate({ ...JSON.parse(JSON.stringify(richTestFleet())), addons: [{ name: 'x' }] })).toBe(false);
  });
});

describe('platform services', () => {
  // What the generator emits once a service declares its settings type in PlatformServices (lib/addons/registry.ts).
  const withService: JsonSchema = {
    ...FLEET_SCHEMA,
    definitions: {
      ...FLEET_SCHEMA.definitions,
      PlatformServices: { type: 'object', properties: { secrets: { $ref: '#/definitions/SecretsSettings' } }, additionalProperties: false },
      SecretsSettings: { type: 'object', properties: { vault: { type: 'object', properties: { address: { type: 'string' } }, required: ['address'], additionalProperties: false } }, additionalProperties: false },
    },
  };

  test('fails when a setting of a built-in service is misspelled: its type is its field list', () => {
    const f = { ...richTestFleet(), platform: { secrets: { vault: { adress: 'https://vault.example.com' } } } };
    const { problems } = inputShapeProblems(f, withService);
    expect(problems).toEqual([expect.objectContaining({ path: 'platform.secrets.vault.adress', message: 'unknown field; did you mean "address"?' })]);
  });

  test('fails when a service name is misspelled', () => {
    const f = { ...richTestFleet(), platform: { secrest: {} } };
    expect(inputShapeProblems(f, withService).problems).toEqual([expect.objectContaining({ path: 'platform.secrest', message: 'unknown field; did you mean "secrets"?' })]);
  });
});
