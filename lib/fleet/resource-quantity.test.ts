import { compareQuantities, parseQuantity } from './resource-quantity';

describe('Kubernetes resource quantities (apimachinery pkg/api/resource/quantity.go)', () => {
  test.each(['500m', '2', '1.5', '.5', '1.', '512Mi', '4Gi', '1G', '1E', '129e6', '1e+21', '0', 2, 0.25, '+1', '100n', '500u', '1e-3', '1E3'])('%s is one', (given) => {
    expect(parseQuantity(given)).toBeDefined();
  });

  test.each(['', '-1', '+-1', '1 Gi', '1e', '1e3.5', '1Mi3', '1K', '1e9223372036854775808', '1GB', '1gi', 'Gi', '1.2.3', 'e3', 'lots', -1, Number.NaN, Number.POSITIVE_INFINITY, null, true])('%s is not', (given) => {
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
    expect(cmp('+1', '1')).toBe(0);
    expect(cmp('1000u', '1m')).toBe(0);
    expect(cmp('1n', '1e-9')).toBe(0);
  });

  // apimachinery pkg/api/resource/quantity.go ParseQuantity rounds a value up to a whole nano and caps one with a
  // binary suffix at 2^63-1; suffix.go interpret reads an exponent as an int64 and keeps its int32 (so it wraps).
  test('compares values as Kubernetes keeps them: rounded up to a nano, binary ones capped, exponents wrapped as int32', () => {
    expect(cmp('1.0000000002', '1.0000000001')).toBe(0);
    expect(cmp('1.0000000011', '1.000000002')).toBe(0);
    expect(cmp('1.0000000021', '1.000000002')).toBe(1);
    expect(cmp('1e-20', '1n')).toBe(0);
    expect(cmp('9Ei', '8Ei')).toBe(0);
    expect(cmp('8Ei', '9223372036854775807')).toBe(0);
    expect(cmp('9.3E', '8Ei')).toBe(1);
    expect(cmp('1e4294967296', '1')).toBe(0);
    expect(cmp('1e2147483648', '1n')).toBe(0);
  });
});

test('compares quantities orders of magnitude apart without computing their powers', () => {
  expect(compareQuantities(parseQuantity('1e999999999')!, parseQuantity('1Ei')!)).toBe(1);
  expect(compareQuantities(parseQuantity('1e-999999999')!, parseQuantity('1m')!)).toBe(-1);
  expect(compareQuantities(parseQuantity('0')!, parseQuantity('1m')!)).toBe(-1);
  expect(compareQuantities(parseQuantity('0Gi')!, parseQuantity(0)!)).toBe(0);
});
