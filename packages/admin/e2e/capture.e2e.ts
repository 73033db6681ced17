import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** Asks the API directly, as the given demo user: to pick a session, and to count what was stored. */
async function api<T>(who: { email: string; password: string }, query: string, variables: object = {}): Promise<T> {
  const post = async <D>(body: object, token?: string): Promise<D> => {
    const response = await fetch(`${chorus.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data: D; errors?: unknown[] };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const login = await post<{ login: { token: string } }>({
    query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    variables: who,
  });
  return post<T>({ query, variables }, login.login.token);
}

async function sessionsOfFacilitator(status: 'HELD' | 'CANCELLED') {
  const data = await api<{ sessions: { edges: { node: { id: string; title: string } }[] } }>(
    DEMO.facilitator,
    `query($statuses: [SessionStatus!]) { sessions(filter: { statuses: $statuses }, first: 5) { edges { node { id title } } } }`,
    { statuses: [status] },
  );
  return data.sessions.edges.map((edge) => edge.node);
}

async function storedResponses(sessionId: string): Promise<number> {
  const data = await api<{ responses: { totalCount: number } }>(
    DEMO.coordinator,
    'query($id: ID!) { responses(filter: { sessionId: $id }, first: 1) { totalCount } }',
    { id: sessionId },
  );
  return data.responses.totalCount;
}

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus: the keyboard's way of getting somewhere. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return;
  }
  throw new Error(`Could not reach ${target.toString()} with ${key}`);
}

/** Types into each prompt's box in turn, moving on with Tab; focus starts in the first box to fill. */
async function typeAnswers(page: Page, answers: string[]) {
  for (const [index, answer] of answers.entries()) {
    if (index > 0) await page.keyboard.press('Tab');
    await page.keyboard.type(answer);
  }
}

const count = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

it('captures three participants and ten responses with the keyboard alone, survives a reload, and stores a retried batch once', async () => {
  const { page } = chorus;
  const [session] = await sessionsOfFacilitator('HELD');
  expect(session, 'the demo facilitator has a held session').toBeDefined();

  await signIn(page, DEMO.facilitator);
  await page.goto(`/sessions/${session!.id}/capture`);
  await page.getByRole('heading', { level: 1, name: `Capture: ${session!.title}` }).waitFor();
  await page.getByRole('button', { name: 'Save responses' }).waitFor();
  await checkScreen(page, 'capture-empty');
  const responsesBefore = await count(page, 'session-response-count');
  const peopleBefore = await count(page, 'session-participant-count');

  const firstConnection = page.getByRole('checkbox', { name: 'Lives here' });
  const firstResponseBox = page.getByRole('textbox', { name: 'What people value' });
  const speaker = page.getByRole('combobox', { name: /Who is speaking/ });
  const codeShown = page.getByTestId('participant-code');
  const areaBox = page.getByRole('combobox', { name: /^Area/ });
  const ageBandBox = page.getByRole('combobox', { name: /^Age band/ });
  const saved = page.getByRole('status').filter({ hasText: /^Saved/ });

  // An empty registration is refused, with each reason beside its field.
  await page.keyboard.press('Alt+N');
  await expect.poll(() => isFocused(firstConnection)).toBe(true);
  await page.keyboard.press('Control+Enter');
  await page.getByText('Choose at least one connection to the city.').waitFor();
  await page.getByText(/No one is registered without consent to take part/).waitFor();
  await expect.poll(() => isFocused(firstConnection)).toBe(true);
  await checkScreen(page, 'capture-registration-errors');

  /** Types into a searchable select and takes the option once the filtered list shows it. */
  async function chooseByTyping(choice: { type: string; chosen: string }) {
    await page.keyboard.type(choice.type);
    // Mantine highlights the first match a moment after the list filters; Enter takes the highlighted
    // one. Closed lists stay in the page, hence :visible.
    await page.locator('[role="option"][data-combobox-selected]:visible', { hasText: choice.chosen }).waitFor();
    await page.keyboard.press('Enter');
  }

  const codes: string[] = [];
  /** Registers one person by keyboard: connection, area, age band, consent; then waits for their code. */
  async function registerParticipant(
    connection: string,
    area: { type: string; chosen: string },
    ageBand: { type: string; chosen: string },
    extraConsent?: string,
  ) {
    await page.keyboard.press('Alt+N');
    const connectionBox = page.getByRole('checkbox', { name: connection });
    if (!(await isFocused(connectionBox))) await tabTo(page, connectionBox);
    await page.keyboard.press('Space');
    await tabTo(page, areaBox);
    await chooseByTyping(area);
    await expect.poll(() => areaBox.inputValue()).toBe(area.chosen);
    await page.keyboard.press('Tab');
    await chooseByTyping(ageBand);
    await expect.poll(() => ageBandBox.inputValue()).toBe(ageBand.chosen);
    await tabTo(page, page.getByRole('checkbox', { name: 'Take part (required)' }));
    await page.keyboard.press('Space');
    if (extraConsent) {
      await tabTo(page, page.getByRole('checkbox', { name: extraConsent, exact: true }));
      await page.keyboard.press('Space');
    }
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => codeShown.textContent()).toMatch(/^[A-Z0-9]{6}$/);
    await expect.poll(() => codeShown.textContent()).not.toBe(codes.at(-1));
    const code = (await codeShown.textContent())!;
    codes.push(code);
    // The new person is the speaker, and the cursor waits in the first response box.
    await expect.poll(() => speaker.inputValue()).toBe(code);
    await expect.poll(() => isFocused(firstResponseBox)).toBe(true);
  }

  async function saveAndConfirm(expected: number) {
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => saved.textContent()).toContain(`Saved ${expected} responses`);
    await expect.poll(() => firstResponseBox.inputValue()).toBe('');
    await expect.poll(() => isFocused(firstResponseBox)).toBe(true);
  }

  await registerParticipant(
    'Lives here',
    { type: 'Burs', chosen: 'Burslem Central' },
    { type: '25', chosen: '25–34' },
    'Be quoted anonymously',
  );
  await checkScreen(page, 'capture-participant-registered');
  await typeAnswers(page, [
    'The way neighbours look out for each other on our street.',
    'I feel at home at the Saturday market, less so in the city centre at night.',
    'The buses stop running early, so evening shifts are hard to get to.',
    'A high street with shops open again and somewhere for teenagers to go.',
  ]);
  await checkScreen(page, 'capture-responses-typed');
  await saveAndConfirm(4);
  await checkScreen(page, 'capture-saved');

  await registerParticipant(
    'Works here',
    { type: 'Hanl', chosen: 'Hanley Park and Shelton' },
    { type: 'Prefer', chosen: 'Prefer not to say' },
  );
  await typeAnswers(page, [
    'The pottery heritage and the people who still make things here.',
    'Proud of the football club; not included in decisions about my area.',
    'Childcare costs more than I earn on some days.',
  ]);
  await saveAndConfirm(3);

  // The third person's answers are interrupted by a reload halfway: nothing typed is lost.
  await registerParticipant('Studies here', { type: 'tunst', chosen: 'Tunstall' }, { type: '65', chosen: '65–74' });
  await typeAnswers(page, ['The library, which is warm and free.', 'At college I feel I belong']);
  await page.reload();
  await page.getByText('Unsent work restored').waitFor();
  await expect.poll(() => firstResponseBox.inputValue()).toBe('The library, which is warm and free.');
  await expect
    .poll(() => page.getByRole('textbox', { name: 'Belonging' }).inputValue())
    .toBe('At college I feel I belong');
  await expect.poll(() => speaker.inputValue()).toBe(codes[2]);
  await checkScreen(page, 'capture-unsent-work-restored');
  await page.keyboard.press('Alt+R');
  await tabTo(page, page.getByRole('textbox', { name: 'Challenges' }));
  await page.keyboard.type('Not enough part-time jobs that fit around lectures.');
  await saveAndConfirm(3);

  await expect.poll(() => count(page, 'session-response-count')).toBe(responsesBefore + 10);
  await expect.poll(() => count(page, 'session-participant-count')).toBe(peopleBefore + 3);
  expect(await storedResponses(session!.id)).toBe(responsesBefore + 10);
  // What was chosen by keyboard is what was stored: the purposes asked (none recorded for those not asked) and the notice shown.
  const first = await api<{ participants: { edges: { node: unknown }[] } }>(
    DEMO.coordinator,
    `query($code: String!) { participants(filter: { code: $code }, first: 1) { edges { node {
       connections ageBand area { name } consents { purpose granted method noticeVersion } } } } }`,
    { code: codes[0] },
  );
  expect(first.participants.edges[0]!.node).toMatchObject({
    connections: ['LIVES'],
    ageBand: 'AGE_25_34',
    area: { name: 'Burslem Central' },
    consents: [
      { purpose: 'PARTICIPATION', granted: true, method: 'VERBAL', noticeVersion: '2026-07' },
      { purpose: 'QUOTE', granted: true },
    ],
  });

  // Group notes, and a connection that drops after the server stored the batch but before the
  // answer came back: the retry sends the same key, and the batch is stored once.
  await page.keyboard.press('Alt+R');
  await tabTo(page, speaker, 'Shift+Tab');
  await page.keyboard.type('Group');
  await page.keyboard.press('Enter');
  await expect.poll(() => speaker.inputValue()).toBe('Group notes (no participant)');
  await page.keyboard.press('Tab');
  await typeAnswers(page, [
    'The group agreed the parks are the best thing about the city.',
    'Several felt unwelcome in the centre.',
  ]);
  let dropped = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== 'SubmitResponses') return route.continue();
    dropped++;
    await route.fetch(); // reaches the server, which stores the batch ...
    await route.abort('connectionreset'); // ... but the answer never arrives
  });
  await page.keyboard.press('Control+Enter');
  await page.getByRole('alert').filter({ hasText: 'Not confirmed yet' }).waitFor();
  expect(dropped).toBe(1);
  await expect
    .poll(() => firstResponseBox.inputValue())
    .toBe('The group agreed the parks are the best thing about the city.');
  expect(await storedResponses(session!.id)).toBe(responsesBefore + 12);
  await checkScreen(page, 'capture-not-confirmed');

  await page.unroute('**/graphql');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => saved.textContent()).toContain('Saved 2 responses');
  await expect.poll(() => saved.textContent()).toContain('stored only once');
  await expect.poll(() => count(page, 'session-response-count')).toBe(responsesBefore + 12);
  expect(await storedResponses(session!.id)).toBe(responsesBefore + 12);
});

it('says plainly that a cancelled session cannot be captured', async () => {
  const { page } = chorus;
  const [cancelled] = await sessionsOfFacilitator('CANCELLED');
  expect(cancelled, 'the demo facilitator has a cancelled session').toBeDefined();
  await page.goto(`/sessions/${cancelled!.id}/capture`);
  await page.getByRole('alert').filter({ hasText: 'This session was cancelled' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Save responses' }).count()).toBe(0);
  await checkScreen(page, 'capture-cancelled-session');
});

it('deletes unsent words when the facilitator signs out, and keeps none in localStorage', async () => {
  const { page } = chorus;
  const [session] = await sessionsOfFacilitator('HELD');
  await signIn(page, DEMO.facilitator);
  await page.goto(`/sessions/${session!.id}/capture`);
  const firstResponseBox = page.getByRole('textbox', { name: 'What people value' });
  await firstResponseBox.fill('Words said before redaction, never sent.');
  const kept = () =>
    page.evaluate(() =>
      [...Object.entries(sessionStorage), ...Object.entries(localStorage)]
        .filter(([key]) => key.startsWith('chorus.capture.'))
        .map(([, value]) => String(value))
        .join(),
    );
  await expect.poll(kept).toContain('never sent');
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('chorus.capture.'))),
  ).toEqual([]);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  expect(await kept()).toBe('');

  await signIn(page, DEMO.facilitator);
  await page.goto(`/sessions/${session!.id}/capture`);
  await page.getByRole('button', { name: 'Save responses' }).waitFor();
  await expect.poll(() => firstResponseBox.inputValue()).toBe('');
  await expect.poll(() => page.getByText('Unsent work restored').count()).toBe(0);
});

it('asks ethnicity, religion and disability only once the person agrees, keeps the answers, and shows a refusal beside its field', async () => {
  const { page } = chorus;
  const [session] = await sessionsOfFacilitator('HELD');
  await signIn(page, DEMO.facilitator);
  await page.goto(`/sessions/${session!.id}/capture`);
  const ethnicityBox = page.getByRole('combobox', { name: /^Ethnic group/ });
  const religionBox = page.getByRole('combobox', { name: /^Religion/ });
  const disabilityBox = page.getByRole('combobox', { name: /^Disability/ });
  const sensitive = page.getByRole('checkbox', { name: 'Share sensitive demographics', exact: true });
  const codeShown = page.getByTestId('participant-code');

  async function choose(box: Locator, option: string) {
    await box.click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await expect.poll(() => box.inputValue()).toBe(option);
    // The list has closed, so nothing covers the rest of the form.
    await expect.poll(() => page.locator('[role="listbox"]:visible').count()).toBe(0);
  }
  async function startRegistration() {
    await page.getByRole('checkbox', { name: 'Lives here' }).check();
    await page.getByRole('checkbox', { name: 'Take part (required)' }).check();
    await expect.poll(() => ethnicityBox.count()).toBe(0);
    await sensitive.check();
    await ethnicityBox.waitFor();
  }

  await page.getByRole('button', { name: 'Register participant' }).waitFor();
  await startRegistration();
  await choose(ethnicityBox, 'Pakistani');
  await choose(religionBox, 'Muslim');
  await choose(disabilityBox, 'Prefer not to say');
  await checkScreen(page, 'capture-sensitive-demographics');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => codeShown.textContent()).toMatch(/^[A-Z0-9]{6}$/);
  const code = (await codeShown.textContent())!;
  // The form starts afresh: the next person is not asked until they too agree.
  await expect.poll(() => ethnicityBox.count()).toBe(0);
  const kept = await api<{ participants: { edges: { node: { demographics: unknown } }[] } }>(
    DEMO.admin,
    `query($code: String!) { participants(filter: { code: $code }, first: 1) { edges { node {
       demographics { ethnicity ethnicGroup religion disability equalityActDisabled } } } } }`,
    { code },
  );
  expect(kept.participants.edges[0]!.node.demographics).toEqual({
    ethnicity: 'ASIAN_PAKISTANI',
    ethnicGroup: 'ASIAN',
    religion: 'MUSLIM',
    disability: 'PREFER_NOT_TO_SAY',
    equalityActDisabled: null,
  });

  // Were the consent lost on the way (here: the request rewritten to record it as refused), the
  // server refuses to keep the answers and says so beside the first of them; no one is registered.
  const peopleBefore = await count(page, 'session-participant-count');
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as {
      operationName?: string;
      variables: { input: { consents: { purpose: string; granted: boolean }[] } };
    };
    if (body.operationName !== 'RegisterParticipant') return route.continue();
    for (const decision of body.variables.input.consents) {
      if (decision.purpose === 'SPECIAL_CATEGORY_DATA') decision.granted = false;
    }
    await route.continue({ postData: JSON.stringify(body) });
  });
  await startRegistration();
  await choose(religionBox, 'Sikh');
  await page.keyboard.press('Control+Enter');
  await page.getByText(/may be kept only with SPECIAL_CATEGORY_DATA consent/i).waitFor();
  await expect.poll(() => religionBox.getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => isFocused(religionBox)).toBe(true);
  // Focus opens the searchable list; closed, the screen is as the facilitator reads the refusal.
  await page.keyboard.press('Escape');
  await checkScreen(page, 'capture-sensitive-demographics-refused');
  await page.unroute('**/graphql');
  expect(await count(page, 'session-participant-count')).toBe(peopleBefore);
});

it('says legibly that no one can be registered before a privacy notice is set up', async () => {
  const { page } = chorus;
  const [session] = await sessionsOfFacilitator('HELD');
  await signIn(page, DEMO.facilitator);
  // Every engagement is created with a notice version, so the screen's answer is edited to reach this state.
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== 'Capture') return route.continue();
    const answer = await route.fetch();
    const json = (await answer.json()) as { data: { engagement: { noticeVersions: string[] } } };
    json.data.engagement.noticeVersions = [];
    await route.fulfill({ response: answer, json });
  });
  await page.goto(`/sessions/${session!.id}/capture`);
  await page.getByRole('alert').filter({ hasText: 'No privacy notice set up' }).waitFor();
  expect(await page.getByRole('button', { name: 'Register participant' }).isDisabled()).toBe(true);
  await checkScreen(page, 'capture-no-privacy-notice');
  await page.unroute('**/graphql');
});
