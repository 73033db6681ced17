import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, openPage, signIn, startChorus, type Chorus } from './harness';

// The public questionnaire (/questionnaire, server-made pages) as residents meet it: keyboard
// only, JavaScript off, right to left, on a phone and at 200 % zoom, axe clean of every impact on
// every page. The minimum time between first page and sending is 0 here: a browser is quick.
let chorus: Chorus;
let token: string;
beforeAll(async () => {
  chorus = await startChorus({ env: { CHORUS_QUESTIONNAIRE_MIN_SECONDS: '0' } });
  const { login } = await api<{ login: { token: string } }>(
    chorus,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.coordinator.email, p: DEMO.coordinator.password },
  );
  token = login.token;
  await api(chorus, `mutation { setQuestionnaireOpen(open: true) { open } }`, {}, token);
});
afterAll(() => chorus?.stop());

const submissions = async () =>
  (
    await api<{ participants: { totalCount: number } }>(
      chorus,
      `query { participants(filter: { questionnaire: true }, first: 1) { totalCount } }`,
      {},
      token,
    )
  ).participants.totalCount;

/** How many of their answers Chorus holds for the person with this code. */
async function answersHeld(code: string) {
  const { participants } = await api<{ participants: { edges: { node: { id: string } }[] } }>(
    chorus,
    `query($code: String!) { participants(filter: { code: $code }, first: 1) { edges { node { id } } } }`,
    { code },
    token,
  );
  const { responses } = await api<{ responses: { totalCount: number } }>(
    chorus,
    `query($id: ID!) { responses(filter: { participantId: $id }, first: 1) { totalCount } }`,
    { id: participants.edges[0]!.node.id },
    token,
  );
  return responses.totalCount;
}

/** axe (WCAG 2.2 A and AA and best practice) finds nothing, whatever its impact. */
const check = (page: Page, name: string) => checkScreen(page, `questionnaire-${name}`);

/** Nothing sticks out sideways: the page never needs scrolling left and right. */
async function noSideways(page: Page, name: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
}

const focused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Tab until `target` has focus, as a keyboard user does; fails if it never comes. */
async function tabTo(page: Page, target: Locator) {
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press('Tab');
    if (await focused(target)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

async function codeAndSecret(page: Page): Promise<{ code: string; secret: string }> {
  const [code, secret] = await page.locator('dd.code').allTextContents();
  expect(code).toMatch(/^[A-Z0-9]{4,}$/);
  return { code: code!, secret: secret! };
}

it('takes a whole submission and its withdrawal by keyboard alone', async () => {
  const page = await openPage(chorus.browser, chorus.url);
  const before = await submissions();
  await page.goto('/questionnaire');
  await heading(page, 'Have your say about our city');
  await check(page, 'start');
  await tabTo(page, page.getByRole('button', { name: 'Start now' }));
  await page.keyboard.press('Enter');

  await heading(page, 'Before you start');
  await check(page, 'consent');
  // Continue without the one required answer: the error summary takes focus and links to the field.
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert');
  await summary.getByRole('link', { name: 'Select yes if we can keep your answers' }).waitFor();
  await expect.poll(() => focused(summary)).toBe(true);
  await check(page, 'consent-error');
  await tabTo(page, summary.getByRole('link'));
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page.getByRole('radio', { name: 'Yes', exact: true }))).toBe(true);
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('radio', { name: 'Yes, you can use my words' }));
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.getByRole('radio', { name: 'No, do not use my words' }).isChecked()).toBe(true);
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  const prompts = [
    ['What do you like most about your community and our city?', 'The canal path on a summer evening.'],
    ['Where do you feel welcome and part of things? Where do you not?', ''],
    ['What makes life hard for you, or stops you doing things?', 'The last bus leaves too early.'],
    ['What do you want the future to be like, for you and for the city?', ''],
    ['What works well already? What more do we need?', ''],
  ] as const;
  for (const [n, [question, answer]] of prompts.entries()) {
    await heading(page, question);
    await check(page, `question-${n + 1}`);
    await tabTo(page, page.getByRole('textbox', { name: question }));
    if (answer) await page.keyboard.type(answer);
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
  }

  await heading(page, 'About you');
  await check(page, 'about');
  await tabTo(page, page.getByRole('checkbox', { name: 'I live here' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('checkbox', { name: 'I work here' }));
  await page.keyboard.press('Space');
  const area = page.getByRole('combobox', { name: 'Which area are you in most?' });
  await tabTo(page, area);
  await page.keyboard.type('Tunstall');
  await expect.poll(() => area.locator('option:checked').textContent()).toBe('Tunstall');
  await tabTo(page, page.getByRole('radio', { name: 'Under 16' }));
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.getByRole('radio', { name: '16 to 24' }).isChecked()).toBe(true);
  await tabTo(page, page.getByRole('radio', { name: 'Yes, you can ask' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await heading(page, 'More about you');
  await check(page, 'special');
  await tabTo(page, page.getByRole('radio', { name: 'No religion' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await heading(page, 'Check your answers');
  await check(page, 'check');
  const answers = page.locator('dl.summary');
  for (const text of ['The canal path on a summer evening.', 'I live here, I work here', 'Tunstall', '16 to 24'])
    await answers.getByText(text, { exact: true }).waitFor();
  // Change an answer from here and come back with it kept.
  await tabTo(page, page.getByRole('button', { name: 'Change What makes life hard for you' }));
  await page.keyboard.press('Enter');
  const challenges = page.getByRole('textbox', { name: prompts[2][0] });
  await challenges.waitFor();
  await tabTo(page, challenges);
  await page.keyboard.press('End');
  await page.keyboard.type(' After nine there is nothing.');
  // Back to Check your answers through the pages after it: FUTURE, WHAT_WORKS, about you, more about you.
  for (let next = 0; next < 5; next++) {
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
  await heading(page, 'Check your answers');
  await answers.getByText('The last bus leaves too early. After nine there is nothing.', { exact: true }).waitFor();
  await tabTo(page, page.getByRole('button', { name: 'Send my answers' }));
  await page.keyboard.press('Enter');

  await heading(page, 'Thank you. We have your answers');
  await check(page, 'done');
  const receipt = await codeAndSecret(page);
  expect(await submissions()).toBe(before + 1);
  expect(await answersHeld(receipt.code)).toBe(2);

  await tabTo(page, page.getByRole('link', { name: 'Take back answers you sent before' }));
  await page.keyboard.press('Enter');
  await heading(page, 'Take back your answers');
  await check(page, 'withdraw');
  await tabTo(page, page.getByRole('textbox', { name: 'Your code' }));
  await page.keyboard.type(receipt.code);
  await tabTo(page, page.getByRole('textbox', { name: 'Your secret word' }));
  await page.keyboard.type('WRONG-SECRET');
  await tabTo(page, page.getByRole('button', { name: 'Delete my answers' }));
  await page.keyboard.press('Enter');
  await page
    .getByRole('alert')
    .getByText('We could not find answers for that code and secret word. Check them and try again.')
    .waitFor();
  await check(page, 'withdraw-error');
  expect(await answersHeld(receipt.code)).toBe(2);
  const secret = page.getByRole('textbox', { name: 'Your secret word' });
  await tabTo(page, secret);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(receipt.secret);
  await tabTo(page, page.getByRole('button', { name: 'Delete my answers' }));
  await page.keyboard.press('Enter');
  await heading(page, 'Your answers have been deleted');
  await check(page, 'withdrawn');
  expect(await answersHeld(receipt.code)).toBe(0);
  await page.context().close();
});

// Each walk's answer is its own: the same words twice would be refused as copied.
let walks = 0;

/**
 * Through every page by pointer, in whatever language the page is in (fields found by name), with
 * `each` run on every page; returns the code and secret shown at the end.
 */
async function walkThrough(page: Page, lang: string, each: (name: string) => Promise<void>) {
  const next = () => page.locator('button[value=next]').click();
  await page.goto(`/questionnaire?lang=${lang}`);
  await each('start');
  await page.locator('button[value=begin]').click();
  await page.locator('input[name=participation]').first().waitFor();
  await each('consent');
  await page.locator('input[name=participation][value=yes]').check();
  await page.locator('input[name=quote][value=yes]').check();
  await next();
  for (let n = 1; n <= 5; n++) {
    await page.locator(`input[name=step][value]`).waitFor({ state: 'attached' });
    await page.locator('textarea#answer').waitFor();
    if (n === 1)
      await page
        .locator('textarea#answer')
        .fill(
          `${lang}, walk ${++walks}: the library on Market Street, and https://example.org/a-very-long-address-that-does-not-break`,
        );
    await each(`question-${n}`);
    await next();
  }
  await page.locator('input[name=connections]').first().waitFor();
  await each('about');
  await page.locator('input[name=connections][value=STUDIES]').check();
  await page.locator('select[name=areaId]').selectOption({ label: 'Burslem Central' });
  await page.locator('input[name=specialCategory][value=yes]').check();
  await next();
  await page.locator('select[name=ethnicity]').waitFor();
  await each('special');
  await page.locator('input[name=disability][value=PREFER_NOT_TO_SAY]').check();
  await next();
  await page.locator('button[value=send]').waitFor();
  await each('check');
  await page.locator('button[value=send]').click();
  await page.locator('dd.code').first().waitFor();
  await each('done');
  const receipt = await codeAndSecret(page);
  await page.goto(`/questionnaire/withdraw?lang=${lang}`);
  await page.locator('input[name=code]').waitFor();
  await each('withdraw');
  return receipt;
}

it('works with JavaScript turned off, and takes the answers back by code and secret', async () => {
  const page = await openPage(chorus.browser, chorus.url, { javaScriptEnabled: false });
  const before = await submissions();
  // axe needs script to run, so these pages are checked with it in the other tests; here each
  // page must still fit and work. The one required answer left out is reported by the server.
  await page.goto('/questionnaire');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Select yes if we can keep your answers' }).waitFor();
  const receipt = await walkThrough(page, 'en', (name) => noSideways(page, `no-JavaScript ${name}`));
  expect(await submissions()).toBe(before + 1);
  expect(await answersHeld(receipt.code)).toBe(1);
  await page.getByLabel('Your code').fill(receipt.code.toLowerCase());
  await page.getByLabel('Your secret word').fill(receipt.secret);
  await page.getByRole('button', { name: 'Delete my answers' }).click();
  await heading(page, 'Your answers have been deleted');
  expect(await answersHeld(receipt.code)).toBe(0);
  await page.context().close();
});

it('lays Urdu out right to left, in the order a reader of Urdu expects', async () => {
  const page = await openPage(chorus.browser, chorus.url);
  const box = async (target: Locator) => (await target.boundingBox())!;
  const rightOf = async (a: Locator, b: Locator) => {
    const [first, second] = [await box(a), await box(b)];
    return first.x >= second.x + second.width;
  };
  await walkThrough(page, 'ur', async (name) => {
    await check(page, `ur-${name}`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ur');
    // The service's name starts the header on the right; the other languages follow to its left.
    if (name === 'start' || name === 'withdraw')
      expect(await rightOf(page.locator('.service'), page.locator('.header .languages'))).toBe(true);
    if (name === 'consent') {
      // Each radio sits to the right of its words, the heading starts at the right edge.
      const yes = page.locator('input[name=participation][value=yes]');
      expect(await rightOf(yes, page.locator('label[for=participation]'))).toBe(true);
      const heading = await box(page.getByRole('heading', { level: 1 }));
      const main = await box(page.locator('main'));
      expect(Math.round(heading.x + heading.width)).toBe(Math.round(main.x + main.width));
    }
    // The first button (Continue) to the right of Back.
    if (name === 'question-1')
      expect(await rightOf(page.locator('button[value=next]'), page.locator('button[value=back]'))).toBe(true);
  });
  await page.context().close();
});

it('fits a phone screen (320 px wide) with no sideways scrolling on any page', async () => {
  const page = await openPage(chorus.browser, chorus.url, {
    viewport: { width: 320, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  await walkThrough(page, 'en', async (name) => {
    await noSideways(page, `phone ${name}`);
    await check(page, `phone-${name}`);
  });
  await page.context().close();
});

it('reflows at 200 % zoom (1280 × 900 seen at twice the size) with nothing cut off', async () => {
  const page = await openPage(chorus.browser, chorus.url, {
    viewport: { width: 640, height: 450 },
    deviceScaleFactor: 2,
  });
  await walkThrough(page, 'pl', async (name) => {
    await noSideways(page, `zoom ${name}`);
    // Every button can be reached and seen whole.
    for (const button of await page.locator('main button').all()) {
      const { x, width } = (await button.boundingBox())!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(640);
    }
    await check(page, `zoom-${name}`);
  });
  await page.context().close();
});

it('lets the coordinator close and open it, file answers per area, and watch a submission arrive', async () => {
  const { page } = chorus;
  await api(chorus, `mutation { setQuestionnaireSessionMode(sessionMode: PER_CHANNEL) { sessionMode } }`, {}, token);
  await signIn(page, DEMO.coordinator);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Questionnaire' }).click();
  await page.getByRole('heading', { level: 1, name: 'Public questionnaire' }).waitFor();
  const count = page.getByText(/^\d+ submissions?$/);
  await count.waitFor();
  const before = Number((await count.textContent())!.split(' ')[0]);
  await page.getByText('Residents can answer at').waitFor();
  await checkScreen(page, 'questionnaire-admin-open');

  await page.getByRole('button', { name: 'Close the questionnaire' }).click();
  await page.getByRole('status').filter({ hasText: 'The questionnaire is closed.' }).waitFor();
  const resident = await openPage(chorus.browser, chorus.url);
  await resident.goto('/questionnaire');
  await heading(resident, 'The questionnaire is closed');
  await check(resident, 'closed');

  await page.getByRole('button', { name: 'Open the questionnaire' }).click();
  await page.getByRole('status').filter({ hasText: 'The questionnaire is open.' }).waitFor();
  await page.getByRole('radio', { name: 'One session per area' }).check();
  await page.getByRole('button', { name: 'Save how answers are filed' }).click();
  await page.getByRole('status').filter({ hasText: 'Later answers are filed under one session per area.' }).waitFor();
  const filed = page.getByRole('list', { name: 'Sessions it files answers under' });
  await filed.getByRole('link', { name: 'Questionnaire online: no area given' }).waitFor();
  await checkScreen(page, 'questionnaire-admin-per-area');

  const { code } = await walkThrough(resident, 'en', async () => {});
  await resident.context().close();
  // The screen reads the submissions again by itself: the new one arrives at the top.
  await expect
    .poll(() => count.textContent(), { timeout: 60_000 })
    .toBe(`${before + 1} ${before + 1 === 1 ? 'submission' : 'submissions'}`);
  const newest = page
    .getByRole('table', { name: /answered the questionnaire online/ })
    .getByRole('row')
    .nth(1);
  await newest.getByRole('link', { name: code, exact: true }).waitFor();
  await newest.getByRole('link', { name: 'Questionnaire online: Burslem Central' }).waitFor();
  await page.getByText(/^Latest /).waitFor();
  await checkScreen(page, 'questionnaire-admin-submission');
});
