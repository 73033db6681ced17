import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { CityConnection, ConsentMethod, ConsentPurpose, Prompt, ResponseSource, SessionFormat } from '@chorus/shared';
import pino, { type Logger } from 'pino';
import { RequestContext } from '../db/request-context.js';
import { Response } from '../responses/response.entity.js';
import { createServices } from '../services.js';
import { Caller } from '../access/caller.js';
import { benchAggregates } from './aggregates.js';
import { benchApi } from './api/api.js';
import { withBenchDatabase } from './database.js';
import { benchImport } from './import.js';
import { benchLimits } from './limits.js';
import { benchRedaction } from './redaction.js';
import { benchSuggestions } from './suggestions.js';
import { benchWrites } from './writes.js';

/**
 * `pnpm bench batches` (the default): the batch submission path against the per-row ORM baseline it replaced, on the
 * same database in the same run. Results are ratios, so they hold across machines.
 */
const RESPONSES = 2_000;
const BATCH = 500;
const ROUNDS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The batch submission bench: bulk path against a per-row ORM baseline. */
async function benchBatches(logger: Logger): Promise<void> {
  await withBenchDatabase(logger, async (dataSource) => {
    const services = createServices(randomBytes(48));
    const engagementId = await services.engagements.ensureDefault(dataSource, 10);
    const ctx = new RequestContext(dataSource, engagementId, Caller.system, 'bench');
    const session = await services.sessions.create(ctx, {
      title: 'Bench',
      format: SessionFormat.WORKSHOP,
      startsAt: new Date(),
    });
    const people: string[] = [];
    for (let i = 0; i < 20; i++) {
      const p = await services.participants.register(ctx, {
        sessionId: session.id,
        connections: [CityConnection.LIVES],
        consents: [
          { purpose: ConsentPurpose.PARTICIPATION, granted: true, method: ConsentMethod.VERBAL, noticeVersion: 'v1' },
        ],
      });
      people.push(p.id);
    }
    const rows = Array.from({ length: RESPONSES }, (_, i) => ({
      participantId: people[i % people.length]!,
      prompt: Object.values(Prompt)[i % 5]!,
      text: `Response ${i}: the 24 bus is late again, ring me on 07700 900${String(i % 1000).padStart(3, '0')} about the canal path`,
      language: 'en',
    }));

    const bulk: number[] = [];
    const perRow: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bulk.push(
        await time(async () => {
          for (let i = 0; i < RESPONSES; i += BATCH) {
            await services.responses.submit(ctx, {
              sessionId: session.id,
              idempotencyKey: randomUUID(),
              responses: rows.slice(i, i + BATCH),
            });
          }
        }),
      );
      // The baseline: one ORM save per row, the anti-pattern the bulk path replaced.
      perRow.push(
        await time(() =>
          ctx.transaction(async (tx) => {
            for (const row of rows) {
              await tx.manager.save(
                tx.manager.create(Response, {
                  ...row,
                  sessionId: session.id,
                  position: 0,
                  source: ResponseSource.STAFF,
                }),
              );
            }
          }),
        ),
      );
    }
    const ours = median(bulk);
    const baseline = median(perRow);
    console.log(`submitResponses, ${RESPONSES} responses in batches of ${BATCH} (median of ${ROUNDS}):`);
    console.log(`  bulk path (validate, consent check, redact, one INSERT per batch): ${ours.toFixed(0)} ms`);
    console.log(`  baseline (one ORM save per row, no checks):                      ${baseline.toFixed(0)} ms`);
    console.log(`  ratio: ${(baseline / ours).toFixed(1)}× faster than the baseline`);
  });
}

const BENCHES: Record<string, (logger: Logger) => void | Promise<void>> = {
  aggregates: benchAggregates,
  api: benchApi,
  batches: benchBatches,
  import: benchImport,
  limits: benchLimits,
  redaction: benchRedaction,
  suggestions: benchSuggestions,
  writes: benchWrites,
};

/** `pnpm bench [batches|import|limits|redaction|suggestions|writes|api|aggregates]`; `api`, `aggregates` and `import` take options of their own. */
async function main(): Promise<void> {
  const name = process.argv[2] ?? 'batches';
  const bench = BENCHES[name];
  if (!bench) throw new Error(`unknown bench "${name}"; try one of: ${Object.keys(BENCHES).join(', ')}`);
  await bench(pino({ level: 'warn' }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
