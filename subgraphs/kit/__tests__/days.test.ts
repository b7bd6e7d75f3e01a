import { dayRangeWindow, parseDay, parseDayRange } from '../days';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

test('a day is YYYY-MM-DD and exists', () => {
  expect(parseDay('2026-02-28', ['day'])).toBe('2026-02-28');
  expect(fieldOf(() => parseDay('2026-02-29', ['day']))).toEqual({ code: 'BAD_USER_INPUT', field: 'day' });
  expect(fieldOf(() => parseDay('2026-2-1', ['day']))).toEqual({ code: 'BAD_USER_INPUT', field: 'day' });
});

test('a range includes both ends, runs forward and spans at most 366 days; errors name the field under the path', () => {
  expect(parseDayRange('2026-01-01', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  expect(fieldOf(() => parseDayRange('2026-01-02', '2026-01-01', ['filter']))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  expect(fieldOf(() => parseDayRange('2025-01-01', '2026-01-02'))).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
  expect(fieldOf(() => parseDayRange('x', '2026-01-02', ['filter']))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.from' });
});

test("a range's window is from the first day's Shanghai midnight to the day after the last", () => {
  expect(dayRangeWindow({ from: '2026-11-27', to: '2026-11-28' })).toEqual({
    start: new Date('2026-11-26T16:00:00.000Z'),
    end: new Date('2026-11-28T16:00:00.000Z'),
  });
});
