import { Writable } from 'node:stream';
import pino from 'pino';
import { SUBMIT, TestServer } from '../test/harness';

describe('the log of an unexpected database error', () => {
  const lines: string[] = [];
  let server: TestServer;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    server = await TestServer.start({ production: true, logger: pino({ level: 'info' }, sink) });
    // Triggers that fail the way an unforeseen database error would, quoting the personal data
    // they were given into the error message (as PostgreSQL's own messages sometimes do).
    await server.dataSource.query(`
      CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused %', row_to_json(NEW); END $$`);
    await server.dataSource.query(
      `CREATE TRIGGER refuse BEFORE INSERT ON responses FOR EACH ROW EXECUTE FUNCTION refuse_row()`,
    );
    await server.dataSource.query(
      `CREATE TRIGGER refuse BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_row()`,
    );
  });
  afterAll(() => server.stop());

  async function send(requestId: string, query: string, variables: object) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${server.adminToken}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query, variables }),
    });
    return JSON.stringify(await response.json());
  }

  it('names the error class, its SQLSTATE, our code and the request id, and no text or email', async () => {
    const sessionId = await server.createSession();
    const said = 'Marigold Thistlewaite says the number 7 bus never comes';
    const email = 'marigold.thistlewaite@example.org';
    lines.length = 0;
    const batch = await send('log-probe-batch', SUBMIT, {
      i: { sessionId, idempotencyKey: 'log-probe', responses: [{ prompt: 'VALUES', text: said }] },
    });
    const user = await send('log-probe-user', `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { email, displayName: 'Marigold', role: 'ANALYST', password: 'a-long-test-password' },
    });

    for (const body of [batch, user]) expect(body).toMatch(/INTERNAL_SERVER_ERROR/);
    const errors = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'unexpected error');
    expect(errors).toEqual([
      expect.objectContaining({
        reqId: 'log-probe-batch',
        errorClass: expect.stringMatching(/^QueryFailedError/),
        sqlState: 'P0001',
        code: 'INTERNAL_SERVER_ERROR',
      }),
      expect.objectContaining({ reqId: 'log-probe-user', sqlState: 'P0001', code: 'INTERNAL_SERVER_ERROR' }),
    ]);
    const everything = lines.join('\n') + batch + user;
    for (const personal of ['Marigold', 'Thistlewaite', 'bus never comes', 'example.org', 'INSERT INTO']) {
      expect(everything).not.toContain(personal);
    }
  });
});
