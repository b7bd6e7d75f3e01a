import { businessDayDate, businessDayOf, businessYearStart } from '../service/businessDay';

describe('Asia/Shanghai business day', () => {
  it('turns at 16:00 UTC, which is midnight in Shanghai', () => {
    expect(businessDayOf(new Date('2026-11-25T15:59:59.999Z'))).toBe('2026-11-25');
    expect(businessDayOf(new Date('2026-11-25T16:00:00.000Z'))).toBe('2026-11-26');
  });

  it('starts the year in Shanghai, not in UTC', () => {
    expect(businessDayOf(new Date('2026-12-31T16:30:00.000Z'))).toBe('2027-01-01');
    expect(businessYearStart(new Date('2026-12-31T16:30:00.000Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('gives the DATE column value at UTC midnight', () => {
    expect(businessDayDate(new Date('2026-11-25T02:00:00.000Z')).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
});
