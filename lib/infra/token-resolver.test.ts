import * as os from 'os';
import { fleetAddons } from '../addons/fleet-addons';
import { FleetError, resolveFleet } from '../fleet';
import { renderFleet } from '../synth/render-fleet';
import { fakeOutputs, richTestFleet, testCluster, testSecrets, TEST_OBSERVABILITY_STORAGE } from '../../test/fleets';
import { App, DataResource, DefaultTokenResolver, fastTokenResolution, Fn, Lazy, StringConcat, TerraformLocal, TerraformStack, Token, Tokenization, withFastTokenResolver } from './cdktf';

/*
 * The faster walk (token-resolver.ts) against cdktf 0.21's own resolver: every value, every error.
 * Tokenization.resolve is what a stack calls for every value (cdktf 0.21 lib/_tokens.js), through the
 * resolver the walk replaces.
 */

function stack(): TerraformStack {
  return new TerraformStack(new App({ stackTraces: false, outdir: os.tmpdir() }), 'resolve');
}

const resolve = (scope: TerraformStack, value: unknown): unknown => Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

/** What resolving `value` gives (JSON, key order kept) or throws, with cdktf's resolver and with the walk. */
function bothWays(scope: TerraformStack, make: () => unknown): { cdktf: string; fast: string } {
  // Made once: the errors quote token numbers and creation stacks.
  const value = make();
  const run = (): string => {
    try {
      return `ok ${JSON.stringify(resolve(scope, value))}`;
    } catch (e) {
      return `threw ${(e as Error).message}`;
    }
  };
  return { cdktf: run(), fast: withFastTokenResolver(run) };
}

describe('the faster token resolver', () => {
  test('is the one cdktf calls inside withFastTokenResolver, and cdktf\'s is back after it, also when it throws', () => {
    const s = stack();
    const spied: string[] = [];
    const lazy = Lazy.stringValue({ produce: () => (spied.push(new Error().stack ?? ''), 'x') });
    withFastTokenResolver(() => resolve(s, { a: lazy }));
    resolve(s, { a: lazy });
    expect(spied[0]).toMatch(/lib\/infra\/token-resolver\.ts/);
    expect(spied[1]).not.toMatch(/lib\/infra\/token-resolver\.ts/);
    expect(() => withFastTokenResolver(() => resolve(s, { f: () => 1 }))).toThrow(/non-data object/);
    resolve(s, { a: lazy });
    expect(spied[2]).not.toMatch(/lib\/infra\/token-resolver\.ts/);
  });

  test.each<[string, () => unknown]>([
    ['plain values, undefined dropped, key order kept', () => ({ b: 1, a: 'x', c: [1, undefined, 'y', [true, null]], d: undefined, e: { z: {}, y: [] }, f: false })],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array', () => [1, , 3]],
    // cdktf maps the array (Array.prototype.map skips holes), so a hole is no value to check the depth of.
    ['an array of holes below the depth limit', () => {
      let deep: unknown = new Array(2);
      for (let i = 0; i < 200; i++) deep = { a: deep };
      return deep;
    }],
    ['a date', () => ({ at: new Date(0) })],
    ['strings with escapes and braces', () => ({ a: '${var.literal}', b: 'a}b{c', c: '$${x}', d: '#{literal}&{x}' })],
    ['strings that look like encoded numbers', () => ({ a: '1e5', b: 'v2.5e-3x', c: '-1.8881545897087626e+289', d: 'x-1e+10-y' })],
    ['lazy values', () => ({ s: Lazy.stringValue({ produce: () => 'lazy' }), n: Lazy.numberValue({ produce: () => 42 }), l: Lazy.listValue({ produce: () => ['p', 'q'] }), a: Lazy.anyValue({ produce: () => ({ deep: [Lazy.stringValue({ produce: () => 'in' })] }) }) })],
    ['tokens inside strings and keys', () => ({ [`key-${Lazy.stringValue({ produce: () => 'k' })}`]: `value-${Lazy.stringValue({ produce: () => 'v' })}-${Token.asString(Lazy.numberValue({ produce: () => 7 }))}` })],
    ['number tokens, alone and in strings', () => ({ n: Token.asNumber(Lazy.numberValue({ produce: () => 3 })), s: `port ${Token.asNumber(Lazy.numberValue({ produce: () => 8443 }))}` })],
    ['list and map tokens', () => ({ l: Token.asList(Lazy.listValue({ produce: () => ['a', 'b'] })), m: Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) })), nl: Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })) })],
  ])('%s: the same as cdktf\'s', (_name, value) => {
    const ways = bothWays(stack(), value);
    expect(ways.cdktf).toMatch(/^ok /);
    expect(ways.fast).toBe(ways.cdktf);
  });

  test('Terraform expressions: references, functions (suppressed braces, escapes in jsonencode), locals', () => {
    const s = stack();
    const data = new DataResource(s, 'data', { input: { v: 'in' } });
    const local = new TerraformLocal(s, 'names', ['a', 'b']);
    const ways = bothWays(s, () => ({
      ref: data.id,
      inString: `arn:${data.id}:x`,
      joined: Fn.join(',', Token.asList(local.expression)),
      json: Fn.jsonencode({ Statement: [{ Resource: data.id, Condition: { literal: '${aws:username}' } }] }),
      cond: Fn.conditional(Fn.contains(Token.asList(local.expression), 'a'), data.output, 'none'),
      replaced: Fn.replace(Fn.element(Fn.split('/', data.id), 0), '-', '_'),
      compact: Fn.compact([data.id, '']),
      nonsensitive: Fn.nonsensitive(data.output),
    }));
    expect(ways.cdktf).toMatch(/^ok /);
    expect(ways.fast).toBe(ways.cdktf);
  });

  test.each<[string, (s: TerraformStack) => unknown]>([
    ['a function', () => ({ a: { b: () => 1 } })],
    ['a construct', (s) => ({ a: [s] })],
    ['a circular value', () => {
      const loop: Record<string, unknown> = {};
      loop.self = Lazy.anyValue({ produce: () => loop });
      return loop;
    }],
    ['a key that resolves to a number', () => ({ [Token.asString(Lazy.numberValue({ produce: () => 1 }))]: 'x' })],
    ['a list token in a string', () => ({ a: `${Token.asList(Lazy.listValue({ produce: () => ['a'] }))[0]}x` })],
    ['a map token value alone', () => ({ a: Token.STRING_MAP_TOKEN_VALUE })],
    ['a token marker no token has', () => ({ a: 'x ${TfToken[TOKEN.999999]}' })],
  ])('%s: the same error as cdktf\'s', (_name, value) => {
    const s = stack();
    const ways = bothWays(s, () => value(s));
    expect(ways.cdktf).toMatch(/^threw /);
    expect(ways.fast).toBe(ways.cdktf);
  });

  test('every stack of a fleet with every add-on: the same bytes as with cdktf\'s resolver', () => {
    const definition = richTestFleet();
    definition.clusters.push(testCluster('t-aws2', 'aws', 5));
    definition.platform = { secrets: testSecrets(), observability: { storage: TEST_OBSERVABILITY_STORAGE } };
    const { addons, problems } = fleetAddons(definition);
    if (problems.length > 0) throw new FleetError(problems);
    const render = () => renderFleet(resolveFleet(definition), { outputs: fakeOutputs(definition), addons, definition }).files.filter((f) => f.path.endsWith('.json'));
    fastTokenResolution.on = false;
    let cdktf;
    try {
      cdktf = render();
    } finally {
      fastTokenResolution.on = true;
    }
    const fast = render();
    expect(fast.filter((f) => f.path.includes('cdk.tf.json')).length).toBeGreaterThan(5);
    expect(fast.map((f) => [f.path, f.content])).toEqual(cdktf.map((f) => [f.path, f.content]));
  });
});
