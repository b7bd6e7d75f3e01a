/**
 * Money on the API is a Decimal string ("1234.56"). The apps never turn it into a float: formatting
 * works on the digits, and arithmetic (sums, comparisons) on integer fen as BigInt.
 */
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450n; throws on anything that is not a decimal with at most two places. */
export function toFen(decimal: string): bigint {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new Error(`not a decimal amount: ${decimal}`);
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] ? -fen : fen;
}

/** 123450n → "1234.50". */
export function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const absolute = negative ? -fen : fen;
  const yuan = absolute / 100n;
  const cents = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** "1234567.5" → "1,234,567.50" (with an optional currency symbol, e.g. "¥"). */
export function formatMoney(decimal: string, symbol = ''): string {
  const [sign, digits] = fromFen(toFen(decimal)).startsWith('-') ? ['-', fromFen(-toFen(decimal))] : ['', fromFen(toFen(decimal))];
  const [yuan, cents] = digits.split('.') as [string, string];
  return `${sign}${symbol}${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A customer's typed amount as the API's Decimal string, or undefined when it is not a positive amount with ≤ 2 places. */
export function parseAmountInput(text: string): string | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  if (!/^\d+(?:\.\d{1,2})?$/.test(trimmed)) return undefined;
  const fen = toFen(trimmed);
  return fen > 0n ? fromFen(fen) : undefined;
}

/** Sum of Decimal strings, as a Decimal string. */
export function sumMoney(amounts: readonly string[]): string {
  return fromFen(amounts.reduce((total, amount) => total + toFen(amount), 0n));
}
