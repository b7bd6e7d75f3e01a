/**
 * The bank's calendar: a "day" (daily limits, interest, maturities, reconciliation, activity) is the
 * Asia/Shanghai calendar day (ARCHITECTURE.md, Money). China keeps UTC+8 all year (no daylight saving
 * since 1991), so a fixed offset is exact and needs no time-zone data. Days are `YYYY-MM-DD` strings;
 * a PostgreSQL `DATE` column holds a day as UTC midnight. Time itself comes from the injectable clock
 * (`clock.ts`), never from here.
 *
 * This is the only module that knows the offset: test/architecture/singleCopies.test.ts fails on a
 * copy anywhere else.
 */

/** The zone's name, for SQL that must derive a day from a timestamp column (`AT TIME ZONE`). */
export const BANK_TIME_ZONE = 'Asia/Shanghai';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant as it reads on a Shanghai wall clock, in ISO form without an offset. */
function shanghaiWallClock(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
}

/** The Asia/Shanghai calendar day containing `at`, e.g. `2026-11-25`. */
export function shanghaiDay(at: Date): string {
  return shanghaiWallClock(at).slice(0, 10);
}

/** Hour of day (0–23) on the Shanghai clock. */
export function shanghaiHour(at: Date): number {
  return Number(shanghaiWallClock(at).slice(11, 13));
}

/** `YYYY-MM-DD HH:mm:ss` on the Shanghai clock (what Chinese payment platforms sign, e.g. Alipay). */
export function shanghaiDateTime(at: Date): string {
  return shanghaiWallClock(at).slice(0, 19).replace('T', ' ');
}

/** The instant the Shanghai day `day` starts. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/** [from, to) of the Shanghai day `day`; a malformed day is a RangeError. */
export function shanghaiDayWindow(day: string): { from: Date; to: Date } {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00.000Z`))) throw new RangeError(`not a day: ${day}`);
  const from = startOfShanghaiDay(day);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/** The day `days` after `day` (negative: before), by the calendar alone. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** The day `offset` days from `day`, as the UTC-midnight Date a `DATE` column holds. */
export function dayAsDate(day: string, offset = 0): Date {
  return new Date(`${offset === 0 ? day : addDays(day, offset)}T00:00:00.000Z`);
}

/** A `DATE` column's value back as a day. */
export function dateAsDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Shanghai day containing `at`, as a `DATE` column holds it. */
export function shanghaiDayDate(at: Date): Date {
  return dayAsDate(shanghaiDay(at));
}

/** January 1st of the Shanghai year containing `at`, as a `DATE` column holds it (yearly totals). */
export function shanghaiYearStart(at: Date): Date {
  return dayAsDate(`${shanghaiDay(at).slice(0, 4)}-01-01`);
}
