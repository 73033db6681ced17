import { ErrorCode, LIMITS } from '@chorus/shared';
import { randomBytes } from 'node:crypto';
import { Cursors, pageOf, pageSize } from './pagination';
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
const cursors = new Cursors(randomBytes(32));
const SCOPE = 'sessions s.starts_at s.id DESC';
const ID = '3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b';

describe('cursors', () => {
  it('decode to the sort value and id they were made from', () => {
    expect(cursors.decode(SCOPE, cursors.encode(SCOPE, '2026-06-14T10:00:00.000Z', ID))).toEqual([
      '2026-06-14T10:00:00.000Z',
      ID,
    ]);
    // Sort values with quotes, commas and non-ASCII survive the trip.
    expect(cursors.decode(SCOPE, cursors.encode(SCOPE, 'Ŝtoke, "upon" Trent', ID))).toEqual([
      'Ŝtoke, "upon" Trent',
      ID,
    ]);
  });

  it('are opaque, URL-safe strings', () => {
    const cursor = cursors.encode(SCOPE, '2026-06-14T10:00:00.000Z', ID);
    expect(cursor).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(cursor).not.toContain('2026');
  });

  const genuine = cursors.encode(SCOPE, '2026-06-14T10:00:00.000Z', ID);
  const [payload, mac] = genuine.split('.') as [string, string];
  it.each([
    ['not base64 at all', '!!!not a cursor!!!'],
    ['empty', ''],
    ['unsigned, as cursors used to be', payload],
    ['home-made with a made-up signature', `${base64url('["not a date","not a uuid"]')}.${mac}`],
    ['with the payload altered', `${base64url(JSON.stringify(['2027-01-01T00:00:00.000Z', ID]))}.${mac}`],
    ['truncated', genuine.slice(0, -3)],
    ['with a part too many', `${genuine}.x`],
    ['signed by another server', new Cursors(randomBytes(32)).encode(SCOPE, '2026-06-14T10:00:00.000Z', ID)],
    ['from another list', cursors.encode('users u.created_at u.id DESC', '2026-06-14T10:00:00.000Z', ID)],
  ])('refuses a cursor %s as BAD_USER_INPUT naming `after`', (_what, cursor) => {
    const error = refusal(() => cursors.decode(SCOPE, cursor));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.field).toBe('after');
  });

  it('names the argument it was given as', () => {
    expect(refusal(() => cursors.decode(SCOPE, 'nope', 'responsesAfter')).field).toBe('responsesAfter');
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

describe('pageOf', () => {
  it('makes a cursor only when it is read, once', async () => {
    let made = 0;
    const cursorOf = (n: number) => {
      made += 1;
      return `c${n}`;
    };
    const page = pageOf([1, 2, 3], 2, {}, cursorOf, () => Promise.resolve(3));
    expect(page.edges.map((edge) => edge.node)).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(made).toBe(0);
    expect(page.edges.map((edge) => edge.cursor)).toEqual(['c1', 'c2']);
    expect(page.pageInfo.endCursor).toBe('c2');
    expect(page.pageInfo.startCursor).toBe('c1');
    expect(made).toBe(2);
    await expect(page.totalCount).resolves.toBe(3);
  });
});
