import { createHash } from 'node:crypto';
import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

/**
 * A retry is the same request however a client spells it: ids in another case, `null` for a
 * missing optional field, a set in another order. It replays the first result; a changed payload
 * under a used key is IDEMPOTENCY_CONFLICT; keys of two organisations never meet; and what is
 * stored is a keyed HMAC, which cannot be checked against a guess of the text.
 */

let server: TestServer;
let orgA = '';
let keyA = '';
let keyB = '';
let sessionA = '';
let sessionB = '';

const REGISTER = `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id } }`;
const SUBMIT = `mutation($i: SubmitResponsesInput!) { submitResponses(input: $i) { duplicate responses { id } } }`;

beforeAll(async () => {
  server = await TestServer.start();
  orgA = await server.createOrganisation();
  const orgB = await server.createOrganisation();
  keyA = await server.apiKey(Role.PARTNER, orgA);
  keyB = await server.apiKey(Role.PARTNER, orgB);
  sessionA = await server.createSession(keyA);
  sessionB = await server.createSession(keyB);
});
afterAll(() => server.stop());

const sha256 = (value: string) => createHash('sha256').update(value).digest();

describe('registerParticipant with an idempotencyKey', () => {
  const first = (key: string) => ({
    sessionId: sessionA,
    connections: ['LIVES', 'WORKS'],
    consents: [consent('PARTICIPATION'), consent('QUOTE')],
    idempotencyKey: key,
  });

  it('replays the first participant for a retry with the session id upper-cased, ageBand null and sets reordered', async () => {
    const original = await server.ok(REGISTER, { i: first('reg-retry-1') }, keyA);
    const before = await server.count('participants');
    const retry = await server.ok(
      REGISTER,
      {
        i: {
          ...first('reg-retry-1'),
          sessionId: sessionA.toUpperCase(),
          ageBand: null,
          areaId: null,
          contact: null,
          connections: ['WORKS', 'LIVES'],
          consents: [consent('QUOTE'), consent('PARTICIPATION')],
        },
      },
      keyA,
    );
    expect(retry.registerParticipant.id).toBe(original.registerParticipant.id);
    expect(await server.count('participants')).toBe(before);
  });

  it('refuses a changed payload under a used key: IDEMPOTENCY_CONFLICT on idempotencyKey, nobody registered', async () => {
    await server.ok(REGISTER, { i: first('reg-conflict-1') }, keyA);
    const before = await server.count('participants');
    const changed = await server.gql(REGISTER, { i: { ...first('reg-conflict-1'), ageBand: 'AGE_25_34' } }, keyA);
    expect(codeOf(changed)).toBe('IDEMPOTENCY_CONFLICT');
    expect(fieldOf(changed)).toBe('idempotencyKey');
    expect(await server.count('participants')).toBe(before);
  });

  it('keeps two organisations apart: the same key registers a new person for each', async () => {
    const a = await server.ok(REGISTER, { i: first('shared-reg-key') }, keyA);
    const b = await server.ok(REGISTER, { i: { ...first('shared-reg-key'), sessionId: sessionB } }, keyB);
    expect(b.registerParticipant.id).not.toBe(a.registerParticipant.id);
  });

  it('stores a versioned keyed hash, not a SHA-256 of the payload', async () => {
    const input = { ...first('reg-stored-1'), contact: { name: 'Amira Haddad' } };
    input.consents.push(consent('FOLLOW_UP_CONTACT'));
    await server.ok(REGISTER, { i: input }, keyA);
    const [row] = await server.dataSource.query(
      `SELECT payload_hash, payload_hash_version FROM participant_registrations WHERE idempotency_key = $1`,
      ['reg-stored-1'],
    );
    expect(row.payload_hash_version).toBe(2);
    const { idempotencyKey: _key, ...payload } = input;
    expect(row.payload_hash.equals(sha256(JSON.stringify(payload)))).toBe(false);
    expect(row.payload_hash).toHaveLength(32);
  });
});

describe('submitResponses', () => {
  const batch = (participantId: string) => [
    { participantId, prompt: 'BELONGING', text: 'The library steps are where we all meet.', language: 'en' },
    { prompt: 'CHALLENGES', text: 'Buses stop at eight.' },
  ];

  it('replays a retry with upper-cased ids, an upper-case language and nulls for absent fields: duplicate, nothing new', async () => {
    const participantId = await server.registerParticipant(keyA, { sessionId: sessionA });
    const first = await server.ok(
      SUBMIT,
      { i: { sessionId: sessionA, idempotencyKey: 'batch-retry-1', responses: batch(participantId) } },
      keyA,
    );
    expect(first.submitResponses.duplicate).toBe(false);
    const before = await server.count('responses');
    const retry = await server.ok(
      SUBMIT,
      {
        i: {
          sessionId: sessionA.toUpperCase(),
          idempotencyKey: 'batch-retry-1',
          responses: [
            { ...batch(participantId)[0], participantId: participantId.toUpperCase(), language: 'EN' },
            { ...batch(participantId)[1], participantId: null, language: null },
          ],
        },
      },
      keyA,
    );
    expect(retry.submitResponses.duplicate).toBe(true);
    expect(retry.submitResponses.responses.map((r: { id: string }) => r.id)).toEqual(
      first.submitResponses.responses.map((r: { id: string }) => r.id),
    );
    expect(await server.count('responses')).toBe(before);
  });

  it('refuses a changed batch under a used key: IDEMPOTENCY_CONFLICT, nothing stored', async () => {
    await server.ok(
      SUBMIT,
      {
        i: {
          sessionId: sessionA,
          idempotencyKey: 'batch-conflict-1',
          responses: [{ prompt: 'FUTURE', text: 'A lido.' }],
        },
      },
      keyA,
    );
    const before = await server.count('responses');
    const changed = await server.gql(
      SUBMIT,
      {
        i: {
          sessionId: sessionA,
          idempotencyKey: 'batch-conflict-1',
          responses: [{ prompt: 'FUTURE', text: 'A lido!' }],
        },
      },
      keyA,
    );
    expect(codeOf(changed)).toBe('IDEMPOTENCY_CONFLICT');
    expect(await server.count('responses')).toBe(before);
  });

  it('keeps two organisations apart: the same key and payload are two batches', async () => {
    const responses = [{ prompt: 'VALUES', text: 'Neighbours who check in.' }];
    const a = await server.ok(
      SUBMIT,
      { i: { sessionId: sessionA, idempotencyKey: 'shared-batch-key', responses } },
      keyA,
    );
    const b = await server.ok(
      SUBMIT,
      { i: { sessionId: sessionB, idempotencyKey: 'shared-batch-key', responses } },
      keyB,
    );
    expect(b.submitResponses.duplicate).toBe(false);
    expect(b.submitResponses.responses[0].id).not.toBe(a.submitResponses.responses[0].id);
  });

  it('stores a keyed hash: not the SHA-256 the batch used to be stored as', async () => {
    const responses = [{ prompt: 'FUTURE', text: 'More benches by the river.' }];
    await server.ok(SUBMIT, { i: { sessionId: sessionA, idempotencyKey: 'batch-stored-1', responses } }, keyA);
    const [row] = await server.dataSource.query(
      `SELECT payload_hash, payload_hash_version FROM submissions WHERE idempotency_key = $1`,
      ['batch-stored-1'],
    );
    expect(row.payload_hash_version).toBe(2);
    const legacy = sha256(JSON.stringify([sessionA, [{ participantId: null, ...responses[0], language: 'en' }]]));
    expect(row.payload_hash.equals(legacy)).toBe(false);
  });

  it('still replays a batch stored before the upgrade (version 1, a SHA-256) when its retry arrives after', async () => {
    const responses = [{ prompt: 'FUTURE', text: 'A night bus to the estates.' }];
    const first = await server.ok(
      SUBMIT,
      { i: { sessionId: sessionA, idempotencyKey: 'batch-legacy-1', responses } },
      keyA,
    );
    // What the server before the upgrade stored for this batch.
    const legacy = sha256(
      JSON.stringify([sessionA, [{ participantId: null, prompt: 'FUTURE', text: responses[0]!.text, language: 'en' }]]),
    );
    await server.dataSource.query(
      `UPDATE submissions SET payload_hash = $2, payload_hash_version = 1 WHERE idempotency_key = $1`,
      ['batch-legacy-1', legacy],
    );
    const retry = await server.ok(
      SUBMIT,
      { i: { sessionId: sessionA, idempotencyKey: 'batch-legacy-1', responses } },
      keyA,
    );
    expect(retry.submitResponses.duplicate).toBe(true);
    expect(retry.submitResponses.responses[0].id).toBe(first.submitResponses.responses[0].id);
    const changed = await server.gql(
      SUBMIT,
      {
        i: { sessionId: sessionA, idempotencyKey: 'batch-legacy-1', responses: [{ prompt: 'FUTURE', text: 'Other.' }] },
      },
      keyA,
    );
    expect(codeOf(changed)).toBe('IDEMPOTENCY_CONFLICT');
  });
});
