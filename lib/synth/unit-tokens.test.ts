import { fleetAddons } from '../addons/fleet-addons';
import { resolveFleet } from '../fleet';
import { cdktfTokenMap, Fn, Lazy, TerraformLocal, TerraformOutput, Token, Tokenization, withoutTokenCreationStacks } from '../infra/cdktf';
import { renderForTest } from '../testing';
import { testFleet } from '../../test/fleets';
import { fleet as fullFleet, fullTestFleet } from '../../test/full-fleet';
import { tempDir } from '../../test/tree';
import { completeFleetOutputs } from './fake-outputs';
import { RenderCache } from './render-cache';
import { renderFleet } from './render-fleet';
import { SynthCache } from './synth-cache';
import { forgettingTokens } from './unit-tokens';

const sizes = () => ({ strings: cdktfTokenMap().stringTokenMap.size, numbers: cdktfTokenMap().numberTokenMap.size });
const lazyString = (value: string) => Token.asString(Lazy.stringValue({ produce: () => value }));
const lazyNumber = (value: number) => Token.asNumber(Lazy.numberValue({ produce: () => value }));
/** As a unit renders (render-fleet.ts renderUnit): tokens' creation stacks off, then its tokens forgotten. */
const asUnit = <T>(fn: () => T): T => forgettingTokens(() => withoutTokenCreationStacks(fn));

describe('forgettingTokens', () => {
  test('forgets the tokens made and registered while it ran, and only those', () => {
    const before = lazyString('kept');
    const at = sizes();
    const inside = asUnit(() => {
      const made = [lazyString('a'), lazyString('b'), String(lazyNumber(3))];
      expect(sizes()).toEqual({ strings: at.strings + 2, numbers: at.numbers + 1 });
      return made;
    });
    expect(sizes()).toEqual(at);
    expect(Tokenization.reverseString(before).firstToken).toBeDefined();
    // A forgotten token is never resolved to something else: cdktf throws for a key it does not know.
    expect(() => Tokenization.reverseString(inside[0])).toThrow(/Unrecognized Token Key/);
  });

  test('keeps a token made before it and first registered while it ran: cdktf keeps the key on the token, and a later use reads it', () => {
    // Made at a module's load, say, or in an add-on's factory; first used as a string while a unit renders.
    const shared = Lazy.anyValue({ produce: () => 'shared' });
    const first = asUnit(() => Token.asString(shared));
    const again = asUnit(() => Token.asString(shared));
    expect(again).toBe(first);
    expect(Tokenization.reverseString(again).firstToken).toBe(shared);
  });

  test('forgets them when it throws too, and nests', () => {
    const at = sizes();
    expect(() =>
      asUnit(() => {
        lazyString('outer');
        asUnit(() => lazyString('inner'));
        expect(sizes().strings).toBe(at.strings + 1);
        throw new Error('failed');
      }),
    ).toThrow('failed');
    expect(sizes()).toEqual(at);
  });
});

test('a render leaves cdktf\'s token map as it found it: every unit forgets its tokens (every platform service, a user add-on with its own stack, --cluster)', () => {
  const archive = {
    name: 'archive',
    clusterStack: (_scope: never, ctx: { cluster: { name: string }; addOutput(name: string, value: string): void }) => ctx.addOutput('archive_prefix', Fn.join('-', [ctx.cluster.name, 'archive'])),
    stacks: () => [{ name: 'archive', build: (stack: never) => void new TerraformOutput(stack, 'bucket', { value: Token.asString(Lazy.anyValue({ produce: () => 'acme-archive' })) }) }],
  };
  const definition = { ...fullFleet, addons: [archive] };
  const { addons } = fleetAddons(definition);
  const fleet = resolveFleet(definition);
  const outputs = completeFleetOutputs(fleet, new Map(), new Map(), addons);
  const at = sizes();
  const rendered = renderFleet(fleet, { ...outputs, addons });
  expect(rendered.files.map((f) => f.path)).toEqual(expect.arrayContaining(['vault', 'global-dns', 'interconnect-aws-gcp', 'archive'].map((s) => `terraform/stacks/${s}/cdk.tf.json`)));
  renderFleet(fleet, { ...outputs, addons, clusters: ['gcp-prod'] });
  expect(sizes()).toEqual(at);
}, 120_000);

test('an add-on\'s token made in its factory can be used in every cluster\'s stack', () => {
  const owner = Lazy.anyValue({ produce: () => 'platform-team' });
  const addon = { name: 'owner', clusterStack: (scope: never) => void new TerraformLocal(scope, 'owner', Token.asString(owner)) };
  const render = renderForTest({ ...testFleet(), addons: [addon] });
  const clusters = testFleet().clusters.map((c: { name: string }) => c.name);
  expect(clusters.map((c: string) => Object.values(render.stack(c).locals ?? {}))).toEqual(clusters.map(() => expect.arrayContaining(['platform-team'])));
}, 120_000);

test('the fleet-wide stacks (vault, global DNS, interconnect) read the clusters\' outputs, no token of a cluster\'s unit: in worker threads, from a cold and a warm cache, the bytes of one thread\'s render, and this thread\'s token map as found', () => {
  // Plain data (no add-on of its own): rendered in threads and cached (render-cache.ts cacheableDefinition).
  const definition = fullTestFleet();
  const { addons } = fleetAddons(definition);
  const fleet = resolveFleet(definition);
  const outputs = completeFleetOutputs(fleet, new Map(), new Map(), addons);
  const render = (extra: Partial<Parameters<typeof renderFleet>[1]> = {}) => renderFleet(resolveFleet(definition), { ...outputs, addons, definition, ...extra });
  const bytes = (r: ReturnType<typeof renderFleet>) => r.files.map((f) => `${f.path}\0${f.content}`).join('\0');
  const at = sizes();
  const one = render();
  expect(one.files.map((f) => f.path)).toEqual(expect.arrayContaining(['vault', 'global-dns', 'interconnect-aws-gcp'].map((s) => `terraform/stacks/${s}/cdk.tf.json`)));
  const cache = new RenderCache(new SynthCache(tempDir()));
  const cold = render({ threads: 2, workersOnly: true, cache });
  expect(cold.units.inWorkers).toBe(one.units.rendered);
  const warm = render({ cache });
  expect(warm.units.cached).toBe(one.units.rendered - 1);
  const warmThreads = render({ threads: 2, workersOnly: true, cache, clusters: ['gcp-prod'] });
  expect([bytes(cold), bytes(warm)]).toEqual([bytes(one), bytes(one)]);
  expect(bytes(warmThreads)).toBe(bytes(render({ clusters: ['gcp-prod'] })));
  expect(sizes()).toEqual(at);
}, 300_000);
