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
 * ignored), else undefined. Ties go to the candidate listed first.
 */
export function closest(given: unknown, candidates: Iterable<string>): string | undefined {
  if (typeof given !== 'string' || given.length === 0) return undefined;
  const want = given.toLowerCase();
  const limit = Math.max(1, Math.floor(given.length / 5));
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === given) continue;
    const other = candidate.toLowerCase();
    const d = isSwap(want, other) ? 1 : distance(want, other);
    if (d <= limit && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}

/** `; did you mean "x"?` when a candidate is close, else an empty string: appended to a message. */
export function didYouMean(given: unknown, candidates: Iterable<string>): string {
  const match = closest(given, candidates);
  return match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
}
