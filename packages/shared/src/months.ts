/**
 * The city's time zone. A MONTH figure is a calendar month here, not in UTC: a response at 00:30
 * British Summer Time on 1 June belongs to June (docs/disclosure-control.md). The database's
 * `london_month()` is the same rule in SQL.
 */
export const CITY_TIME_ZONE = 'Europe/London';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: CITY_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The city's wall-clock time at an instant, read as if it were UTC (for offset arithmetic). */
function wallClockAsUtc(instant: Date): number {
  const parts = wallClock.formatToParts(instant);
  const at = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(at('year'), at('month') - 1, at('day'), at('hour'), at('minute'), at('second'));
}

/** The city month (`YYYY-MM`) an instant falls in. */
export function cityMonth(instant: Date): string {
  return new Date(wallClockAsUtc(instant)).toISOString().slice(0, 7);
}

/**
 * The instant a `YYYY-MM` month begins in the city (midnight on the 1st, BST or GMT), `add`
 * months later; null when the month is not written YYYY-MM. Clocks never change on the 1st, so
 * the offset at UTC midnight is the offset at local midnight.
 */
export function cityMonthStart(month: string, add = 0): Date | null {
  const parts = MONTH.exec(month);
  if (!parts) return null;
  const utcMidnight = Date.UTC(Number(parts[1]), Number(parts[2]) - 1 + add, 1);
  const offset = wallClockAsUtc(new Date(utcMidnight)) - utcMidnight;
  return new Date(utcMidnight - offset);
}
