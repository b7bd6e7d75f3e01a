import { dueDateOf, equalInstallmentSchedule, levelPayment } from '../service/credit/repaymentSchedule';

const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

describe('equal-installment schedule', () => {
  it('computes the level payment in fen, rounded half-up', () => {
    // 50,000.00 at 3.65% over 12 months: 4,249.5038… → 4,249.50
    expect(levelPayment(50_000_00n, 36500n, 12)).toBe(4_249_50n);
    // 10,000.00: 849.9007… → 849.90
    expect(levelPayment(10_000_00n, 36500n, 12)).toBe(849_90n);
    expect(levelPayment(1_000_00n, 0n, 3)).toBe(333_33n);
  });

  it.each([
    [50_000_00n, 36500n, 12],
    [10_000_00n, 36500n, 12],
    [300_000_00n, 36500n, 7],
    [1_000_01n, 123456n, 11],
    [1_00n, 36500n, 12],
    [1_000_00n, 0n, 3],
  ])('principal parts of %s at rate %s over %s months sum exactly to the principal', (principal, rate, months) => {
    const schedule = equalInstallmentSchedule(principal, rate, months, '2026-11-25');
    expect(schedule).toHaveLength(months);
    expect(sum(schedule.map((installment) => installment.principal))).toBe(principal);
    expect(schedule.every((installment) => installment.principal >= 0n && installment.interest >= 0n)).toBe(true);
  });

  it('keeps every installment but the last at the level payment; the residue is on the last', () => {
    const schedule = equalInstallmentSchedule(50_000_00n, 36500n, 12, '2026-09-20');
    for (const installment of schedule.slice(0, -1)) expect(installment.principal + installment.interest).toBe(4_249_50n);
    const last = schedule.at(-1)!;
    expect(last.principal + last.interest).not.toBe(0n);
    expect(schedule[0]).toEqual({ number: 1, dueDate: '2026-10-20', principal: 4_097_42n, interest: 152_08n });
  });

  it('falls due monthly on the start day, or the last day of a shorter month', () => {
    expect(dueDateOf('2026-01-31', 1)).toBe('2026-02-28');
    expect(dueDateOf('2026-01-31', 2)).toBe('2026-03-31');
    expect(dueDateOf('2026-11-25', 2)).toBe('2027-01-25');
  });
});
