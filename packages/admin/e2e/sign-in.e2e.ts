import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

it('refuses a wrong password, signs in, shows the overview, and signs out', async () => {
  const { page } = chorus;
  await page.goto('/');
  await page.getByRole('heading', { name: 'Chorus' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await checkScreen(page, 'sign-in');

  await page.getByLabel('Email').fill(DEMO.admin.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is wrong');

  await signIn(page, DEMO.admin);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await expect.poll(() => page.getByTestId('stat-Sessions held').textContent()).toMatch(/^\d+$/);
  await checkScreen(page, 'overview');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
});

it('offers a facilitator only what their role allows', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.facilitator);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Sessions', 'Responses', 'Participants']);
  expect(new URL(page.url()).pathname).toBe('/sessions');
  await page.getByRole('button', { name: 'Sign out' }).click();
});
