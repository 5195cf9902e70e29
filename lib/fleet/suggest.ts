import { distance } from 'fastest-levenshtein';

/** Two adjacent letters swapped (`spto`): one slip, though Levenshtein distance counts it as two edits. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/**
 * The candidate closest to what was given, when it is close enough to be a slip of the keyboard
 * (edit distance at most a fifth of the word, at least 1; an adjacent swap counts as one; letter case
 * ignored), or the one candidate it cuts short, else undefined. Ties go to the candidate listed first.
 */
export function closest(given: unknown, candidates: Iterable<string>): string | undefined {
  if (typeof given !== 'string' || given.length === 0) return undefined;
  const want = given.toLowerCase();
  const limit = Math.max(1, Math.floor(given.length / 5));
  let best: { candidate: string; d: number } | undefined;
  const list = [...candidates];
  for (const candidate of list) {
    if (candidate === given) continue;
    const other = candidate.toLowerCase();
    const d = isSwap(want, other) ? 1 : distance(want, other);
    if (d <= limit && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate ?? shortened(want, list);
}

/** The one candidate the given word cuts short (`gatewaySubnet` for `gatewaySubnetCidr`), when it keeps at least half of it and 4 letters. */
function shortened(want: string, candidates: readonly string[]): string | undefined {
  const longer = candidates.filter((c) => c.length > want.length && c.toLowerCase().startsWith(want) && want.length >= Math.max(4, c.length / 2));
  return longer.length === 1 ? longer[0] : undefined;
}

/** `; did you mean "x"?` when a candidate is close, else an empty string: appended to a message. */
export function didYouMean(given: unknown, candidates: Iterable<string>): string {
  const match = closest(given, candidates);
  return match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
}

/**
 * The longest start of `text` that `pattern` matches, shorter than `text` itself: the name meant when
 * something was typed or pasted after it (`Standard_D4s_v5` of `Standard_D4s_v5NaN`, `m7i.large` of
 * `m7i.largeundefined`), or undefined.
 */
export function longestStartMatching(text: string, pattern: RegExp): string | undefined {
  for (let end = text.length - 1; end > 0; end--) {
    if (pattern.test(text.slice(0, end))) return text.slice(0, end);
  }
  return undefined;
}
