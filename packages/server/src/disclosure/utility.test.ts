import pino from 'pino';
import { seedDemoData } from '../demo/seed';
import { TestServer } from '../test/harness';
import { tally, type TallyFilter } from './counts';
import { Dimension, Measure } from './dimensions';
import { computeTable, RELEASE_TABLES } from './tables';

/**
 * Utility on the demo data, at the default threshold: at least 90 % of the cells of every release
 * table whose true count is 20 or more are released, each within ±5 of the truth.
 */
let server: TestServer;
const EVERYTHING: TallyFilter = {
  areaId: null,
  format: null,
  prompt: null,
  ageBand: null,
  sector: null,
  from: null,
  to: null,
  coded: false,
};

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: 10 });
  await seedDemoData(server.systemContext(), server.services, pino({ level: 'silent' }));
});
afterAll(() => server.stop());

it('releases at least 90 % of the cells of 20 or more, each within ±5', async () => {
  const ctx = server.systemContext();
  let large = 0;
  let released = 0;
  for (const spec of RELEASE_TABLES) {
    const table = await computeTable(ctx, spec);
    const truths = await tally(
      ctx,
      spec.measure === Measure.SESSIONS ? 'sessions' : spec.columns === Dimension.THEME ? 'themes' : 'responses',
      [[spec.rows, spec.columns]],
      { ...EVERYTHING, coded: spec.measure === Measure.CODED_RESPONSES },
    );
    for (const cell of table.cells) {
      const found = truths.find((t) => t.keys[0] === cell.row && t.keys[1] === cell.column);
      const truth = (spec.measure === Measure.PARTICIPANTS ? found?.participants : found?.responses) ?? 0;
      if (truth < 20) continue;
      large++;
      if (cell.suppressed) continue;
      released++;
      expect(Math.abs(cell.value! - truth)).toBeLessThanOrEqual(5);
    }
  }
  expect(large).toBeGreaterThan(100);
  expect(released / large).toBeGreaterThanOrEqual(0.9);
});
