import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, openPage, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** "1–25 of 60": where the pager says the list is. */
const pagerText = (page: Page) => page.getByRole('navigation', { name: 'Pages' }).first().innerText();
const sessionRows = (page: Page) => page.getByRole('table').locator('tbody tr');
/** One column of the sessions table, by its position among the data cells (the title is the row header). */
const column = (page: Page, index: number) =>
  sessionRows(page)
    .locator(`td:nth-of-type(${index + 1})`)
    .allInnerTexts();
const FORMAT_COLUMN = 0;
const STATUS_COLUMN = 1;
const ORGANISATION_COLUMN = 4;
const totalOf = async (page: Page) => Number(/of (\d+)/.exec(await pagerText(page))?.[1]);

async function chooseInMultiSelect(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

/** The message an invalid input is described by, i.e. shown beside it. */
async function problemBeside(page: Page, label: string) {
  const input = page.getByLabel(label, { exact: false }).first();
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((node) => node?.className.includes('error'))
      .map((node) => node!.textContent)
      .join(' '),
  );
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

it('lists sessions, filters them by format and status, pages through them and opens one', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sessions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
  // Off the navigation: the hovered active section is the shared layout's concern, not this screen's.
  await page.mouse.move(640, 0);
  await expect.poll(() => pagerText(page)).toMatch(/^1–25 of \d+/);
  const everything = await totalOf(page);
  expect(everything).toBeGreaterThanOrEqual(60);
  await checkScreen(page, 'sessions-list');

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect.poll(() => pagerText(page)).toMatch(/^26–50 of /);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect.poll(() => pagerText(page)).toMatch(/^1–25 of /);

  await chooseInMultiSelect(page, 'Format', 'Workshop');
  await expect.poll(() => totalOf(page)).toBeLessThan(everything);
  const workshops = await totalOf(page);
  expect(new Set(await column(page, FORMAT_COLUMN))).toEqual(new Set(['Workshop']));

  await chooseInMultiSelect(page, 'Status', 'Held');
  await expect.poll(() => totalOf(page)).toBeLessThan(workshops);
  expect(new Set(await column(page, FORMAT_COLUMN))).toEqual(new Set(['Workshop']));
  expect(new Set(await column(page, STATUS_COLUMN))).toEqual(new Set(['Held']));
  const heldWorkshops = await totalOf(page);
  expect(new URL(page.url()).search).toBe('?format=WORKSHOP&status=HELD');
  await checkScreen(page, 'sessions-filtered');

  // The filters live in the address: reload keeps them, back undoes the last one.
  await page.reload();
  await expect.poll(() => totalOf(page)).toBe(heldWorkshops);
  await page.goBack();
  await expect.poll(() => totalOf(page)).toBe(workshops);
  await page.goForward();
  await expect.poll(() => totalOf(page)).toBe(heldWorkshops);

  const first = sessionRows(page).first().getByRole('link');
  const title = await first.innerText();
  await first.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Participants' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Responses' }).waitFor();
  await checkScreen(page, 'session');

  await page.goto('/sessions/00000000-0000-4000-8000-000000000000');
  await page.getByRole('heading', { level: 1, name: 'Session not found' }).waitFor();
  await checkScreen(page, 'session-not-found');
  await signOut(page);
});

it('plans a session with the keyboard alone, then edits and cancels it', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  await page.goto('/sessions');
  await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();

  // The page's heading has focus on arrival; "Plan a session" is the next stop.
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  await page.keyboard.press('Tab');
  await expect.poll(focused).toBe('Plan a session');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Plan a session' }).waitFor();
  await checkScreen(page, 'session-new');

  // Enter in the empty title sends the form: the problems show beside their fields.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => problemBeside(page, 'Title')).toBe('Enter a title');
  await expect.poll(() => problemBeside(page, 'Format')).toBe('Choose a format');
  await expect.poll(() => problemBeside(page, 'Starts')).toBe('Enter the date and time it starts');
  // The keyboard is taken to the first problem.
  await expect.poll(() => page.getByLabel('Title').evaluate((el) => el === document.activeElement)).toBe(true);
  await checkScreen(page, 'session-new-errors');

  const title = `Keyboard-planned workshop ${Date.now()}`;
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Workshop');
  await page.keyboard.press('Tab');
  // Tomorrow at 18:30: later than every demo session, and not yet due, whatever the hour the test runs.
  // The picker's fields follow the browser's locale.
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 10, 26)).map((part) => part.type),
  );
  const dateParts = {
    day: pad(tomorrow.getDate()),
    month: pad(tomorrow.getMonth() + 1),
    year: String(tomorrow.getFullYear()),
  };
  for (const type of order) if (type in dateParts) await page.keyboard.type(dateParts[type as keyof typeof dateParts]);
  // A year may run past four digits, so Tab moves on to the time.
  await page.keyboard.press('Tab');
  const twelveHour = await page.evaluate(
    () => new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' }).resolvedOptions().hour12,
  );
  await page.keyboard.type(twelveHour ? '0630P' : '1830');
  await page.keyboard.press('Enter');

  // The demo's listening period ended on 30 September 2026 (packages/server/src/demo): Chorus says so
  // and takes the keyboard to the warning; the coordinator plans it anyway with the next stop.
  const warning = page.getByRole('alert').filter({ hasText: 'Check before saving' });
  await warning.waitFor();
  await expect.poll(() => warning.innerText()).toMatch(/after the listening period ends \(30 Sept? 2026\)/);
  await expect
    .poll(() => warning.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)))
    .toBe(true);
  await checkScreen(page, 'session-new-outside-period');
  await page.keyboard.press('Tab');
  await expect.poll(focused).toBe('Plan session anyway');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'is planned' }).count()).toBe(1);
  await expect.poll(() => page.getByRole('definition').allInnerTexts()).toContain('Workshop');
  const sessionUrl = page.url();

  await page.goto(`/sessions?q=${encodeURIComponent(title)}`);
  await expect.poll(() => sessionRows(page).getByRole('link').allInnerTexts()).toEqual([title]);
  await expect.poll(() => column(page, STATUS_COLUMN)).toEqual(['Planned']);
  await page.goto('/sessions');
  await expect.poll(() => sessionRows(page).first().getByRole('link').innerText()).toBe(title);

  await page.goto(sessionUrl);
  await page.getByRole('link', { name: 'Edit session' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit session' }).waitFor();
  await expect.poll(() => page.getByLabel('Title').inputValue()).toBe(title);
  await checkScreen(page, 'session-edit');
  const renamed = `${title} (renamed)`;
  await page.getByLabel('Title').fill(renamed);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();

  await page.getByRole('button', { name: 'Cancel session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this session?' });
  await dialog.waitFor();
  // Let the modal finish fading in, so the picture and the contrast check see it as it settles.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  await checkScreen(page, 'session-cancel-modal');
  await dialog.getByRole('button', { name: 'Cancel session' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Session cancelled.' }).waitFor();
  await expect.poll(() => page.getByRole('definition').allInnerTexts()).toContain('Cancelled');
  await expect.poll(() => page.getByRole('link', { name: 'Capture responses' }).count()).toBe(0);
  // The button pressed is gone; the confirmation has the focus instead.
  await expect.poll(focused).toContain('Session cancelled.');
  await checkScreen(page, 'session-cancelled');

  await page.goto(`/sessions?q=${encodeURIComponent(renamed)}`);
  await expect.poll(() => column(page, STATUS_COLUMN)).toEqual(['Cancelled']);
  await signOut(page);
});

it('does not offer a facilitator planning', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.facilitator);
  await page.goto('/sessions');
  await expect.poll(() => totalOf(page)).toBeGreaterThan(0);
  await expect.poll(() => page.getByRole('link', { name: 'Plan a session' }).count()).toBe(0);
  await checkScreen(page, 'sessions-facilitator');
  await signOut(page);
});

it("shows a partner only its organisation's sessions, with no organisation filter", async () => {
  const { page } = chorus;
  await signIn(page, DEMO.partner);
  await page.goto('/sessions');
  await expect.poll(() => totalOf(page)).toBeGreaterThan(0);
  expect(new Set(await column(page, ORGANISATION_COLUMN))).toEqual(new Set(['North Staffs Young Carers']));
  await expect.poll(() => page.getByLabel('Organisation').count()).toBe(0);
  await checkScreen(page, 'sessions-partner');
  await signOut(page);
});

it('fits a phone: the header keeps "Sign out" in view, and the list starts on the first screen', async () => {
  const phone = await openPage(chorus.browser, chorus.url, { viewport: { width: 390, height: 844 }, isMobile: true });
  await signIn(phone, DEMO.coordinator);
  await phone.goto('/sessions');
  await expect.poll(() => totalOf(phone)).toBeGreaterThan(0);
  const header = await phone.getByRole('banner').boundingBox();
  const signOutButton = await phone.getByRole('button', { name: 'Sign out' }).boundingBox();
  expect(signOutButton!.y + signOutButton!.height).toBeLessThanOrEqual(header!.y + header!.height);
  expect(signOutButton!.x + signOutButton!.width).toBeLessThanOrEqual(390);
  // Past the title search the filters wait behind a toggle, so the first session is on the first screen.
  const firstSession = await sessionRows(phone).first().boundingBox();
  expect(firstSession!.y).toBeLessThan(844);
  await expect.poll(() => phone.getByRole('combobox', { name: 'Format' }).isVisible()).toBe(false);
  await checkScreen(phone, 'sessions-phone');
  await phone.getByRole('button', { name: 'More filters' }).click();
  await chooseInMultiSelect(phone, 'Format', 'Workshop');
  await phone.getByRole('button', { name: 'Fewer filters' }).click();
  await phone.getByRole('button', { name: 'More filters (1 set)' }).waitFor();
  // Who is signed in is at the top of the menu.
  await phone.getByRole('button', { name: 'Open navigation' }).click();
  await phone
    .getByRole('navigation', { name: 'Sections' })
    .getByText('Coordinator', { exact: false })
    .first()
    .waitFor();
  await phone.context().close();
});
