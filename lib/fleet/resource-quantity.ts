/*
 * Kubernetes resource quantities (`500m`, `2`, `1.5Gi`, `128974848`, `129e6`), as a container's
 * `resources.requests` and `resources.limits` take them: the grammar of kubernetes/apimachinery
 * pkg/api/resource/quantity.go (ParseQuantity) and the suffixes of suffix.go, without the minus sign,
 * since a container's requests and limits must not be negative (kubernetes
 * pkg/apis/core/validation/validation.go ValidateNonnegativeQuantity).
 */

// <number> is <digits>, <digits>.<digits>, <digits>. or .<digits>, after an optional `+`; the suffix is a
// binary SI one, a decimal exponent (`e3`), or a decimal SI one (`n`, `u`, `m`, none, `k`, `M`, `G`, `T`, `P`,
// `E`: suffix.go newSuffixer, which has `n` and `u` although quantity.go's grammar comment leaves them out).
// `1E` is exa, `1E3` an exponent.
const QUANTITY = /^\+?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const INT64_MAX = 2n ** 63n - 1n;

/** A quantity's exact value: `digits × 10^exp10 × 2^exp2`. */
export interface QuantityValue {
  readonly digits: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

/**
 * The value Kubernetes keeps for a non-negative quantity (a string in Kubernetes' grammar, or a number),
 * or undefined when it is not one.
 */
export function parseQuantity(given: unknown): QuantityValue | undefined {
  const text = typeof given === 'number' ? (Number.isFinite(given) && given >= 0 ? String(given) : '') : typeof given === 'string' ? given : '';
  // String(1e21) is "1e+21": the grammar takes that exponent too.
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [whole, fraction = ''] = m[1].split('.');
  const suffix = m[2] ?? '';
  const digits = BigInt(`${whole}${fraction}` || '0');
  let exponent = DECIMAL[suffix] ?? 0;
  // `E` alone is exa; `e3` and `E3` are exponents, read as an int64 and kept as its int32 (suffix.go interpret).
  if (/^[eE][+-]?\d/.test(suffix)) {
    const read = BigInt(suffix.slice(1));
    if (read > INT64_MAX || read < -INT64_MAX - 1n) return undefined;
    exponent = Number(BigInt.asIntN(32, read));
  }
  return asKept({ digits, exp10: exponent - fraction.length, exp2: BINARY[suffix] ?? 0 });
}

/**
 * As quantity.go ParseQuantity keeps a value: rounded up to a whole nano (so two requests apart by less
 * than a nano are equal), and, with a binary suffix, capped at 2^63-1.
 */
function asKept(q: QuantityValue): QuantityValue {
  if (q.digits === 0n) return q;
  let kept = q;
  if (q.exp10 < -9) {
    const whole = q.digits * 2n ** BigInt(q.exp2);
    const places = -9 - q.exp10;
    // Below one nano (`1e-2000000000`) without computing that power: fewer digits than places.
    const nanos = whole.toString().length <= places ? 1n : (whole + 10n ** BigInt(places) - 1n) / 10n ** BigInt(places);
    kept = { digits: nanos, exp10: -9, exp2: 0 };
  }
  if (q.exp2 > 0 && compareQuantities(kept, { digits: INT64_MAX, exp10: 0, exp2: 0 }) > 0) return { digits: INT64_MAX, exp10: 0, exp2: 0 };
  return kept;
}

/** -1, 0 or 1 as `a` is less than, equal to or more than `b`. */
export function compareQuantities(a: QuantityValue, b: QuantityValue): number {
  if (a.digits === 0n || b.digits === 0n) return a.digits === b.digits ? 0 : a.digits === 0n ? -1 : 1;
  // Orders of magnitude apart (`1e999999999`): told without computing powers that large.
  const magnitude = (q: QuantityValue) => q.digits.toString().length + q.exp10 + q.exp2 * Math.log10(2);
  const apart = magnitude(a) - magnitude(b);
  if (Math.abs(apart) > 2) return Math.sign(apart);
  const low10 = Math.min(a.exp10, b.exp10);
  const low2 = Math.min(a.exp2, b.exp2);
  const scaled = (q: QuantityValue) => q.digits * 10n ** BigInt(q.exp10 - low10) * 2n ** BigInt(q.exp2 - low2);
  const [x, y] = [scaled(a), scaled(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
