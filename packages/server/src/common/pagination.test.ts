import { ErrorCode, LIMITS } from '@chorus/shared';
import { decodeCursor, encodeCursor, pageSize } from './pagination';
import { DomainError } from './errors';

/** The DomainError `work` throws, or a failure when it throws none. */
function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

const base64url = (value: string) => Buffer.from(value).toString('base64url');

describe('cursors', () => {
  it('decode to the sort value and id they were made from', () => {
    const id = '3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b';
    expect(decodeCursor(encodeCursor('2026-06-14T10:00:00.000Z', id))).toEqual(['2026-06-14T10:00:00.000Z', id]);
    // Sort values with quotes, commas and non-ASCII survive the trip.
    expect(decodeCursor(encodeCursor('Ŝtoke, "upon" Trent', id))).toEqual(['Ŝtoke, "upon" Trent', id]);
  });

  it('are opaque, URL-safe strings', () => {
    const cursor = encodeCursor('2026-06-14T10:00:00.000Z', '3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
  });

  it.each([
    ['not base64 at all', '!!!not a cursor!!!'],
    ['empty', ''],
    ['JSON but an object', base64url('{"a":1}')],
    ['an array of numbers', base64url('[1,2]')],
    ['an array of three strings', base64url('["a","b","c"]')],
    ['an array of one string', base64url('["a"]')],
    ['truncated', encodeCursor('2026-06-14T10:00:00.000Z', 'abc').slice(0, 10)],
  ])('refuses a forged cursor (%s) as BAD_USER_INPUT naming `after`', (_what, cursor) => {
    const error = refusal(() => decodeCursor(cursor));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.field).toBe('after');
  });

  it('names the argument it was given as', () => {
    expect(refusal(() => decodeCursor('nope', 'responsesAfter')).field).toBe('responsesAfter');
  });
});

describe('pageSize', () => {
  it(`defaults to ${LIMITS.pageSizeDefault}`, () => {
    expect(pageSize(undefined)).toBe(LIMITS.pageSizeDefault);
    expect(pageSize(null)).toBe(LIMITS.pageSizeDefault);
  });

  it(`accepts 1 to ${LIMITS.pageSizeMax}`, () => {
    expect(pageSize(1)).toBe(1);
    expect(pageSize(37)).toBe(37);
    expect(pageSize(LIMITS.pageSizeMax)).toBe(LIMITS.pageSizeMax);
  });

  it.each([0, -1, LIMITS.pageSizeMax + 1, 1_000_000, 2.5, Number.NaN])(
    'refuses %p as BAD_USER_INPUT naming `first`',
    (first) => {
      const error = refusal(() => pageSize(first));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.field).toBe('first');
    },
  );
});
