import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Pool } from 'pg';
import { createApp, type RunningApp } from '../app';
import { deriveKey, encrypt } from '../common/crypto';
import { createServices, type Services } from '../services';
import { consent, SUBMIT, TestServer } from '../test/harness';
import { Redactor } from './redaction';

const secret = randomBytes(48);
let server: TestServer;
let sessionId: string;
/** A second instance on the same database, with its own services and caches, as behind a load balancer. */
let other: { url: string; services: Services; app: RunningApp };

beforeAll(async () => {
  server = await TestServer.start({ secret });
  sessionId = await server.createSession();
  const services = createServices(secret);
  const app = await createApp({
    config: { production: false, adminDir: '/nonexistent' },
    dataSource: server.dataSource,
    engagementId: server.engagementId,
    services,
    logger: pino({ level: 'silent' }),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  other = { url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`, services, app };
});
afterAll(async () => {
  await other.app.stop();
  await server.stop();
});

/** How `text` is stored when submitted through the instance at `url`. */
async function storedVia(url: string, text: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({
      query: SUBMIT,
      variables: {
        i: { sessionId, idempotencyKey: randomBytes(8).toString('hex'), responses: [{ prompt: 'VALUES', text }] },
      },
    }),
  });
  const body = (await response.json()) as { data: { submitResponses: { responses: { text: string }[] } } };
  return body.data.submitResponses.responses[0]!.text;
}

const bothInstances = (text: string) => Promise.all([storedVia(server.url, text), storedVia(other.url, text)]);

async function registerWithName(name: string): Promise<string> {
  return server.registerParticipant(server.adminToken, {
    sessionId,
    consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
    contact: { name },
  });
}

describe('names on file, across instances', () => {
  it('redacts a name in the next batch after it is registered, and not after the person is erased', async () => {
    const text = 'Ottoline Featherstonehaugh runs the choir';
    expect(await bothInstances(text)).toEqual([text, text]);

    const id = await registerWithName('Ottoline Featherstonehaugh');
    expect(await bothInstances(text)).toEqual(['[NAME] runs the choir', '[NAME] runs the choir']);

    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`, { id });
    expect(await bothInstances(text)).toEqual([text, text]);
  });

  it('stops redacting a name once FOLLOW_UP_CONTACT is withdrawn and the contact details deleted', async () => {
    const text = 'Peregrine Aldersley-Whitcombe fixed the lights';
    const id = await registerWithName('Peregrine Aldersley-Whitcombe');
    expect(await bothInstances(text)).toEqual(['[NAME] fixed the lights', '[NAME] fixed the lights']);

    await server.ok(
      `mutation($id: ID!) { withdrawConsent(participantId: $id, purpose: FOLLOW_UP_CONTACT) { purpose } }`,
      { id },
    );
    expect(await bothInstances(text)).toEqual([text, text]);
  });

  it('digests the names of contacts stored before names were digested, at start-up', async () => {
    const text = 'Hephzibah Threlkeld brought the urn';
    const [row] = await server.dataSource.query<{ id: string }[]>(
      `INSERT INTO participants (engagement_id, code, connections, contact_encrypted, contact_name_digested)
       VALUES ($1, 'XXXXXX', ARRAY['LIVES'], $2, false) RETURNING id`,
      [
        server.engagementId,
        encrypt(deriveKey(secret, 'contact-encryption'), JSON.stringify({ name: 'Hephzibah Threlkeld' })),
      ],
    );
    expect(await storedVia(other.url, text)).toBe(text);

    expect(await other.services.participants.digestStoredContacts(server.systemContext())).toBe(1);
    expect(await bothInstances(text)).toEqual(['[NAME] brought the urn', '[NAME] brought the urn']);
    expect(await server.count('contact_name_digests', 'participant_id = $1', [row!.id])).toBe(1);
  });

  it('keeps redacting a name whose first word an erased contact shared, and drops only the erased name', async () => {
    const text = 'Tamsin Ollerenshaw and Tamsin Quarrie met Tamsin';
    const erased = await registerWithName('Tamsin Ollerenshaw');
    await registerWithName('Tamsin Bryony Quarrie');
    expect(await bothInstances(text)).toEqual(Array(2).fill('[NAME] and [NAME] met Tamsin'));

    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`, { id: erased });
    expect(await bothInstances(text)).toEqual(Array(2).fill('Tamsin Ollerenshaw and [NAME] met Tamsin'));
    expect(await server.count('contact_name_first_words', 'participant_id = $1', [erased])).toBe(0);
  });

  it('redacts a contact stored before first words were digested, before and after the start-up pass', async () => {
    const text = 'Clementine Ashdown-Pyke chaired it';
    const id = await registerWithName('Clementine Ashdown-Pyke');
    // As migration 1796390000000 leaves a contact: its forms digested, its first words not yet.
    await server.dataSource.query(`DELETE FROM contact_name_first_words WHERE participant_id = $1`, [id]);
    await server.dataSource.query(`UPDATE participants SET contact_name_digested = false WHERE id = $1`, [id]);
    expect(await bothInstances(text)).toEqual(Array(2).fill('[NAME] chaired it'));

    expect(await other.services.participants.digestStoredContacts(server.systemContext())).toBe(1);
    expect(await server.count('contact_name_first_words', 'participant_id = $1', [id])).toBe(1);
    expect(await bothInstances(text)).toEqual(Array(2).fill('[NAME] chaired it'));
  });

  it('keeps only keyed digests: nothing stored equals a plain hash of the name', async () => {
    await registerWithName('Wilhelmina Cartwright');
    const plain = await server.count(
      'contact_name_digests',
      `digest IN (sha256('wilhelmina cartwright'), sha256('Wilhelmina Cartwright'), hmac('wilhelmina cartwright', '', 'sha256'))`,
    );
    expect(plain).toBe(0);
    const plainFirst = await server.count(
      'contact_name_first_words',
      `digest IN (sha256('wilhelmina'), sha256('Wilhelmina'), hmac('wilhelmina', '', 'sha256'))`,
    );
    expect(plainFirst).toBe(0);
    expect(await server.count('contact_name_first_words')).toBeGreaterThan(0);
  });
});

describe('redaction and the transaction', () => {
  it('redacts with no transaction open and no database connection held', async () => {
    await registerWithName('Araminta Postlethwaite');
    const pool = (server.dataSource.driver as unknown as { master: Pool }).master;
    const dataSource = server.dataSource;
    let open = 0;
    const transaction = dataSource.transaction.bind(dataSource) as (...args: unknown[]) => Promise<unknown>;
    const seen: { open: number; connectionsInUse: number }[] = [];
    const spies = [
      jest.spyOn(dataSource, 'transaction').mockImplementation(async (...args: unknown[]) => {
        open++;
        try {
          return await transaction(...args);
        } finally {
          open--;
        }
      }),
      jest.spyOn(Redactor.prototype, 'redact').mockImplementation(function (this: Redactor, text: string) {
        seen.push({ open, connectionsInUse: pool.totalCount - pool.idleCount });
        return Redactor.prototype.find.call(this, text).length ? '[REDACTED]' : text;
      }),
    ];
    try {
      expect(await storedVia(server.url, 'Araminta Postlethwaite said so')).toBe('[REDACTED]');
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    expect(seen).toEqual([{ open: 0, connectionsInUse: 0 }]);
  });
});
