import { NAMED_STACKS, overQuota, raiseQuota } from './quota-tally';

const file = (stack: string, uses: { place: string; count: number }[]) => ({ path: `terraform/stacks/${stack}/cdk.tf.json`, uses });

describe('overQuota: the stacks\' uses added up per place', () => {
  test('only places past the quota, by key; each stack counted once however many uses it has there; non-stack files ignored', () => {
    const over = overQuota(
      [file('b', [{ place: 'p2', count: 3 }, { place: 'p2', count: 1 }, { place: 'p1', count: 9 }]), file('a', [{ place: 'p2', count: 2 }]), { path: 'k8s/x.yaml', uses: [{ place: 'p1', count: 99 }] }],
      (f) => f.uses,
      (u) => u.place,
      5,
    );
    expect(over.map((o) => [o.use.place, o.total, o.perStack])).toEqual([['p1', 9, 'b 9'], ['p2', 6, 'a 2, b 4']]);
  });

  test('past NAMED_STACKS stacks, the rest are counted, not named', () => {
    const files = Array.from({ length: NAMED_STACKS + 3 }, (_, i) => file(`s${String(i).padStart(2, '0')}`, [{ place: 'p', count: 1 }]));
    expect(overQuota(files, (f) => f.uses, (u) => u.place, 1)[0].perStack).toMatch(/, s09 1, and 3 more stacks$/);
  });

  test('the advice names the quota and what fails without it', () => {
    expect(raiseQuota('Amazon EC2, "X"', 'it fails')).toBe('unless the account\'s quota is higher, raise it before applying (Service Quotas, Amazon EC2, "X"), or it fails');
  });
});
