import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** How many responses the list says match: the pager reads "1–25 of 1547". */
async function listTotal(page: Page): Promise<number> {
  const text = (await page.getByRole('navigation', { name: 'Pages' }).textContent()) ?? '';
  return Number(/of (\d+)/.exec(text)?.[1]);
}

/** Waits for the list to settle on a new total after a filter changes, and returns it. */
async function totalAfterChange(page: Page, before: number): Promise<number> {
  await expect.poll(() => listTotal(page)).not.toBe(before);
  await page.waitForLoadState('networkidle');
  return listTotal(page);
}

async function choose(page: Page, field: Locator, option: string) {
  await field.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits for transitions to finish (a modal fading in), so the screenshot and contrast checks see the final screen. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
}

const cards = (page: Page) =>
  page
    .getByRole('list', { name: 'Responses found' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: /Open response/ }) });

it('lets an analyst search and filter the responses, and open one', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Responses' }).click();
  // Off the link: a hovered active link is the shell's business, not this screen's.
  await page.mouse.move(1270, 890);
  await page.getByRole('heading', { level: 1, name: 'Responses' }).waitFor();
  await expect.poll(() => listTotal(page)).toBeGreaterThan(1000);
  const everything = await listTotal(page);
  await checkScreen(page, 'analysis-responses');

  // Full-text search narrows the list, and the words found are marked.
  await page.getByRole('searchbox', { name: /Search the words/ }).fill('bus');
  const searched = await totalAfterChange(page, everything);
  expect(searched).toBeGreaterThan(0);
  expect(searched).toBeLessThan(everything);
  expect(new URL(page.url()).searchParams.get('q')).toBe('bus');
  for (const text of await cards(page).allTextContents()) expect(text).toMatch(/bus/i);

  // A prompt narrows it further.
  await choose(page, page.getByRole('combobox', { name: 'Prompt' }), 'Challenges');
  const byPrompt = await totalAfterChange(page, searched);
  expect(byPrompt).toBeLessThan(searched);
  for (const text of await cards(page).allTextContents()) expect(text).toContain('Challenges');
  await checkScreen(page, 'analysis-responses-filtered');

  // Words nobody said: the empty state says so.
  await page.getByRole('searchbox', { name: /Search the words/ }).fill('zebra');
  await page.getByText('No responses match').waitFor();
  await checkScreen(page, 'analysis-responses-none');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => listTotal(page)).toBe(everything);

  // A session, found by typing part of its title.
  await page.getByRole('combobox', { name: 'Session' }).click();
  await page.keyboard.type('Longton Library');
  const session = page.getByRole('option', { name: /^Questionnaire stall at Longton Library/ });
  await session.waitFor();
  const sessionTitle = (await session.textContent())!.replace(/ \(.*\)$/, '');
  await session.click();
  const bySession = await totalAfterChange(page, everything);
  expect(bySession).toBeGreaterThan(0);
  for (const text of await cards(page).allTextContents()) expect(text).toContain(`Heard at ${sessionTitle}`);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => listTotal(page)).toBe(everything);
  await expect.poll(() => page.getByRole('searchbox', { name: /Search the words/ }).inputValue()).toBe('');

  // Uncoded only.
  const uncodedOnly = page.getByRole('switch', { name: 'Only responses not yet coded' });
  await uncodedOnly.click();
  await expect.poll(() => uncodedOnly.isChecked()).toBe(true);
  const uncoded = await totalAfterChange(page, everything);
  expect(uncoded).toBeLessThan(everything);
  for (const text of await cards(page).allTextContents()) expect(text).toContain('Not coded yet');
  await uncodedOnly.click();
  await expect.poll(() => uncodedOnly.isChecked()).toBe(false);
  await expect.poll(() => listTotal(page)).toBe(everything);

  // One theme.
  await choose(page, page.getByRole('combobox', { name: 'Theme' }), 'Transport › Buses');
  const buses = await totalAfterChange(page, everything);
  expect(buses).toBeLessThan(everything);
  for (const text of await cards(page).allTextContents()) expect(text).toContain('Buses');

  await cards(page)
    .first()
    .getByRole('link', { name: /Open response/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Response' }).waitFor();
  await expect.poll(() => page.getByRole('heading', { name: /Codings/ }).textContent()).toMatch(/Codings \([1-9]/);
  await checkScreen(page, 'analysis-response');
});

/** The overview's "Responses coded" figure, a whole percentage, and the responses it is of. */
async function overviewCoding(page: Page): Promise<{ percent: number; responses: number }> {
  await page.goto('/');
  const coded = page.getByTestId('stat-Responses coded');
  await expect.poll(() => coded.textContent()).toMatch(/^\d+%$/);
  return {
    percent: Number((await coded.textContent())!.replace('%', '')),
    responses: Number(await page.getByTestId('stat-Responses').textContent()),
  };
}

const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? null);

/** Picks a theme in the open theme picker by typing part of its name. */
async function pickTheme(page: Page, typed: string, path: string) {
  await page.keyboard.type(typed);
  await page.getByRole('option', { name: path, exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('form', { name: 'Code this response' }).textContent()).toContain(path);
}

it('codes two excerpts of an uncoded response by keyboard, moves on, and the overview follows', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  const before = await overviewCoding(page);
  await page.goto('/responses?uncoded=true');
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  const uncoded = await listTotal(page);
  // One response coded moves the share by 1/responses: code as many as the whole-percent figure needs to move.
  let needed = 1;
  while (Math.round((100 * (before.responses - uncoded + needed)) / before.responses) <= before.percent) needed += 1;

  // Without a response named, the screen starts at the newest uncoded one.
  await page.goto('/coding');
  await page.getByRole('heading', { level: 1, name: 'Coding' }).waitFor();
  await expect.poll(() => new URL(page.url()).searchParams.get('response')).toBeTruthy();
  const firstId = new URL(page.url()).searchParams.get('response');
  const text = page.getByRole('region', { name: 'Response text' });
  const words = (await text.textContent())!;
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (0)');
  await checkScreen(page, 'analysis-coding-before');

  // First excerpt by keyboard: in the text, Ctrl+Shift+→ selects word by word and fills the excerpt.
  const excerpt = page.getByRole('textbox', { name: 'Excerpt' });
  await text.focus();
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect.poll(() => excerpt.inputValue()).not.toBe('');
  const firstExcerpt = await excerpt.inputValue();
  expect(words.startsWith(firstExcerpt)).toBe(true);
  expect(firstExcerpt.split(/\s+/).length).toBeGreaterThanOrEqual(2);
  // `t` goes to the themes; typing filters them; Ctrl+Enter codes.
  await page.keyboard.press('t');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('.mantine-MultiSelect-root') !== null))
    .toBe(true);
  await pickTheme(page, 'Neighbour', 'Community & belonging › Neighbourliness');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Coded the excerpt' }).textContent())
    .toBe('Coded the excerpt to Community & belonging › Neighbourliness.');
  await expect.poll(() => focusedLabel(page)).toBe('Response text');
  await expect.poll(() => excerpt.inputValue()).toBe('');

  // Second excerpt typed into the field (here, the second half of the text); Enter in the text codes it.
  const secondExcerpt = words.slice(Math.floor(words.length / 2)).trim();
  await excerpt.fill(secondExcerpt);
  await page.getByRole('combobox', { name: 'Themes' }).focus();
  await pickTheme(page, 'Jobs', 'Economy & work › Jobs & skills');
  await text.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (2)');
  const codings = page.getByRole('region', { name: /^Codings/ });
  await expect.poll(() => codings.textContent()).toContain(firstExcerpt);
  await expect.poll(() => codings.textContent()).toContain(secondExcerpt);
  const marked = (await text.locator('mark').allTextContents()).join(' ');
  expect(marked).toContain(firstExcerpt);
  expect(marked).toContain(secondExcerpt);
  await checkScreen(page, 'analysis-coding-after');

  // `?` shows every shortcut.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await settled(page);
  await checkScreen(page, 'analysis-coding-shortcuts');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  // `n` moves to the next uncoded response, ready to select in.
  await page.keyboard.press('n');
  await expect.poll(() => new URL(page.url()).searchParams.get('response')).not.toBe(firstId);
  await expect.poll(() => focusedLabel(page)).toBe('Response text');
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (0)');

  // Code the whole of as many more as the overview needs to show the change.
  for (let coded = 1; coded < needed; coded += 1) {
    const current = new URL(page.url()).searchParams.get('response');
    await page.keyboard.press('t');
    await pickTheme(page, 'Housing', 'Place & environment › Housing');
    // Out of the field, `c` codes.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.press('c');
    await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (1)');
    await page.keyboard.press('n');
    await expect.poll(() => new URL(page.url()).searchParams.get('response')).not.toBe(current);
    await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (0)');
  }

  const after = await overviewCoding(page);
  expect(after.percent).toBeGreaterThan(before.percent);

  // On the response's page, the codings show as marked excerpts; one is removed after confirming.
  await page.goto(`/responses/${firstId}`);
  await page.getByRole('heading', { level: 1, name: 'Response' }).waitFor();
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (2)');
  await expect
    .poll(() => page.getByRole('link', { name: 'Code this response' }).getAttribute('href'))
    .toBe(`/coding?response=${firstId}`);
  const themesRow = page.getByRole('row', { name: /^Themes/ });
  await expect.poll(() => themesRow.textContent()).toContain('Jobs & skills');
  // The chip names the theme by its place in the codebook, as the one to remove.
  await page.getByRole('button', { name: 'Remove the coding to Economy & work › Jobs & skills', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove this coding?' });
  await confirm.waitFor();
  await settled(page);
  await checkScreen(page, 'analysis-coding-remove');
  await confirm.getByRole('button', { name: 'Remove coding' }).click();
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (1)');
  await expect.poll(() => themesRow.textContent()).not.toContain('Jobs & skills');
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'removed' }).textContent())
    .toContain('The coding to “Economy & work › Jobs & skills” was removed.');
  await expect.poll(() => focusedLabel(page)).toBe('codings-heading');
});

/** A theme's actions, from its menu. */
async function themeAction(page: Page, theme: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${theme}`, exact: true }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

const branch = (page: Page, theme: string) =>
  page
    .getByRole('list', { name: 'Codebook' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Actions for ${theme}`, exact: true }) })
    .last();

it('lets an analyst add, rename, move and merge themes, and refuses a move into its own branch', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  await page.goto('/codebook');
  await page.getByRole('heading', { level: 1, name: 'Codebook' }).waitFor();
  const tree = page.getByRole('list', { name: 'Codebook' });
  await tree.waitFor();
  await expect.poll(() => branch(page, 'Transport').textContent()).toContain('Buses');
  await expect
    .poll(() => page.getByRole('link', { name: /responses? coded to Buses/ }).getAttribute('href'))
    .toMatch(/^\/responses\?theme=[0-9a-f-]{36}$/);
  await checkScreen(page, 'analysis-codebook');

  // Add, with the missing name named beside the field first.
  await page.getByRole('button', { name: 'Add theme' }).click();
  const add = page.getByRole('dialog', { name: 'Add a theme' });
  await add.waitFor();
  await add.getByRole('button', { name: 'Add theme' }).click();
  await expect.poll(() => add.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => add.textContent()).toContain('Enter a name for the theme');
  await settled(page);
  await checkScreen(page, 'analysis-codebook-add');
  await add.getByRole('textbox', { name: 'Name' }).fill('Street lights');
  await add.getByRole('textbox', { name: 'Description' }).fill('Lighting on streets, paths and in parks after dark.');
  await add.getByRole('button', { name: 'Add theme' }).click();
  await add.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByRole('status').textContent()).toBe('“Street lights” added at the top level.');
  await expect.poll(() => focusedLabel(page)).toBe('Actions for Street lights');

  // Rename and describe.
  await themeAction(page, 'Street lights', 'Rename or describe');
  const rename = page.getByRole('dialog', { name: 'Rename or describe “Street lights”' });
  await rename.waitFor();
  await settled(page);
  await checkScreen(page, 'analysis-codebook-rename');
  await rename.getByRole('textbox', { name: 'Name' }).fill('Street lighting');
  await rename.getByRole('button', { name: 'Save' }).click();
  await rename.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByRole('status').textContent()).toBe('“Street lighting” saved.');
  await expect.poll(() => focusedLabel(page)).toBe('Actions for Street lighting');

  // Move under Safety.
  await themeAction(page, 'Street lighting', 'Move');
  const move = page.getByRole('dialog', { name: 'Move “Street lighting”' });
  await move.waitFor();
  // The open list of places is a screen of its own for a keyboard and screen-reader user.
  await move.getByRole('combobox', { name: 'New place' }).click();
  await page.getByRole('option', { name: 'Safety', exact: true }).waitFor();
  await settled(page);
  await checkScreen(page, 'analysis-codebook-move-choices');
  await page.getByRole('option', { name: 'Safety', exact: true }).click();
  await settled(page);
  await checkScreen(page, 'analysis-codebook-move');
  await move.getByRole('button', { name: 'Move' }).click();
  await move.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByRole('status').textContent()).toBe('“Street lighting” moved under “Safety”.');
  await expect.poll(() => branch(page, 'Safety').textContent()).toContain('Street lighting');

  // A theme cannot move under its own child: the refusal shows beside the field.
  await themeAction(page, 'Community & belonging', 'Move');
  const cycle = page.getByRole('dialog', { name: 'Move “Community & belonging”' });
  await cycle.waitFor();
  const place = cycle.getByRole('combobox', { name: 'New place' });
  await choose(page, place, 'Community & belonging › Neighbourliness');
  await cycle.getByRole('button', { name: 'Move' }).click();
  await expect.poll(() => place.getAttribute('aria-invalid')).toBe('true');
  await expect
    .poll(() => cycle.textContent())
    .toMatch(/a theme cannot move under itself or one of its own descendants/i);
  await settled(page);
  await checkScreen(page, 'analysis-codebook-move-refused');
  await cycle.getByRole('button', { name: 'Cancel' }).click();
  await cycle.waitFor({ state: 'detached' });
  await expect.poll(() => branch(page, 'Community & belonging').textContent()).toContain('Neighbourliness');

  // Merge into Safety, after saying what happens.
  await themeAction(page, 'Street lighting', 'Merge into…');
  const merge = page.getByRole('dialog', { name: 'Merge “Street lighting” into another theme' });
  await merge.waitFor();
  await merge.getByRole('button', { name: 'Merge and delete “Street lighting”' }).click();
  await expect.poll(() => merge.textContent()).toContain('Choose the theme to merge into');
  await choose(page, merge.getByRole('combobox', { name: 'Merge into' }), 'Safety');
  await expect.poll(() => merge.textContent()).toContain('“Street lighting” is deleted. This cannot be undone.');
  await settled(page);
  await checkScreen(page, 'analysis-codebook-merge');
  await merge.getByRole('button', { name: 'Merge and delete “Street lighting”' }).click();
  await merge.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByRole('status').textContent()).toBe('“Street lighting” merged into “Safety”.');
  await expect.poll(() => tree.textContent()).not.toContain('Street lighting');
  await expect.poll(() => focusedLabel(page)).toBe('Actions for Safety');
});

it('shows a partner the codebook read-only, and no coding', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.partner);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect.poll(() => nav.getByRole('link').allTextContents()).toContain('Codebook');
  await expect.poll(() => nav.getByRole('link').allTextContents()).not.toContain('Coding');

  await page.goto('/codebook');
  const tree = page.getByRole('list', { name: 'Codebook' });
  await tree.waitFor();
  await expect.poll(() => tree.textContent()).toContain('Neighbourliness');
  await expect.poll(() => page.getByRole('button', { name: /^Actions for/ }).count()).toBe(0);
  await expect.poll(() => page.getByRole('button', { name: 'Add theme' }).count()).toBe(0);
  await expect.poll(() => tree.getByRole('link').count()).toBe(0);
  await checkScreen(page, 'analysis-codebook-partner');

  // Their responses carry their themes, but neither codings nor a way to code.
  await page.goto('/responses');
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  await cards(page)
    .first()
    .getByRole('link', { name: /Open response/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Response' }).waitFor();
  await page.getByRole('row', { name: /^Themes/ }).waitFor();
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).count()).toBe(0);
  await expect.poll(() => page.getByRole('link', { name: 'Code this response' }).count()).toBe(0);
  await checkScreen(page, 'analysis-response-partner');

  await page.goto('/coding');
  await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
});
