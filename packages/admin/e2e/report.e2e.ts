import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

// A fresh database for each attempt: a retry starts again from the demo data, with no release and no report.
let chorus: Chorus;
beforeEach(async () => {
  chorus = await startChorus();
});
afterEach(() => chorus?.stop());

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

it('builds the board report from a published release, follows its progress bar, previews, downloads and publishes it', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  await section(page, 'Board report').click();
  await page.getByRole('heading', { level: 1, name: 'Board report' }).waitFor();
  // The demo has no release yet: the screen says a report needs one and leads to the releases screen.
  await page.getByText('No published release yet').waitFor();
  await page.getByText('No report built yet').waitFor();
  await checkScreen(page, 'report-empty');

  await page.getByRole('link', { name: 'Publish a release on the Releases screen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Releases' }).waitFor();
  await page.getByRole('button', { name: 'Publish release' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Release 1 published/ })
    .waitFor({ timeout: 120_000 });

  await section(page, 'Board report').click();
  await expect.poll(() => page.getByLabel('Release to build from').inputValue()).toBe('1');

  // Narrative for the overview, saved before the build so the version carries it.
  const narrative = 'Residents across every area told us the same three things.';
  const overview = page.getByRole('region', { name: 'Who we heard' });
  await overview.getByLabel('Narrative for Who we heard (Markdown)').fill(`**${narrative}**`);
  await overview.getByRole('button', { name: 'Save Who we heard' }).click();
  await overview.getByRole('status').filter({ hasText: 'Who we heard: narrative saved.' }).waitFor();

  await page.getByRole('button', { name: 'Build report' }).click();
  const bar = page.getByRole('progressbar', { name: 'Building version 1' });
  await bar.waitFor();
  await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 150_000 }).toBe('100');
  await page
    .getByRole('status')
    .filter({ hasText: /^Version 1 is ready: \d+ figures, \d+ quotes/ })
    .waitFor();
  const versions = page.getByRole('table', { name: 'Versions of the board report, newest first' });
  const row = versions.getByRole('row', { name: /^1 Ready/ });
  await row.getByRole('cell', { name: 'Not published' }).waitFor();
  // Checked before the preview opens: the sandboxed frame runs no script, so axe could not look inside it.
  await checkScreen(page, 'report-built');

  const pdf = page.waitForResponse((response) => response.url().endsWith('/exports/reports/1/report.pdf'));
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Download PDF of version 1' }).click();
  expect((await pdf).status()).toBe(200);
  expect((await pdf).headers()['content-type']).toBe('application/pdf');
  expect((await download).suggestedFilename()).toBe('chorus-board-report-1.pdf');

  // Published only once the coordinator confirms.
  await row.getByRole('button', { name: 'Publish version 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish version 1?' });
  await dialog.getByText(/Council systems can then read this version/).waitFor();
  await dialog.getByRole('button', { name: 'Publish version' }).click();
  await page.getByRole('status').filter({ hasText: 'Version 1 published' }).waitFor();
  await expect.poll(() => row.getByRole('cell', { name: 'Not published' }).count()).toBe(0);
  await expect.poll(() => row.getByRole('button', { name: 'Publish version 1' }).count()).toBe(0);
  await checkScreen(page, 'report-published');

  await row.getByRole('button', { name: 'Preview version 1' }).click();
  const frame = page.locator('iframe[title="Board report version 1, preview"]');
  await frame.waitFor();
  expect(await frame.getAttribute('sandbox')).toBe('');
  const report = frame.contentFrame();
  await report.getByRole('heading', { level: 1, name: 'Community listening: findings for the board' }).waitFor();
  await report.getByRole('heading', { level: 2, name: 'What people value' }).waitFor();
  await report.getByText(narrative).waitFor();
  // Each chart has its numbers in a table beside it, each figure naming its release table and cell.
  await report
    .getByRole('table', { name: /the numbers/ })
    .first()
    .waitFor();
  await report
    .getByText(/^themes-by-prompt #\d+$/)
    .first()
    .waitFor();
}, 420_000);
