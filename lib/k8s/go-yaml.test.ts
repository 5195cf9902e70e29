import { stringify } from 'yaml';
import { helmValuesYaml } from '../synth/render-fleet';
import { toYaml } from '../synth/serialize';
import { GO_YAML_STRINGIFY, goYamlReadsAsNumber } from './go-yaml';

// What go-yaml v2 (goyaml.v2 resolve.go) makes of a plain scalar: the underscores removed, then
// strconv.ParseInt/ParseUint with base 0 (Go's 0x/0o/0b prefixes, either case), then its float pattern.
const GO_NUMBERS = ['0o755', '0O17', '0X1F', '0xff', '0B101', '-0o17', '+0x1', '1e5_', '00e0_', '1_0', '08', '-_1', '1_2.5', '99999999999999999999'];
const GO_STRINGS = ['v1', '0x', '0o8', '0b2', '_1', '1.2.3', 'abc', '1e', '.5_', '1-2', '0x1g', ''];

describe('strings Go reads as numbers (go-yaml v2)', () => {
  test.each(GO_NUMBERS)('%s is a number to go-yaml v2', (text) => {
    expect(goYamlReadsAsNumber(text)).toBe(true);
  });

  test.each(GO_STRINGS)('%s stays a string to go-yaml v2', (text) => {
    expect(goYamlReadsAsNumber(text)).toBe(false);
  });

  test('yaml 1.1 alone writes some of them plain: what the tag is there for', () => {
    const plainWithout = GO_NUMBERS.filter((text) => stringify({ a: text }, { version: '1.1' }) === `a: ${text}\n`);
    expect(plainWithout).toEqual(expect.arrayContaining(['0o755', '0X1F', '0B101', '1e5_', '00e0_']));
  });

  test('every YAML writer of fleetsynth quotes them, as values and as keys, and leaves the other strings and real numbers as they were', () => {
    for (const text of GO_NUMBERS) {
      expect(toYaml({ a: text })).toBe(`a: "${text}"\n`);
      expect(toYaml({ [text]: 'x' })).toBe(`"${text}": x\n`);
      expect(helmValuesYaml({ a: text })).toBe(`a: "${text}"\n`);
    }
    for (const text of GO_STRINGS) expect(toYaml({ a: text })).toBe(stringify({ a: text }, { lineWidth: 0, version: '1.1' }));
    expect(toYaml({ a: 493, b: 1.5, c: -0.25 })).toBe('a: 493\nb: 1.5\nc: -0.25\n');
    expect(stringify({ mode: '0o755' }, { version: '1.1', ...GO_YAML_STRINGIFY })).toBe('mode: "0o755"\n');
  });
});
