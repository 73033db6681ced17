import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
let coordinator: { id: string; token: string };

const EVENTS = `query($f: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id at action callerKind callerId recordType recordId requestId details } }
  }
}`;
const CONTACT = `query($id: ID!) { participant(id: $id) { contact { name email } } }`;
const NAME = 'Zebedee Quantock-Farrier';
const EMAIL = 'zebedee.qf@example.org';

beforeAll(async () => {
  server = await TestServer.start();
  coordinator = await server.userWithRole(Role.COORDINATOR);
}, 60_000);
afterAll(() => server.stop());

async function events(filter: Record<string, unknown>, token = server.adminToken) {
  return (await server.ok(EVENTS, { f: filter, first: 100 }, token)).auditEvents;
}

async function withContact(): Promise<string> {
  return server.registerParticipant(server.adminToken, {
    consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
    contact: { name: NAME, email: EMAIL },
  });
}

describe('what the audit trail records', () => {
  it('records every write with its caller, record, engagement and request id, and no personal data', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${coordinator.token}`,
        'x-request-id': 'audit-test-1',
      },
      body: JSON.stringify({
        query: `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
        variables: { i: { title: 'Audited session', format: 'WORKSHOP', startsAt: '2026-06-14T10:00:00Z' } },
      }),
    });
    const sessionId = ((await response.json()) as any).data.createSession.id;
    const { edges } = await events({ recordId: sessionId });
    expect(edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        action: 'SESSION_CREATED',
        callerKind: 'USER',
        callerId: coordinator.id,
        recordType: 'session',
        recordId: sessionId,
        requestId: 'audit-test-1',
      }),
    ]);
    const [row] = await server.dataSource.query(`SELECT engagement_id FROM audit_events WHERE entity_id = $1`, [
      sessionId,
    ]);
    expect(row.engagement_id).toBe(server.engagementId);
  });

  it('records every read of contact details, and never the details themselves', async () => {
    const participantId = await withContact();
    const read = async () => (await server.ok(CONTACT, { id: participantId })).participant.contact;
    expect(await read()).toMatchObject({ name: NAME });
    await read();
    const reads = await events({ recordId: participantId, action: 'PARTICIPANT_CONTACT_READ' });
    expect(reads.totalCount).toBe(2);
    const everything = JSON.stringify(await server.dataSource.query(`SELECT * FROM audit_events`));
    expect(everything).not.toContain('Zebedee');
    expect(everything).not.toContain(EMAIL);
  });
});

describe('the append-only trigger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of any entry', async () => {
    await expect(server.dataSource.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(server.dataSource.query(`UPDATE audit_events SET entity_id = NULL`)).rejects.toThrow(/append-only/);
    await expect(server.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(server.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('allows the anonymisation guard to blank a record id, and nothing else', async () => {
    const runner = server.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('chorus.audit_anonymise', 'on', true)`);
      await expect(runner.query(`UPDATE audit_events SET details = '{}' WHERE true`)).rejects.toThrow(/append-only/);
      await runner.rollbackTransaction();
      await runner.startTransaction();
      await runner.query(`SELECT set_config('chorus.audit_anonymise', 'on', true)`);
      await expect(runner.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
      await runner.rollbackTransaction();
      await runner.startTransaction();
      await runner.query(`SELECT set_config('chorus.audit_anonymise', 'on', true)`);
      const updated = await runner.query(
        `UPDATE audit_events SET entity_id = NULL WHERE entity_id IS NOT NULL RETURNING id`,
      );
      expect(updated.length).toBeGreaterThan(0);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });

  it('erasure anonymises the earlier entries about the person and keeps its own receipt', async () => {
    const participantId = await withContact();
    await server.ok(CONTACT, { id: participantId });
    const before = await server.count('audit_events');
    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`, { id: participantId });
    const left = (await events({ recordId: participantId })).edges.map((e: any) => e.node.action);
    expect(left).toEqual(['PARTICIPANT_ERASED']);
    // Nothing was deleted: the registration and the read are still there, without the record id.
    expect(await server.count('audit_events')).toBe(before + 1);
  });
});

describe('auditEvents', () => {
  it('filters by caller, action and period, and pages through every match once', async () => {
    for (let i = 0; i < 3; i++) await server.createSession(coordinator.token);
    const mine = await events({ callerId: coordinator.id, action: 'SESSION_CREATED' });
    expect(mine.totalCount).toBeGreaterThanOrEqual(3);
    expect(
      mine.edges.every((e: any) => e.node.callerId === coordinator.id && e.node.action === 'SESSION_CREATED'),
    ).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.ok(EVENTS, { f: { callerId: coordinator.id }, first: 2, after })).auditEvents;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));

    expect((await events({ from: '2999-01-01T00:00:00Z' })).totalCount).toBe(0);
    expect((await events({ to: '2000-01-01T00:00:00Z' })).totalCount).toBe(0);
  });

  it('refuses bad filters naming the field, and anyone without audit.read', async () => {
    const badId = await server.gql(EVENTS, { f: { recordId: 'nope' } }, server.adminToken);
    expect([codeOf(badId), fieldOf(badId)]).toEqual(['BAD_USER_INPUT', 'filter.recordId']);
    const backwards = await server.gql(
      EVENTS,
      { f: { from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z' } },
      server.adminToken,
    );
    expect([codeOf(backwards), fieldOf(backwards)]).toEqual(['BAD_USER_INPUT', 'filter.to']);
    const cursor = await server.gql(EVENTS, { after: 'forged' }, server.adminToken);
    expect([codeOf(cursor), fieldOf(cursor)]).toEqual(['BAD_USER_INPUT', 'after']);
    expect(codeOf(await server.gql(EVENTS, {}, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(`query { auditVocabulary { action } }`, {}, coordinator.token))).toBe('FORBIDDEN');
  });

  it('describes its vocabulary', async () => {
    const { auditVocabulary } = await server.ok(`query { auditVocabulary { action code description } }`);
    expect(auditVocabulary).toEqual(
      expect.arrayContaining([
        { action: 'PARTICIPANT_CONTACT_READ', code: 'participant.contact_read', description: expect.any(String) },
      ]),
    );
  });
});

describe('GET /exports/audit.csv', () => {
  const get = (query: string, token?: string) =>
    fetch(`${server.url}/exports/audit.csv${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('sends the filtered log as CSV, newest first, and records the export', async () => {
    const sessionId = await server.createSession(coordinator.token);
    const response = await get(`?recordId=${sessionId}`, server.adminToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,action,callerKind,callerId,recordType,recordId,requestId,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`session.created,USER,${coordinator.id},session,${sessionId}`);
    const exported = await events({ action: 'AUDIT_EXPORTED' });
    expect(JSON.parse(exported.edges[0].node.details)).toMatchObject({ recordId: sessionId });
  });

  it('refuses an anonymous caller, a coordinator and a bad filter, naming it', async () => {
    expect((await get('')).status).toBe(401);
    expect((await get('', coordinator.token)).status).toBe(403);
    const bad = await get('?action=nope', server.adminToken);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.field).toBe('filter.action');
    expect((await get('?from=yesterday', server.adminToken)).status).toBe(400);
  });
});
