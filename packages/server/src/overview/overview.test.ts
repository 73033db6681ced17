import { Role } from '@chorus/shared';
import { codeOf, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const OVERVIEW = `query {
  overview {
    sessionsHeld sessionsPlanned participants responses codedShare
    responsesByPrompt { prompt responses }
    sessionsThisWeek { id title }
    reach { area { id } participants perThousand }
  }
}`;

describe('overview', () => {
  it('starts empty, then follows the work', async () => {
    const empty = (await server.ok(OVERVIEW)).overview;
    expect(empty).toMatchObject({
      sessionsHeld: 0,
      sessionsPlanned: 0,
      participants: 0,
      responses: 0,
      codedShare: 0,
      sessionsThisWeek: [],
    });
    expect(empty.responsesByPrompt.map((p: any) => p.prompt)).toEqual([
      'VALUES',
      'BELONGING',
      'CHALLENGES',
      'FUTURE',
      'WHAT_WORKS',
    ]);

    const areaId = await server.createArea(2_000);
    const thisWeek = await server.createSession(server.adminToken, { startsAt: new Date().toISOString(), areaId });
    const held = await server.createSession(server.adminToken, { startsAt: '2026-06-01T10:00:00Z' });
    await server.ok(`mutation($id: ID!) { updateSession(id: $id, input: { status: HELD }) { id } }`, { id: held });
    const people = [
      await server.registerParticipant(server.adminToken, { sessionId: held, areaId }),
      await server.registerParticipant(server.adminToken, { sessionId: held, areaId }),
    ];
    const stored = await server.submit(held, [
      { participantId: people[0], prompt: 'VALUES', text: 'The market' },
      { participantId: people[1], prompt: 'VALUES', text: 'The park' },
      { participantId: people[1], prompt: 'FUTURE', text: 'Trains' },
      { prompt: 'CHALLENGES', text: 'Table notes' },
    ]);
    const theme = (await server.ok(`mutation { createTheme(input: { name: "Places" }) { id } }`)).createTheme.id;
    await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
      r: stored.data.submitResponses.responses[0].id,
      t: theme,
    });

    const after = (await server.ok(OVERVIEW)).overview;
    expect(after).toMatchObject({
      sessionsHeld: 1,
      sessionsPlanned: 1,
      participants: 2,
      responses: 4,
      codedShare: 0.25,
    });
    expect(after.responsesByPrompt).toEqual([
      { prompt: 'VALUES', responses: 2 },
      { prompt: 'BELONGING', responses: 0 },
      { prompt: 'CHALLENGES', responses: 1 },
      { prompt: 'FUTURE', responses: 1 },
      { prompt: 'WHAT_WORKS', responses: 0 },
    ]);
    expect(after.sessionsThisWeek.map((s: any) => s.id)).toEqual([thisWeek]);
    expect(after.reach).toEqual([{ area: { id: areaId }, participants: 2, perThousand: 1 }]);
  });

  it('is for staff who plan and analyse, not facilitators, partners or council systems', async () => {
    const facilitator = await server.userWithRole(Role.FACILITATOR);
    const analyst = await server.userWithRole(Role.ANALYST);
    const council = await server.apiKey(Role.COUNCIL_READER);
    expect((await server.gql(OVERVIEW, {}, analyst.token)).errors).toBeUndefined();
    expect(codeOf(await server.gql(OVERVIEW, {}, facilitator.token))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(OVERVIEW, {}, council))).toBe('FORBIDDEN');
  });
});

describe('staff list for assigning facilitators', () => {
  it('lets a coordinator list facilitators by role', async () => {
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const facilitator = await server.userWithRole(Role.FACILITATOR);
    const data = await server.ok(
      `query { users(roles: [FACILITATOR], first: 100) { edges { node { id role } } } }`,
      {},
      coordinator.token,
    );
    const nodes = data.users.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.role === 'FACILITATOR')).toBe(true);
    expect(nodes.map((n: any) => n.id)).toContain(facilitator.id);
  });
});
