import { afterAll, beforeAll, it } from 'vitest';
import { checkScreen, DEMO, signIn, startChorus, type Chorus } from './harness';

let chorus: Chorus;
beforeAll(async () => {
  chorus = await startChorus();
});
afterAll(() => chorus?.stop());

/** London wall-clock time `seconds` from now, HH:MM (the minute it falls in), as the schedule takes it. */
function londonTimeIn(seconds: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + seconds * 1000));
}

it('sets the release schedule, refusing a weekly one without its day, and lists the run it made', async () => {
  const { page } = chorus;
  await signIn(page, DEMO.coordinator);
  await page.goto('/releases');
  const panel = page.getByRole('region', { name: 'Release schedule' });
  await panel.getByText('Releases are published by hand only.').waitFor();
  await panel.getByText('No scheduled runs yet').waitFor();
  await checkScreen(page, 'release-schedule');

  // Weekly without a day: the server's refusal shows beside the field, and nothing changes.
  await panel.getByLabel('How often').selectOption('WEEKLY');
  await panel.getByRole('button', { name: 'Save schedule' }).click();
  await panel.getByText('a WEEKLY schedule needs weekday, 1 (Monday) to 7 (Sunday)').waitFor();
  await checkScreen(page, 'release-schedule-refused');
  await page.reload();
  await panel.getByText('Releases are published by hand only.').waitFor();

  // Daily, due 30 to 90 seconds from now (so the due time does not pass while it is saved), saved from the keyboard.
  const time = londonTimeIn(90);
  await panel.getByLabel('How often').selectOption('DAILY');
  const timeInput = panel.getByLabel('Time (UK time)');
  await timeInput.fill(time);
  await timeInput.press('Enter');
  await panel.getByRole('status').filter({ hasText: 'Release schedule saved.' }).waitFor();
  await panel.getByText(`A release is due every day at ${time} UK time.`).waitFor();
  await panel.getByText(/^Next due: /).waitFor();
  await checkScreen(page, 'release-schedule-set');

  // The job runs at the due time; the run is listed once the page is read again, and its outcome
  // shows once the release is built (the list is read again while a run is building).
  const run = panel
    .getByRole('table', { name: /Scheduled runs/ })
    .getByRole('row')
    .nth(1);
  const deadline = Date.now() + 240_000;
  while (!(await run.isVisible())) {
    if (Date.now() > deadline) throw new Error('no scheduled run was listed');
    await page.reload();
    await panel
      .getByRole('table', { name: /Scheduled runs/ })
      .or(panel.getByText('No scheduled runs yet'))
      .waitFor();
  }
  await run.getByText('Built release 1, the first').waitFor({ timeout: 120_000 });
  await checkScreen(page, 'release-schedule-run');
}, 360_000);
