/**
 * Day and month arguments of the analytics queries. A "day" for activity is the customer's local
 * day, the bank's Asia/Shanghai calendar day (platform/businessDay.ts); day ranges are the kit's.
 */
import { badInput } from '../../../platform/errors';

export { MAX_RANGE_DAYS, parseDay, parseDayRange } from '../../kit/days';

/** "YYYY-MM" → the month's first day and the next month's first day. */
export function parseMonth(value: string, field: readonly (string | number)[]): { from: string; until: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) throw badInput('月份格式应为 YYYY-MM', field);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { from: `${value}-01`, until: `${next}-01` };
}
