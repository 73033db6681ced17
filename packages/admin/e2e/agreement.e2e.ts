import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/** The number in the overall row's "Items (n)" cell of the agreement table. */
async function overallItems(page: Page): Promise<number> {
  const cells = await page
    .getByRole('row', { name: /^Overall/ })
    .getByRole('cell')
    .allTextContents();
  return Number(cells[2]);
}

it('lets a coordinator draw a sample, a coder code it blind, the pair settle a disagreement, and shows agreement with n', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  await section(page, 'Agreement').click();
  await page.mouse.move(1270, 890);
  await page.getByRole('heading', { level: 1, name: 'Agreement between coders' }).waitFor();
  await page.getByText('No sample drawn yet').waitFor();
  await page.getByText('No agreement figures yet').waitFor();
  await checkScreen(page, 'agreement-empty');

  // A refusal names its field: no coder chosen.
  await page.getByRole('button', { name: 'Draw sample' }).click();
  await page.getByText('name at least one coder').waitFor();

  // By keyboard: the share, then the coder picked by typing.
  await page.getByRole('textbox', { name: 'Share of each prompt (%)' }).fill('2');
  await page.getByRole('textbox', { name: 'Seed (optional)' }).fill('20260601');
  await page.getByRole('combobox', { name: 'Blind coders' }).focus();
  await page.keyboard.type('Kasia');
  await page.getByRole('option', { name: 'Kasia Nowak', exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Draw sample' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Drew \d+ responses \(seed 20260601\)/ })
    .waitFor();
  const samples = page.getByRole('table', { name: 'Samples drawn' });
  await samples.getByRole('cell', { name: 'Kasia Nowak' }).waitFor();
  await checkScreen(page, 'agreement-sample-drawn');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The analyst codes three responses blind: only the words, no coding, no suggestion.
  await signIn(page, DEMO.analyst);
  await section(page, 'Blind coding').click();
  await page.mouse.move(1270, 890);
  await page.getByRole('heading', { level: 1, name: 'Blind coding' }).waitFor();
  await page.getByTestId('blind-text').waitFor();
  await checkScreen(page, 'agreement-blind-coding');
  // The first: no theme applies (asked to confirm), which surely differs from its coding.
  let text = await page.getByTestId('blind-text').textContent();
  await page.getByRole('combobox', { name: 'Themes that apply' }).focus();
  await page.keyboard.press('Control+Enter');
  await page.getByText('No theme chosen: submit again').waitFor();
  await page.keyboard.press('Control+Enter');
  await page.getByRole('status').filter({ hasText: 'Submitted: no theme applies.' }).waitFor();
  await expect.poll(() => page.getByTestId('blind-text').textContent()).not.toBe(text);
  for (let i = 0; i < 2; i++) {
    text = await page.getByTestId('blind-text').textContent();
    await page.getByRole('combobox', { name: 'Themes that apply' }).focus();
    await page.keyboard.type('Jobs');
    await page.getByRole('option', { name: 'Economy & work › Jobs & skills', exact: true }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Submitted: 1 theme.' }).waitFor();
    await expect.poll(() => page.getByTestId('blind-text').textContent()).not.toBe(text);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The coordinator sees agreement over the three items.
  await signIn(page, DEMO.coordinator);
  await section(page, 'Agreement').click();
  await page.mouse.move(1270, 890);
  await page.getByRole('table', { name: 'Agreement per theme' }).waitFor();
  expect(await overallItems(page)).toBe(3);
  await expect.poll(() => page.getByRole('row', { name: /^Overall/ }).textContent()).toContain("Cohen's κ");
  await checkScreen(page, 'agreement-table');
  await page.getByRole('link', { name: 'Disagreement review' }).click();
  await page.getByRole('heading', { level: 1, name: 'Disagreement review' }).waitFor();
  await page.getByRole('list', { name: 'Disagreements' }).getByRole('listitem').first().waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The analyst, one of the pair, settles the first disagreement; both codings stay in view.
  await signIn(page, DEMO.analyst);
  await section(page, 'Disagreements').click();
  await page.mouse.move(1270, 890);
  await page.getByRole('heading', { level: 1, name: 'Disagreement review' }).waitFor();
  const first = page.getByRole('list', { name: 'Disagreements' }).getByRole('listitem').first();
  await first.getByRole('region', { name: /^First coding by/ }).waitFor();
  await first.getByRole('region', { name: /^Blind coding by Kasia Nowak/ }).waitFor();
  await checkScreen(page, 'agreement-review');
  await first.getByRole('button', { name: 'Settle' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Settled: the response is now coded to/ })
    .waitFor();
  // The segment's label, as a user clicks it (its radio input is visually hidden).
  await page.locator('label[for$="-SETTLED"]').click();
  await expect.poll(() => page.getByRole('radio', { name: 'Settled' }).isChecked()).toBe(true);
  await page
    .getByText(/^Settled on:/)
    .first()
    .waitFor();
  await page
    .getByRole('region', { name: /^Blind coding by Kasia Nowak/ })
    .first()
    .waitFor();
  await checkScreen(page, 'agreement-review-settled');
  await page.getByRole('button', { name: 'Sign out' }).click();
});

it('gives a facilitator none of it', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.facilitator);
  const links = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
  for (const name of ['Agreement', 'Blind coding', 'Disagreements']) expect(links).not.toContain(name);
  await page.goto('/agreement');
  await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
});
