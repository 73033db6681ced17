import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import {
  CityConnection,
  ConsentMethod,
  ConsentPurpose,
  Prompt,
  ResponseSource,
  Role,
  Sector,
  SessionFormat,
} from '@chorus/shared';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Caller } from '../access/caller.js';
import { deriveKey, encrypt } from '../common/crypto.js';
import { RequestContext } from '../db/request-context.js';
import { REDACTION_CORPUS } from '../responses/redaction-corpus.js';
import { createServices } from '../services.js';
import { startBenchApp, withBenchDatabase } from './database.js';

/**
 * `pnpm bench writes`: `submitResponses` of 500 responses from 4 concurrent clients over HTTP,
 * redaction and consent checks included, against a raw multi-row INSERT of the same rows in one
 * transaction, at 100, 10,000 and 100,000 contacts on file. Rounds alternate between the two, so
 * both see the same machine; the ratio is Chorus's rows/s over the raw INSERT's. Target: ≥ 0.5×.
 */
const SIZES = [100, 10_000, 100_000];
const CLIENTS = 4;
const BATCH = 500;
const BATCHES_PER_CLIENT = 4;
const ROUNDS = 5;
const RESPONDENTS = 40;
const TARGET = 0.5;

const FIRST = `Amelia Olivia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence Emily Ella Poppy
  Evie Elsie Charlotte Sienna Daisy Harper Sofia Ruby Alice Matilda Phoebe Evelyn Maya Layla Imogen Zara Aisha
  Fatima Maryam Amira Nadia Priya Anjali Simran Chloe Megan Bethany Niamh Siobhan Aoife Zoë Agnieszka Katarzyna
  Noah Oliver George Arthur Muhammad Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie Finley Alfie
  Thomas Jacob Lucas Isaac William Joshua Samuel Daniel Ethan Adam Yusuf Omar Ibrahim Bilal Arjun Rohan Sanjay
  Declan Ciarán Padraig Łukasz Tomasz Piotr Mateusz Kwame Kofi Chidi Emeka Tunde Dmitri Andrei Mihai Stefan`
  .split(/\s+/)
  .filter(Boolean);
const LAST = `Smith Jones Williams Taylor Davies Evans Thomas Johnson Roberts Walker Wright Robinson Thompson White
  Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward
  Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Lee Bell Parker
  Davis Khan Hussain Ali Ahmed Begum Rahman Akhtar Iqbal Shah Singh Kaur Sharma Gill O'Brien O'Connor Murphy
  Kelly Byrne Walsh Ryan Doyle McCarthy Gallagher Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński
  Lewandowski Okafor Mensah Adeyemi Boateng Osei Popescu Ionescu Petrov Ivanova Novak Horvat Dubois Rossi
  Ferrari Silva Santos Costa Oliveira Pereira Nguyen Tran Chen Wang Li Zhang Liu Yang Huang Kim Park Choi Sato
  Suzuki Takahashi Tanaka Fernandes Rodrigues Gomes Martins Lopes Sousa Hassan Mahmoud Ibrahim Abdi Farah Warsame
  Aziz Karim Nasser Haddad Mansour Brennan Fitzgerald Quinn Duffy Lynch Hegarty Maguire Donnelly Kavanagh
  Brady Nolan Dunne Sheridan Kennedy Boyle Sweeney Hayes Regan Moran Burke Keane Barry Carroll Power Ashworth
  Pemberton Whitfield Blackwood Holloway Fairclough Threlfall Entwistle Heywood Ormerod Greenhalgh Pilkington
  Rothwell Sutcliffe Barraclough Ackroyd Hepworth Haworth Illingworth Pickles Crabtree Stansfield Wadsworth`
  .split(/\s+/)
  .filter(Boolean);

/** The n-th person on file: every first × last pair once, then with a middle name, so names stay distinct. */
function personName(n: number): string {
  const first = FIRST[n % FIRST.length]!;
  const rest = Math.floor(n / FIRST.length);
  const last = LAST[rest % LAST.length]!;
  const middle = Math.floor(rest / LAST.length);
  return middle ? `${first} ${FIRST[(n + middle) % FIRST.length]} ${last}` : `${first} ${last}`;
}

const OPENINGS = [
  'What I value most is the park on a Sunday morning, when everyone is out with their kids and dogs.',
  'The 24 bus is late again most days, so getting to work in town takes over an hour each way.',
  'I feel I belong at the community centre on the high street, the staff know my name and ask after my mum.',
  'Rents have gone up so much that my daughter had to move back in with us, and she is thirty-one.',
  'In the future I want the canal path lit and safe so people can walk home after dark.',
  'The food bank at the church works really well, but they need more volunteers on Thursdays.',
  'Nobody from the council ever comes to our estate unless something has gone badly wrong.',
  'My neighbours from Poland and Ghana have made this street friendlier than it has been in years.',
];
const PERSONAL = [
  (name: string) => `${name} from the tenants' group said to ring her on 07700 900${randomDigits(3)} about it.`,
  (name: string) => `You can email ${name.split(' ')[0]!.toLowerCase()}@example.org or call 01782 ${randomDigits(6)}.`,
  (name: string) => `Ask ${name}, she runs the lunch club at 12 Victoria Road, ST4 7QB.`,
  () => `My number is +44 7700 900${randomDigits(3)} if you want to follow this up.`,
  (name: string) => `${name}'s son set up the WhatsApp group, which is how most of us hear about things now.`,
  () => 'We met at the youth club on Tuesday and talked about it for ages.',
];
const CLOSINGS = [
  'It would make a real difference to older people who do not drive.',
  'People want to be asked before decisions are made, not told afterwards.',
  'There is a lot of good will here if someone would just organise it.',
  'More street lights and a crossing by the school would help everyone.',
];

function randomDigits(n: number): string {
  return Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
}
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

/**
 * 500 responses like a partner's batch: a sentence from the redaction corpus (residents' English, with
 * its emails, phones, postcodes, dates and hard negatives), one naming someone on file, and an ordinary one.
 */
function batchRows(onFile: number, respondents: string[]) {
  return Array.from({ length: BATCH }, (_, i) => ({
    participantId: i % 10 === 0 ? null : respondents[i % respondents.length]!,
    prompt: Object.values(Prompt)[i % 5]!,
    text: [
      pick(REDACTION_CORPUS).text,
      pick(PERSONAL)(personName(Math.floor(Math.random() * onFile))),
      pick([...OPENINGS, ...CLOSINGS]),
    ].join(' '),
    language: 'en',
  }));
}
type Row = ReturnType<typeof batchRows>[number];

// Clients run in worker threads, so building and parsing their bodies does not share the server's event loop.
const CLIENT = `
  const { parentPort, workerData: { url, token, sessionId, batches } } = require('node:worker_threads');
  const { randomUUID } = require('node:crypto');
  const query = 'mutation($i: SubmitResponsesInput!) { submitResponses(input: $i) { duplicate responses { id } } }';
  (async () => {
    const latencies = [];
    const codes = new Set();
    let failed = 0;
    for (const responses of batches) {
      const body = JSON.stringify({ query, variables: { i: { sessionId, idempotencyKey: randomUUID(), responses } } });
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
        body,
      });
      const json = await response.json();
      latencies.push(performance.now() - started);
      if (json.errors || json.data.submitResponses.responses.length !== responses.length) {
        failed++;
        codes.add(json.errors?.[0]?.extensions?.code ?? 'INCOMPLETE');
      }
    }
    parentPort.postMessage({ latencies, failed, codes: [...codes] });
  })().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

interface Phase {
  rowsPerSecond: number;
  latencies: number[];
  failed: number;
  /** The error codes of failed batches. */
  codes: string[];
}

function client(workerData: object): Promise<{ latencies: number[]; failed: number; codes: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData });
    worker.once('message', (result: { latencies: number[]; failed: number; codes: string[]; error?: string }) => {
      void worker.terminate();
      if (result.error) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}

async function chorusPhase(url: string, token: string, sessionId: string, batches: Row[][][]): Promise<Phase> {
  const started = performance.now();
  const results = await Promise.all(batches.map((own) => client({ url, token, sessionId, batches: own })));
  const seconds = (performance.now() - started) / 1000;
  const rows = batches.flat().reduce((total, batch) => total + batch.length, 0);
  return {
    rowsPerSecond: rows / seconds,
    latencies: results.flatMap((result) => result.latencies),
    failed: results.reduce((total, result) => total + result.failed, 0),
    codes: results.flatMap((result) => result.codes),
  };
}

/** The baseline: each client's batch as one multi-row INSERT in one transaction, no checks, no redaction. */
async function rawPhase(pool: Pool, sessionId: string, batches: Row[][][]): Promise<Phase> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    batches.map(async (own) => {
      const connection = await pool.connect();
      try {
        for (const batch of own) {
          const begun = performance.now();
          const values = batch.map(
            (_, i) =>
              `($1, $2, $${6 * i + 3}, $${6 * i + 4}, $${6 * i + 5}, $${6 * i + 6}, $${6 * i + 7}, $${6 * i + 8})`,
          );
          const params = batch.flatMap((row, i) => [row.participantId, i, row.prompt, row.text, row.language, null]);
          await connection.query('BEGIN');
          await connection.query(
            `INSERT INTO responses (session_id, source, participant_id, position, prompt, text, language, submission_id)
             VALUES ${values.join(', ')}`,
            [sessionId, ResponseSource.PARTNER_API, ...params],
          );
          await connection.query('COMMIT');
          latencies.push(performance.now() - begun);
        }
      } finally {
        connection.release();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rows = batches.flat().reduce((total, batch) => total + batch.length, 0);
  return { rowsPerSecond: rows / seconds, latencies, failed: 0, codes: [] };
}

const CONSENT = {
  purpose: ConsentPurpose.PARTICIPATION,
  granted: true,
  method: ConsentMethod.VERBAL,
  noticeVersion: 'v1',
};
const CODE_LETTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const codeOf = (n: number) =>
  Array.from(
    { length: 6 },
    (_, i) => CODE_LETTERS[Math.floor(n / CODE_LETTERS.length ** i) % CODE_LETTERS.length],
  ).join('');

/**
 * Brings the contacts on file up to `total`: rows written in SQL with contact details encrypted
 * under the server's key, then digested by the same start-up pass that digests contacts stored
 * before digests existed.
 */
async function fillContacts(
  dataSource: DataSource,
  contactKey: Buffer,
  engagementId: string,
  organisationId: string,
  from: number,
  total: number,
) {
  for (let start = from; start < total; start += 5_000) {
    const n = Math.min(5_000, total - start);
    const ids = Array.from({ length: n }, (_, i) => start + i);
    await dataSource.query(
      `INSERT INTO participants (engagement_id, code, organisation_id, connections, contact_encrypted, contact_name_digested)
       SELECT $1, t.code, $2, ARRAY['LIVES'], t.contact, false FROM unnest($3::text[], $4::bytea[]) AS t(code, contact)`,
      [
        engagementId,
        organisationId,
        ids.map((i) => codeOf(i + 1_000)),
        ids.map((i) => encrypt(contactKey, JSON.stringify({ name: personName(i), email: null, phone: null }))),
      ],
    );
  }
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const median = (values: number[]) => percentile(values, 0.5);
const format = (value: number) => Math.round(value).toLocaleString('en-GB');

/** `pnpm bench writes [sizes]`, e.g. `pnpm bench writes 100,10000` for a quicker run. */
export async function benchWrites(logger: Logger): Promise<void> {
  const sizes = process.argv[3]?.split(',').map(Number) ?? SIZES;
  await withBenchDatabase(logger, async (dataSource) => {
    const secret = randomBytes(48);
    const services = createServices(secret);
    const engagementId = await services.engagements.ensureDefault(dataSource, 10);
    const system = new RequestContext(dataSource, engagementId, Caller.system, 'bench');
    const organisation = await services.organisations.create(system, {
      name: 'Bench partners',
      sector: Sector.VOLUNTARY,
    });
    const key = await services.apiKeys.create(system, {
      label: 'bench',
      role: Role.PARTNER,
      organisationId: organisation.id,
    });
    const partner = system.as(
      Caller.apiKey({ id: key.apiKey.id, role: Role.PARTNER, organisationId: organisation.id }),
    );
    const session = await services.sessions.create(partner, {
      title: 'Bench',
      format: SessionFormat.WORKSHOP,
      startsAt: new Date(),
    });
    const respondents: string[] = [];
    for (let i = 0; i < RESPONDENTS; i++) {
      const person = await services.participants.register(partner, {
        sessionId: session.id,
        connections: [CityConnection.LIVES],
        consents: [CONSENT],
      });
      respondents.push(person.id);
    }

    const { app, url } = await startBenchApp(dataSource, engagementId, services, logger);
    const pool = new Pool({ connectionString: (dataSource.options as { url: string }).url, max: CLIENTS });
    // Dropping the database at the end can reach a connection still closing; that is no failure of the bench.
    pool.on('error', (error) => logger.debug({ err: { message: error.message } }, 'raw pool connection ended'));
    const contactKey = deriveKey(secret, 'contact-encryption');
    try {
      let onFile = 0;
      for (const size of sizes) {
        await fillContacts(dataSource, contactKey, engagementId, organisation.id, onFile, size);
        onFile = size;
        const digestStarted = performance.now();
        await services.participants.digestStoredContacts(system);
        const digestMs = performance.now() - digestStarted;
        // A bulk load leaves no planner statistics; autovacuum would gather them within a minute.
        await dataSource.query('ANALYZE');
        const loadStarted = performance.now();
        await services.participants.knownNames(partner);
        const loadMs = performance.now() - loadStarted;

        const chorus: Phase[] = [];
        const raw: Phase[] = [];
        const work = () =>
          Array.from({ length: CLIENTS }, () =>
            Array.from({ length: BATCHES_PER_CLIENT }, () => batchRows(size, respondents)),
          );
        await chorusPhase(url, key.key, session.id, work().slice(0, 1)); // warm-up
        // Each round runs both, in alternating order, so a change of load on the machine falls on both alike.
        for (let round = 0; round < ROUNDS; round++) {
          const runChorus = async () => chorus.push(await chorusPhase(url, key.key, session.id, work()));
          const runRaw = async () => raw.push(await rawPhase(pool, session.id, work()));
          for (const phase of round % 2 ? [runRaw, runChorus] : [runChorus, runRaw]) await phase();
        }
        const ours = median(chorus.map((phase) => phase.rowsPerSecond));
        const theirs = median(raw.map((phase) => phase.rowsPerSecond));
        const ratio = median(chorus.map((phase, round) => phase.rowsPerSecond / raw[round]!.rowsPerSecond));
        const failed = chorus.reduce((total, phase) => total + phase.failed, 0);
        const codes = [...new Set(chorus.flatMap((phase) => phase.codes))];
        const latencies = (phases: Phase[]) => phases.flatMap((phase) => phase.latencies);
        const line =
          `${format(size).padStart(7)} contacts: Chorus ${format(ours).padStart(6)} rows/s, raw ${format(theirs).padStart(6)} rows/s,` +
          ` ratio ${ratio.toFixed(2)}; one batch p50 ${format(median(latencies(chorus)))} ms` +
          ` (p95 ${format(percentile(latencies(chorus), 0.95))}) vs ${format(median(latencies(raw)))} ms` +
          ` (p95 ${format(percentile(latencies(raw), 0.95))}); ${failed} batches failed${codes.length ? ` (${codes.join(', ')})` : ''};` +
          ` digesting the new contacts ${format(digestMs)} ms, loading the digests once ${format(loadMs)} ms`;
        console.log(line);
      }
      console.log(
        `\n${CLIENTS} clients × ${BATCHES_PER_CLIENT} batches of ${BATCH} per round; rows/s: median of ${ROUNDS} rounds;` +
          ` ratio: median of the rounds' ratios (each round runs both); target ≥ ${TARGET}`,
      );
    } finally {
      await pool.end();
      await app.stop();
    }
  });
}
