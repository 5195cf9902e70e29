import { compareQuantities, parseQuantity } from './resource-quantity';

describe('Kubernetes resource quantities (apimachinery pkg/api/resource/quantity.go)', () => {
  test.each(['500m', '2', '1.5', '.5', '1.', '512Mi', '4Gi', '1G', '1E', '129e6', '1e+21', '0', 2, 0.25])('%s is one', (given) => {
    expect(parseQuantity(given)).toBeDefined();
  });

  test.each(['', '-1', '+1', '1 Gi', '1GB', '1gi', 'Gi', '1.2.3', 'e3', 'lots', -1, Number.NaN, Number.POSITIVE_INFINITY, null, true])('%s is not', (given) => {
    expect(parseQuantity(given)).toBeUndefined();
  });

  const cmp = (a: string | number, b: string | number) => compareQuantities(parseQuantity(a)!, parseQuantity(b)!);

  test('compares exactly across suffixes: binary, decimal, milli and exponents', () => {
    expect(cmp('1Gi', 1073741824)).toBe(0);
    expect(cmp('1Gi', '1G')).toBe(1);
    expect(cmp('1000Mi', '1Gi')).toBe(-1);
    expect(cmp('0.1', '100m')).toBe(0);
    expect(cmp('1.5', '1500m')).toBe(0);
    expect(cmp('129e6', '129M')).toBe(0);
    expect(cmp('123Mi', '129e6')).toBe(-1);
    expect(cmp('1E', '1e18')).toBe(0);
    expect(cmp('1Ei', '1E')).toBe(1);
    expect(cmp('999m', 1)).toBe(-1);
  });
});

test('compares quantities orders of magnitude apart without computing their powers', () => {
  expect(compareQuantities(parseQuantity('1e999999999')!, parseQuantity('1Ei')!)).toBe(1);
  expect(compareQuantities(parseQuantity('1e-999999999')!, parseQuantity('1m')!)).toBe(-1);
  expect(compareQuantities(parseQuantity('0')!, parseQuantity('1m')!)).toBe(-1);
  expect(compareQuantities(parseQuantity('0Gi')!, parseQuantity(0)!)).toBe(0);
});
