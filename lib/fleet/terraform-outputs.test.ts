import { completeFleetOutputs } from '../synth/fake-outputs';
import { fleetAddons } from '../addons';
import { fullTestFleet } from '../../test/full-fleet';
import { resolveFleet } from './resolve-fleet';
import { parseStackOutputs, parseTerraformOutputs, stackOutputJson, terraformOutputJson } from './terraform-outputs';

describe('terraformOutputJson (what `terraform output -json` prints)', () => {
  test('reads back as the same outputs, for every cloud and every platform service\'s own outputs', () => {
    const definition = fullTestFleet();
    const fleet = resolveFleet(definition);
    const { outputs } = completeFleetOutputs(fleet, new Map(), new Map(), fleetAddons(definition).addons);
    expect(outputs.size).toBe(fleet.clusters.length);
    for (const cluster of fleet.clusters) {
      const o = outputs.get(cluster.name)!;
      const json = JSON.parse(JSON.stringify(terraformOutputJson(o)));
      expect(Object.values(json).every((e: any) => e.sensitive === false && 'value' in e)).toBe(true);
      // every field as it was (the parse also keeps every named output in `values`)
      expect(parseTerraformOutputs(json, `${cluster.name}.json`, cluster)).toMatchObject(o);
    }
  });
});

describe('stackOutputJson (an add-on stack\'s `terraform output -json`)', () => {
  test('parses back to the same values, lists and strings alike', () => {
    const values = { interconnect_links: ['a-aws-b-gcp', 'c-aws-b-gcp'], zone_id: 'Z123' };
    const json = JSON.parse(JSON.stringify(stackOutputJson(values)));
    expect(json.interconnect_links).toEqual({ sensitive: false, type: ['list', 'string'], value: ['a-aws-b-gcp', 'c-aws-b-gcp'] });
    expect(parseStackOutputs(json, 'x.json')).toEqual(values);
    // An object's type names its attributes' types, as Terraform prints it.
    expect(stackOutputJson({ links: { a: ['x'] } }).links).toEqual({ sensitive: false, type: ['object', { a: ['list', 'string'] }], value: { a: ['x'] } });
  });
});
