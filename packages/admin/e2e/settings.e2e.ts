import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, openPage, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

async function openSettings(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings', exact: true }).click();
  // The shell's active link is below AA contrast while hovered; the pointer moves off, as a reader's would.
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: 'Engagement settings' }).waitFor();
  await page.getByRole('textbox', { name: /^Name/ }).waitFor();
}

const NAME = 'Stoke listens 2026';

it("changes the engagement's name, period, threshold and notices, each kept after a reload, refusing bad input beside its field", async () => {
  const { page } = chorus;
  await signIn(page, DEMO.admin);
  await openSettings(page);
  await checkScreen(page, 'settings-engagement');

  const name = page.getByRole('textbox', { name: /^Name/ });
  const starts = page.getByLabel('First day of listening', { exact: true });
  const ends = page.getByLabel('Last day of listening', { exact: true });
  const saveDetails = page.getByRole('button', { name: 'Save name and period', exact: true });

  // An end before the start: the server's refusal, as a sentence beside the last day, gone once it changes.
  await starts.fill('2026-06-01');
  await ends.fill('2026-05-31');
  await saveDetails.click();
  const order = page.getByText('The last day must not be before the first day', { exact: true });
  await order.waitFor();
  expect(await ends.getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => ends.evaluate((el) => el === document.activeElement)).toBe(true);
  await checkScreen(page, 'settings-engagement-period-refused');
  await ends.fill('2026-10-31');
  await order.waitFor({ state: 'detached' });

  await name.fill(NAME);
  await saveDetails.click();
  await page
    .getByRole('status')
    .filter({ hasText: `Saved: ${NAME}, listening from 2026-06-01 to 2026-10-31.` })
    .waitFor();

  // A threshold outside the server's range is refused beside the field; the message goes on typing.
  const threshold = page.getByRole('textbox', { name: 'Suppression threshold', exact: true });
  const saveThreshold = page.getByRole('button', { name: 'Save threshold', exact: true });
  await threshold.fill('1');
  await saveThreshold.click();
  const range = page.getByText('Enter a whole number from 2 to 1,000.', { exact: true });
  await range.waitFor();
  expect(await threshold.getAttribute('aria-invalid')).toBe('true');
  await checkScreen(page, 'settings-threshold-refused');
  await threshold.fill('12');
  await range.waitFor({ state: 'detached' });
  await saveThreshold.click();
  await page.getByRole('status').filter({ hasText: 'Suppression threshold set to 12.' }).waitFor();

  // A new notice version; then one already listed (case aside), refused by the server beside the field.
  const version = page.getByLabel('New version', { exact: true });
  const notices = page.getByRole('list', { name: 'Privacy-notice versions, oldest first' });
  await version.fill('2026-10');
  await page.getByRole('button', { name: 'Add version', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '2026-10 added' }).waitFor();
  await expect.poll(() => notices.getByRole('listitem').last().innerText()).toMatch(/^2026-10\s*\(current\)$/);
  await version.fill('2026-07');
  await page.getByRole('button', { name: 'Add version', exact: true }).click();
  await page.getByText('This privacy-notice version is already listed', { exact: true }).waitFor();
  await checkScreen(page, 'settings-notice-refused');

  // Everything saved is what the server holds: a reload shows it.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Engagement settings' }).waitFor();
  await expect.poll(() => page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe(NAME);
  expect(await page.getByLabel('First day of listening', { exact: true }).inputValue()).toBe('2026-06-01');
  expect(await page.getByLabel('Last day of listening', { exact: true }).inputValue()).toBe('2026-10-31');
  expect(await page.getByRole('textbox', { name: 'Suppression threshold', exact: true }).inputValue()).toBe('12');
  const items = await page
    .getByRole('list', { name: 'Privacy-notice versions, oldest first' })
    .getByRole('listitem')
    .allInnerTexts();
  expect(items.map((item) => item.replace(/\s+/g, ' ').trim())).toEqual(['2026-05', '2026-07', '2026-10 (current)']);
  await checkScreen(page, 'settings-engagement-saved');
});

it('shows the Settings section only to roles that may manage the engagement', async () => {
  const page = await openPage(chorus.browser, chorus.url);
  await signIn(page, DEMO.coordinator);
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Sessions', exact: true })
    .waitFor();
  expect(
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Settings', exact: true })
      .count(),
  ).toBe(0);
  await page.goto('/admin/settings');
  await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Suppression threshold', exact: true }).count()).toBe(0);
  await page.context().close();
});
