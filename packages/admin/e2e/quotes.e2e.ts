import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api as request, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

const api = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
  request<T>(chorus, query, variables, token);

/** Waits for transitions to finish, so the contrast checks see the final screen. */
const settled = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));

interface Candidate {
  id: string;
  text: string;
  participant: { id: string; consents: { purpose: string; granted: boolean }[] } | null;
  quotes: { id: string }[];
}

/** A response of the demo data, not yet quoted, whose speaker's QUOTE consent stands: what a quote needs. */
async function quotableResponse(): Promise<{ responseId: string; participantId: string }> {
  const { login } = await api<{ login: { token: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.coordinator.email, p: DEMO.coordinator.password },
  );
  const { responses } = await api<{ responses: { edges: { node: Candidate }[] } }>(
    `{ responses(first: 100) { edges { node { id text quotes { id } participant { id consents { purpose granted } } } } } }`,
    {},
    login.token,
  );
  const found = responses.edges
    .map((edge) => edge.node)
    .find(
      (r) =>
        r.text.split(/\s+/).length >= 6 &&
        r.quotes.length === 0 &&
        !r.text.includes('[') &&
        r.participant?.consents.some((c) => c.purpose === 'QUOTE' && c.granted),
    );
  expect(found, 'a demo response whose speaker agreed to be quoted').toBeDefined();
  return { responseId: found!.id, participantId: found!.participant!.id };
}

it('takes a passage from the coding screen to an approved quote, and a withdrawal takes it out of the release', async () => {
  const { page } = chorus;
  const { responseId, participantId } = await quotableResponse();
  await signIn(page, DEMO.coordinator);

  // The register, at a step no quote has reached: the empty state says so.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Quotes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quote register' }).waitFor();
  await page.getByRole('combobox', { name: 'Step' }).selectOption('REJECTED');
  await page.getByText('No quotes are rejected').waitFor();
  await page.mouse.move(1270, 890);
  await checkScreen(page, 'quotes-empty');

  // On the coding screen: select three words by keyboard, and `q` marks them.
  await page.goto(`/coding?response=${responseId}`);
  const text = page.getByRole('region', { name: 'Response text' });
  await text.waitFor();
  await text.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  const excerpt = page.getByRole('textbox', { name: 'Excerpt' });
  await expect.poll(() => excerpt.inputValue()).not.toBe('');
  const passage = await excerpt.inputValue();
  await page.keyboard.press('q');
  const marked = page.getByRole('status').filter({ hasText: 'Marked the excerpt as a candidate quote' });
  await marked.waitFor();
  await checkScreen(page, 'quotes-marked-on-coding');
  await marked.getByRole('link', { name: 'Open it in the quote register' }).click();

  // Candidate → consent checked.
  await page.getByRole('heading', { level: 1, name: 'Quote' }).waitFor();
  await page.getByRole('region', { name: 'The passage' }).getByText(passage).waitFor();
  await expect.poll(() => page.getByRole('region', { name: 'Consent' }).textContent()).toContain('Stands');
  await checkScreen(page, 'quote-candidate');
  await page.getByRole('button', { name: 'Check consent' }).click();
  await page.getByRole('status').filter({ hasText: 'Consent checked' }).waitFor();

  // De-identified: the passage as it stands, described only by their connection to the city.
  const published = page.getByRole('textbox', { name: 'Published text' });
  await expect.poll(() => published.inputValue()).toBe(passage);
  await page.getByRole('checkbox', { name: 'Age band' }).uncheck();
  await page.getByRole('checkbox', { name: 'Area' }).uncheck();
  await page.getByRole('button', { name: 'Save published copy' }).click();
  await page.getByRole('status').filter({ hasText: 'Published copy saved' }).waitFor();
  await page.getByText('As published').waitFor();
  await page.getByText(/the description does not single anyone out/).waitFor();
  await settled(page);
  await checkScreen(page, 'quote-deidentified');

  // Approved by the coordinator.
  await page.getByRole('button', { name: 'Approve quote' }).click();
  await page.getByRole('status').filter({ hasText: 'Quote approved' }).waitFor();
  await expect
    .poll(() => page.getByRole('table', { name: 'Every step, oldest first' }).textContent())
    .toMatch(/Candidate.*Consent checked.*De-identified.*Approved/);
  await checkScreen(page, 'quote-approved');

  await page.goto('/quotes?status=APPROVED');
  const register = page.getByRole('table', { name: 'Quotes, newest first' });
  await expect.poll(() => register.textContent()).toContain(passage);
  await checkScreen(page, 'quotes-approved');

  // A release lists it, in its preview.
  await page.goto('/releases');
  await page.getByRole('button', { name: 'Publish release' }).click();
  const publishedNotice = page.getByRole('status').filter({ hasText: /Release \d+ published/ });
  await publishedNotice.waitFor();
  const version = /Release (\d+)/.exec((await publishedNotice.textContent())!)![1];
  await page.getByRole('button', { name: `Preview release ${version}` }).click();
  const quotes = page.getByRole('region', { name: `Quotes in release ${version}` });
  await quotes.getByText(passage).waitFor();
  await checkScreen(page, 'release-preview-quotes');

  // Their QUOTE consent withdrawn: the quote leaves the preview at once, and the release says so.
  await page.goto(`/participants/${participantId}`);
  await page.getByRole('button', { name: 'Withdraw: Be quoted anonymously' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText(/Every quote of their words is withdrawn/).waitFor();
  await modal.getByRole('button', { name: 'Withdraw consent' }).click();
  await page.getByRole('status').filter({ hasText: 'Be quoted anonymously: withdrawn.' }).waitFor();

  await page.goto('/releases');
  await page.getByRole('button', { name: `Preview release ${version}` }).click();
  await quotes.getByText('Contains a withdrawn quote').waitFor();
  await expect.poll(() => quotes.getByText(passage).count()).toBe(0);
  await checkScreen(page, 'release-preview-quote-withdrawn');

  await page.goto('/quotes?status=WITHDRAWN');
  await expect.poll(() => register.textContent()).toContain(passage);
});
