import { describe, expect, it } from 'vitest';
import { dateInputToIso, dateTimeInputToIso, isoToDateTimeInput } from './localTime';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('local date and time inputs', () => {
  it('sends a datetime-local value as the same local instant, with the offset written out', () => {
    const iso = dateTimeInputToIso('2026-06-14T10:00');
    expect(iso).toMatch(WITH_OFFSET);
    expect(iso?.slice(0, 19)).toBe('2026-06-14T10:00:00');
    expect(new Date(iso!).getTime()).toBe(new Date(2026, 5, 14, 10, 0).getTime());
  });

  it('reads an instant back into the input as local time', () => {
    expect(isoToDateTimeInput(dateTimeInputToIso('2026-09-30T18:45'))).toBe('2026-09-30T18:45');
    expect(isoToDateTimeInput(null)).toBe('');
  });

  it('turns a date into local midnight, optionally days later', () => {
    expect(new Date(dateInputToIso('2026-06-30')!).getTime()).toBe(new Date(2026, 5, 30).getTime());
    expect(new Date(dateInputToIso('2026-06-30', 1)!).getTime()).toBe(new Date(2026, 6, 1).getTime());
  });

  it('refuses what is not a date', () => {
    expect(dateTimeInputToIso('')).toBeNull();
    expect(dateTimeInputToIso('soon')).toBeNull();
    expect(dateInputToIso('30/06/2026')).toBeNull();
  });
});
