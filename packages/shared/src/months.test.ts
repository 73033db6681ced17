import { cityMonth, cityMonthStart } from './months.js';

describe('city months (Europe/London)', () => {
  it('put 00:30 BST on 1 June in June, though it is still 31 May in UTC', () => {
    expect(cityMonth(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06');
    expect(cityMonth(new Date('2026-05-31T22:59:59Z'))).toBe('2026-05');
  });

  it('follow GMT in winter and the clock changes on the last Sundays of March and October', () => {
    expect(cityMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(cityMonthStart('2026-06')?.toISOString()).toBe('2026-05-31T23:00:00.000Z');
    expect(cityMonthStart('2026-06', 1)?.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(cityMonthStart('2026-03')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(cityMonthStart('2026-03', 1)?.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    expect(cityMonthStart('2026-10', 1)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(cityMonthStart('2026-12', 1)?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuse a month not written YYYY-MM', () => {
    expect(cityMonthStart('2026-13')).toBeNull();
    expect(cityMonthStart('June')).toBeNull();
  });
});
