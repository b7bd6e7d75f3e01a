import { formatMoney, fromFen, parseAmountInput, sumMoney, toFen } from '../shared/money';

test('Decimal strings go through integer fen, never floats', () => {
  expect(toFen('1234.5')).toBe(123450n);
  expect(toFen('0.07')).toBe(7n);
  expect(fromFen(-5n)).toBe('-0.05');
  // 0.1 + 0.2 is exactly 0.30 here.
  expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
  expect(sumMoney(['90071992547409.91', '0.09'])).toBe('90071992547410.00');
  expect(() => toFen('1.234')).toThrow(/not a decimal/);
});

test('formats with thousands separators and a currency symbol', () => {
  expect(formatMoney('1234567.5', '¥')).toBe('¥1,234,567.50');
  expect(formatMoney('-20000')).toBe('-20,000.00');
  expect(formatMoney('0.5')).toBe('0.50');
});

test('a typed amount is a positive Decimal with at most two places', () => {
  expect(parseAmountInput(' 1,000.5 ')).toBe('1000.50');
  expect(parseAmountInput('0')).toBeUndefined();
  expect(parseAmountInput('1.001')).toBeUndefined();
  expect(parseAmountInput('abc')).toBeUndefined();
  expect(parseAmountInput('-5')).toBeUndefined();
});
