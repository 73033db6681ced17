import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  // As `pnpm start` runs it: every info line on.
  chorus = await startChorus({ logLevel: 'info' });
});
afterAll(() => chorus?.stop());

it('prints every demo sign-in last, and browsing the app adds no request lines below it', async () => {
  await signIn(chorus.page, DEMO.admin);
  await chorus.page.getByRole('heading', { name: 'Overview' }).waitFor();
  // A failed request is logged: once its line is out, any line the quick ones would have had is too.
  expect((await fetch(`${chorus.url}/assets/missing.js`)).status).toBe(404);
  await expect.poll(() => chorus.output()).toContain('/assets/missing.js');

  const output = chorus.output();
  const banner = output.indexOf('Demo sign-ins (email, password, role):');
  expect(banner).toBeGreaterThan(output.indexOf('Chorus is listening'));
  for (const who of Object.values(DEMO))
    expect(output.slice(banner)).toMatch(new RegExp(`${who.email} +${who.password} `));
  const below = output
    .slice(banner)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; req?: { path: string } });
  expect(below.filter((line) => line.req).map((line) => `${line.msg} ${line.req!.path}`)).toEqual([
    'request failed /assets/missing.js',
  ]);
});
