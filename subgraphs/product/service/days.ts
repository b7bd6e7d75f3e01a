/** Calendar days in Asia/Shanghai (UTC+8 all year, no daylight saving), as the bank publishes NAVs. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the Shanghai day containing `at`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai day `offset` days from `day`, as the UTC-midnight Date a `DATE` column holds. */
export function dayAsDate(day: string, offset = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + offset * DAY_MS);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
