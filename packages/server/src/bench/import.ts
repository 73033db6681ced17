import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { ConsentMethod, ConsentPurpose, Prompt, SessionFormat } from '@chorus/shared';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Logger } from 'pino';
import { Caller } from '../access/caller.js';
import { RequestContext } from '../db/request-context.js';
import { ImportStatus } from '../imports/imports.service.js';
import { createServices } from '../services.js';
import { withBenchDatabase } from './database.js';

/**
 * `pnpm bench import [--rows N]`: a CSV file of N rows (100,000 by default; the scale is
 * 1,000,000) through the import (streamed read, redaction, safeguarding match, COPY into staging,
 * the row checks in SQL, then the job's INSERT … SELECTs), against a raw COPY of the same file
 * into a plain table in the same run. Reports rows per second, the ratio to raw COPY, and the
 * process's peak RSS (flat memory: it should not grow with N).
 */
const HEADING = 'Connection,Ward,Age,Consent,Quote,What do you value?,Challenges\n';
const TEXTS = [
  'The canal path on a summer evening, and neighbours who say hello',
  'Email me at sam.jones@example.org about the youth club',
  'Buses that come on time; ring 07700 900123 if you want to talk',
  'The library and the market; the park by the school at ST4 2AB',
];

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function writeFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  if (!out.write(HEADING)) await once(out, 'drain');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `lives,,25-34,yes,${i % 3 ? 'yes' : ''},"${TEXTS[i % 4]} (${i})","${TEXTS[(i + 1) % 4]}"\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function parseRows(argv: string[]): number {
  const at = argv.indexOf('--rows');
  if (at < 0) return 100_000;
  const rows = Number(argv[at + 1]);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows takes a whole number');
  return rows;
}

export async function benchImport(logger: Logger): Promise<void> {
  const rows = parseRows(process.argv.slice(3));
  const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-import-'));
  const file = join(dir, 'answers.csv');
  try {
    await writeFile(file, rows);
    const bytes = statSync(file).size;
    await withBenchDatabase(logger, async (dataSource) => {
      const services = createServices(randomBytes(48));
      const engagementId = await services.engagements.ensureDefault(dataSource, 10);
      const ctx = new RequestContext(dataSource, engagementId, Caller.system, 'bench');
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const rssBefore = process.memoryUsage().rss;

      // Raw COPY of the same file: the floor any import of it stands on.
      const runner = dataSource.createQueryRunner();
      const client = (await runner.connect()) as PoolClient;
      await client.query(
        `CREATE UNLOGGED TABLE bench_raw_copy (connection text, ward text, age text, consent text, quote text, a text, b text)`,
      );
      let began = process.hrtime.bigint();
      await pipeline(
        createReadStream(file),
        client.query(copyFrom(`COPY bench_raw_copy FROM STDIN (FORMAT csv, HEADER true)`)),
      );
      const raw = seconds(began);
      await runner.release();

      const session = await services.sessions.create(ctx, {
        title: 'Bench import',
        format: SessionFormat.QUESTIONNAIRE,
        startsAt: new Date(),
      });
      const created = await services.imports.create(ctx, {
        sessionId: session.id,
        fileName: 'answers.csv',
        consentMethod: ConsentMethod.WRITTEN,
        noticeVersion: 'v1',
        columns: {
          connections: 'Connection',
          area: 'Ward',
          ageBand: 'Age',
          consents: [
            { purpose: ConsentPurpose.PARTICIPATION, column: 'Consent' },
            { purpose: ConsentPurpose.QUOTE, column: 'Quote' },
          ],
          answers: [
            { prompt: Prompt.VALUES, column: 'What do you value?' },
            { prompt: Prompt.CHALLENGES, column: 'Challenges' },
          ],
        },
      });
      began = process.hrtime.bigint();
      const staged = await services.imports.stage(ctx, created.id, createReadStream(file), 'text/csv');
      const stage = seconds(began);
      if (staged.status !== ImportStatus.CHECKED)
        throw new Error(`the bench file did not check: ${staged.errorCount} errors`);
      await services.imports.start(ctx, created.id);
      began = process.hrtime.bigint();
      await services.imports.run(ctx, created.id);
      const store = seconds(began);
      clearInterval(sampler);
      const done = await services.imports.get(ctx, created.id);
      if (done.status !== ImportStatus.DONE || done.participantsStored !== rows)
        throw new Error(`the import ended ${done.status}`);

      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      const rate = (s: number) => `${Math.round(rows / s).toLocaleString('en-GB')} rows/s`;
      console.log(`import bench: ${rows.toLocaleString('en-GB')} rows, ${mb(bytes)} CSV`);
      console.log(`  raw COPY of the file:            ${raw.toFixed(2)} s  ${rate(raw)}`);
      console.log(
        `  upload: read, redact, COPY, check: ${stage.toFixed(2)} s  ${rate(stage)}  (${(raw / stage).toFixed(2)}× raw COPY)`,
      );
      console.log(
        `  import job (INSERT … SELECT):      ${store.toFixed(2)} s  ${rate(store)}  (${done.responsesStored.toLocaleString('en-GB')} responses)`,
      );
      console.log(
        `  end to end:                        ${(stage + store).toFixed(2)} s  ${rate(stage + store)}  (${(raw / (stage + store)).toFixed(2)}× raw COPY)`,
      );
      console.log(
        `  peak RSS ${mb(peak)} (${mb(rssBefore)} before; grew ${mb(peak - rssBefore)} for a ${mb(bytes)} file)`,
      );
      console.log('  targets: ≥ 100,000 rows/s and ≥ 0.3× raw COPY, flat memory');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
