import { Role } from '@chorus/shared';
import { consent, TestServer } from '../test/harness';

let server: TestServer;
afterAll(() => server.stop());

/** A partner key with a session of its own and a participant who left a name. */
async function partnerWithContact(name: string) {
  const organisationId = await server.createOrganisation();
  const key = await server.apiKey(Role.PARTNER, organisationId);
  const sessionId = await server.createSession(key);
  await server.registerParticipant(key, {
    sessionId,
    consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
    contact: { name },
  });
  return { key, sessionId };
}

async function stored(sessionId: string, text: string, token: string): Promise<string> {
  const result = await server.submit(sessionId, [{ prompt: 'BELONGING', text }], token);
  expect(result.errors).toBeUndefined();
  return result.data.submitResponses.responses[0].text;
}

// Redaction must not be an oracle: how partner B's text comes back may not reveal that a name is
// on file with partner A.
describe('names redacted per organisation', () => {
  let a: { key: string; sessionId: string };
  let b: { key: string; sessionId: string };

  beforeAll(async () => {
    server = await TestServer.start();
    a = await partnerWithContact('Philippa Quennell');
    b = await partnerWithContact('Tomasz Brzęczyszczykiewicz');
  });

  it("redacts a partner's own participants' names", async () => {
    expect(await stored(a.sessionId, 'Philippa Quennell runs our choir', a.key)).toBe('[NAME] runs our choir');
    expect(await stored(b.sessionId, 'Tomasz Brzeczyszczykiewicz fixed the roof', b.key)).toBe('[NAME] fixed the roof');
  });

  it("leaves another organisation's participants' names as written", async () => {
    expect(await stored(b.sessionId, 'Philippa Quennell runs our choir', b.key)).toBe(
      'Philippa Quennell runs our choir',
    );
    expect(await stored(a.sessionId, 'Tomasz Brzęczyszczykiewicz fixed the roof', a.key)).toBe(
      'Tomasz Brzęczyszczykiewicz fixed the roof',
    );
  });

  it('redacts every organisation’s names for engagement staff', async () => {
    const staffSession = await server.createSession();
    expect(await stored(staffSession, 'Philippa Quennell and Tomasz Brzęczyszczykiewicz', server.adminToken)).toBe(
      '[NAME] and [NAME]',
    );
  });

  it('does not give partners the names staff registered', async () => {
    const staffSession = await server.createSession();
    await server.registerParticipant(server.adminToken, {
      sessionId: staffSession,
      consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
      contact: { name: 'Eudora Fairweather' },
    });
    expect(await stored(a.sessionId, 'Eudora Fairweather came too', a.key)).toBe('Eudora Fairweather came too');
    expect(await stored(staffSession, 'Eudora Fairweather came too', server.adminToken)).toBe('[NAME] came too');
  });
});
