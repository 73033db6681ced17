import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** Waits for running CSS transitions (a modal fading in or out) so the screenshot shows where they end. */
const transitionsDone = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));

const PARTICIPANTS_TABLE = 'Participants, newest first';

async function openParticipants(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Participants' }).click();
  // The shell's active link is below AA contrast while hovered; the pointer moves off, as a reader's would.
  await page.mouse.move(640, 890);
  await page.getByRole('table', { name: PARTICIPANTS_TABLE }).waitFor();
}

/** The code in the nth row of the participants list. */
async function codeInRow(page: Page, row: number): Promise<string> {
  const code = await page
    .getByRole('table', { name: PARTICIPANTS_TABLE })
    .locator('tbody tr')
    .nth(row)
    .getByRole('link')
    .first()
    .textContent();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  return code!;
}

async function findByCode(page: Page, typed: string, code: string) {
  await page.getByLabel('Participant code').fill(typed);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('table', { name: `Participants with the code ${code}` }).waitFor();
}

async function openParticipant(page: Page, code: string) {
  await page.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Participant ${code}` }).waitFor();
  await page
    .getByRole('table', { name: /^Their responses|^Every consent entry/ })
    .first()
    .waitFor();
}

const responsesTable = (page: Page) => page.getByRole('table', { name: 'Their responses, newest first' });
const ledgerRows = (page: Page) => page.getByRole('table', { name: /^Every consent entry/ }).locator('tbody tr');

it('finds a participant by their code, and withdrawing their participation deletes their responses', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.admin);
  await openParticipants(page);
  await checkScreen(page, 'participants-list');

  const code = await codeInRow(page, 0);
  // Typed as from a paper form: lower case, with a space.
  await findByCode(page, `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`, code);
  const found = page.getByRole('table', { name: `Participants with the code ${code}` });
  await expect.poll(() => found.locator('tbody tr').count()).toBe(1);
  await checkScreen(page, 'participants-search-result');

  await openParticipant(page, code);
  await responsesTable(page).waitFor();
  await expect.poll(() => responsesTable(page).locator('tbody tr').count()).toBeGreaterThan(0);
  await checkScreen(page, 'participant');

  await page.getByRole('button', { name: 'Withdraw: Take part (required)' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText('All of their responses, codings and quotes are deleted at once').waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'participant-withdraw-modal');
  await modal.getByRole('button', { name: 'Withdraw consent' }).click();

  await page.getByRole('status').filter({ hasText: 'Participation withdrawn' }).waitFor();
  await modal.waitFor({ state: 'hidden' });
  await page.getByText('No responses', { exact: true }).waitFor();
  await expect.poll(() => responsesTable(page).count()).toBe(0);
  await expect
    .poll(() => ledgerRows(page).last().textContent())
    .toMatch(/Take part \(required\)Withdrawal.*Demo Admin$/);
  const consentRow = page
    .getByRole('table', { name: /^Consent as it stands now/ })
    .getByRole('row', { name: /Take part/ });
  await expect.poll(() => consentRow.textContent()).toContain('Withdrawn');
  await transitionsDone(page);
  await checkScreen(page, 'participant-after-withdrawal');

  // The list says so too.
  await openParticipants(page);
  await findByCode(page, code, code);
  await expect
    .poll(() => page.getByRole('table', { name: `Participants with the code ${code}` }).textContent())
    .toContain('Participation withdrawn');
});

it('records a quote consent given later, with the current notice version', async () => {
  const { page } = chorus;
  await openParticipants(page);
  const code = await codeInRow(page, 1);
  await openParticipant(page, code);
  const entriesBefore = await ledgerRows(page).count();

  await page.getByRole('button', { name: 'Record consent' }).click();
  const form = page.getByRole('form', { name: 'Record a consent decision' });
  await expect.poll(() => form.getByLabel('Privacy notice shown').inputValue()).toBe('2026-07');
  await form.getByRole('button', { name: 'Record consent' }).click();
  await form.getByText('Choose what the consent is for').waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'participant-record-consent-missing');
  await form.getByLabel('Consent for').selectOption('QUOTE');
  await form.getByRole('radio', { name: 'Agreed' }).check();
  await form.getByLabel('How they gave it').selectOption('WRITTEN');
  await transitionsDone(page);
  await checkScreen(page, 'participant-record-consent');
  await form.getByRole('button', { name: 'Record consent' }).click();

  await page
    .getByRole('status')
    .filter({ hasText: 'Be quoted anonymously: agreed, written, notice 2026-07' })
    .waitFor();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await expect.poll(() => ledgerRows(page).count()).toBe(entriesBefore + 1);
  await expect.poll(() => ledgerRows(page).last().textContent()).toMatch(/Be quoted anonymouslyGrantedWritten2026-07/);
});

it('shows contact details only on request, and erases a person once their code is typed', async () => {
  const { page } = chorus;
  await openParticipants(page);
  const code = await codeInRow(page, 2);
  await openParticipant(page, code);
  const address = page.url();

  await page.getByRole('button', { name: 'Show contact details' }).click();
  await page.getByText('No contact details', { exact: true }).waitFor();

  await responsesTable(page).waitFor();
  const responses = await responsesTable(page).locator('tbody tr').count();
  await page.getByRole('button', { name: 'Erase this person' }).click();
  const modal = page.getByRole('dialog', { name: `Erase participant ${code}?` });
  const impact = modal.getByText(/^This deletes/);
  await impact.waitFor();
  await expect
    .poll(() => impact.textContent())
    .toMatch(new RegExp(`^This deletes ${responses} responses?, \\d+ codings? and \\d+ quotes?`));
  await transitionsDone(page);
  await checkScreen(page, 'participant-erase-modal');

  await modal.getByRole('button', { name: 'Erase permanently' }).click();
  await modal.getByText(`Type ${code} to confirm`).waitFor();
  await modal.getByLabel(`Type the participant code ${code} to confirm`).fill(code.toLowerCase());
  await modal.getByRole('button', { name: 'Erase permanently' }).click();

  await page.getByRole('heading', { level: 1, name: 'Participant erased' }).waitFor();
  await expect.poll(() => page.getByRole('main').textContent()).toContain(`Responses deleted${responses}`);
  await checkScreen(page, 'participant-erasure-receipt');
  // Their address now leads nowhere, said as for any record out of reach (not "could not be loaded").
  await page.goto(address);
  await page.getByRole('heading', { level: 1, name: 'Participant not found' }).waitFor();
  await expect.poll(() => page.getByRole('main').textContent()).toContain('Not found, or not yours to see');
  await checkScreen(page, 'participant-not-found');

  await openParticipants(page);
  await page.getByLabel('Participant code').fill(code);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByText(`No participant has the code ${code}`).waitFor();
  await checkScreen(page, 'participants-search-none');
  await page.getByRole('button', { name: 'Sign out' }).click();
});

it('offers a facilitator withdrawal but neither contact details nor erasure', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.facilitator);
  await openParticipants(page);
  const code = await codeInRow(page, 0);
  await openParticipant(page, code);
  await page.getByRole('button', { name: 'Record consent' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: /^Withdraw/ }).count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByRole('button', { name: 'Show contact details' }).count()).toBe(0);
  await expect.poll(() => page.getByRole('button', { name: 'Erase this person' }).count()).toBe(0);
  await expect.poll(() => page.getByRole('heading', { name: 'Contact details' }).count()).toBe(0);
  await checkScreen(page, 'participant-as-facilitator');
  await page.getByRole('button', { name: 'Sign out' }).click();
});
