// Conversions between what date and date-time inputs hold (local wall-clock time, no offset) and
// the ISO 8601 instants the server takes, with this browser's offset so the instant is exact.

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as ISO 8601 with this browser's UTC offset, e.g. `2026-06-14T10:00:00+01:00`. */
function isoWithLocalOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day}T${time}${sign}${hours}:${minutes}`;
}

/** A `datetime-local` value (`2026-06-14T10:00`) as an ISO instant; null when empty or invalid. */
export function dateTimeInputToIso(value: string): string | null {
  if (!value) return null;
  // Without an offset, a date-time string is read as local time.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : isoWithLocalOffset(date);
}

/** An ISO instant as a `datetime-local` value in local time, to prefill the input. */
export function isoToDateTimeInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Local midnight at the start of a `date` input's day (`2026-06-14`), `addDays` later, as an ISO
 * instant; null when empty or invalid. A date-only string would be read as UTC, hence by parts.
 */
export function dateInputToIso(value: string, addDays = 0): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!parts) return null;
  const date = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + addDays);
  return Number.isNaN(date.getTime()) ? null : isoWithLocalOffset(date);
}
