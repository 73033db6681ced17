import { Client } from 'pg';
import { cloneTemplate, databaseUrl, dropDatabase } from '../test/database';
import { ServerProcess } from '../test/server-process';
import { TcpProxy } from '../test/tcp-proxy';

const ADMIN = { email: 'admin@faults.test', password: 'a-long-test-password' };

interface Reply {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: string, variables: object, token?: string): Promise<Reply> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Reply['body'],
  };
}

/** The one shape a lost database may take on the wire. */
function expectRetryable(reply: Reply): void {
  expect({
    status: reply.status,
    retryAfter: reply.retryAfter,
    errors: reply.body.errors?.map(({ message, extensions }) => ({ message, extensions })),
  }).toEqual({
    status: 503,
    retryAfter: '1',
    errors: [
      { message: expect.stringMatching(/retry/), extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true } },
    ],
  });
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SUBMIT = `mutation($i: SubmitResponsesInput!) { submitResponses(input: $i) { duplicate responses { id } } }`;
const REGISTER = `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id } }`;
const BATCHES = 16;
const BATCH_SIZE = 10;
const REGISTRATIONS = 16;
const ATTEMPTS = 60;

describe('a server process whose database connections die', () => {
  let database: string;
  let proxy: TcpProxy;
  let server: ServerProcess;
  let token: string;
  let sessionId: string;

  beforeAll(async () => {
    database = await cloneTemplate();
    const direct = new URL(databaseUrl(database));
    proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
    await proxy.up();
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    server = await ServerProcess.start({
      databaseUrl: viaProxy.toString(),
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    });
    const login = await post(
      server.url,
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      {
        e: ADMIN.email,
        p: ADMIN.password,
      },
    );
    token = login.body.data.login.token;
    const session = await post(
      server.url,
      `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
      { i: { title: 'Faults', format: 'WORKSHOP', startsAt: '2026-06-14T10:00:00Z' } },
      token,
    );
    sessionId = session.body.data.createSession.id;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.down();
    if (database) await dropDatabase(database);
  });

  afterEach(() => {
    // A dead process explains every later failure: say so with its last words.
    if (server && !server.alive)
      throw new Error(`the server process died ${JSON.stringify(server.exit)}:\n${server.output}`);
  });

  it('survives backends terminated under a stream of batches and registrations; retries store each once', async () => {
    const killer = new Client({ connectionString: databaseUrl('postgres') });
    await killer.connect();
    let killed = 0;
    let killing: Promise<void> | undefined;
    let calls = 0;
    let retryable = 0;
    // Each completed call sets off one round of terminations while the other calls are in flight.
    let failed = false;
    const terminate = () => {
      if (failed) return;
      killing ??= killer
        .query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'chorus' AND datname = $1`,
          [database],
        )
        .then((result) => {
          killed += result.rowCount ?? 0;
        })
        .finally(() => (killing = undefined));
    };
    const untilStored = async (query: string, input: object): Promise<Reply> => {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const reply = await post(server.url, query, { i: input }, token);
        calls++;
        terminate();
        if (!reply.body.errors) return reply;
        expectRetryable(reply);
        retryable++;
      }
      throw new Error(`no success after ${ATTEMPTS} attempts`);
    };
    const jobs = [
      ...Array.from(
        { length: BATCHES },
        (_, batch) => () =>
          untilStored(SUBMIT, {
            sessionId,
            idempotencyKey: `batch-${batch}`,
            responses: Array.from({ length: BATCH_SIZE }, (_, n) => ({
              prompt: 'VALUES',
              text: `batch ${batch} #${n}`,
            })),
          }),
      ),
      ...Array.from(
        { length: REGISTRATIONS },
        (_, n) => () =>
          untilStored(REGISTER, {
            idempotencyKey: `person-${n}`,
            connections: ['LIVES'],
            consents: [{ purpose: 'PARTICIPATION', granted: true, method: 'VERBAL', noticeVersion: 'v1' }],
          }),
      ),
    ];
    const workers = Array.from({ length: 6 }, async () => {
      try {
        for (let job = jobs.shift(); job && !failed; job = jobs.shift()) await job();
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    try {
      await Promise.all(workers);
    } finally {
      await killing;
      await killer.end();
    }

    expect(server.alive).toBe(true);
    // The faults were real: backends went down and calls failed because of it.
    expect(killed).toBeGreaterThan(10);
    expect(retryable).toBeGreaterThan(0);
    await waitFor('/healthz to recover', async () => (await fetch(`${server.url}/healthz`)).status === 200);

    const direct = new Client({ connectionString: databaseUrl(database) });
    await direct.connect();
    const stored = await (async () => {
      try {
        const batches = await direct.query(
          `SELECT s.idempotency_key AS key, count(r.id)::int AS responses
           FROM submissions s LEFT JOIN responses r ON r.submission_id = s.id GROUP BY s.id ORDER BY key`,
        );
        const [loose] = (await direct.query(`SELECT count(*)::int AS n FROM responses WHERE submission_id IS NULL`))
          .rows;
        const registrations = await direct.query(
          `SELECT r.idempotency_key AS key, count(p.id)::int AS participants
           FROM participant_registrations r LEFT JOIN participants p ON p.id = r.participant_id GROUP BY r.id`,
        );
        const [participants] = (await direct.query(`SELECT count(*)::int AS n FROM participants`)).rows;
        return {
          batches: batches.rows,
          loose: loose.n,
          registrations: registrations.rows,
          participants: participants.n,
        };
      } finally {
        await direct.end();
      }
    })();
    expect(stored.batches).toHaveLength(BATCHES);
    expect(stored.batches.filter((batch) => batch.responses !== BATCH_SIZE)).toEqual([]);
    expect(stored.loose).toBe(0);
    expect(stored.registrations).toHaveLength(REGISTRATIONS);
    expect(stored.registrations.filter((registration) => registration.participants !== 1)).toEqual([]);
    expect(stored.participants).toBe(REGISTRATIONS);
    console.info({ killed, calls, retryable, crashes: server.alive ? 0 : 1 });
  }, 240_000);

  it('fails fast and retryably while the database is unreachable, and recovers without a restart', async () => {
    const sessions = () => post(server.url, `{ sessions(first: 1) { totalCount } }`, {}, token);
    expect((await sessions()).body.errors).toBeUndefined();

    await proxy.down();
    const started = Date.now();
    for (let n = 0; n < 5; n++) expectRetryable(await sessions());
    // Bounded by the one-second wait for a connection; generous for a loaded machine.
    expect((Date.now() - started) / 5).toBeLessThan(5_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    expect(server.alive).toBe(true);

    await proxy.up();
    await waitFor('requests to succeed again', async () => !(await sessions()).body.errors);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(server.alive).toBe(true);
  }, 60_000);
});

describe('a server started while its database is unreachable', () => {
  it('stops at once with one plain sentence, no stack trace and no connection string', async () => {
    // Nothing listens on port 1.
    const url = 'postgres://postgres:secret-password@127.0.0.1:1/chorus';
    const failure = await ServerProcess.start({
      databaseUrl: url,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    })
      .then(() => 'started')
      .catch((error: Error) => error.message);
    expect(failure).toMatch(/Chorus could not reach its database\. Check DATABASE_URL/);
    expect(failure).not.toMatch(/secret-password|\n\s+at /);
  }, 120_000);
});
