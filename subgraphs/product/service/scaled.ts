import { badInput } from '../../../platform/errors';

/**
 * Parses a non-negative decimal with at most `scale` decimals into a fixed-scale integer
 * ("3.85", scale 4 → 38500n), naming the input field when it is malformed.
 */
export function parseScaled(value: string, scale: number, field: readonly (string | number)[], max = 10n ** 12n): bigint {
  const match = /^(0|[1-9]\d{0,11})(?:\.(\d+))?$/.exec(value);
  if (!match || (match[2]?.length ?? 0) > scale) throw badInput(`应为非负数，最多${scale}位小数`, field);
  const scaled = BigInt(match[1]!) * 10n ** BigInt(scale) + BigInt((match[2] ?? '').padEnd(scale, '0') || '0');
  if (scaled > max) throw badInput('超出允许范围', field);
  return scaled;
}
