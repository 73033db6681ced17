import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

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

const HEADING = 'Connection,Consent,What do you value?\n';
const csv = (rows: string) => ({ name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from(HEADING + rows) });

it('checks a file, shows the bad row, and imports the corrected file while showing its progress', async () => {
  const { page } = chorus;
  await api(
    chorus,
    `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
    { i: { title: 'Market stall, imported', format: 'QUESTIONNAIRE', startsAt: '2026-06-20T10:00:00Z' } },
    token,
  );
  await signIn(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Import responses', exact: true }).click();
  await page.getByRole('combobox', { name: 'Session' }).click();
  await page.getByRole('option', { name: 'Market stall, imported', exact: true }).click();
  await page.locator('input[type=file]').setInputFiles(csv('lives,yes,The park\nsails,yes,Buses\n'));

  const pick = async (field: string, column: string) => {
    await page.getByRole('combobox', { name: field }).click();
    await page.getByRole('option', { name: column, exact: true }).click();
  };
  await pick('Answers: Values', 'What do you value?');
  await pick('Consent: Participation (required)', 'Consent');
  await pick('Connection to the city (required)', 'Connection');
  await page.getByRole('combobox', { name: 'Privacy notice version shown' }).click();
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Check the file' }).click();

  // Row 3 (the heading is row 1) has a connection the server does not know: named by row and column.
  const problems = page.getByRole('table');
  await expect.poll(() => problems.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
  const bad = problems.getByRole('row').nth(1);
  expect(await bad.getByRole('cell').nth(0).textContent()).toBe('3');
  expect(await bad.getByRole('cell').nth(1).textContent()).toBe('Connection');
  await expect.poll(() => page.getByText('1 problem:').count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Start the import' }).count()).toBe(0);
  await checkScreen(page, 'import-preview');

  // The corrected file checks clean with the same mapping, and imports.
  await page.locator('input[type=file]').setInputFiles(csv('lives,yes,The park\nworks,yes,Buses\n'));
  await page.getByRole('combobox', { name: 'Answers: Values' }).waitFor();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('no problems: ready to import').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Start the import' }).click();
  await page.getByText('Stored: 2 participants, 2 responses', { exact: false }).waitFor({ timeout: 30_000 });
  await checkScreen(page, 'import-done');
});
