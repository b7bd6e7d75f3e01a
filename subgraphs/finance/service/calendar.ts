/**
 * Working days for T+1 settlement of redemptions, over the bank's Asia/Shanghai calendar
 * (platform/businessDay.ts).
 */
import { addDays, dayAsDate, shanghaiDay, startOfShanghaiDay } from '../../../platform/businessDay';

/**
 * T+1: the start of the next working day after `at` (Saturdays and Sundays skipped; public holidays
 * are not modelled).
 */
export function nextWorkingDayStart(at: Date): Date {
  let day = addDays(shanghaiDay(at), 1);
  while ([0, 6].includes(dayAsDate(day).getUTCDay())) day = addDays(day, 1);
  return startOfShanghaiDay(day);
}
