/*
 * The Helm values a chart reads, for the tests that check every value fleetsynth sets is one its
 * pinned chart reads (test/chart-values-read.test.ts, lib/addons/observability/chart-versions.test.ts):
 * a key no template reads is silently ignored.
 */

/** The path of every leaf of a values tree (a list or an empty map is a leaf), as its keys: keys may hold dots (annotation and label names). */
export function valueLeaves(value: unknown, path: readonly string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return [[...path]];
  return Object.entries(value).flatMap(([key, v]) => valueLeaves(v, [...path, key]));
}

/** Whether a read pattern covers a leaf's path: its keys joined by `.`, `*` for any one key, `**` for anything below (a map passed through whole). */
export function readsValue(pattern: string, path: readonly string[]): boolean {
  const segments = pattern.split('.');
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === '**') return path.length >= i;
    if (i >= path.length || (segments[i] !== '*' && segments[i] !== path[i])) return false;
  }
  return segments.length === path.length;
}
