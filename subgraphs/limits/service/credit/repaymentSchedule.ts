/**
 * Equal-installment (等额本息) schedules in integer fen. The monthly rate is the annual rate / 12;
 * the level payment is P·r·(1+r)^n / ((1+r)^n − 1), computed with bigint fractions and rounded
 * half-up to the fen. Each installment's interest is the outstanding principal × r (half-up), its
 * principal the payment minus that interest; the last installment takes whatever principal is
 * left, so the rounding residue lands there and the principal parts sum exactly to the loan.
 */

/** Annual rates are held in ten-thousandths of a percent (36500 = 3.6500%): 1,000,000 = 100%. */
export const RATE_SCALE = 1_000_000n;

export interface ScheduledInstallment {
  number: number;
  /** YYYY-MM-DD */
  dueDate: string;
  principal: bigint;
  interest: bigint;
}

/** a / b rounded half-up, for non-negative a and positive b. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/** The level monthly payment in fen (before the last installment's residue). */
export function levelPayment(principal: bigint, annualRate: bigint, termMonths: number): bigint {
  const n = BigInt(termMonths);
  if (annualRate === 0n) return divideHalfUp(principal, n);
  // r = annualRate / (RATE_SCALE · 12) = num / den
  const den = RATE_SCALE * 12n;
  const num = annualRate;
  const growth = (den + num) ** n; // (1+r)^n · den^n
  const base = den ** n;
  return divideHalfUp(principal * num * growth, den * (growth - base));
}

/** Installment k (1-based) falls due k months after the start, on the start's day of month or the month's last day. */
export function dueDateOf(startDate: string, monthsLater: number): string {
  const [year, month, day] = startDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + monthsLater, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function equalInstallmentSchedule(
  principal: bigint,
  annualRate: bigint,
  termMonths: number,
  startDate: string,
): ScheduledInstallment[] {
  if (principal <= 0n || termMonths < 1) throw new RangeError('principal and term must be positive');
  const payment = levelPayment(principal, annualRate, termMonths);
  const den = RATE_SCALE * 12n;
  const schedule: ScheduledInstallment[] = [];
  let remaining = principal;
  for (let number = 1; number <= termMonths; number += 1) {
    const interest = divideHalfUp(remaining * annualRate, den);
    const last = number === termMonths;
    // Never more principal than is left (a tiny loan at a high rate could otherwise overshoot).
    const principalPart = last ? remaining : minBigint(remaining, maxBigint(payment - interest, 0n));
    schedule.push({ number, dueDate: dueDateOf(startDate, number), principal: principalPart, interest });
    remaining -= principalPart;
  }
  return schedule;
}

const minBigint = (a: bigint, b: bigint) => (a < b ? a : b);
const maxBigint = (a: bigint, b: bigint) => (a > b ? a : b);
