import { randomUUID } from 'node:crypto';
import { Role } from '@chorus/shared';
import { RequestContext } from '../db/request-context';
import { consent, TestServer } from '../test/harness';
import { Caller } from './caller';

/**
 * The services check permissions themselves, so work that never passes a resolver (a job, an
 * export, an import) is refused exactly as a GraphQL call would be, before anything is written;
 * and every use case leaves its typed audit action in the same transaction as its work.
 */

let server: TestServer;
let organisationId = '';
let sessionId = '';

beforeAll(async () => {
  server = await TestServer.start();
  organisationId = await server.createOrganisation();
  sessionId = await server.createSession();
});
afterAll(() => server.stop());

const asJob = (caller: Caller) =>
  RequestContext.forJob(server.dataSource, Caller.fromJSON(caller.toJSON()), server.engagementId, randomUUID());

describe('a use case run outside GraphQL, as a job', () => {
  const analyst = Caller.user({ id: randomUUID(), role: Role.ANALYST, organisationId: null });
  const council = Caller.apiKey({ id: randomUUID(), role: Role.COUNCIL_READER, organisationId: null });

  it.each([
    [
      'an analyst planning a session',
      analyst,
      (ctx: RequestContext) =>
        server.services.sessions.create(ctx, {
          title: 'Planned by a job',
          format: 'WORKSHOP' as never,
          startsAt: new Date(),
        }),
    ],
    [
      'a council key registering a participant',
      council,
      (ctx: RequestContext) =>
        server.services.participants.register(ctx, {
          sessionId,
          connections: ['LIVES' as never],
          consents: [consent('PARTICIPATION') as never],
        }),
    ],
    [
      'a council key submitting responses',
      council,
      (ctx: RequestContext) =>
        server.services.responses.submit(ctx, {
          sessionId,
          idempotencyKey: 'job-1',
          responses: [{ prompt: 'FUTURE' as never, text: 'From a job.' }],
        }),
    ],
    [
      'an analyst creating an API key',
      analyst,
      (ctx: RequestContext) =>
        server.services.apiKeys.create(ctx, { label: 'Job key', role: Role.PARTNER, organisationId }),
    ],
    [
      'an analyst reading participants',
      analyst,
      (ctx: RequestContext) => server.services.participants.list(ctx, null, { first: 10 }),
    ],
  ])('refuses %s: FORBIDDEN, nothing written', async (_label, caller, work) => {
    const before = await server.count('audit_events');
    const rows = [await server.count('sessions'), await server.count('participants'), await server.count('responses')];
    await expect(Promise.resolve().then((): Promise<unknown> => work(asJob(caller)))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await server.count('audit_events')).toBe(before);
    expect([
      await server.count('sessions'),
      await server.count('participants'),
      await server.count('responses'),
    ]).toEqual(rows);
  });

  it('refuses the anonymous caller UNAUTHENTICATED, even with input that would be bad', async () => {
    await expect(server.services.areas.create(asJob(Caller.anonymous), { name: '' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('lets a caller with the permission do the same work, audited under its name', async () => {
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const caller = Caller.user({ id: coordinator.id, role: Role.COORDINATOR, organisationId: null });
    const session = await server.services.sessions.create(asJob(caller), {
      title: 'Planned by a job',
      format: 'WORKSHOP' as never,
      startsAt: new Date('2026-07-01T10:00:00Z'),
    });
    const [entry] = await server.dataSource.query(
      `SELECT action, actor_user_id, details FROM audit_events WHERE entity_id = $1`,
      [session.id],
    );
    expect(entry).toMatchObject({
      action: 'session.created',
      actor_user_id: coordinator.id,
      details: { format: 'WORKSHOP' },
    });
  });
});

describe('audit actions over the API', () => {
  it('keep the strings existing rows use, one entry per use case, none for a refused one', async () => {
    const participantId = await server.registerParticipant(server.adminToken, { sessionId });
    const actions = await server.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [
      participantId,
    ]);
    expect(actions.map((row: { action: string }) => row.action).sort()).toEqual([
      'consent.granted',
      'participant.registered',
    ]);
    const before = await server.count('audit_events');
    const refused = await server.gql(
      `mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: QUOTE) { purpose } }`,
      { p: participantId },
      server.adminToken,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.count('audit_events')).toBe(before);
  });
});
