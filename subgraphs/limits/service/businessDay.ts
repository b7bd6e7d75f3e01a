/**
 * A "day" for limits is the Asia/Shanghai calendar day (ARCHITECTURE.md, Money). China keeps
 * UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact and needs no tz data.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar day of an instant, as `YYYY-MM-DD`. */
export function businessDayOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The same day as a `Date` at UTC midnight: the value a PostgreSQL `DATE` column round-trips. */
export function businessDayDate(instant: Date): Date {
  return new Date(`${businessDayOf(instant)}T00:00:00.000Z`);
}

/** First business day of the instant's Asia/Shanghai calendar year, for yearly totals. */
export function businessYearStart(instant: Date): Date {
  return new Date(`${businessDayOf(instant).slice(0, 4)}-01-01T00:00:00.000Z`);
}
