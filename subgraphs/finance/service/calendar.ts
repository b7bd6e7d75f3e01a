/**
 * Asia/Shanghai calendar days (UTC+8 all year, no daylight saving), the days interest, maturities,
 * redemption caps and T+1 settlement count in. Days are 'YYYY-MM-DD' strings; time comes from the
 * injectable clock, never from here.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the Shanghai day containing `at`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day `days` after `day` (calendar arithmetic on the date alone). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** A day as the UTC-midnight Date a PostgreSQL `DATE` column holds, and back. */
export const dayAsDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
export const dateAsDay = (date: Date): string => date.toISOString().slice(0, 10);

/** The instant a Shanghai day starts. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/**
 * T+1: the start of the next working day after `at` (Saturdays and Sundays skipped; public holidays
 * are not modelled).
 */
export function nextWorkingDayStart(at: Date): Date {
  let day = addDays(shanghaiDay(at), 1);
  while ([0, 6].includes(new Date(`${day}T00:00:00.000Z`).getUTCDay())) day = addDays(day, 1);
  return startOfShanghaiDay(day);
}
