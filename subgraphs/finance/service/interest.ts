/**
 * Deposit interest on ACT/365: principal × annual rate × actual days / 365, rounded half-up to the
 * fen, in bigint arithmetic only. Rates are the product center's fixed-scale percent strings with
 * four decimals ("2.1500" = 2.15 % a year), held as integers in 1e-4 percent (21500).
 */
import { scaledToDecimal } from '../../kit/money';

const RATE = /^(\d{1,3})\.(\d{4})$/;
/** 365 days × 100 (percent) × 10,000 (four decimals). */
const DENOMINATOR = 365n * 100n * 10_000n;

/** "2.1500" → 21500n; anything but four decimals is a contract error of the product center. */
export function rateToE4(rate: string): bigint {
  const match = RATE.exec(rate);
  if (!match) throw new Error(`unexpected rate ${rate}`);
  return BigInt(match[1]!) * 10_000n + BigInt(match[2]!);
}

export const rateFromE4 = (rate: bigint): string => scaledToDecimal(rate, 4);

/** Half-up division of non-negative integers. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** One period's interest: `days` days at `rateE4`. */
export function interestFen(principalFen: bigint, rateE4: bigint, days: number): bigint {
  return accruedFen(principalFen, [{ rateE4, days }]);
}

/** Several periods at different rates, summed exactly and rounded once. */
export function accruedFen(principalFen: bigint, periods: { rateE4: bigint; days: number }[]): bigint {
  if (principalFen < 0n) throw new RangeError('negative principal');
  const numerator = periods.reduce((sum, period) => sum + principalFen * period.rateE4 * BigInt(Math.max(0, period.days)), 0n);
  return divideHalfUp(numerator, DENOMINATOR);
}

export interface DepositTerms {
  principalFen: bigint;
  rateE4: bigint;
  earlyRateE4: bigint;
  termDays: number;
  openedOn: string;
}

export interface WithdrawalInterest {
  interestFen: bigint;
  /** Days counted (opening day to withdrawal day). */
  days: number;
  early: boolean;
}

/**
 * What a withdrawal on `day` pays (《人民币利率管理规定》 art. 27, 整存整取): before maturity the
 * whole period at the demand (early-withdrawal) rate; at or after maturity the term at the contract
 * rate, and the days past maturity at the demand rate.
 */
export function withdrawalInterest(terms: DepositTerms, days: number): WithdrawalInterest {
  if (days < terms.termDays) return { interestFen: interestFen(terms.principalFen, terms.earlyRateE4, days), days, early: true };
  return {
    interestFen: accruedFen(terms.principalFen, [
      { rateE4: terms.rateE4, days: terms.termDays },
      { rateE4: terms.earlyRateE4, days: days - terms.termDays },
    ]),
    days,
    early: false,
  };
}
