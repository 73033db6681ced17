import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = resolve(here, '../../server/dist/main.js');
// CHORUS_ADMIN_DIR lets a developer test a build kept elsewhere.
const ADMIN_DIST = process.env.CHORUS_ADMIN_DIR ?? resolve(here, '../dist');
export const SCREENSHOTS = resolve(here, '../test-results/screens');
const AXE = readFileSync(resolve(here, '../node_modules/axe-core/axe.min.js'), 'utf8');

/** The demo data's sign-ins (packages/server/src/demo). */
export const DEMO = {
  admin: { email: 'admin@chorus.local', password: 'chorus-demo-admin' },
  coordinator: { email: 'coordinator@chorus.local', password: 'chorus-demo-coordinator' },
  facilitator: { email: 'facilitator@chorus.local', password: 'chorus-demo-facilitator' },
  analyst: { email: 'analyst@chorus.local', password: 'chorus-demo-analyst' },
  partner: { email: 'partner@chorus.local', password: 'chorus-demo-partner' },
  safeguarding: { email: 'safeguarding@chorus.local', password: 'chorus-demo-safeguarding_lead' },
};

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export interface Chorus {
  url: string;
  browser: Browser;
  page: Page;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Production's only sign-in: the bootstrap admin (production loads no demo data). */
export const PRODUCTION_ADMIN = { email: 'lead@council.example', password: 'a-long-production-password' };

/**
 * The built server and admin app on their own embedded PostgreSQL with the demo data (or, with
 * `production`, as `NODE_ENV=production` with only the bootstrap admin), and a headless Debian
 * Chromium; `env` adds to or overrides the server's environment. Nothing is mocked.
 */
export async function startChorus({
  production = false,
  logLevel = 'warn',
  env = {},
}: { production?: boolean; logLevel?: string; env?: Record<string, string> } = {}): Promise<Chorus> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: String(port),
      CHORUS_DATA_DIR: dataDir,
      CHORUS_ADMIN_DIR: ADMIN_DIST,
      ...(production
        ? {
            NODE_ENV: 'production',
            CHORUS_DEMO_DATA: '0',
            CHORUS_SECRET: 'e2e-production-secret-of-at-least-32-characters',
            CHORUS_BOOTSTRAP_ADMIN_EMAIL: PRODUCTION_ADMIN.email,
            CHORUS_BOOTSTRAP_ADMIN_PASSWORD: PRODUCTION_ADMIN.password,
          }
        : { NODE_ENV: 'development', CHORUS_DEMO_DATA: '1' }),
      DATABASE_URL: '',
      LOG_LEVEL: logLevel,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`Chorus did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url,
    browser,
    page: await openPage(browser, url),
    output: () => output,
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A page in a browser context of its own (its own cookies), 1280×900 unless `options` say
 * otherwise (a phone's viewport, JavaScript off).
 */
export async function openPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options, baseURL });
  const page = await context.newPage();
  // Each wait is for something the page shows; on a loaded machine that can take a while.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  // Whatever the Content-Security-Policy blocks is recorded, for checkScreen to fail on.
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = ((window as unknown as { cspViolations?: string[] }).cspViolations ??= []);
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    }),
  );
  return page;
}

export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

let announced = false;

/** What the Content-Security-Policy blocked on this page so far. */
export const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

/**
 * Checks the screen with axe (WCAG 2.2 A and AA, and axe's best practices) and fails on any violation, whatever its impact,
 * and on anything the Content-Security-Policy blocked; saves a screenshot named after the screen.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Every query on the screen has answered: a screen still loading fails here rather than later.
  await page.getByText('Loading…').first().waitFor({ state: 'detached' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!announced) {
    console.log(`Screenshots of every screen: ${SCREENSHOTS}`);
    announced = true;
  }
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await cspViolations(page), `Content-Security-Policy violations on ${name}`).toEqual([]);
  // Evaluated over the DevTools protocol: an inline <script> would be (rightly) refused by the CSP.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      // Best practice too: duplicate landmarks and a page without an h1 mislead a screen-reader user.
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  });
  expect(violations, `accessibility violations on ${name}`).toEqual([]);
}

/** One GraphQL request to a started Chorus, as a partner system would send it; a test fails on any error. */
export async function api<T>(
  chorus: Chorus,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const reply = await fetch(`${chorus.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await reply.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}
