/** Deposit interest (ACT/365, half-up to the fen, bigint only) and the Asia/Shanghai calendar it counts in. */
import { addDays, daysBetween, shanghaiDay } from '../../../platform/businessDay';
import { nextWorkingDayStart } from '../service/calendar';
import { accruedFen, interestFen, rateToE4, withdrawalInterest } from '../service/interest';
import { parseShares, redemptionAmountFen } from '../service/redemptions';

describe('interest on ACT/365', () => {
  it('10,000.00 at 2.15 % for 365 days is 215.00', () => {
    expect(interestFen(10_000_00n, rateToE4('2.1500'), 365)).toBe(215_00n);
  });

  it('rounds half-up exactly on the half fen, and down just below it', () => {
    // 10,002.50 × 2.6 % × 1095 / 365 = 780.195 → 780.20
    expect(interestFen(10_002_50n, rateToE4('2.6000'), 1095)).toBe(780_20n);
    // 52.50 × 2.6 % × 1095 / 365 = 4.095 → 4.10
    expect(interestFen(52_50n, rateToE4('2.6000'), 1095)).toBe(4_10n);
    // 52.49 × 2.6 % × 1095 / 365 = 4.09422 → 4.09
    expect(interestFen(52_49n, rateToE4('2.6000'), 1095)).toBe(4_09n);
    // 10,000.00 × 0.2 % × 100 / 365 = 5.4794… → 5.48
    expect(interestFen(10_000_00n, rateToE4('0.2000'), 100)).toBe(5_48n);
  });

  it('huge principals stay exact (no floating point)', () => {
    // 9,999,999,999.99 × 3.3333 % = 333,329,999.9996667 → 333,330,000.00 (a double would already be off here)
    expect(interestFen(9_999_999_999_99n, rateToE4('3.3333'), 365)).toBe(333_330_000_00n);
  });

  it('sums periods before rounding once', () => {
    expect(
      accruedFen(1_00n, [
        { rateE4: rateToE4('2.1500'), days: 365 },
        { rateE4: rateToE4('2.1500'), days: 365 },
      ]),
    ).toBe(4n); // 0.043 → 0.04
  });

  it('before maturity the demand rate for the days held; at or after, the term at the contract rate and overdue days at the demand rate', () => {
    const terms = {
      principalFen: 10_000_00n,
      rateE4: rateToE4('2.6000'),
      earlyRateE4: rateToE4('0.2000'),
      termDays: 1095,
      openedOn: '2026-11-25',
    };
    expect(withdrawalInterest(terms, 1094)).toEqual({ interestFen: interestFen(10_000_00n, 2000n, 1094), days: 1094, early: true });
    expect(withdrawalInterest(terms, 1095)).toEqual({ interestFen: 780_00n, days: 1095, early: false });
    // 780.00 + 10,000.00 × 0.2 % × 10 / 365 (0.5479…) = 780.5479… → 780.55
    expect(withdrawalInterest(terms, 1105).interestFen).toBe(780_55n);
    expect(withdrawalInterest(terms, 0)).toEqual({ interestFen: 0n, days: 0, early: true });
  });

  it('refuses rates that are not four decimals', () => {
    expect(() => rateToE4('2.15')).toThrow();
    expect(rateToE4('0.0001')).toBe(1n);
  });
});

describe('Asia/Shanghai calendar', () => {
  it('counts days by the Shanghai date, not UTC', () => {
    // 2026-11-25 23:30 in Shanghai is still the 25th; 00:30 on the 26th is the next day.
    expect(shanghaiDay(new Date('2026-11-25T15:30:00.000Z'))).toBe('2026-11-25');
    expect(shanghaiDay(new Date('2026-11-25T16:30:00.000Z'))).toBe('2026-11-26');
    expect(daysBetween('2026-11-25', addDays('2026-11-25', 1095))).toBe(1095);
    expect(addDays('2026-11-25', 1095)).toBe('2029-11-24'); // 2028 is a leap year
  });

  it('T+1 is the start of the next working day', () => {
    // Wednesday 2026-11-25 → Thursday 00:00 Shanghai; Friday → Monday.
    expect(nextWorkingDayStart(new Date('2026-11-25T02:00:00.000Z')).toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(nextWorkingDayStart(new Date('2026-11-27T02:00:00.000Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('redemption amounts', () => {
  it('shares × NAV rounded down to the fen', () => {
    expect(redemptionAmountFen(9791_44n, 1_0213n)).toBe(9999_99n); // 9999.997672
    expect(redemptionAmountFen(1n, 9215n)).toBe(0n);
  });

  it('parses shares with two decimals at most, more than zero', () => {
    expect(parseShares('12.5')).toBe(12_50n);
    expect(() => parseShares('0.00')).toThrow();
    expect(() => parseShares('1.005')).toThrow();
    expect(() => parseShares('-1')).toThrow();
  });
});
