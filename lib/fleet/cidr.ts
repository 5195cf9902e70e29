/** An IPv4 CIDR block as numbers, for overlap and containment checks. */
export interface Cidr {
  readonly text: string;
  /** First address as an unsigned 32-bit integer. */
  readonly start: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns a reason string when the text is not a canonical IPv4 CIDR. */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR.exec(text);
  if (!m) return 'not an IPv4 CIDR block like 10.0.0.0/16';
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255)) return 'has an octet above 255';
  if (prefix > 32) return 'has a prefix length above 32';
  // 010 reads as octal to some tools (inet_aton) and as decimal to others: only the canonical form is written.
  if (m.slice(1, 6).some((part) => part.length > 1 && part.startsWith('0'))) return `has a leading zero (write ${octets.join('.')}/${prefix})`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    const start = address - (address % size);
    return `has host bits set (the network address is ${formatAddress(start)}/${prefix})`;
  }
  return { text, start: address, prefix };
}

/** For code past validation: the parsed block, or a thrown error naming the bad text. */
export function requireCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (typeof cidr === 'string') throw new Error(`invalid CIDR ${text}: ${cidr}`);
  return cidr;
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start < b.start + cidrSize(b) && b.start < a.start + cidrSize(a);
}

/** Whether every address of `inner` is in `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return overlaps(inner, outer) && inner.prefix >= outer.prefix;
}

/**
 * Every pair (i, j), i < j, of ranges that overlap, in that order. A sweep by first address, so it
 * grows with the ranges and the overlaps found, not with every pair (a 600-cluster fleet has ~3,000).
 */
export function overlappingPairs(cidrs: readonly Cidr[]): [number, number][] {
  const byStart = cidrs.map((c, i) => ({ i, start: c.start, end: c.start + cidrSize(c) })).sort((a, b) => a.start - b.start || a.i - b.i);
  const pairs: [number, number][] = [];
  let open: typeof byStart = [];
  for (const r of byStart) {
    open = open.filter((o) => o.end > r.start);
    for (const o of open) pairs.push(o.i < r.i ? [o.i, r.i] : [r.i, o.i]);
    open.push(r);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

export function formatAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Splits a block into 2^bits equal sub-blocks (the subnet plan of a VPC). */
export function subdivide(c: Cidr, bits: number): Cidr[] {
  const prefix = c.prefix + bits;
  const size = 2 ** (32 - prefix);
  return Array.from({ length: 2 ** bits }, (_, i) => {
    const start = c.start + i * size;
    return { text: `${formatAddress(start)}/${prefix}`, start, prefix };
  });
}
