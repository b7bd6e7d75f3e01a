import {
  addDays,
  dateAsDay,
  dayAsDate,
  daysBetween,
  shanghaiDateTime,
  shanghaiDay,
  shanghaiDayDate,
  shanghaiDayWindow,
  shanghaiHour,
  shanghaiYearStart,
  startOfShanghaiDay,
} from '../businessDay';

describe('Asia/Shanghai business day', () => {
  it('turns at 16:00 UTC, which is midnight in Shanghai', () => {
    expect(shanghaiDay(new Date('2026-11-25T15:59:59.999Z'))).toBe('2026-11-25');
    expect(shanghaiDay(new Date('2026-11-25T16:00:00.000Z'))).toBe('2026-11-26');
    expect(startOfShanghaiDay('2026-11-26').toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });

  it('starts the year in Shanghai, not in UTC', () => {
    expect(shanghaiDay(new Date('2026-12-31T16:30:00.000Z'))).toBe('2027-01-01');
    expect(shanghaiYearStart(new Date('2026-12-31T16:30:00.000Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(shanghaiYearStart(new Date('2026-12-31T15:30:00.000Z')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('gives the DATE column value at UTC midnight, and reads it back', () => {
    expect(shanghaiDayDate(new Date('2026-11-25T02:00:00.000Z')).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(shanghaiDayDate(new Date('2026-11-25T17:00:00.000Z')).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(dayAsDate('2026-11-30', 1).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(dateAsDay(dayAsDate('2028-02-29'))).toBe('2028-02-29');
  });

  it('reads the hour and the wall clock in Shanghai', () => {
    expect(shanghaiHour(new Date('2026-11-25T15:59:00.000Z'))).toBe(23);
    expect(shanghaiHour(new Date('2026-11-25T16:00:00.000Z'))).toBe(0);
    expect(shanghaiDateTime(new Date('2026-11-25T16:05:09.123Z'))).toBe('2026-11-26 00:05:09');
  });

  it('windows a day as [start, next start) and refuses a malformed one', () => {
    const { from, to } = shanghaiDayWindow('2026-11-25');
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-11-24T16:00:00.000Z', '2026-11-25T16:00:00.000Z']);
    expect(() => shanghaiDayWindow('2026-11-25T00:00')).toThrow(RangeError);
    expect(() => shanghaiDayWindow('2026-13-45')).toThrow(RangeError);
  });

  it('counts calendar days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-25', '2027-11-25')).toBe(365);
    expect(daysBetween('2026-11-25', '2026-11-20')).toBe(-5);
  });
});
