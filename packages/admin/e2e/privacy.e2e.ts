import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** A person who agreed to special category data and follow-up, registered through the API as a partner's form would. */
async function registered(): Promise<{ id: string; code: string }> {
  const { login } = await api<{ login: { token: string } }>(
    chorus,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.admin.email, p: DEMO.admin.password },
  );
  const given = (purpose: string) => ({ purpose, granted: true, method: 'WRITTEN', noticeVersion: '2026-07' });
  const { registerParticipant } = await api<{ registerParticipant: { id: string; code: string } }>(
    chorus,
    `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id code } }`,
    {
      i: {
        connections: ['LIVES'],
        consents: [given('PARTICIPATION'), given('SPECIAL_CATEGORY_DATA'), given('FOLLOW_UP_CONTACT')],
        contact: { email: 'dorota@example.org' },
        demographics: { ethnicity: 'WHITE_ROMA', religion: 'PREFER_NOT_TO_SAY', disability: 'REDUCED_A_LOT' },
      },
    },
    login.token,
  );
  return registerParticipant;
}

it("shows each consent's effect and the demographics on request, downloads their data, and a withdrawal deletes the answers", async () => {
  const { page } = chorus;
  const person = await registered();
  await signIn(page, DEMO.admin);
  await page.goto(`/participants/${person.id}`);
  await page.getByRole('heading', { level: 1, name: `Participant ${person.code}` }).waitFor();
  const consents = page.getByRole('table', { name: /^Consent as it stands now/ });
  await expect
    .poll(() => consents.getByRole('row', { name: /Share sensitive demographics/ }).textContent())
    .toContain('ethnicity, religion and disability answers are kept, encrypted');
  await checkScreen(page, 'participant-consent-effects');

  await page.getByRole('button', { name: 'Show special category answers' }).click();
  await page.getByText('White: Roma').waitFor();
  await page.getByText('A long-term condition that reduces day-to-day activities a lot').waitFor();
  await checkScreen(page, 'participant-demographics');

  // Keyboard only: the download button is reachable and works from the keyboard.
  await page.getByRole('button', { name: 'Download their data' }).focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe(`chorus-participant-${person.code}.html`);
  const html = readFileSync(await download.path(), 'utf8');
  expect(html).toContain('Your data held by Chorus');
  expect(html).toContain('dorota@example.org');
  expect(html).toContain('WHITE_ROMA');
  expect(download.url()).not.toContain(person.code);

  await page.getByRole('button', { name: 'Withdraw: Share sensitive demographics' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByRole('button', { name: 'Withdraw consent' }).click();
  await page.getByRole('status').filter({ hasText: 'answers were deleted' }).waitFor();
  await modal.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Hide special category answers' }).click();
  await page.getByRole('button', { name: 'Show special category answers' }).click();
  await page.getByText('No ethnicity, religion or disability answers', { exact: true }).waitFor();
  await checkScreen(page, 'participant-demographics-withdrawn');
});

it('sets the retention date on the engagement settings, refusing one before the end of listening', async () => {
  const { page } = chorus;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: 'Engagement settings' }).waitFor();
  await page.getByText('The retention job has not run yet.').waitFor();
  await checkScreen(page, 'settings');
  const date = page.getByLabel('Retention date', { exact: true });
  await date.fill('2020-01-01');
  await page.getByRole('button', { name: 'Save retention date' }).click();
  await page.getByText(/must be on or after the last day of listening/i).waitFor();
  await checkScreen(page, 'settings-retention-refused');
  await date.fill('2027-03-31');
  await page.getByRole('button', { name: 'Save retention date' }).click();
  await page.getByRole('status').filter({ hasText: 'Retention date set to 2027-03-31' }).waitFor();
  await expect.poll(() => date.inputValue()).toBe('2027-03-31');
  await checkScreen(page, 'settings-retention-set');
});
