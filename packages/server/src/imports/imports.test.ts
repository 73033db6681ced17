import { Role } from '@chorus/shared';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { startJobRunner, type JobRunner } from '../jobs/runner';
import { JOB_TASKS } from '../jobs/tasks';
import { cloneTemplate, databaseUrl, dropDatabase } from '../test/database';
import { ADMIN_EMAIL, codeOf, fieldOf, PASSWORD, TestServer } from '../test/harness';
import { ServerProcess } from '../test/server-process';

let server: TestServer;
let runner: JobRunner;
let coordinator: string;
let areaName: string;

beforeAll(async () => {
  server = await TestServer.start();
  const { options } = server.dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
  runner = await startJobRunner({
    databaseUrl: options.url,
    dataSource: server.dataSource,
    services: server.services,
    tasks: JOB_TASKS,
    logger: pino({ level: 'silent' }),
    concurrency: 1,
    pollIntervalMs: 100,
  });
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  const areaId = await server.createArea();
  [{ name: areaName }] = await server.dataSource.query(`SELECT name FROM areas WHERE id = $1`, [areaId]);
}, 120_000);
afterAll(async () => {
  await runner.stop();
  await server.stop();
});

const CSV = 'text/csv';
const COLUMNS = {
  answers: [
    { prompt: 'VALUES', column: 'What do you value?' },
    { prompt: 'CHALLENGES', column: 'Challenges' },
  ],
  consents: [
    { purpose: 'PARTICIPATION', column: 'Consent' },
    { purpose: 'QUOTE', column: 'May we quote you' },
  ],
  connections: 'Connection',
  area: 'Ward',
  ageBand: 'Age',
};
const HEADING = 'Connection,Ward,Age,Consent,May we quote you,What do you value?,Challenges\n';
const FIELDS = `id status rows errorCount progress stage participantsStored responsesStored flagsRaised duplicateOf uploadPath`;

async function createImport(sessionId: string, token = coordinator, columns: object = COLUMNS) {
  return server.gql(
    `mutation($i: CreateResponseImportInput!) { createResponseImport(input: $i) { ${FIELDS} } }`,
    { i: { sessionId, fileName: 'answers.csv', columns, consentMethod: 'WRITTEN', noticeVersion: 'v1' } },
    token,
  );
}

async function upload(path: string, body: string | Buffer, token = coordinator, type = CSV) {
  const reply = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return {
    status: reply.status,
    body: (await reply.json()) as { import?: Record<string, unknown>; errors?: unknown[] },
  };
}

const start = (id: string, token = coordinator) =>
  server.gql(`mutation($id: ID!) { startResponseImport(id: $id) { ${FIELDS} } }`, { id }, token);

async function finished(id: string, token = coordinator) {
  for (;;) {
    const { responseImport } = await server.ok(
      `query($id: ID!) { responseImport(id: $id) { ${FIELDS} } }`,
      { id },
      token,
    );
    if (['DONE', 'FAILED', 'DUPLICATE'].includes(responseImport.status)) return responseImport;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function importFile(sessionId: string, body: string | Buffer, token = coordinator, type = CSV) {
  const created = (await createImport(sessionId, token)).data!.createResponseImport;
  const staged = await upload(created.uploadPath, body, token, type);
  expect(staged.status).toBe(200);
  expect(staged.body.import).toMatchObject({ status: 'CHECKED', errorCount: 0 });
  const queued = await start(created.id, token);
  expect(queued.errors).toBeUndefined();
  return finished(created.id, token);
}

describe('bulk import', () => {
  it('reports every bad row and column with its reason, and stores nothing', async () => {
    const sessionId = await server.createSession();
    const before = await server.count('participants');
    const file =
      HEADING +
      `lives,${areaName},16-24,yes,no,The park,Buses\n` + // row 2: fine
      `,Nowhere,ancient,no,perhaps,,\n` + // row 3: five problems
      `works,,,,,"Quiet streets",\n` + // row 4: PARTICIPATION not asked
      `sails,,,yes,,,Too long ${'x'.repeat(10_001)}\n`; // row 5: connection, length
    const created = (await createImport(sessionId)).data!.createResponseImport;
    const staged = await upload(created.uploadPath, file);
    expect(staged.status).toBe(200);
    expect(staged.body.import).toMatchObject({ status: 'INVALID', rows: 4, errorCount: 9 });
    const { responseImport } = await server.ok(
      `query($id: ID!) { responseImport(id: $id) { errors(first: 5) { totalCount edges { node { row column reason } } pageInfo { endCursor hasNextPage } } } }`,
      { id: created.id },
      coordinator,
    );
    const page1 = responseImport.errors;
    expect(page1.totalCount).toBe(9);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const { responseImport: rest } = await server.ok(
      `query($id: ID!, $after: String) { responseImport(id: $id) { errors(first: 100, after: $after) { edges { node { row column reason } } pageInfo { hasNextPage } } } }`,
      { id: created.id, after: page1.pageInfo.endCursor },
      coordinator,
    );
    const all: { row: number; column: string; reason: string }[] = [...page1.edges, ...rest.errors.edges].map(
      (e: { node: { row: number; column: string; reason: string } }) => e.node,
    );
    expect(rest.errors.pageInfo.hasNextPage).toBe(false);
    expect(all.map((e) => `${e.row}:${e.column}`)).toEqual([
      '3:Connection',
      '3:Ward',
      '3:Age',
      '3:Consent',
      '3:May we quote you',
      '3:What do you value?',
      '4:Consent',
      '5:Connection',
      '5:Challenges',
    ]);
    expect(all[3]!.reason).toMatch(/^Refused: nothing is kept without PARTICIPATION/);
    expect(all[5]!.reason).toMatch(/^No answer/);
    expect(all[6]!.reason).toMatch(/^Not asked/);
    expect(all[8]!.reason).toMatch(/^Longer than 10000/);
    // Nothing stored, nothing left staged, and it cannot be started.
    expect(await server.count('participants')).toBe(before);
    expect(await server.count('response_import_rows', 'import_id = $1', [created.id])).toBe(0);
    const refused = await start(created.id);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('id');
  });

  it('stores every row in one job, redacted, with consent as given and "not asked" left out, flagged as captured answers are', async () => {
    const sessionId = await server.createSession();
    const file =
      HEADING +
      `"lives, works",${areaName},75+,Yes,,Email me at jo@example.org,Nothing\n` +
      `studies,,,y,no,I want to kill myself,\n`;
    const done = await importFile(sessionId, file);
    expect(done).toMatchObject({
      status: 'DONE',
      progress: 100,
      participantsStored: 2,
      responsesStored: 3,
      flagsRaised: 1,
    });
    const people = await server.dataSource.query(
      `SELECT p.connections, p.age_band, p.area_id IS NOT NULL AS has_area,
         (SELECT array_agg(c.purpose || ':' || c.granted ORDER BY c.purpose) FROM consent_events c WHERE c.participant_id = p.id) AS consents
       FROM participants p WHERE p.session_id = $1 ORDER BY p.age_band NULLS LAST`,
      [sessionId],
    );
    expect(people).toEqual([
      { connections: ['LIVES', 'WORKS'], age_band: 'AGE_75_PLUS', has_area: true, consents: ['PARTICIPATION:true'] },
      { connections: ['STUDIES'], age_band: null, has_area: false, consents: ['PARTICIPATION:true', 'QUOTE:false'] },
    ]);
    const texts = await server.dataSource.query(
      `SELECT text, source FROM responses WHERE session_id = $1 ORDER BY text`,
      [sessionId],
    );
    expect(texts).toEqual([
      { text: 'Email me at [EMAIL]', source: 'IMPORT' },
      { text: 'I want to kill myself', source: 'IMPORT' },
      { text: 'Nothing', source: 'IMPORT' },
    ]);
    expect(
      await server.count(
        'safeguarding_flags f JOIN responses r ON r.id = f.response_id',
        `r.session_id = $1 AND f.source = 'RULE'`,
        [sessionId],
      ),
    ).toBe(1);
  });

  it('stores a retried file once: the second import of it comes back DUPLICATE', async () => {
    const sessionId = await server.createSession();
    const file = HEADING + `lives,,,yes,,Retried,\n`;
    const first = await importFile(sessionId, file);
    expect(first.status).toBe('DONE');
    const again = await importFile(sessionId, file);
    expect(again).toMatchObject({ status: 'DUPLICATE', duplicateOf: first.id });
    // Starting the first again stores nothing more either.
    expect((await start(first.id)).data.startResponseImport.status).toBe('DONE');
    expect(await server.count('responses', 'session_id = $1', [sessionId])).toBe(1);
  });

  it('reads an XLSX workbook as a CSV file', async () => {
    const sessionId = await server.createSession();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Answers');
    sheet.addRow(HEADING.trim().split(','));
    sheet.addRow(['volunteers', areaName, '25-34', 'yes', 'yes', 'The library', 'Parking']);
    const done = await importFile(
      sessionId,
      Buffer.from(await workbook.xlsx.writeBuffer()),
      coordinator,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(done).toMatchObject({ status: 'DONE', participantsStored: 1, responsesStored: 2 });
  });

  it("refuses a partner another organisation's session, and a mapping without PARTICIPATION", async () => {
    const own = await server.createOrganisation();
    const other = await server.createOrganisation();
    const partner = await server.apiKey(Role.PARTNER, own);
    const theirs = await server.createSession(server.adminToken, { organisationId: other });
    const refused = await createImport(theirs, partner);
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(fieldOf(refused)).toBe('sessionId');
    // Nor can it reach another's import by id, to upload or read.
    const staffImport = (await createImport(theirs)).data!.createResponseImport;
    const put = await upload(staffImport.uploadPath, HEADING, partner);
    expect(put.status).toBe(404);
    const { consents: _consents, ...noConsent } = COLUMNS;
    const mine = await server.createSession(partner, {});
    const noParticipation = await createImport(mine, partner, { ...noConsent, consents: [] });
    expect(codeOf(noParticipation)).toBe('CONSENT_REQUIRED');
    expect(fieldOf(noParticipation)).toBe('columns.consents');
    const done = await importFile(mine, HEADING + 'lives,,,yes,,Ours,\n', partner);
    expect(done).toMatchObject({ status: 'DONE', responsesStored: 1 });
  });

  it('refuses a file whose people were shown a privacy notice the engagement does not list', async () => {
    const sessionId = await server.createSession();
    const before = await server.count('response_imports');
    const refused = await server.gql(
      `mutation($i: CreateResponseImportInput!) { createResponseImport(input: $i) { id } }`,
      { i: { sessionId, fileName: 'answers.csv', columns: COLUMNS, consentMethod: 'WRITTEN', noticeVersion: 'v7' } },
      coordinator,
    );
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('noticeVersion');
    expect(await server.count('response_imports')).toBe(before);
  });

  it('names the mapping field of a column the file lacks, and reads only the heading for mapping', async () => {
    const sessionId = await server.createSession();
    const created = (await createImport(sessionId)).data!.createResponseImport;
    const missing = await upload(created.uploadPath, 'Connection,Consent\nlives,yes\n');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('columns.answers.0.column');
    const columns = await fetch(`${server.url}/imports/columns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': CSV },
      body: HEADING + 'lives,,,yes,,x,\n',
    });
    expect(await columns.json()).toEqual({ columns: HEADING.trim().split(',') });
    const anonymous = await fetch(`${server.url}${created.uploadPath}`, { method: 'PUT', body: HEADING });
    expect(anonymous.status).toBe(401);
  });
});

describe('a large import', () => {
  let database: string;
  let process: ServerProcess;
  beforeAll(async () => {
    database = await cloneTemplate();
    // A small heap: a server holding the file would run out of it.
    process = await ServerProcess.start({
      databaseUrl: databaseUrl(database),
      adminEmail: ADMIN_EMAIL,
      adminPassword: PASSWORD,
      // A large file takes longer to arrive and be read than the 60 s a request gets by default.
      env: { NODE_OPTIONS: '--max-old-space-size=128', CHORUS_REQUEST_TIMEOUT_MS: '600000' },
    });
  }, 120_000);
  afterAll(async () => {
    await process?.stop();
    await dropDatabase(database);
  });

  it('streams a large file with flat memory, and stores it', async () => {
    const gql = async (query: string, variables: object, token?: string) => {
      const reply = await fetch(`${process.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await reply.json()) as { data: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { login } = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
      e: ADMIN_EMAIL,
      p: PASSWORD,
    });
    const token: string = login.token;
    const { createSession } = await gql(
      `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
      { i: { title: 'Partner spreadsheet', format: 'QUESTIONNAIRE', startsAt: '2026-06-14T10:00:00Z' } },
      token,
    );
    const timings: string[] = [];
    const send = async (rows: number) => {
      const { createResponseImport: created } = await gql(
        `mutation($i: CreateResponseImportInput!) { createResponseImport(input: $i) { id uploadPath } }`,
        {
          i: {
            sessionId: createSession.id,
            fileName: `answers-${rows}.csv`,
            columns: { ...COLUMNS, area: null },
            consentMethod: 'WRITTEN',
            noticeVersion: 'v1',
          },
        },
        token,
      );
      const line = `lives,,35-44,yes,no,${'A quiet street where neighbours know each other. '.repeat(4)}${rows},Buses\n`;
      function* body() {
        yield HEADING;
        for (let i = 0; i < rows; i += 1000) yield line.repeat(1000);
      }
      const began = performance.now();
      const reply = await fetch(`${process.url}${created.uploadPath}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': CSV },
        body: ReadableStream.from(body()),
        duplex: 'half',
      } as RequestInit);
      const staged = (await reply.json()) as { import?: { status: string; rows: number } };
      expect(staged.import).toMatchObject({ status: 'CHECKED', rows });
      timings.push(`${rows} rows staged in ${Math.round(performance.now() - began)} ms`);
      return { id: created.id as string, bytes: HEADING.length + line.length * rows };
    };
    // A smaller file first, so what the server holds once warmed up is the baseline.
    await send(20_000);
    const before = process.peakRssBytes();
    const large = await send(150_000);
    const growth = process.peakRssBytes() - before;
    expect(large.bytes).toBeGreaterThan(30_000_000);
    // The file (over 30 MB) never sits in memory: the server's peak grew by far less than its size.
    expect(growth).toBeLessThan(large.bytes / 3);
    await gql(`mutation($id: ID!) { startResponseImport(id: $id) { id } }`, { id: large.id }, token);
    for (;;) {
      const { responseImport } = await gql(
        `query($id: ID!) { responseImport(id: $id) { status participantsStored responsesStored } }`,
        { id: large.id },
        token,
      );
      if (responseImport.status !== 'QUEUED' && responseImport.status !== 'IMPORTING') {
        expect(responseImport).toEqual({ status: 'DONE', participantsStored: 150_000, responsesStored: 300_000 });
        console.log(`${timings.join('; ')}; server peak RSS grew ${growth} bytes`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 600_000);
});
