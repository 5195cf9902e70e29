/*
 * cdktf keeps every token it creates for the life of the thread: its TokenMap (cdktf 0.21
 * lib/tokens/private/token-map.js, one per thread in `global.__cdktfTokenMap`) maps each token's key
 * to the token, and a token holds the construct it refers to, so every stack a thread rendered stayed
 * reachable, construct tree and all (a heap snapshot of a 300-cluster synth: ~20 MiB in the main
 * thread, and the render worker kept its own stacks likewise). A unit (render-fleet.ts) resolves its
 * own tokens before it returns: its result is text. So the entries a unit added for tokens made while
 * it rendered are dropped when it is done. Only those: cdktf gives a token its key when the token is
 * first used as a string or number, and keeps that key on the token for good (`cachedValue`), so a
 * token made before, at a module's load or in an add-on's factory, and first used in one unit gets
 * its key there and is used again in the next: its entry stays. A unit renders with tokens' creation
 * stacks off (withoutTokenCreationStacks), which tells the tokens it made (`madeUnrecorded`). A token
 * made in one unit and resolved in another (an add-on keeping one from one hook call to the next:
 * README, Add-ons) is not silently wrong: cdktf's lookups throw for a key they do not know
 * (`lookupToken`: "Unrecognized Token Key", `lookupNumberToken`: unknownNumberTokenFound), and the
 * counter that names new keys is never reset, so no key is reused. Alone it moved no peak (V8 let the
 * heap grow to ~4x its live objects whatever they were); with the heap growing factor the command sets
 * (heap-growth.ts), 300 clusters ~333 → ~310 MiB, alternating.
 */

import { cdktfTokenMap, madeUnrecorded } from '../infra/cdktf';

/** The entries of `map` after its first `kept` (a Map iterates in insertion order) whose token was made while rendering, removed. */
function dropAfter<K>(map: Map<K, unknown>, kept: number): void {
  if (map.size <= kept) return;
  const added: K[] = [];
  let i = 0;
  for (const [key, token] of map) if (i++ >= kept && madeUnrecorded(token)) added.push(key);
  for (const key of added) map.delete(key);
}

/** Runs `fn`, then forgets the cdktf tokens it registered that were made while rendering (returns or throws); nesting is fine. */
export function forgettingTokens<T>(fn: () => T): T {
  const tokens = cdktfTokenMap();
  const strings = tokens.stringTokenMap.size;
  const numbers = tokens.numberTokenMap.size;
  try {
    return fn();
  } finally {
    dropAfter(tokens.stringTokenMap, strings);
    dropAfter(tokens.numberTokenMap, numbers);
  }
}
