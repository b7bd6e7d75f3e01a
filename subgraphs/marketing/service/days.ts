/**
 * Day and month arguments of the analytics queries. A "day" for activity is the customer's local
 * day, the bank's Asia/Shanghai calendar day (platform/businessDay.ts).
 */
import { dateAsDay, dayAsDate, daysBetween } from '../../../platform/businessDay';
import { badInput } from '../../../platform/errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const MAX_RANGE_DAYS = 366;

export function parseDay(value: string, field: readonly (string | number)[]): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) || dateAsDay(dayAsDate(value)) !== value) {
    throw badInput('日期格式应为 YYYY-MM-DD', field);
  }
  return value;
}

/** A validated [from, to] range of days, both included. */
export function parseDayRange(from: string, to: string): { from: string; to: string } {
  const start = parseDay(from, ['from']);
  const end = parseDay(to, ['to']);
  const days = daysBetween(start, end);
  if (days < 0) throw badInput('结束日期不能早于开始日期', ['to']);
  if (days >= MAX_RANGE_DAYS) throw badInput(`查询区间最长 ${MAX_RANGE_DAYS} 天`, ['to']);
  return { from: start, to: end };
}

/** "YYYY-MM" → the month's first day and the next month's first day. */
export function parseMonth(value: string, field: readonly (string | number)[]): { from: string; until: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) throw badInput('月份格式应为 YYYY-MM', field);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { from: `${value}-01`, until: `${next}-01` };
}
