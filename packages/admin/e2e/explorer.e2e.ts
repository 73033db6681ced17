import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, cspViolations, PRODUCTION_ADMIN, SCREENSHOTS, signIn, startChorus, type Chorus } from './harness';

// Production: the explorer is for signed-in staff only, and must say nothing of the schema otherwise.
let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus({ production: true });
});
afterAll(() => chorus?.stop());

/** Every answer from /graphql while `run` goes on, as text. */
async function graphqlAnswers(page: Page, run: () => Promise<void>): Promise<string[]> {
  const answers: Promise<string>[] = [];
  const listener = (response: Response) => {
    if (new URL(response.url()).pathname === '/graphql' && response.request().method() === 'POST') {
      answers.push(response.text().catch(() => ''));
    }
  };
  page.on('response', listener);
  try {
    await run();
  } finally {
    page.off('response', listener);
  }
  return Promise.all(answers);
}

it('tells a visitor who is not signed in to sign in, and reveals nothing of the schema', async () => {
  const { page } = chorus;
  const answers = await graphqlAnswers(page, async () => {
    await page.goto('/graphql');
    await page.getByText('Sign in to use the explorer.').waitFor();
    await page.waitForLoadState('networkidle');
  });
  expect(answers.length).toBeGreaterThan(0);
  for (const answer of answers) expect(answer).not.toMatch(/__schema"\s*:\s*\{|queryType|"types"|Session|Participant/);
  expect(await page.locator('body').innerText()).not.toMatch(/Session|Participant|Query/);
  await checkScreen(page, 'explorer-sign-in');
  await page.getByRole('link', { name: 'Sign in to Chorus' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
});

it('runs a query as the signed-in staff member, under the CSP', async () => {
  const { page } = chorus;
  await signIn(page, PRODUCTION_ADMIN);
  await page.goto('/graphql');
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Typed as one insertion: the editor would otherwise close each brace itself.
  await page.keyboard.insertText('{ me { email } areas { name } }');
  await page.getByRole('button', { name: /Execute query/ }).click();
  const result = page.locator('.graphiql-response');
  await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain(PRODUCTION_ADMIN.email);
  await expect.poll(() => result.innerText()).toContain('"areas"');
  // The token went in the header only: the explorer never shows it, nor keeps it in its storage.
  const token = await page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('chorus.session')!) as { token: string }).token,
  );
  expect(await page.locator('body').innerText()).not.toContain(token);
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(kept.split(token).length - 1, 'the token is kept once, as the sign-in').toBe(1);
  expect(await cspViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'explorer.png') });
});
