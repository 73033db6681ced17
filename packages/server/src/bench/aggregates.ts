import { randomBytes } from 'node:crypto';
import { LIMITS } from '@chorus/shared';
import type { Logger } from 'pino';
import { Caller } from '../access/caller.js';
import { RequestContext } from '../db/request-context.js';
import { computeTable, computeThemeFigures, Dimension, Measure } from '../disclosure/index.js';
import { ReleaseStatus } from '../releases/release.entity.js';
import { createServices } from '../services.js';
import { generateVolume, volumeFor } from './api/generate.js';
import { withBenchDatabase } from './database.js';

/**
 * `pnpm bench aggregates [--scale small|medium|1m|N] [--rounds N]`: on generated data (bench api's
 * generator), the area × theme table read from a release and computed live, against the raw
 * GROUP BY over the same facts in the same run; and a whole release built, with its time and the
 * process's peak heap. Small by default, so it runs on a shared laptop.
 */
const SCALES: Record<string, number> = { small: 20_000, medium: 200_000, '1m': 1_000_000 };

interface Options {
  scale: number;
  rounds: number;
}

function parse(argv: string[]): Options {
  const options: Options = { scale: SCALES.small!, rounds: 30 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--scale') options.scale = SCALES[value] ?? Number(value);
    else if (flag === '--rounds') options.rounds = Number(value);
    else throw new Error(`unknown option ${flag}; try --scale small|medium|1m|N, --rounds N`);
  }
  if (!Number.isInteger(options.scale) || options.scale < 100)
    throw new Error('--scale must be small, medium, 1m or N ≥ 100');
  if (!Number.isInteger(options.rounds) || options.rounds < 3) throw new Error('--rounds must be at least 3');
  return options;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function timed(rounds: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(); // warm: plans cached, pages in memory
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = ({ p50, p95 }: { p50: number; p95: number }) => `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`;

export async function benchAggregates(logger: Logger): Promise<void> {
  const options = parse(process.argv.slice(3));
  const log = (line: string) => console.log(line);
  await withBenchDatabase(
    logger,
    async (dataSource, databaseUrl) => {
      log(`aggregates bench: ${options.scale.toLocaleString('en-GB')} responses, generating…`);
      await generateVolume(databaseUrl, volumeFor(options.scale), log);
      const services = createServices(randomBytes(48));
      const [engagement] = await dataSource.query<{ id: string }[]>(`SELECT id FROM engagements LIMIT 1`);
      const ctx = new RequestContext(dataSource, engagement!.id, Caller.system, 'bench');

      // A whole release: every table, one snapshot, stored. Heap sampled while it builds.
      let peakHeap = process.memoryUsage().heapUsed;
      const baseHeap = peakHeap;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
      const started = performance.now();
      let release = await services.releases.publish(ctx);
      if (release.status === ReleaseStatus.BUILDING) release = await services.releases.build(ctx, release.id);
      const buildMs = performance.now() - started;
      clearInterval(sampler);

      const raw = await timed(options.rounds, () =>
        dataSource.query(
          `SELECT area_id, theme_id, count(DISTINCT response_id) FROM coding_facts WHERE engagement_id = $1 GROUP BY 1, 2`,
          [ctx.engagementId],
        ),
      );
      const live = await timed(options.rounds, () =>
        computeTable(ctx, { rows: Dimension.AREA, columns: Dimension.THEME, measure: Measure.RESPONSES }),
      );
      // themeSummary's figures, recounted (no cache): the whole engagement, one area, and ten
      // callers at once, each timed from the start of the ten.
      const summary = await timed(options.rounds, () => computeThemeFigures(ctx, {}));
      const [area] = await dataSource.query<{ id: string }[]>(`SELECT id FROM areas ORDER BY id LIMIT 1`);
      const oneArea = await timed(options.rounds, () => computeThemeFigures(ctx, { areaId: area!.id }));
      const concurrent: number[] = [];
      for (let round = 0; round < 3; round++) {
        const start = performance.now();
        await Promise.all(
          Array.from({ length: 10 }, () =>
            computeThemeFigures(ctx, {}).then(() => concurrent.push(performance.now() - start)),
          ),
        );
      }
      const [table] = await services.releases
        .tables(ctx, release)
        .then((all) => all.filter((t) => t.name === 'themes-by-area'));
      const stored = await timed(options.rounds, () =>
        dataSource.query(
          `SELECT ordinal, kind, row_key, row_label, column_key, column_label, value, suppressed, reason
         FROM release_cells WHERE release_id = $1 AND table_name = $2 ORDER BY ordinal`,
          [release.id, 'themes-by-area'],
        ),
      );
      // What a council key's themeTable(release) asks for: the first page of the largest size.
      const page = await timed(options.rounds, () =>
        services.releases.cells(ctx, table!, { first: LIMITS.pageSizeMax }),
      );
      const streamed = await timed(options.rounds, () =>
        services.releases.streamCells(ctx, table!, () => Promise.resolve(true)),
      );

      log(`\nthemes-by-area (${table!.cellCount} figures), ${options.rounds} rounds each:`);
      log(`  raw GROUP BY over coding_facts (no subtree, no disclosure control): ${ms(raw)}`);
      log(
        `  computed live through the disclosure module:                       ${ms(live)}  (${(live.p50 / raw.p50).toFixed(2)}× raw)`,
      );
      log(`  read from a release (one indexed range of release_cells):          ${ms(stored)}`);
      log(`  a page of ${LIMITS.pageSizeMax} figures from a release, as the API serves it:        ${ms(page)}`);
      log(`  streamed from a release by cursor, as the export does:             ${ms(streamed)}`);
      log(`\nthemeSummary figures recounted live (no cache), ${options.rounds} rounds each:`);
      log(`  whole engagement:                                                   ${ms(summary)}`);
      log(`  one area:                                                           ${ms(oneArea)}`);
      log(
        `  10 callers at once, 3 rounds: slowest ${Math.max(...concurrent).toFixed(0)} ms, p50 ${percentile(concurrent, 0.5).toFixed(0)} ms`,
      );
      log(`\nwhole release: ${release.tableCount} tables, ${release.cellCount} figures`);
      log(
        `  built in ${(buildMs / 1000).toFixed(1)} s; peak heap +${((peakHeap - baseHeap) / 2 ** 20).toFixed(0)} MiB over the start`,
      );
    },
    // The pool's connections close while the data is generated; opening one right after the 1M
    // bulk load can outlast a request's 1 s on a loaded machine.
    { acquireTimeoutMs: 30_000 },
  );
}
