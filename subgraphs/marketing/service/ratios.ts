import { scaledToDecimal } from '../../kit/money';

/** part / whole as a decimal string with `scale` decimals, rounded half up; 0 when whole is 0. */
export function ratio(part: bigint, whole: bigint, scale = 4): string {
  if (whole === 0n) return scaledToDecimal(0n, scale);
  const factor = 10n ** BigInt(scale);
  return scaledToDecimal((part * factor * 2n + whole) / (whole * 2n), scale);
}
