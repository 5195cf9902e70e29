import { Lazy, Token, Tokenization } from 'cdktf';
import { fleetAddons } from '../addons/fleet-addons';
import { resolveFleet } from '../fleet';
import { fakeOutputs, testFleet } from '../../test/fleets';
import { renderFleet } from './render-fleet';
import { forgettingTokens } from './unit-tokens';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TokenMap } = require('cdktf/lib/tokens/private/token-map') as { TokenMap: { instance(): { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> } } };

const sizes = () => ({ strings: TokenMap.instance().stringTokenMap.size, numbers: TokenMap.instance().numberTokenMap.size });
const lazyString = (value: string) => Token.asString(Lazy.stringValue({ produce: () => value }));
const lazyNumber = (value: number) => Token.asNumber(Lazy.numberValue({ produce: () => value }));

describe('forgettingTokens', () => {
  test('forgets the tokens made while it ran, and only those', () => {
    const before = lazyString('kept');
    const at = sizes();
    const inside = forgettingTokens(() => {
      const made = [lazyString('a'), lazyString('b'), String(lazyNumber(3))];
      expect(sizes()).toEqual({ strings: at.strings + 2, numbers: at.numbers + 1 });
      return made;
    });
    expect(sizes()).toEqual(at);
    expect(Tokenization.reverseString(before).firstToken).toBeDefined();
    // A forgotten token is never resolved to something else: cdktf throws for a key it does not know.
    expect(() => Tokenization.reverseString(inside[0])).toThrow(/Unrecognized Token Key/);
  });

  test('forgets them when it throws too, and nests', () => {
    const at = sizes();
    expect(() =>
      forgettingTokens(() => {
        lazyString('outer');
        forgettingTokens(() => lazyString('inner'));
        expect(sizes().strings).toBe(at.strings + 1);
        throw new Error('failed');
      }),
    ).toThrow('failed');
    expect(sizes()).toEqual(at);
  });
});

test('a render leaves cdktf\'s token map as it found it: every unit forgets its tokens', () => {
  const definition = testFleet();
  const { addons } = fleetAddons(definition);
  const at = sizes();
  const rendered = renderFleet(resolveFleet(definition), { outputs: fakeOutputs(definition), addons });
  expect(rendered.files.some((f) => f.path.endsWith('cdk.tf.json'))).toBe(true);
  expect(sizes()).toEqual(at);
}, 120_000);
