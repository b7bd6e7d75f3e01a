import { GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode, bankError } from './errors';

/** A plain decimal string: digits, an optional fraction of at most four digits, an optional leading minus on output only. */
const DECIMAL_INPUT = /^(0|[1-9]\d{0,17})(\.\d{1,4})?$/;
const DECIMAL_OUTPUT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL_INPUT.test(value)) {
    // Numbers are refused on purpose: a JSON number cannot carry a fen exactly.
    throw bankError(ErrorCode.BadUserInput, 'Decimal 必须是字符串形式的非负十进制数，例如 "1234.56"');
  }
  return value;
}

/**
 * `Decimal` travels as a string so that no client or JSON parser turns money into a float.
 * Inputs are non-negative with at most four decimals; amount-specific rules (two decimals,
 * non-zero, maximum) are applied where the amount is used, with the field path.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'A decimal number as a string, e.g. "1234.56". Never a float.',
  serialize(value) {
    if (typeof value !== 'string' || !DECIMAL_OUTPUT.test(value)) {
      throw new TypeError(`Decimal cannot serialize ${typeof value}`);
    }
    return value;
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw bankError(ErrorCode.BadUserInput, 'Decimal 必须是字符串形式，例如 "1234.56"');
    }
    return parseDecimal(ast.value);
  },
});

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an ISO 8601 string with offset, e.g. "2026-11-25T08:00:00.000Z".',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot serialize an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      throw bankError(ErrorCode.BadUserInput, 'DateTime 必须是 ISO 8601 格式');
    }
    return new Date(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw bankError(ErrorCode.BadUserInput, 'DateTime 必须是字符串');
    return this.parseValue!(ast.value) as Date;
  },
});

export const kitScalarResolvers = { Decimal: DecimalScalar, DateTime: DateTimeScalar };
