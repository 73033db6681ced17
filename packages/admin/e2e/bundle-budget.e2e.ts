import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUDGET_BYTES, initialJavaScript } from '../scripts/bundle-size.mjs';
import { DEMO, startChorus, type Chorus } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const ADMIN_DIST = process.env.CHORUS_ADMIN_DIR ?? resolve(here, '../dist');
const SERVER_DIST = resolve(here, '../../server/dist');
const SHARED_DIST = resolve(here, '../../shared/dist');

it('keeps the first load within 200 kB of gzipped JavaScript', () => {
  const { gzipBytes, files } = initialJavaScript();
  expect(files.length).toBeGreaterThan(0);
  expect(gzipBytes, `initial JavaScript is ${(gzipBytes / 1024).toFixed(1)} kB gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
});

it('ships no source maps in the production build (admin app, explorer, server)', () => {
  const built = [ADMIN_DIST, SERVER_DIST, SHARED_DIST].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)),
  );
  const scripts = built.filter((file) => /\.(m?js|css)$/.test(file));
  expect(scripts.length).toBeGreaterThan(0);
  expect(built.filter((file) => file.endsWith('.map'))).toEqual([]);
  expect(scripts.filter((file) => readFileSync(file, 'utf8').includes('sourceMappingURL='))).toEqual([]);
});

// What a first visit costs over the wire, as the server sends it (issue 11's targets).
const SIGN_IN_JS_BYTES = 200 * 1024;
const OVERVIEW_MORE_JS_BYTES = 150 * 1024;

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(async () => chorus?.stop());

/** Every script the page fetches from now on: its bytes as sent (compressed), its encoding and caching. */
function scriptsSent(page: Page) {
  const sent: { url: string; bytes: number; encoding?: string; cacheControl?: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .request()
        .sizes()
        .then(({ responseBodySize }) => {
          const headers = response.headers();
          sent.push({
            url: new URL(response.url()).pathname,
            bytes: responseBodySize,
            encoding: headers['content-encoding'],
            cacheControl: headers['cache-control'],
          });
        }),
    );
  });
  return async () => {
    await Promise.all(pending);
    return sent.splice(0);
  };
}

const total = (scripts: { bytes: number }[]) => scripts.reduce((sum, s) => sum + s.bytes, 0);
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

it('sends the sign-in page in at most 200 kB of compressed JavaScript, and the overview in 150 kB more', async () => {
  const page = await chorus.browser.newPage({ baseURL: chorus.url });
  const taken = scriptsSent(page);
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  const signInPage = await taken();
  expect(signInPage.length).toBeGreaterThan(0);
  for (const script of signInPage) {
    // Files under 1 kB are not worth compressing (scripts/precompress.mjs); browsers ask for br over HTTPS only.
    if (script.bytes >= 1024) expect(['br', 'gzip'], `${script.url} sent compressed`).toContain(script.encoding);
    expect(script.cacheControl, `${script.url} kept by the browser`).toBe('public, max-age=31536000, immutable');
  }
  console.log(`sign-in page: ${kB(total(signInPage))} of JavaScript in ${signInPage.length} file(s)`);
  expect(total(signInPage), `sign-in page sends ${kB(total(signInPage))}`).toBeLessThanOrEqual(SIGN_IN_JS_BYTES);

  await page.getByLabel('Email').fill(DEMO.admin.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.getByText('Loading…').first().waitFor({ state: 'detached' });
  const overview = await taken();
  console.log(`overview after sign-in: ${kB(total(overview))} more in ${overview.length} file(s)`);
  expect(total(overview), `the overview adds ${kB(total(overview))}`).toBeLessThanOrEqual(OVERVIEW_MORE_JS_BYTES);

  // A second visit takes every script from the browser's cache without asking the server.
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  const scripts = new Map<string, string>();
  const fromCache = new Set<string>();
  devtools.on('Network.requestWillBeSent', ({ requestId, type, request }) => {
    if (type === 'Script') scripts.set(requestId, request.url);
  });
  devtools.on('Network.requestServedFromCache', ({ requestId }) => fromCache.add(requestId));
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(scripts.size).toBeGreaterThan(0);
  expect([...scripts].filter(([id]) => !fromCache.has(id)).map(([, url]) => url)).toEqual([]);
  await page.close();
});
