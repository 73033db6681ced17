import { Role } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const SESSIONS = `query($first: Int, $after: String, $filter: SessionFilter) {
  sessions(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id title format status organisation { id } responseCount participantCount } }
  }
}`;

describe('sessions', () => {
  it('plans a session with its area and organisation', async () => {
    const areaId = await server.createArea();
    const organisationId = await server.createOrganisation();
    const data = await server.ok(
      `mutation($i: CreateSessionInput!) { createSession(input: $i) { id title format status startsAt area { id } organisation { id } } }`,
      {
        i: {
          title: '  Burslem youth workshop ',
          format: 'WORKSHOP',
          startsAt: '2026-07-01T18:00:00+01:00',
          areaId,
          organisationId,
        },
      },
    );
    expect(data.createSession).toMatchObject({
      title: 'Burslem youth workshop',
      format: 'WORKSHOP',
      status: 'PLANNED',
      startsAt: '2026-07-01T17:00:00.000Z',
      area: { id: areaId },
      organisation: { id: organisationId },
    });
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await server.count('sessions');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ endsAt: '2026-06-14T09:00:00Z' }, 'endsAt'],
      [{ areaId: 'not-an-id' }, 'areaId'],
      [{ areaId: '00000000-0000-4000-8000-000000000000' }, 'areaId'],
    ];
    for (const [input, field] of cases) {
      const result = await server.gql(
        `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
        {
          i: { title: 'Valid', format: 'WORKSHOP', startsAt: '2026-06-14T10:00:00Z', ...input },
        },
        server.adminToken,
      );
      expect(fieldOf(result)).toBe(field);
      expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(codeOf(result));
    }
    const badDate = await server.gql(
      `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
      {
        i: { title: 'Valid', format: 'WORKSHOP', startsAt: '14/06/2026' },
      },
      server.adminToken,
    );
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
    expect(fieldOf(badDate)).toBe('startsAt');
    expect(await server.count('sessions')).toBe(before);
  });

  it('refuses clearing a required field on update, naming it', async () => {
    const id = await server.createSession();
    for (const field of ['title', 'format', 'startsAt']) {
      const result = await server.gql(
        `mutation($id: ID!, $i: UpdateSessionInput!) { updateSession(id: $id, input: $i) { id } }`,
        {
          id,
          i: { [field]: null },
        },
        server.adminToken,
      );
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe(field);
    }
  });

  it('walks every page of a connection with no gap or repeat', async () => {
    const organisationId = await server.createOrganisation();
    const created = new Set<string>();
    for (let day = 1; day <= 7; day++) {
      created.add(
        await server.createSession(server.adminToken, { organisationId, startsAt: `2026-08-0${day}T10:00:00Z` }),
      );
    }
    // Two sessions at the same instant: the id breaks the tie.
    created.add(await server.createSession(server.adminToken, { organisationId, startsAt: '2026-08-03T10:00:00Z' }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: any = await server.ok(SESSIONS, { first: 3, after, filter: { organisationId } });
      expect(data.sessions.totalCount).toBe(8);
      seen.push(...data.sessions.edges.map((e: any) => e.node.id));
      after = data.sessions.pageInfo.hasNextPage ? data.sessions.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen)).toEqual(created);
  });

  it('limits page size and refuses forged cursors', async () => {
    expect(fieldOf(await server.gql(SESSIONS, { first: 101 }, server.adminToken))).toBe('first');
    expect(fieldOf(await server.gql(SESSIONS, { first: 0 }, server.adminToken))).toBe('first');
    expect(fieldOf(await server.gql(SESSIONS, { after: 'garbage' }, server.adminToken))).toBe('after');
    const data = await server.ok(SESSIONS, {});
    expect(data.sessions.edges.length).toBeLessThanOrEqual(20);
  });

  it('refuses a negative headcount and one over 10,000 naming the field, changing nothing', async () => {
    const id = await server.createSession();
    await server.ok(`mutation($id: ID!) { updateSession(id: $id, input: { headcount: 12 }) { id } }`, { id });
    for (const headcount of [-5, 10_001, 100_000]) {
      const refused = await server.gql(
        `mutation($id: ID!, $h: Int) { updateSession(id: $id, input: { headcount: $h }) { id } }`,
        { id, h: headcount },
        server.adminToken,
      );
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(fieldOf(refused)).toBe('headcount');
    }
    const kept = await server.ok(`query($id: ID!) { session(id: $id) { headcount } }`, { id });
    expect(kept.session.headcount).toBe(12);
    const most = await server.ok(
      `mutation($id: ID!) { updateSession(id: $id, input: { headcount: 10000 }) { headcount } }`,
      {
        id,
      },
    );
    expect(most.updateSession.headcount).toBe(10_000);
  });

  it('filters by format, status and dates', async () => {
    const areaId = await server.createArea();
    await server.createSession(server.adminToken, { areaId, format: 'INTERVIEW', startsAt: '2026-09-01T10:00:00Z' });
    const held = await server.createSession(server.adminToken, {
      areaId,
      format: 'FOCUS_GROUP',
      startsAt: '2026-09-02T10:00:00Z',
    });
    await server.ok(`mutation($id: ID!) { updateSession(id: $id, input: { status: HELD, headcount: 12 }) { id } }`, {
      id: held,
    });
    const byFormat = await server.ok(SESSIONS, { filter: { areaId, formats: ['INTERVIEW'] } });
    expect(byFormat.sessions.totalCount).toBe(1);
    const byStatus = await server.ok(SESSIONS, { filter: { areaId, statuses: ['HELD'] } });
    expect(byStatus.sessions.edges.map((e: any) => e.node.id)).toEqual([held]);
    const byDate = await server.ok(SESSIONS, { filter: { areaId, from: '2026-09-02T00:00:00Z' } });
    expect(byDate.sessions.edges.map((e: any) => e.node.id)).toEqual([held]);
  });

  it("puts a partner's session in its own organisation", async () => {
    const own = await server.createOrganisation();
    const other = await server.createOrganisation();
    const key = await server.apiKey(Role.PARTNER, own);
    const data = await server.ok(
      `mutation { createSession(input: { title: "Faith leaders' breakfast", format: CONVERSATION, startsAt: "2026-07-05T08:00:00Z" }) { organisation { id } } }`,
      {},
      key,
    );
    expect(data.createSession.organisation.id).toBe(own);
    const refused = await server.gql(
      `mutation($o: ID) { createSession(input: { title: "x", format: CONVERSATION, startsAt: "2026-07-05T08:00:00Z", organisationId: $o }) { id } }`,
      { o: other },
      key,
    );
    expect(fieldOf(refused)).toBe('organisationId');
  });

  it('shows a facilitator only the sessions they facilitate', async () => {
    const facilitator = await server.userWithRole(Role.FACILITATOR);
    const theirs = await server.createSession(server.adminToken, { facilitatorIds: [facilitator.id] });
    const notTheirs = await server.createSession();
    const data = await server.ok(SESSIONS, { first: 100 }, facilitator.token);
    const ids = data.sessions.edges.map((e: any) => e.node.id);
    expect(ids).toEqual([theirs]);
    expect(
      codeOf(await server.gql(`query($id: ID!) { session(id: $id) { id } }`, { id: notTheirs }, facilitator.token)),
    ).toBe('NOT_FOUND');
    const cancelled = await server.ok(
      `mutation($id: ID!) { updateSession(id: $id, input: { status: CANCELLED }) { status } }`,
      { id: theirs },
      facilitator.token,
    );
    expect(cancelled.updateSession.status).toBe('CANCELLED');
  });
});

describe('duplicateSessions', () => {
  const DUPLICATES = `query($t: String!, $s: DateTime!, $a: ID, $x: ID) {
    duplicateSessions(title: $t, startsAt: $s, areaId: $a, exceptId: $x) { id title }
  }`;
  const plan = (input: Record<string, unknown>) =>
    server.ok(`mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`, {
      i: { format: 'WORKSHOP', ...input },
    });

  it('names a session with the same title (any case), start and area; not another time, area, or the one edited', async () => {
    const areaId = await server.createArea();
    const otherArea = await server.createArea();
    const startsAt = '2026-07-02T18:00:00.000Z';
    const first = (await plan({ title: 'Fenton listening café', startsAt, areaId })).createSession.id;
    await plan({ title: 'Fenton listening café', startsAt: '2026-07-02T19:00:00.000Z', areaId });
    await plan({ title: 'Fenton listening café', startsAt, areaId: otherArea });

    const found = await server.ok(DUPLICATES, { t: ' fenton LISTENING café ', s: startsAt, a: areaId });
    expect(found.duplicateSessions.map((s: { id: string }) => s.id)).toEqual([first]);
    expect(
      (await server.ok(DUPLICATES, { t: 'Fenton listening café', s: startsAt, a: areaId, x: first })).duplicateSessions,
    ).toEqual([]);
    expect(
      (await server.ok(DUPLICATES, { t: 'Fenton listening café', s: startsAt, a: null })).duplicateSessions,
    ).toEqual([]);
  });

  it('looks only within what the caller may reach: a partner is not told of another organisation’s session', async () => {
    const startsAt = '2026-07-03T18:00:00.000Z';
    await plan({ title: 'Tunstall drop-in', startsAt });
    const partner = await server.userWithRole(Role.PARTNER, await server.createOrganisation());
    const seen = await server.gql(DUPLICATES, { t: 'Tunstall drop-in', s: startsAt }, partner.token);
    expect(seen.data.duplicateSessions).toEqual([]);
  });

  it('names the field of a bad title', async () => {
    const result = await server.gql(DUPLICATES, { t: '  ', s: '2026-07-03T18:00:00.000Z' }, server.adminToken);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('title');
  });
});
