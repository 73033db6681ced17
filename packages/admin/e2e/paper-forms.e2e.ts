import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
/** The server tests' own PDF reader (PDF.js): the text a reader's tools see in the printed forms. */
const PDF_TEXT = resolve(here, '../../server/src/test/pdf-text.mjs');

let chorus: Chorus;
let token: string;
beforeAll(async () => {
  chorus = await startChorus();
  const login = await api<{ login: { token: string } }>(
    chorus,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    DEMO.coordinator,
  );
  token = login.login.token;
});
afterAll(() => chorus?.stop());

const PARTICIPANT = `query($code: String!) {
  participants(filter: { code: $code }, first: 1) {
    edges { node { code session { id } consents { purpose granted method } } }
  }
}`;

it('prints a questionnaire session’s forms, and types one up by its code from the keyboard', async () => {
  const { page } = chorus;
  const created = await api<{ createSession: { id: string } }>(
    chorus,
    `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
    { i: { title: 'Library drop-in, paper forms', format: 'QUESTIONNAIRE', startsAt: '2026-06-20T10:00:00Z' } },
    token,
  );
  const sessionId = created.createSession.id;

  await signIn(page, DEMO.coordinator);
  await page.goto(`/sessions/${sessionId}`);
  await page.getByRole('textbox', { name: 'Forms to print' }).fill('2');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download forms (PDF)' }).click(),
  ]);
  const pdf = readFileSync(await download.path());
  const text = execFileSync(process.execPath, [PDF_TEXT], { input: pdf, encoding: 'utf8' });
  const codes = [...new Set([...text.matchAll(/Your code: ([A-Z0-9]+)/g)].map((m) => m[1]!))];
  expect(codes).toHaveLength(2);
  const [code, other] = codes as [string, string];

  await page.getByRole('link', { name: 'Type up paper forms' }).click();
  const codeField = page.getByRole('textbox', { name: 'Code on the form' });
  await expect.poll(() => codeField.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);

  // A typing slip is refused beside the field.
  await page.keyboard.type('ZZZZZZ');
  await page.keyboard.press('Enter');
  await page.getByText('No printed form has this code').waitFor();
  await checkScreen(page, 'type-up-unknown-code');

  await codeField.fill('');
  await page.keyboard.type(code.toLowerCase());
  await page.keyboard.press('Enter');
  const first = page.getByRole('textbox', { name: 'Question 1: What people value' });
  await first.waitFor();
  await expect.poll(() => first.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
  await page.keyboard.type('The market on a Saturday');
  await page.keyboard.press('Tab');
  await page.keyboard.type('At the mosque and the football club');
  const participation = page.getByRole('checkbox', { name: 'Take part (required)' });
  // Keyboard only: Tab through the remaining answers to the first consent box, then Space.
  for (
    let presses = 0;
    presses < 10 && !(await participation.evaluate((el) => el === document.activeElement));
    presses++
  )
    await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  const lives = page.getByRole('checkbox', { name: 'Lives here' });
  for (let presses = 0; presses < 10 && !(await lives.evaluate((el) => el === document.activeElement)); presses++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await checkScreen(page, 'type-up-form');
  await page.keyboard.press('Control+Enter');
  await page.getByText(`The form with code ${code} is typed up`).waitFor();
  await expect.poll(() => codeField.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);

  interface Stored {
    session: { id: string };
    consents: { purpose: string; granted: boolean; method: string }[];
  }
  const stored = await api<{ participants: { edges: { node: Stored }[] } }>(chorus, PARTICIPANT, { code }, token);
  const person = stored.participants.edges[0]!.node;
  expect(person.session.id).toBe(sessionId);
  const decisions = Object.fromEntries(person.consents.map((c) => [c.purpose, [c.granted, c.method]]));
  // Printed boxes: the ticked one granted, the empty ones refused; nothing else recorded.
  expect(decisions).toEqual({
    PARTICIPATION: [true, 'WRITTEN'],
    QUOTE: [false, 'WRITTEN'],
    SPECIAL_CATEGORY_DATA: [false, 'WRITTEN'],
  });

  // The same sheet again is refused beside the code; the other sheet is still free.
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.getByText('This form has already been typed up').waitFor();
  await codeField.fill(other);
  await page.keyboard.press('Enter');
  await first.waitFor();
});
