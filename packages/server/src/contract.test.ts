import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Role } from '@chorus/shared';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { consent, TestServer, type GraphQLResult } from './test/harness';

/** The contract's own documents, run as written against a live server, in the order a partner would. */
const documents = new Map(
  parse(readFileSync(resolve(__dirname, '../contract/operations.graphql'), 'utf8'))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => [d.name!.value, print(d)]),
);

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: 2 });
});
afterAll(() => server.stop());

async function run(name: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult> {
  const document = documents.get(name);
  if (!document) throw new Error(`the contract has no operation ${name}`);
  return server.gql(document, variables, token);
}

async function ok(name: string, variables: Record<string, unknown>, token?: string) {
  const result = await run(name, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data;
}

it('behaves as the contract says, from sign-in to erasure', async () => {
  const { login } = await ok('Login', { email: 'admin@test.chorus', password: 'a-long-test-password' });
  expect(login.user.role).toBe('ADMIN');
  const admin = login.token;

  const { createOrganisation: org } = await ok(
    'CreateOrganisation',
    { input: { name: 'Burslem Faith Forum', sector: 'FAITH' } },
    admin,
  );
  const { createApiKey } = await ok(
    'CreateApiKey',
    { input: { label: 'Forum laptop', role: 'PARTNER', organisationId: org.id } },
    admin,
  );
  expect(createApiKey.apiKey).toMatchObject({ role: 'PARTNER', organisation: { id: org.id } });
  const partner = createApiKey.key;
  const council = (await ok('CreateApiKey', { input: { label: 'Warehouse', role: 'COUNCIL_READER' } }, admin))
    .createApiKey.key;
  const { createArea: area } = await ok('CreateArea', { input: { name: 'Burslem', population: 23_000 } }, admin);

  const { createSession: session } = await ok(
    'CreateSession',
    {
      input: {
        title: 'Mosque open day',
        format: 'CONVERSATION',
        startsAt: '2026-07-12T11:00:00+01:00',
        areaId: area.id,
      },
    },
    partner,
  );
  expect(session).toMatchObject({ status: 'PLANNED', area: { id: area.id }, organisation: { id: org.id } });

  const refused = await run(
    'RegisterParticipant',
    { input: { sessionId: session.id, connections: ['LIVES'], consents: [consent('QUOTE')] } },
    partner,
  );
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');

  const people = [];
  for (const ageBand of ['AGE_25_34', 'AGE_55_64']) {
    const { registerParticipant } = await ok(
      'RegisterParticipant',
      {
        input: {
          sessionId: session.id,
          areaId: area.id,
          connections: ['LIVES', 'WORKS'],
          ageBand,
          consents: [consent('PARTICIPATION'), consent('QUOTE')],
        },
      },
      partner,
    );
    expect(
      registerParticipant.consents.map((c: { purpose: string; granted: boolean }) => [c.purpose, c.granted]),
    ).toEqual([
      ['PARTICIPATION', true],
      ['QUOTE', true],
    ]);
    people.push(registerParticipant.id);
  }

  const batch = {
    sessionId: session.id,
    idempotencyKey: 'open-day-table-1',
    responses: [
      {
        participantId: people[0],
        prompt: 'VALUES',
        text: 'Everyone brings food to share, email me on amir@example.org',
      },
      { participantId: people[1], prompt: 'VALUES', text: 'The neighbours keep an eye on my mum' },
      { prompt: 'CHALLENGES', text: 'Group notes: parking on Friday prayers' },
    ],
  };
  const first = (await ok('SubmitResponses', { input: batch }, partner)).submitResponses;
  expect(first.duplicate).toBe(false);
  expect(first.responses[0].text).toBe('Everyone brings food to share, email me on [EMAIL]');
  const retry = (await ok('SubmitResponses', { input: batch }, partner)).submitResponses;
  expect(retry).toEqual({ ...first, duplicate: true });
  const conflict = await run('SubmitResponses', { input: { ...batch, responses: batch.responses.slice(1) } }, partner);
  expect(conflict.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');

  const { sessions } = await ok('Sessions', { first: 10 }, partner);
  expect(sessions.edges.map((e: { node: unknown }) => e.node)).toEqual([
    expect.objectContaining({ id: session.id, responseCount: 3, participantCount: 2, organisation: { id: org.id } }),
  ]);

  const { createTheme: parent } = await ok('CreateTheme', { input: { name: 'Community & belonging' } }, admin);
  const { createTheme: theme } = await ok(
    'CreateTheme',
    { input: { name: 'Neighbourliness', parentId: parent.id } },
    admin,
  );
  expect(theme.parent.id).toBe(parent.id);
  for (const response of first.responses.slice(0, 2)) {
    const { codeResponse } = await ok('CodeResponse', { input: { responseId: response.id, themeId: theme.id } }, admin);
    expect(codeResponse).toMatchObject({ theme: { id: theme.id }, response: { id: response.id } });
  }
  const { themes } = await ok('Themes', {}, partner);
  expect(themes.find((t: { id: string }) => t.id === parent.id).children).toEqual([{ id: theme.id }]);

  const { responses } = await ok('Responses', { first: 2, filter: { themeId: theme.id } }, partner);
  expect(responses.totalCount).toBe(2);
  expect(responses.edges[0].node.themes).toEqual([{ id: theme.id, name: 'Neighbourliness' }]);

  const summary = (await ok('ThemeSummary', { filter: { areaIds: [area.id], prompts: ['VALUES'] } }, council))
    .themeSummary;
  // Two responses from two people: each figure is 2 moved by the ptable (at most 3), or withheld.
  expect(summary.threshold).toBe(2);
  const released = (n: number | null) => n === null || (n >= 2 && n <= 5);
  expect([summary.totalResponses, summary.totalParticipants].every(released)).toBe(true);
  const child = summary.themes.find((t: { theme: { id: string } }) => t.theme.id === theme.id);
  expect([child.responses, child.participants].every(released)).toBe(true);
  expect(child.suppressed).toBe(child.responses === null);
  // The parent counts its subtree: the same records, so the same figures.
  const parentFigures = summary.themes.find((t: { theme: { id: string } }) => t.theme.id === parent.id);
  expect({ ...parentFigures, theme: null }).toEqual({ ...child, theme: null });

  const { withdrawConsent } = await ok(
    'WithdrawConsent',
    { participantId: people[1], purpose: 'PARTICIPATION' },
    partner,
  );
  expect(withdrawConsent.granted).toBe(false);
  expect((await ok('Responses', { filter: { sessionId: session.id } }, partner)).responses.totalCount).toBe(2);

  const { eraseParticipant } = await ok('EraseParticipant', { id: people[0] }, admin);
  expect(eraseParticipant).toMatchObject({ responsesDeleted: 1, codingsDeleted: 1, quotesDeleted: 0 });
  const remaining = (await ok('Responses', { filter: { sessionId: session.id } }, partner)).responses;
  expect(remaining.edges.map((e: { node: { text: string } }) => e.node.text)).toEqual([
    'Group notes: parking on Friday prayers',
  ]);
});

it('keeps a council key to aggregates, the codebook and areas', async () => {
  const council = await server.apiKey(Role.COUNCIL_READER);
  expect((await run('Sessions', {}, council)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await run('Responses', {}, council)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await run('Themes', {}, council)).errors).toBeUndefined();
});
