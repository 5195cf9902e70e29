import { stackOfFile } from './stack-path';

/** Stacks a quota warning names one by one; a large fleet's others are counted, so the warning stays a line to read. */
export const NAMED_STACKS = 10;

/** What one stack uses against a quota, in one place (an account and region, a gateway). */
export interface QuotaUse {
  readonly count: number;
}

/** A place whose stacks together pass a quota: its first use (for what names the place), the total, and the count per stack. */
export interface OverQuota<U extends QuotaUse> {
  readonly use: U;
  readonly total: number;
  /** `<stack> <count>, …` by stack name, the first NAMED_STACKS named and the rest counted. */
  readonly perStack: string;
}

/**
 * The rendered stacks' uses (each file's, as its render found them) added up per place, the places
 * past `quota`, in the order of their keys: what the quota warnings (AWS's regional quotas, VPN connections per gateway) say.
 */
export function overQuota<F extends { readonly path: string }, U extends QuotaUse>(
  files: readonly F[],
  usesOf: (file: F) => readonly U[] | undefined,
  placeOf: (use: U) => string,
  quota: number,
): OverQuota<U>[] {
  const places = new Map<string, { use: U; stacks: Map<string, number> }>();
  for (const file of files) {
    const stack = stackOfFile(file.path);
    if (!stack) continue;
    for (const use of usesOf(file) ?? []) {
      const key = placeOf(use);
      const place = places.get(key) ?? { use, stacks: new Map<string, number>() };
      place.stacks.set(stack, (place.stacks.get(stack) ?? 0) + use.count);
      places.set(key, place);
    }
  }
  return [...places]
    .map(([key, p]) => ({ key, use: p.use, stacks: [...p.stacks].sort(([a], [b]) => a.localeCompare(b)), total: [...p.stacks.values()].reduce((a, b) => a + b, 0) }))
    .filter((p) => p.total > quota)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ use, stacks, total }) => {
      const more = stacks.length - NAMED_STACKS;
      return { use, total, perStack: stacks.slice(0, NAMED_STACKS).map(([s, n]) => `${s} ${n}`).join(', ') + (more > 0 ? `, and ${more} more stacks` : '') };
    });
}

/** The advice every quota warning ends with: only AWS knows the account's quota, so raise it first, or `failure`. */
export function raiseQuota(quota: string, failure: string): string {
  return `unless the account's quota is higher, raise it before applying (Service Quotas, ${quota}), or ${failure}`;
}
