import { GraphQLError } from 'graphql';
import { fenToDecimal, money, parseAmountToFen, scaledToDecimal } from '../money';
import { DecimalScalar } from '../../../platform/scalars';

describe('fen ⇄ decimal', () => {
  test.each([
    [0n, '0.00'],
    [1n, '0.01'],
    [100n, '1.00'],
    [10_000_000n, '100000.00'],
    [-685_000n, '-6850.00'],
    [9_007_199_254_740_993n, '90071992547409.93'], // beyond Number.MAX_SAFE_INTEGER: no float anywhere
  ])('%s fen is "%s"', (fen, decimal) => {
    expect(fenToDecimal(fen)).toBe(decimal);
  });

  test.each([
    ['1234.56', 123_456n],
    ['0.01', 1n],
    ['100', 10_000n],
    ['100.5', 10_050n],
  ])('"%s" parses to %s fen', (decimal, fen) => {
    expect(parseAmountToFen(decimal, ['input', 'amount'])).toBe(fen);
  });

  test.each(['-1.00', '+1.00', '1.001', '1e5', '01.00', '', ' 1.00', '1,000.00', '0x10', 'NaN'])(
    '"%s" is refused with the field path',
    (bad) => {
      try {
        parseAmountToFen(bad, ['input', 'amount']);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
      }
    },
  );

  test('zero is refused unless allowed, and the maximum holds', () => {
    expect(() => parseAmountToFen('0.00', ['amount'])).toThrow('金额必须大于零');
    expect(parseAmountToFen('0.00', ['amount'], { allowZero: true })).toBe(0n);
    expect(() => parseAmountToFen('100.01', ['amount'], { maxFen: 10_000n })).toThrow('金额超出允许范围');
    expect(() => parseAmountToFen('99999999999999999999', ['amount'])).toThrow('金额超出允许范围');
  });

  test('money() and fixed scales', () => {
    expect(money(12_345n)).toEqual({ amount: '123.45', currency: 'CNY' });
    expect(scaledToDecimal(38_500n, 4)).toBe('3.8500');
    expect(scaledToDecimal(5n, 4)).toBe('0.0005');
    expect(scaledToDecimal(-12_345n, 2)).toBe('-123.45');
  });
});

describe('Decimal scalar', () => {
  test('accepts decimal strings only', () => {
    expect(DecimalScalar.parseValue('1234.56')).toBe('1234.56');
    for (const bad of [1234.56, '1.2.3', '-5', 'abc', '1.23456', null]) {
      expect(() => DecimalScalar.parseValue(bad)).toThrow(GraphQLError);
    }
  });

  test('never serializes a number', () => {
    expect(DecimalScalar.serialize('-6850.00')).toBe('-6850.00');
    expect(() => DecimalScalar.serialize(12.5)).toThrow(TypeError);
  });
});
