/**
 * Money is integer fen (bigint) inside the platform and a decimal string on the API.
 * JavaScript numbers never hold money: every conversion here is string ⇄ bigint.
 */
import { badInput } from '../../platform/errors';

export type Currency = 'CNY';

export interface Money {
  amount: string;
  currency: Currency;
}

/** Largest amount any input may carry: 100 billion yuan, far above any limit but inside BIGINT. */
export const MAX_AMOUNT_FEN = 100_000_000_000_00n;

export function fenToDecimal(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

export function money(fen: bigint, currency: Currency = 'CNY'): Money {
  return { amount: fenToDecimal(fen), currency };
}

const AMOUNT = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

export interface AmountRules {
  /** Accept 0.00 (a limit can be lowered to zero; a transfer amount cannot). */
  allowZero?: boolean;
  maxFen?: bigint;
}

/**
 * Parses a client amount ("1234.5", "0.01") into fen. Rejects signs, exponents, more than two
 * decimals, zero unless allowed, and amounts over the maximum, naming the input field.
 */
export function parseAmountToFen(value: string, field: readonly (string | number)[], rules: AmountRules = {}): bigint {
  const match = AMOUNT.exec(value);
  if (!match) throw badInput('金额格式不正确，最多两位小数且不能为负', field);
  const [, yuan = '0', cents = ''] = match;
  const fen = BigInt(yuan) * 100n + BigInt(cents.padEnd(2, '0'));
  if (fen === 0n && !rules.allowZero) throw badInput('金额必须大于零', field);
  if (fen > (rules.maxFen ?? MAX_AMOUNT_FEN)) throw badInput('金额超出允许范围', field);
  return fen;
}

/** Formats a fixed-scale integer (e.g. a rate in ten-thousandths of a percent) as a decimal string. */
export function scaledToDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${integer}${scale > 0 ? `.${fraction}` : ''}`;
}
