/**
 * Day-range arguments of the staff queries (analytics, risk decisions, the audit log). A "day" is
 * the bank's Asia/Shanghai calendar day (platform/businessDay.ts), written `YYYY-MM-DD`; a range
 * includes both ends.
 */
import { dateAsDay, dayAsDate, daysBetween, shanghaiDayWindow } from '../../platform/businessDay';
import { badInput } from '../../platform/errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const MAX_RANGE_DAYS = 366;

export function parseDay(value: string, field: readonly (string | number)[]): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) || dateAsDay(dayAsDate(value)) !== value) {
    throw badInput('日期格式应为 YYYY-MM-DD', field);
  }
  return value;
}

/** A validated [from, to] range of days, both included; `path` prefixes the field paths (e.g. ['filter']). */
export function parseDayRange(from: string, to: string, path: readonly (string | number)[] = []): { from: string; to: string } {
  const start = parseDay(from, [...path, 'from']);
  const end = parseDay(to, [...path, 'to']);
  const days = daysBetween(start, end);
  if (days < 0) throw badInput('结束日期不能早于开始日期', [...path, 'to']);
  if (days >= MAX_RANGE_DAYS) throw badInput(`查询区间最长 ${MAX_RANGE_DAYS} 天`, [...path, 'to']);
  return { from: start, to: end };
}

/** The instants [start, end) a validated range of days covers. */
export function dayRangeWindow(range: { from: string; to: string }): { start: Date; end: Date } {
  return { start: shanghaiDayWindow(range.from).from, end: shanghaiDayWindow(range.to).to };
}
