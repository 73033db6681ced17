import { Role } from '@chorus/shared';
import { databaseUrl } from '../test/database';
import { TestServer } from '../test/harness';
import { WireStatements } from '../test/wire-statements';

/** The statements one request sends to PostgreSQL, read off the wire, and its answer. */
async function measured(server: TestServer, wire: WireStatements, query: string, variables = {}, token?: string) {
  // One request first, so the token is known and the pool warm: steady state is what is counted.
  await server.ok(query, variables, token ?? server.adminToken);
  wire.take();
  const data = await server.ok(query, variables, token ?? server.adminToken);
  return { data, statements: wire.take() };
}

const SESSION = `query($id: ID!) { session(id: $id) { id title } }`;
const SESSIONS = `{ sessions(first: 50) { edges { node { id title organisation { id name } area { id name } responseCount participantCount } } } }`;
const RESPONSES_OF_SESSION = `query($s: ID!) { responses(first: 100, filter: { sessionId: $s }) {
  edges { node { id text participant { id code } session { id title } codings { id theme { id name } } } } } }`;
const RESPONSES = `{ responses(first: 100) { pageInfo { hasNextPage } edges { node { id text session { id } } } } }`;

describe('the read path', () => {
  const direct = new URL(databaseUrl('postgres'));
  const wire = new WireStatements(direct.hostname, Number(direct.port || 5432));
  let server: TestServer;
  let sessionId: string;

  beforeAll(async () => {
    server = await TestServer.start({ wire });
    const areaId = await server.createArea();
    const organisationId = await server.createOrganisation();
    sessionId = await server.createSession(server.adminToken, { areaId, organisationId });
    const participantId = await server.registerParticipant(server.adminToken, { sessionId });
    const submitted = await server.submit(sessionId, [
      { participantId, prompt: 'VALUES', text: 'The park' },
      { prompt: 'FUTURE', text: 'More buses' },
    ]);
    const theme = await server.ok(`mutation { createTheme(input: { name: "Transport" }) { id } }`);
    await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
      r: submitted.data.submitResponses.responses[1].id,
      t: theme.createTheme.id,
    });
  });
  afterAll(() => server?.stop());

  describe('sends few statements per request, authentication and rate limiting included', () => {
    it.each([
      ['session(id)', SESSION, 1],
      ['sessions with organisation, area and counts', SESSIONS, 3],
      ['responses of a session with participant, session and coded themes', RESPONSES_OF_SESSION, 3],
      ['responses of the whole engagement', RESPONSES, 3],
    ])('%s', async (_name, query, most) => {
      const { statements } = await measured(server, wire, query, { id: sessionId, s: sessionId });
      expect(statements.length).toBeLessThanOrEqual(most);
      // No transaction, no session settings, no look-up of the caller or of the rate-limit table.
      expect(statements.filter((sql) => /^\s*(BEGIN|COMMIT|ROLLBACK|SET|START)/i.test(sql))).toEqual([]);
      expect(statements.filter((sql) => /\b(users|user_sessions|api_keys|rate_limits)\b/.test(sql))).toEqual([]);
    });
  });
});
