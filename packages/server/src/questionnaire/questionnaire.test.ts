import { TestServer } from '../test/harness';
import { hiddenField, Resident, visibleText, type Page } from '../test/resident';

const OPEN = `mutation($open: Boolean!) { setQuestionnaireOpen(open: $open) { open sessionMode } }`;
const SUBMISSIONS = `query {
  participants(filter: { questionnaire: true }, first: 20) {
    totalCount
    edges { node { code areaId: area { name } ageBand consents { purpose granted method noticeVersion } session { format title } } }
  }
}`;
const RESPONSES = `query { responses(first: 50) { totalCount edges { node { text prompt source language session { format } } } } }`;
const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((edge) => edge.node);

/** Everything a resident might answer, as the pages carry it from page to page. */
interface Answers {
  participation?: boolean;
  quote?: boolean;
  specialCategory?: boolean;
  answers?: Record<string, string>;
  connections?: string[];
  areaId?: string;
  ageBand?: string;
  ethnicity?: string;
  lang?: string;
}

/** Opens the first page and sends a finished form at once, as a double submit or a script would. */
async function sendForm(resident: Resident, answers: Answers, extra: Record<string, string> = {}) {
  const start = await resident.get('/questionnaire');
  const token = hiddenField(start, 'token');
  const state = JSON.stringify({ lang: 'en', answers: {}, connections: ['LIVES'], ...answers });
  const post = () => resident.post('/questionnaire', { token, state, step: 'check', action: 'send', ...extra });
  return { token, state, post };
}

async function receipt(resident: Resident, sent: Page): Promise<{ code: string; secret: string }> {
  expect(sent.status).toBe(303);
  expect(sent.location).toBe('/questionnaire/done');
  const done = await resident.get('/questionnaire/done');
  const [code, secret] = [...done.html.matchAll(/<dd class="code" dir="ltr">([^<]+)<\/dd>/g)].map((m) => m[1]!);
  expect(visibleText(done)).toContain('Keep them to take your answers back later');
  return { code: code!, secret: secret! };
}

async function count(server: TestServer, table: string): Promise<number> {
  const [row] = await server.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

describe('the public questionnaire', () => {
  let server: TestServer;
  let areaId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    const data = await server.ok(`mutation { createArea(input: { name: "Burslem", population: 1000 }) { id } }`);
    areaId = data.createArea.id;
    await server.ok(OPEN, { open: true });
  });
  afterAll(() => server?.stop());

  it('takes a resident page by page without JavaScript and files their redacted words under a QUESTIONNAIRE session', async () => {
    const resident = new Resident(server.url);
    const start = await resident.get('/questionnaire');
    expect(start.status).toBe(200);
    expect(visibleText(start)).toContain('Privacy notice version v1');
    const token = hiddenField(start, 'token');
    let page = await resident.post('/questionnaire', {
      token,
      state: hiddenField(start, 'state'),
      step: 'consent',
      action: 'begin',
    });
    const next = (fields: Record<string, string | string[]>, action = 'next') =>
      resident.post('/questionnaire', {
        token,
        state: hiddenField(page, 'state'),
        step: hiddenField(page, 'step'),
        action,
        ...fields,
      });
    // Continue without choosing: the error names what to do, and the page keeps the choice to make.
    page = await next({});
    expect(page.status).toBe(400);
    expect(visibleText(page)).toContain('There is a problem Select yes if we can keep your answers');
    page = await next({ participation: 'yes', quote: 'no' });
    expect(visibleText(page)).toContain('Question 1 of 5');
    page = await next({ answer: 'The market on Saturdays. Write to me at sam@example.org' });
    for (let question = 2; question <= 5; question++) page = await next({ answer: '' });
    expect(visibleText(page)).toContain('How are you part of the city?');
    page = await next({ connections: ['LIVES', 'WORKS'], areaId, ageBand: 'AGE_25_34', specialCategory: 'yes' });
    expect(visibleText(page)).toContain('What is your ethnic group?');
    page = await next({ ethnicity: 'ASIAN_PAKISTANI', religion: 'MUSLIM' });
    expect(visibleText(page)).toContain('Check your answers');
    const { code, secret } = await receipt(resident, await next({}, 'send'));
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(secret).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const { participants } = await server.ok(SUBMISSIONS);
    const person = nodes<any>(participants).find((p: { code: string }) => p.code === code);
    expect(person.areaId.name).toBe('Burslem');
    expect(person.session.format).toBe('QUESTIONNAIRE');
    // Asked and answered are recorded; attribution and follow-up contact were never asked, so have no entry.
    expect(person.consents.map((c: { purpose: string; granted: boolean }) => [c.purpose, c.granted]).sort()).toEqual([
      ['PARTICIPATION', true],
      ['QUOTE', false],
      ['SPECIAL_CATEGORY_DATA', true],
    ]);
    expect(person.consents.every((c: { method: string }) => c.method === 'ONLINE')).toBe(true);
    const { responses } = await server.ok(RESPONSES);
    expect(nodes(responses)).toEqual([
      {
        text: 'The market on Saturdays. Write to me at [EMAIL]',
        prompt: 'VALUES',
        source: 'QUESTIONNAIRE',
        language: 'en',
        session: { format: 'QUESTIONNAIRE' },
      },
    ]);
    // The code and secret are shown in the page, never in a URL.
    expect(page.html).not.toContain(secret);
  });

  it('stores a double submit once and shows the same code and secret both times', async () => {
    const before = await count(server, 'responses');
    const resident = new Resident(server.url);
    const { post } = await sendForm(resident, {
      participation: true,
      answers: { FUTURE: 'Safer crossings near the school on Waterloo Road' },
    });
    const [first, second] = await Promise.all([post(), post()]);
    const a = await receipt(resident, first);
    const b = await receipt(resident, second);
    expect(b).toEqual(a);
    expect(await count(server, 'responses')).toBe(before + 1);
  });

  it('keeps nothing without PARTICIPATION consent, even from a form that skips the question', async () => {
    const [people, said] = [await count(server, 'participants'), await count(server, 'responses')];
    const resident = new Resident(server.url);
    const start = await resident.get('/questionnaire');
    const declined = await resident.post('/questionnaire', {
      token: hiddenField(start, 'token'),
      state: hiddenField(start, 'state'),
      step: 'consent',
      action: 'next',
      participation: 'no',
    });
    expect(visibleText(declined)).toContain('We have not kept anything');
    const forged = await sendForm(resident, { answers: { VALUES: 'Words sent with no consent asked at all' } });
    expect(visibleText(await forged.post())).toContain('We have not kept anything');
    expect([await count(server, 'participants'), await count(server, 'responses')]).toEqual([people, said]);
  });

  it('lets a resident take their words back with their code and secret, through the staff withdrawal', async () => {
    const resident = new Resident(server.url);
    const { post } = await sendForm(resident, {
      participation: true,
      answers: { CHALLENGES: 'The buses stop too early in the evening for shift workers' },
    });
    const { code, secret } = await receipt(resident, await post());
    const mine = `query($code: String!) { participants(filter: { code: $code }, first: 1) { edges { node { consents { purpose granted withdrawnAt } } } } }`;
    const responsesOf = async () =>
      nodes<{ text: string }>((await server.ok(RESPONSES)).responses).filter((r) =>
        r.text.startsWith('The buses stop'),
      );

    const form = await resident.get('/questionnaire/withdraw');
    const attempt = (typedCode: string, typedSecret: string) =>
      resident.post('/questionnaire/withdraw', {
        token: hiddenField(form, 'token'),
        lang: 'en',
        code: typedCode,
        secret: typedSecret,
      });
    const wrong = await attempt(code, 'AAAA-AAAA');
    const unknown = await attempt('ZZZZZZ', secret);
    // The same answer whether the code exists or not.
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(visibleText(wrong)).toContain('We could not find answers for that code and secret word');
    expect(visibleText(unknown).replace('ZZZZZZ', code).replace(secret, 'AAAA-AAAA')).toBe(
      visibleText(wrong).replace(/value="[^"]*"/g, ''),
    );
    expect(await responsesOf()).toHaveLength(1);

    // Typed as people type: lower case, spaces for dashes.
    const done = await attempt(code.toLowerCase(), secret.toLowerCase().replace('-', ' '));
    expect(done.status).toBe(303);
    expect(done.location).toBe('/questionnaire/withdrawn?lang=en');
    expect(visibleText(await resident.get(done.location!))).toContain('Your answers have been deleted');
    expect(await responsesOf()).toHaveLength(0);
    const { participants } = await server.ok(mine, { code });
    expect(
      participants.edges[0].node.consents.find((c: { purpose: string }) => c.purpose === 'PARTICIPATION'),
    ).toMatchObject({
      granted: false,
      withdrawnAt: expect.any(String),
    });
    // Asking again is answered the same: their words are gone.
    expect((await attempt(code, secret)).status).toBe(303);
  });

  it('stores nothing when the hidden honeypot field is filled in', async () => {
    const said = await count(server, 'responses');
    const resident = new Resident(server.url);
    const { post } = await sendForm(
      resident,
      { participation: true, answers: { VALUES: 'Buy cheap watches at this link today' } },
      { website: 'http://spam.example' },
    );
    const page = await post();
    expect(page.status).toBe(400);
    expect(await count(server, 'responses')).toBe(said);
  });

  it('refuses an answer already sent word for word by someone else, on the page that asked it', async () => {
    const words = 'Please fund the youth club on the high street again!';
    const first = new Resident(server.url);
    await receipt(first, await (await sendForm(first, { participation: true, answers: { BELONGING: words } })).post());
    const said = await count(server, 'responses');
    const copier = new Resident(server.url);
    const copy = await (
      await sendForm(copier, { participation: true, answers: { BELONGING: `  ${words.toUpperCase()} ` } })
    ).post();
    expect(copy.status).toBe(400);
    expect(visibleText(copy)).toContain('We already have this answer');
    expect(hiddenField(copy, 'step')).toBe('BELONGING');
    expect(await count(server, 'responses')).toBe(said);
    // Short everyday answers are not copies.
    const short = new Resident(server.url);
    await receipt(
      short,
      await (await sendForm(short, { participation: true, answers: { WHAT_WORKS: 'The park' } })).post(),
    );
    const again = new Resident(server.url);
    await receipt(
      again,
      await (await sendForm(again, { participation: true, answers: { WHAT_WORKS: 'The park' } })).post(),
    );
  });

  it('refuses a form posted from another site or without its device cookie (CSRF)', async () => {
    const said = await count(server, 'responses');
    const resident = new Resident(server.url);
    const { token, state } = await sendForm(resident, {
      participation: true,
      answers: { VALUES: 'Posted by a page elsewhere' },
    });
    const attacker = new Resident(server.url);
    const page = await attacker.post('/questionnaire', { token, state, step: 'check', action: 'send' });
    expect(page.status).toBe(400);
    expect(visibleText(page)).toContain('This form has expired');
    expect(await count(server, 'responses')).toBe(said);
  });

  it('sends security headers and no inline script', async () => {
    const page = await new Resident(server.url).get('/questionnaire?lang=ur');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.html).toMatch(/<html lang="ur" dir="rtl">/);
    expect(page.html.match(/<script[^>]*>/g)).toEqual(['<script src="/questionnaire/assets/questionnaire.js" defer>']);
  });

  it('shows residents a closed page once the coordinator closes it', async () => {
    await server.ok(OPEN, { open: false });
    try {
      const resident = new Resident(server.url);
      expect(visibleText(await resident.get('/questionnaire'))).toContain('The questionnaire is closed');
    } finally {
      await server.ok(OPEN, { open: true });
    }
  });
});

describe('questionnaire abuse limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({
      questionnaireMinSeconds: 30,
      rateLimits: {
        pointsPerMinute: 100_000_000,
        anonymousPointsPerMinute: 100_000_000,
        signIn: { perIp: 1_000, perAccountIp: 1_000, perAccount: 1_000 },
        questionnaire: { submissionsPerIp: 3, submissionsPerDevice: 2, withdrawalsPerIp: 100, withdrawalsPerDevice: 3 },
      },
    });
    await server.ok(OPEN, { open: true });
  });
  afterAll(() => server?.stop());

  it('refuses a form sent sooner after its first page than a person could answer it, storing nothing', async () => {
    const resident = new Resident(server.url, '127.0.0.50');
    const page = await (
      await sendForm(resident, { participation: true, answers: { VALUES: 'Too quick to be a person' } })
    ).post();
    expect(page.status).toBe(400);
    expect(visibleText(page)).toContain('You were very quick');
    expect(await count(server, 'responses')).toBe(0);
  });

  it('limits sends per device and per address, counted in PostgreSQL', async () => {
    const one = new Resident(server.url, '127.0.0.60');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await (await sendForm(one, { participation: true })).post()).status);
    // Two count (refused too fast here, but counted), the third is over the device's limit.
    expect(statuses).toEqual([400, 400, 429]);
    const other = new Resident(server.url, '127.0.0.60');
    expect((await (await sendForm(other, { participation: true })).post()).status).toBe(400);
    // The address has used its three.
    const third = new Resident(server.url, '127.0.0.60');
    const refused = await (await sendForm(third, { participation: true })).post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(visibleText(refused)).toContain('Please try again later');
    const elsewhere = new Resident(server.url, '127.0.0.61');
    expect((await (await sendForm(elsewhere, { participation: true })).post()).status).toBe(400);
  });

  it('limits withdrawal attempts per device, so codes and secrets cannot be guessed from it', async () => {
    const guesser = new Resident(server.url, '127.0.0.70');
    const form = await guesser.get('/questionnaire/withdraw');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const page = await guesser.post('/questionnaire/withdraw', {
        token: hiddenField(form, 'token'),
        lang: 'en',
        code: `AAAAA${i}`,
        secret: 'BBBB-CCCC',
      });
      statuses.push(page.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});
