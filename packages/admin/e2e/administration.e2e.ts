import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** Waits for running CSS transitions (a modal fading in or out) so the screenshot shows where they end. */
/**
 * Waits until a modal has finished fading in (or out), so the screenshot and contrast checks see the
 * final screen. A transition that has not started yet has no animation to wait for, so the opacity of
 * every open dialog is polled too; the pointer moves off, so no button is measured while hovered.
 */
async function transitionsDone(page: Page) {
  await page.mouse.move(640, 890);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await Promise.all(document.getAnimations().map((animation) => animation.finished));
        return [...document.querySelectorAll('[role="dialog"]')].every(
          (dialog) => getComputedStyle(dialog).opacity === '1',
        );
      }),
    )
    .toBe(true);
}

async function openSection(page: Page, name: string, heading: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
  // The shell's active link is below AA contrast while hovered; the pointer moves off, as a reader's would.
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Asks the API as a system holding `key` would. */
async function asKey(key: string, query: string) {
  const response = await fetch(`${chorus.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

const ORGANISATION = 'Longton Community Larder';

it('adds an organisation and a partner user, refusing a short password first', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.admin);

  await openSection(page, 'Organisations', 'Organisations');
  await page.getByRole('table', { name: /^Partner organisations/ }).waitFor();
  await checkScreen(page, 'admin-organisations');
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await page.getByText('Enter the organisation’s name').waitFor();
  await page.getByLabel('Name').fill(ORGANISATION);
  await page.getByLabel('Sector').selectOption({ label: 'Voluntary' });
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `${ORGANISATION} added` })
    .waitFor();
  await page.getByRole('row', { name: new RegExp(`^${ORGANISATION}`) }).waitFor();
  await checkScreen(page, 'admin-organisation-added');

  await openSection(page, 'Users', 'Users');
  await page.getByRole('table', { name: /^Everyone who signs in/ }).waitFor();
  await checkScreen(page, 'admin-users');
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill('sam.okoro@larder.example.org');
  await form.getByLabel('Display name').fill('Sam Okoro');
  await form.getByLabel('Role').selectOption({ label: 'Partner' });
  await expect.poll(() => form.getByLabel('Organisation').locator('option').allTextContents()).toContain(ORGANISATION);
  await form.getByLabel('Organisation').selectOption({ label: ORGANISATION });
  await form.getByRole('textbox', { name: 'Password' }).fill('too-short');
  await form.getByRole('button', { name: 'Add user' }).click();
  await form.getByText('Use at least 12 characters').waitFor();
  expect(
    await form.getByRole('textbox', { name: 'Password' }).evaluate((input) => input === document.activeElement),
  ).toBe(true);
  await checkScreen(page, 'admin-user-short-password');

  await form.getByRole('textbox', { name: 'Password' }).fill('a-long-enough-password');
  await form.getByRole('button', { name: 'Add user' }).click();
  await page.getByRole('status').filter({ hasText: 'Sam Okoro can now sign in as partner' }).waitFor();
  const row = page.getByRole('row', { name: /^Sam Okoro/ });
  await row.waitFor();
  await expect.poll(() => row.textContent()).toContain(ORGANISATION);
  await checkScreen(page, 'admin-user-added');

  await row.getByRole('button', { name: 'Disable: Sam Okoro' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable Sam Okoro?' });
  await dialog.waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'admin-user-disable-modal');
  await dialog.getByRole('button', { name: 'Disable user' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Sam Okoro is disabled and signed out everywhere' }).waitFor();
  await expect.poll(() => row.textContent()).toMatch(/Disabled/);
  await row.getByRole('button', { name: 'Re-enable: Sam Okoro' }).click();
  await page
    .getByRole('dialog', { name: 'Re-enable Sam Okoro?' })
    .getByRole('button', { name: 'Re-enable user' })
    .click();
  await page.getByRole('status').filter({ hasText: 'Sam Okoro may sign in again' }).waitFor();
  await expect.poll(() => row.textContent()).toMatch(/Active/);
});

it('changes a user’s role and resets their password; they choose a new one at sign-in', async () => {
  const { page } = chorus;
  const row = page.getByRole('row', { name: /^Sam Okoro/ });
  await expect.poll(() => row.textContent()).toContain('Never');

  await row.getByRole('button', { name: 'Change role: Sam Okoro' }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Change the role of Sam Okoro' });
  await roleDialog.waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'admin-user-role-modal');
  await roleDialog.getByRole('combobox', { name: /^Role/ }).selectOption({ label: 'Facilitator' });
  await roleDialog.getByRole('button', { name: 'Change role' }).click();
  await page.getByRole('status').filter({ hasText: 'Sam Okoro is now facilitator' }).waitFor();
  await expect.poll(() => row.textContent()).toContain('Facilitator');
  await expect.poll(() => row.textContent()).not.toContain(ORGANISATION);

  await row.getByRole('button', { name: 'Reset password: Sam Okoro' }).click();
  const resetDialog = page.getByRole('dialog', { name: 'Reset the password of Sam Okoro' });
  await resetDialog.getByRole('button', { name: 'Reset password' }).click();
  const temporary = (await resetDialog.getByTestId('temporary-password').textContent())!.trim();
  expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await transitionsDone(page);
  await checkScreen(page, 'admin-user-password-reset');
  await resetDialog.getByRole('button', { name: 'Done' }).click();
  await resetDialog.waitFor({ state: 'detached' });
  await expect.poll(() => row.textContent()).toContain('must choose a new one');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('sam.okoro@larder.example.org');
  await page.getByRole('textbox', { name: 'Password' }).fill(temporary);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const setNew = page.getByRole('form', { name: 'Set a new password' });
  await setNew.waitFor();
  await checkScreen(page, 'sign-in-set-new-password');
  await setNew.getByRole('textbox', { name: 'New password', exact: true }).fill('lanterns over the quiet canal');
  await setNew.getByRole('textbox', { name: 'Repeat the new password' }).fill('lanterns over the canal');
  await setNew.getByRole('button', { name: 'Save and sign in' }).click();
  await setNew.getByText('The two passwords are not the same').waitFor();
  await setNew.getByRole('textbox', { name: 'Repeat the new password' }).fill('lanterns over the quiet canal');
  await setNew.getByRole('button', { name: 'Save and sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  // A facilitator starts at their sessions.
  await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, DEMO.admin);
  await openSection(page, 'Users', 'Users');
  await expect.poll(() => row.textContent()).not.toContain('Never');
  await expect.poll(() => row.textContent()).not.toContain('must choose a new one');
});

it('renames an organisation and changes its sector', async () => {
  const { page } = chorus;
  await openSection(page, 'Organisations', 'Organisations');
  await page.getByRole('button', { name: `Edit ${ORGANISATION}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${ORGANISATION}` });
  await dialog.waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'admin-organisation-edit');
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.getByText('Enter the organisation’s name').waitFor();
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Longton Food Larder');
  await dialog.getByRole('combobox', { name: /^Sector/ }).selectOption({ label: 'Faith' });
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByRole('row', { name: /^Longton Food Larder/ });
  await expect.poll(() => row.textContent()).toContain('Faith');
});

it('shows each ward’s ONS code and refuses one that is not a ward’s', async () => {
  const { page } = chorus;
  await openSection(page, 'Areas', 'Areas');
  const row = page.getByRole('row', { name: /^Fenton East/ });
  await expect.poll(() => row.textContent()).toContain('E05008728');
  await row.getByRole('button', { name: 'Edit Fenton East' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Fenton East' });
  await dialog.waitFor();
  const code = dialog.getByRole('textbox', { name: /^ONS code/ });
  await code.fill('E06000021');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.getByText('A ward’s ONS code is E05 and six digits, such as E05008734').waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'admin-area-ward-code');
  await code.fill('E05008729');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => row.textContent()).toContain('E05008729');
});

it('shows a new API key once, with a copy button, and revokes it', async () => {
  const { page } = chorus;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSection(page, 'API keys', 'API keys');
  await page.getByRole('heading', { name: 'Keys', exact: true }).waitFor();
  await checkScreen(page, 'admin-api-keys');

  const label = 'Ward profiles nightly pull';
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Label').fill(label);
  await form.getByRole('radio', { name: /A partner organisation/ }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  await form.getByText('A partner key reaches one organisation’s rows: choose it').waitFor();
  await form.getByRole('radio', { name: /A council system/ }).check();
  await form.getByRole('button', { name: 'Create key' }).click();

  const panel = page.getByRole('region', { name: `New key: ${label}` });
  await panel.waitFor();
  const key = (await panel.getByTestId('new-api-key').textContent())!.trim();
  expect(key).toMatch(/^ck_/);
  await panel.getByRole('button', { name: 'Copy key' }).click();
  await panel.getByRole('button', { name: 'Copied' }).waitFor();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  const keyRow = page.getByRole('row', { name: new RegExp(`^${label}`) });
  await expect.poll(() => keyRow.textContent()).toContain(`${key.slice(0, 11)}…`);
  await expect.poll(() => keyRow.textContent()).toContain('Active');
  await checkScreen(page, 'admin-api-key-created');

  // The key works, for aggregates only.
  const summary = await asKey(key, '{ themeSummary { threshold } }');
  expect(summary.errors).toBeUndefined();

  await page.reload();
  await page.getByRole('heading', { name: 'Keys', exact: true }).waitFor();
  await keyRow.waitFor();
  await expect.poll(() => page.getByRole('region', { name: /^New key/ }).count()).toBe(0);
  await expect.poll(() => page.content()).not.toContain(key);

  await keyRow.getByRole('button', { name: `Revoke: ${label}` }).click();
  const modal = page.getByRole('dialog', { name: `Revoke “${label}”?` });
  await modal.waitFor();
  await transitionsDone(page);
  await checkScreen(page, 'admin-api-key-revoke-modal');
  await modal.getByRole('button', { name: 'Revoke key' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `“${label}” is revoked` })
    .waitFor();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await expect.poll(() => keyRow.textContent()).toMatch(/Revoked/);
  await expect.poll(() => keyRow.getByRole('button').count()).toBe(0);
  await transitionsDone(page);
  await checkScreen(page, 'admin-api-key-revoked');

  const refused = await asKey(key, '{ themeSummary { threshold } }');
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('previews aggregates as a council system receives them, suppressed cells shown as suppressed', async () => {
  const { page } = chorus;
  await openSection(page, 'Aggregates', 'Aggregates preview');
  const table = page.getByRole('table', { name: /^Responses coded to each theme/ });
  await table.waitFor();
  await page.getByText(/^Counts below \d+ are withheld$/).waitFor();
  await checkScreen(page, 'aggregates');

  // One area and one age band: small enough that some themes fall below the threshold.
  await page.getByRole('combobox', { name: 'Area', exact: true }).click();
  await page.getByRole('option', { name: 'Fenton East' }).click();
  await page.getByRole('combobox', { name: 'Age band', exact: true }).click();
  await page.getByRole('option', { name: '65–74' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('ageBand')).toEqual(['AGE_65_74']);
  await table.waitFor();

  const suppressedRows = table.locator('tbody tr[data-suppressed]');
  // Polled: the table re-renders once the filtered figures arrive.
  await expect
    .poll(() => suppressedRows.first().getByRole('cell').allTextContents())
    .toEqual([
      expect.stringMatching(/^Suppressed: withheld because/),
      expect.stringMatching(/^Suppressed: withheld because/),
    ]);

  await page.getByText('Show the response exactly as the API returned it').click();
  const raw = JSON.parse((await page.getByTestId('raw-json').textContent())!) as {
    data: {
      themeSummary: {
        threshold: number;
        themes: {
          theme: { name: string };
          responses: number | null;
          participants: number | null;
          suppressed: boolean;
        }[];
      };
    };
  };
  const withheld = raw.data.themeSummary.themes.filter((t) => t.suppressed);
  expect(withheld.length).toBe(await suppressedRows.count());
  for (const theme of withheld) expect(theme).toMatchObject({ responses: null, participants: null });
  const firstName = await suppressedRows.first().getByRole('rowheader').textContent();
  expect(firstName).toContain(withheld[0]!.theme.name);
  await checkScreen(page, 'aggregates-filtered');

  // One calendar month is a period the disclosure control allows: the server takes it, figures stay.
  const monthAnswer = page.waitForResponse(
    (response) => response.request().postData()?.includes('2026-03-01') === true,
  );
  await page.getByLabel('Month').fill('2026-03');
  expect(((await (await monthAnswer).json()) as { errors?: unknown }).errors).toBeUndefined();
  expect(new URL(page.url()).searchParams.get('month')).toBe('2026-03');
  await table.waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
});

it('shows a coordinator no administration', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Aggregates' }).waitFor();
  const links = await nav.getByRole('link').allTextContents();
  for (const admin of ['Organisations', 'Users', 'API keys']) expect(links).not.toContain(admin);
  await page.goto('/admin/api-keys');
  await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
  await checkScreen(page, 'not-available');
  await page.getByRole('button', { name: 'Sign out' }).click();
});
