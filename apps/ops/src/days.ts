/** The bank's days (Asia/Shanghai calendar days, `YYYY-MM-DD`) as the console's filters use them. */
const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Shanghai, whatever the browser's own time zone. */
export function today(now = new Date()): string {
  return SHANGHAI_DAY.format(now);
}

/** The day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An instant as the bank's wall clock shows it, e.g. 2026-12-02 20:15:03. */
export function shanghaiTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** Every day from `from` to `to`, both included (at most 366). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 366; day = addDays(day, 1)) days.push(day);
  return days;
}
