import fc from 'fast-check';
import { Cidr, formatAddress, overlappingPairs, overlaps, parseCidr, subdivide } from './cidr';

describe('cidr', () => {
  test('parses a canonical block', () => {
    expect(parseCidr('10.20.0.0/14')).toEqual({ text: '10.20.0.0/14', start: 10 * 2 ** 24 + 20 * 2 ** 16, prefix: 14 });
  });

  test.each([
    ['10.0.0.0', 'not an IPv4 CIDR block'],
    ['10.0.0.256/24', 'octet above 255'],
    ['10.0.0.0/33', 'prefix length above 32'],
    ['10.0.1.0/16', 'the network address is 10.0.0.0/16'],
  ])('fails when given %s', (text, reason) => {
    expect(parseCidr(text)).toContain(reason);
  });

  test('detects overlap and adjacency', () => {
    const a = parseCidr('10.0.0.0/16') as never;
    expect(overlaps(a, parseCidr('10.0.128.0/20') as never)).toBe(true);
    expect(overlaps(a, parseCidr('10.1.0.0/16') as never)).toBe(false);
  });

  test('subdivides a block into equal subnets', () => {
    expect(subdivide(parseCidr('10.0.0.0/16') as never, 3).map((c) => c.text)).toEqual([
      '10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19', '10.0.96.0/19', '10.0.128.0/19', '10.0.160.0/19', '10.0.192.0/19', '10.0.224.0/19',
    ]);
  });

  test('overlappingPairs finds exactly the pairs that overlap, in (i, j) order, as comparing every pair would', () => {
    // Blocks from a small space (10.0.0.0/20), so that nesting, equal and disjoint blocks all occur.
    const block = fc.record({ offset: fc.nat(4095), prefix: fc.integer({ min: 20, max: 32 }) }).map(({ offset, prefix }): Cidr => {
      const size = 2 ** (32 - prefix);
      const start = 10 * 2 ** 24 + Math.floor(offset / size) * size;
      const cidr = parseCidr(`${formatAddress(start)}/${prefix}`);
      if (typeof cidr === 'string') throw new Error(cidr);
      return cidr;
    });
    let found = 0;
    fc.assert(
      fc.property(fc.array(block, { maxLength: 40 }), (cidrs) => {
        const every: [number, number][] = [];
        for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) if (overlaps(cidrs[i], cidrs[j])) every.push([i, j]);
        expect(overlappingPairs(cidrs)).toEqual(every);
        found += every.length;
      }),
      { seed: 20261127, numRuns: 300 },
    );
    // overlaps did occur, or the comparison proved nothing
    expect(found).toBeGreaterThan(300);
  });
});
