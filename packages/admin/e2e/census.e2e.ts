import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

it("an admin records an area's census figures by religion, and reach by religion is set against them", async () => {
  const { page } = chorus;
  await signIn(page, DEMO.admin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Census figures' }).click();
  await page.mouse.move(640, 890);
  await page.getByRole('heading', { level: 1, name: 'Census figures' }).waitFor();
  const area = await page.getByRole('combobox', { name: 'Area', exact: true }).evaluate((select) => {
    const chosen = (select as HTMLSelectElement).selectedOptions[0]!;
    return { id: chosen.value, name: chosen.text };
  });
  await page.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Religion' });
  const form = page.getByRole('form', { name: `Census figures for ${area.name} by religion` });
  await form.getByRole('textbox', { name: 'Sikh', exact: true }).waitFor();
  await checkScreen(page, 'census-figures');

  // Refused beside the field, before anything is sent.
  await form.getByRole('textbox', { name: 'Sikh', exact: true }).fill('lots');
  await form.getByRole('button', { name: 'Save figures' }).click();
  await form.getByText('Enter a whole number of people, or leave it blank').waitFor();

  await form.getByRole('textbox', { name: 'Sikh', exact: true }).fill('1,250');
  await form.getByRole('textbox', { name: 'Muslim', exact: true }).fill('3400');
  await form.getByRole('button', { name: 'Save figures' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: `${area.name}: 2 religion figures saved.` })
    .waitFor();
  const recorded = page.getByRole('table', { name: /^Census figures, [1-9]\d* in all$/ });
  await recorded.getByRole('row', { name: new RegExp(`^${area.name} Religion Sikh 1,250`) }).waitFor();
  await checkScreen(page, 'census-figures-saved');

  // What the figures are for: reach by religion in that area, set against them.
  const { login } = await api<{ login: { token: string } }>(
    chorus,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: DEMO.admin.email, p: DEMO.admin.password },
  );
  const { specialCategoryReach } = await api<{
    specialCategoryReach: { rows: { key: string | null; population: number | null }[] };
  }>(
    chorus,
    `query($a: ID!) { specialCategoryReach(by: RELIGION, filter: { areaId: $a }) { rows { key population } } }`,
    { a: area.id },
    login.token,
  );
  expect(specialCategoryReach.rows.find((row) => row.key === 'SIKH')?.population).toBe(1250);
  expect(specialCategoryReach.rows.find((row) => row.key === 'MUSLIM')?.population).toBe(3400);

  // City-wide, a group is set against the census once every area has a figure for it: the overview shows it.
  const { areas } = await api<{ areas: { id: string }[] }>(chorus, `{ areas { id } }`, {}, login.token);
  for (const other of areas.filter((a) => a.id !== area.id)) {
    await api(
      chorus,
      `mutation($i: SetCensusPopulationsInput!) { setCensusPopulations(input: $i) { id } }`,
      { i: { areaId: other.id, category: 'RELIGION', populations: [{ group: 'SIKH', population: 100 }] } },
      login.token,
    );
  }
  const cityWide = (1250 + 100 * (areas.length - 1)).toLocaleString('en-GB');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Overview' }).click();
  const reach = page.getByRole('region', { name: 'Reach by ethnic group, religion and disability' });
  await reach.getByRole('combobox', { name: 'By' }).selectOption({ label: 'Religion' });
  await reach.getByRole('table', { name: 'People heard by religion, against census population' }).waitFor();
  await expect.poll(() => reach.getByRole('row', { name: /^Sikh/ }).textContent()).toContain(cityWide);
  await checkScreen(page, 'overview-special-category-reach');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Census figures' }).click();
  await page.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Religion' });
  await form.getByRole('textbox', { name: 'Sikh', exact: true }).waitFor();

  // Clearing a figure takes it off the list.
  await form.getByRole('textbox', { name: 'Sikh', exact: true }).fill('');
  await form.getByRole('button', { name: 'Save figures' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: `${area.name}: 1 religion figure saved.` })
    .waitFor();
  await recorded.getByRole('row', { name: new RegExp(`^${area.name} Religion Sikh`) }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Sign out' }).click();
});
