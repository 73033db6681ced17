import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
let token: string;
beforeAll(async () => {
  chorus = await startChorus();
  const { login } = await api<{ login: { token: string } }>(
    chorus,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.analyst.email, p: DEMO.analyst.password },
  );
  token = login.token;
});
afterAll(() => chorus?.stop());

const MODEL = `query { suggestionRun(kind: MODEL) { status version } }`;

it('shows suggested themes on the coding screen and accepts one with a key, recording it came from a suggestion', async () => {
  // The demo's first model is trained by a job at start-up.
  await expect
    .poll(
      async () =>
        (await api<{ suggestionRun: { status: string } | null }>(chorus, MODEL, {}, token)).suggestionRun?.status,
    )
    .toBe('READY');
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  await page.goto('/coding');
  await page.getByRole('heading', { level: 1, name: 'Coding' }).waitFor();
  const suggestions = page.getByRole('list', { name: 'Suggestions' });
  const first = suggestions.getByRole('listitem').first();
  await first.waitFor();
  await expect.poll(() => first.textContent()).toMatch(/Because of: \w/);
  await checkScreen(page, 'suggestions-coding');
  const firstName = (await first.getByRole('button', { name: /^Accept / }).getAttribute('aria-label'))!.replace(
    /^Accept /,
    '',
  );

  // R rejects the first suggestion (if there is a second, it moves up); A accepts what is first then.
  const count = await suggestions.getByRole('listitem').count();
  if (count > 1) {
    await page.keyboard.press('r');
    await expect.poll(() => suggestions.getByRole('button', { name: `Accept ${firstName}` }).count()).toBe(0);
  }
  const accepted =
    count > 1
      ? (await suggestions
          .getByRole('button', { name: /^Accept / })
          .first()
          .getAttribute('aria-label'))!.replace(/^Accept /, '')
      : firstName;
  await page.keyboard.press('a');
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'as suggested' }).textContent())
    .toBe(`Coded the whole response to ${accepted}, as suggested.`);
  await expect.poll(() => page.getByRole('heading', { name: /^Codings/ }).textContent()).toBe('Codings (1)');

  const responseId = new URL(page.url()).searchParams.get('response');
  const { response } = await api<{
    response: {
      codings: {
        fromSuggestion: boolean;
        suggestionModelVersion: number | null;
        acceptedBy: { displayName: string } | null;
      }[];
    };
  }>(
    chorus,
    `query($id: ID!) { response(id: $id) { codings { fromSuggestion suggestionModelVersion acceptedBy { displayName } } } }`,
    { id: responseId },
    token,
  );
  expect(response.codings).toHaveLength(1);
  const [coding] = response.codings;
  expect(coding!.fromSuggestion).toBe(true);
  expect(coding!.acceptedBy?.displayName).toBeTruthy();
  expect(coding!.suggestionModelVersion).toBeGreaterThanOrEqual(1);
});

it('finds candidate themes on the codebook screen with a progress bar, and makes one a theme in one step', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  await page.goto('/codebook');
  await page.getByRole('heading', { level: 1, name: 'Codebook' }).waitFor();
  const panel = page.getByRole('region', { name: 'Candidate themes' });
  await panel.getByRole('button', { name: 'Find candidate themes' }).click();
  // The job reports its progress; the list replaces the bar once it is done.
  const candidates = panel.getByRole('list', { name: 'Candidates' });
  await expect
    .poll(async () => (await panel.getByRole('progressbar').count()) > 0 || (await candidates.count()) > 0)
    .toBe(true);
  await candidates.waitFor();
  await expect.poll(() => panel.getByRole('progressbar').count()).toBe(0);
  const first = candidates.getByRole('listitem').first();
  await expect.poll(() => first.getByRole('listitem').count()).toBe(5);
  await checkScreen(page, 'suggestions-candidates');

  await first.getByRole('button', { name: /^Create theme from / }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a theme from this candidate' });
  await dialog.getByRole('textbox', { name: 'Theme name' }).fill('Candidate from the demo');
  await expect
    .poll(() => dialog.getByRole('checkbox', { name: /Also code the 5 example responses/ }).isChecked())
    .toBe(true);
  await dialog.getByRole('button', { name: 'Create theme' }).click();
  await expect
    .poll(() => panel.getByRole('status').textContent())
    .toBe('Created the theme Candidate from the demo and coded 5 example responses to it.');
  await page.getByRole('list', { name: 'Codebook' }).getByText('Candidate from the demo').first().waitFor();
});

it('trains the suggestion model from the codebook screen, following its progress bar until the new version is in use', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  await page.goto('/codebook');
  await page.getByRole('heading', { level: 1, name: 'Codebook' }).waitFor();
  const panel = page.getByRole('region', { name: 'Suggestion model' });
  const status = panel.getByTestId('model-status');
  const versionShown = async () => Number((await status.textContent())?.match(/^Version (\d+),/)?.[1] ?? 0);
  await expect.poll(versionShown, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(status.textContent()).resolves.toMatch(
    /trained .+ on \d+ codings of \d+ responses; \d+ codings changed since/,
  );
  const before = await versionShown();
  await panel.getByRole('button', { name: 'Train now' }).click();
  // Training the demo takes a second or so: the bar shows while it works, then the new version replaces it.
  const bar = panel.getByRole('progressbar');
  await expect
    .poll(async () => (await bar.count()) > 0 || (await versionShown()) > before, { timeout: 60_000 })
    .toBe(true);
  if (await bar.count()) {
    await expect(bar.getAttribute('aria-valuenow')).resolves.toMatch(/^\d+$/);
  }
  await expect.poll(versionShown, { timeout: 120_000, interval: 500 }).toBeGreaterThan(before);
  await expect.poll(() => bar.count(), { timeout: 30_000 }).toBe(0);
  await expect(panel.getByRole('alert').count()).resolves.toBe(0);
  await checkScreen(page, 'suggestions-model');
});

it('rejects a suggestion with a key, and after a reload it is still not suggested for that response', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.analyst);
  await page.goto('/coding');
  await page.getByRole('heading', { level: 1, name: 'Coding' }).waitFor();
  const section = page.getByRole('region', { name: 'Suggested themes' });
  const suggestions = section.getByRole('list', { name: 'Suggestions' });
  await suggestions.getByRole('listitem').first().waitFor({ timeout: 60_000 });
  await expect.poll(() => new URL(page.url()).searchParams.get('response'), { timeout: 30_000 }).toBeTruthy();
  const here = page.url();
  const rejected = (await suggestions
    .getByRole('button', { name: /^Accept / })
    .first()
    .getAttribute('aria-label'))!.replace(/^Accept /, '');
  await page.keyboard.press('r');
  await expect
    .poll(() => section.getByRole('button', { name: `Accept ${rejected}` }).count(), { timeout: 30_000 })
    .toBe(0);

  await page.goto(here);
  await page.getByRole('heading', { level: 1, name: 'Coding' }).waitFor();
  // Loaded once it shows suggestions or says there are none.
  await expect
    .poll(
      async () =>
        (await suggestions.getByRole('listitem').count()) > 0 ||
        (await section.getByText('No suggestions for this response.').count()) > 0,
      { timeout: 60_000 },
    )
    .toBe(true);
  expect(await section.getByRole('button', { name: `Accept ${rejected}` }).count()).toBe(0);
});
