import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkScreen, cspViolations, DEMO, openPage, signIn, startChorus, type Chorus } from './harness';

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
  await expect
    .poll(() => nav.getByRole('link').allTextContents())
    .toEqual(['Sessions', 'Type up paper forms', 'Responses', 'Participants', 'Quotes']);
  expect(new URL(page.url()).pathname).toBe('/sessions');
  await page.getByRole('button', { name: 'Sign out' }).click();
});

it('asks to sign in again over the page when the session ends, keeping what was typed', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  await page.goto('/responses');
  const search = page.getByRole('searchbox', { name: /^Search the words/ });
  await search.waitFor();
  // The coordinator changes their password elsewhere: every session token issued before stops working.
  const token = await page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('chorus.session')!) as { token: string }).token,
  );
  const newPassword = 'a-brand-new-password';
  const changed = await fetch(`${chorus.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }',
      variables: { c: DEMO.coordinator.password, n: newPassword },
    }),
  }).then((r) => r.json() as Promise<{ errors?: unknown[] }>);
  expect(changed.errors).toBeUndefined();
  await search.fill('buses on a Sunday');

  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await dialog.waitFor();
  await checkScreen(page, 'session-ended');
  await expect.poll(() => dialog.getByLabel('Email').inputValue()).toBe(DEMO.coordinator.email);
  await dialog.getByRole('textbox', { name: 'Password' }).fill(newPassword);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await dialog.waitFor({ state: 'detached' });

  await expect.poll(() => search.inputValue()).toBe('buses on a Sunday');
  // What failed while signed out is asked again: the results come back without a manual retry.
  await page.getByRole('link', { name: 'Open response' }).first().waitFor();
  expect(new URL(page.url()).pathname).toBe('/responses');
});

it('opens the API explorer at /graphql in development without signing in', async () => {
  const { page } = chorus;
  // Nobody signed in in this tab, whatever the tests before left.
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('/graphql');
  await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
  await page.getByRole('button', { name: /Execute query/ }).click();
  // Anonymous development callers may read the schema; `me` is null for them.
  await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 30_000 }).toMatch(/"me":\s*null/);
  expect(await cspViolations(page)).toEqual([]);
});

it('says a screen is on its way while its code loads, and offers a reload when the code cannot be fetched', async () => {
  const { page } = chorus;
  await page.goto('/sign-in');
  await page.evaluate(() => sessionStorage.clear());
  // The sign-in screen's code is held back: the page says it is loading rather than staying blank.
  const signInChunk = '**/assets/SignInPage-*.js';
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(signInChunk, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sign-in');
  await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
  release();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.unroute(signInChunk);

  // A screen whose code cannot be fetched (replaced by a deploy, or the connection dropped) says so
  // inside the frame, and a reload brings it.
  await signIn(page, DEMO.admin);
  const sessionsChunk = '**/assets/SessionsPage-*.js';
  await page.route(sessionsChunk, (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sessions' }).click();
  await page.getByRole('heading', { level: 1, name: 'This page could not be shown' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  await checkScreen(page, 'screen-not-loaded');
  await page.unroute(sessionsChunk);
  await page.getByRole('button', { name: 'Reload the page' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
});

it('keeps the sign-in across tabs of one browser session, never where it outlives the browser, and signs out everywhere', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  // A link opened in a new tab goes where it points, without asking again.
  const secondTab = await page.context().newPage();
  await secondTab.goto('/responses');
  await secondTab.getByRole('searchbox', { name: /^Search the words/ }).waitFor();
  await expect.poll(() => secondTab.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  expect(new URL(secondTab.url()).pathname).toBe('/responses');
  // Nothing a cookie-reading or other site's script could take, nothing kept after the browser closes.
  expect(await page.context().cookies()).toEqual([]);
  expect(
    await secondTab.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('chorus.session'))),
  ).toEqual([]);

  // Another browser session (another person's window) is asked to sign in.
  const stranger = await openPage(chorus.browser, chorus.url);
  await stranger.goto('/responses');
  await stranger.getByRole('button', { name: 'Sign in' }).waitFor();
  expect(new URL(stranger.url()).pathname).toBe('/sign-in');
  await stranger.context().close();

  // Signing out in one tab ends the sign-in in the other too.
  await secondTab.getByRole('button', { name: 'Sign out' }).click();
  await secondTab.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByRole('dialog', { name: 'Your session has ended' }).waitFor();
  await secondTab.close();
});
