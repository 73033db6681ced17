import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

it('a safeguarding lead records what was done about a flagged response and closes it', async () => {
  // Unique per attempt: a retried test must not find the flag an earlier attempt closed.
  const attempt = Date.now();
  const disclosure = `Some weeks I want to end it all and nobody at the job centre listens (${attempt}).`;
  const { login } = await api<{ login: { token: string } }>(
    chorus,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.admin.email, p: DEMO.admin.password },
  );
  const { sessions } = await api<{ sessions: { edges: { node: { id: string } }[] } }>(
    chorus,
    `{ sessions(first: 1) { edges { node { id } } } }`,
    {},
    login.token,
  );
  await api(
    chorus,
    `mutation($i: SubmitResponsesInput!) { submitResponses(input: $i) { duplicate } }`,
    {
      i: {
        sessionId: sessions.edges[0]!.node.id,
        idempotencyKey: `e2e-safeguarding-${attempt}`,
        responses: [{ prompt: 'CHALLENGES', text: disclosure }],
      },
    },
    login.token,
  );

  const { page } = chorus;
  await signIn(page, DEMO.safeguarding);
  // A lead has no overview: they start at the queue.
  await page.waitForURL('**/safeguarding');
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: 'Safeguarding' }).waitFor();
  const flag = page.getByRole('article').filter({ hasText: disclosure });
  await flag.waitFor();
  await expect.poll(() => flag.getByText(/Raised by rule “end it all”/).count()).toBe(1);
  await checkScreen(page, 'safeguarding-queue');

  // An empty action names the field; nothing is recorded.
  await flag.getByRole('button', { name: 'Record action' }).click();
  await flag.getByText(/must not be empty/i).waitFor();
  await flag.getByLabel('Action taken').fill('Called back; referred to the GP and Samaritans.');
  await flag.getByRole('button', { name: 'Record action' }).click();
  await flag.getByRole('listitem').filter({ hasText: 'Called back; referred to the GP and Samaritans.' }).waitFor();
  await expect.poll(() => flag.getByLabel('Action taken').inputValue()).toBe('');
  await flag.getByLabel('Action taken').fill('Checked in a week later: safe, with support.');
  await flag.getByRole('button', { name: 'Close flag' }).click();
  await flag.waitFor({ state: 'detached' });

  await page.locator('label', { hasText: /^Closed$/ }).click();
  const closed = page.getByRole('article').filter({ hasText: disclosure });
  await closed.getByText('Called back; referred to the GP and Samaritans.').waitFor();
  await closed.getByText(/^Closed by/).waitFor();
  await checkScreen(page, 'safeguarding-closed');
  await page.getByRole('button', { name: 'Sign out' }).click();
});

it('a safeguarding lead adds, edits and disables a rule, and the new rule flags what is submitted next', async () => {
  const attempt = Date.now();
  const phrase = `eggs thrown at our door ${attempt}`;
  const { page } = chorus;
  await signIn(page, DEMO.safeguarding);
  await page.waitForURL('**/safeguarding');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Safeguarding rules' }).click();
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: 'Safeguarding rules' }).waitFor();
  await page.getByRole('table', { name: /^Rules, \d+ in all$/ }).waitFor();
  await checkScreen(page, 'safeguarding-rules');

  const addForm = page.getByRole('form', { name: 'Add a rule' });
  const text = (form = addForm) => form.getByRole('textbox', { name: /^(Phrase|Pattern)/ });
  // Refused here, beside the field, before anything is sent.
  await addForm.getByRole('button', { name: 'Add rule' }).click();
  await addForm.getByText('Enter a phrase or a pattern').waitFor();
  // Refused by the server, which names the rule by its place in the set: shown beside the same field.
  await addForm.getByLabel(/^Kind/).selectOption({ label: 'Pattern' });
  await text().fill('(\\w+)+ door');
  await addForm.getByRole('button', { name: 'Add rule' }).click();
  await addForm.getByText(/repeats a repeated group/i).waitFor();
  await expect.poll(() => text().getAttribute('aria-invalid')).toBe('true');

  await addForm.getByLabel(/^Kind/).selectOption({ label: 'Phrase' });
  await addForm.getByLabel(/^Category/).selectOption({ label: 'Hate incident' });
  await text().fill(phrase);
  await addForm.getByRole('button', { name: 'Add rule' }).click();
  await addForm
    .getByRole('status')
    .filter({ hasText: `Rule “${phrase}” added: the rules are now version` })
    .waitFor();

  // What is submitted from now on is matched against it.
  const { login } = await api<{ login: { token: string } }>(
    chorus,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.admin.email, p: DEMO.admin.password },
  );
  const { sessions } = await api<{ sessions: { edges: { node: { id: string } }[] } }>(
    chorus,
    `{ sessions(first: 1) { edges { node { id } } } }`,
    {},
    login.token,
  );
  const heard = `Last week there were EGGS thrown at our door ${attempt}, again.`;
  await api(
    chorus,
    `mutation($i: SubmitResponsesInput!) { submitResponses(input: $i) { duplicate } }`,
    {
      i: {
        sessionId: sessions.edges[0]!.node.id,
        idempotencyKey: `e2e-safeguarding-rule-${attempt}`,
        responses: [{ prompt: 'BELONGING', text: heard }],
      },
    },
    login.token,
  );

  await page.getByRole('searchbox', { name: 'Find' }).fill(String(attempt));
  const row = page.getByRole('row', { name: new RegExp(String(attempt)) });
  await expect.poll(() => row.count()).toBe(1);
  await row.getByRole('button', { name: 'Edit', exact: false }).click();
  const dialog = page.getByRole('dialog', { name: `Edit “${phrase}”` });
  await text(dialog).fill(`${phrase} twice`);
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Rule saved: the rules are now version' }).waitFor();
  await expect.poll(() => row.textContent()).toContain(`${phrase} twice`);

  await row.getByRole('button', { name: `Disable “${phrase} twice”` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Rule “${phrase} twice” disabled` })
    .waitFor();
  await row.getByText('Disabled', { exact: true }).waitFor();
  await row.getByRole('button', { name: `Enable “${phrase} twice”` }).waitFor();
  await expect.poll(() => page.getByRole('note').textContent()).toMatch(/^Version \d+, saved by Amira Khan on /);
  await checkScreen(page, 'safeguarding-rules-edited');

  // The flag the added rule raised waits in the queue, naming the rule and its version.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Safeguarding', exact: true })
    .click();
  const flag = page.getByRole('article').filter({ hasText: heard });
  await flag.getByText(new RegExp(`Raised by rule “${phrase}” \\(rule set version \\d+\\)`)).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
});

it('an admin searches the audit log by action and record, and downloads it as CSV', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.admin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit log' }).click();
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await page.getByRole('table', { name: /^Audit entries/ }).waitFor();
  await checkScreen(page, 'audit-log');

  await page.getByLabel('Action').selectOption({ label: 'safeguarding.flag_closed' });
  await page.getByRole('button', { name: 'Search' }).click();
  // One closure per attempt of the test above (it may have been retried); every row is one.
  const results = page.getByRole('table', { name: /^Audit entries, [1-9]\d* in all$/ });
  await results.waitFor();
  await expect
    .poll(async () => {
      const rows = await results.locator('tbody tr').count();
      return rows > 0 && rows === (await results.getByRole('cell', { name: 'safeguarding.flag_closed' }).count());
    })
    .toBe(true);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('chorus-audit-log.csv');

  await page.getByLabel('Record id').fill('not-an-id');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText(/is not a valid id/i).waitFor();

  await page.getByLabel('Record id').fill('00000000-0000-4000-8000-000000000000');
  await page.getByLabel('Action').selectOption({ label: 'Any action' });
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No entries').waitFor();
  await checkScreen(page, 'audit-log-empty');
  await page.getByRole('button', { name: 'Sign out' }).click();
});
