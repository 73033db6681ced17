import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { withBenchDatabase } from '../database.js';
import { generateVolume, volumeFor } from './generate.js';
import { createPeerSchema } from './peer-schema.js';
import { benchQueries, canonical, firstDifference, type BenchQuery } from './queries.js';
import {
  chorusEnv,
  launch,
  type Launch,
  newSecret,
  NODE_20,
  NODE_22,
  rssOf,
  stop,
  type ServerUnderTest,
} from './servers.js';
import {
  format,
  printFailures,
  printTable,
  summarise,
  type Measurement,
  type QueryResult,
  type Round,
} from './report.js';
import { WireProxies } from './wire-proxy.js';

/**
 * `pnpm bench api [--scale N] [--duration S] [--rounds N] [--connections N] [--only name,…]`:
 * Chorus (production mode, on Node 20 and on Node 22) against B1, a hand-written `node:http` + `pg`
 * server, and PostGraphile v5, on one generated database. See docs/performance.md.
 */
interface Options {
  scale: number;
  /** Seconds of load per server per round. */
  duration: number;
  rounds: number;
  connections: number;
  /** Only queries whose name contains one of these. */
  only: string[];
}

function parseOptions(args: string[]): Options {
  const options: Options = { scale: 50_000, duration: 5, rounds: 2, connections: 10, only: [] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--only') {
      options.only = value.split(',');
      continue;
    }
    const number = Number(value.replace(/_/g, ''));
    if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} must be a positive number`);
    if (flag === '--scale') options.scale = Math.round(number);
    else if (flag === '--duration') options.duration = number;
    else if (flag === '--rounds') options.rounds = Math.round(number);
    else if (flag === '--connections') options.connections = Math.round(number);
    else throw new Error(`unknown option ${flag}; try --scale, --duration, --rounds, --connections, --only`);
  }
  return options;
}

interface Target {
  server: ServerUnderTest;
  /** Name of its relay to PostgreSQL, whose statements it is charged. */
  relay: string;
  request: (query: BenchQuery) => {
    path: string;
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
  };
  answer: (query: BenchQuery, json: Record<string, unknown>) => unknown;
}

const STATEMENT_SAMPLES = 5;
/** The longest a round is stretched for a slow query. */
const SLOW_ROUND_CAP_S = 20;
/** Unmeasured load before the first round, so that every server is measured warm. */
const WARM_UP_S = 1;

async function send(target: Target, query: BenchQuery): Promise<{ ms: number; json: Record<string, unknown> }> {
  const request = target.request(query);
  const started = performance.now();
  const response = await fetch(`${target.server.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { ms: performance.now() - started, json };
}

/** How long a round's leftover statements may run on before they are cancelled. */
const SETTLE_S = 3;

/**
 * Waits until the statements of requests left unanswered when a round ended have finished, and
 * cancels those still running after SETTLE_S. A server keeps running a request's statements after
 * autocannon has closed its connection; at 1M a peer's leftovers take seconds each and would
 * otherwise load the next server's round.
 */
async function settle(db: Client): Promise<void> {
  const active = async () =>
    (
      await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state = 'active'`,
      )
    ).rows.map((row) => row.pid);
  const deadline = performance.now() + SETTLE_S * 1000;
  for (let pids = await active(); pids.length; pids = await active()) {
    if (performance.now() > deadline)
      await db.query(`SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid`, [pids]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function load(target: Target, query: BenchQuery, options: Options, seconds: number): Promise<Round> {
  const request = target.request(query);
  let maxRss: number | null = null;
  let firstBody: string | undefined;
  const sample = () => {
    const rss = rssOf(target.server.process.pid!);
    if (rss !== null) maxRss = Math.max(maxRss ?? 0, rss);
  };
  const sampler = setInterval(sample, 200);
  try {
    const result = await autocannon({
      url: `${target.server.url}${request.path}`,
      method: request.method,
      headers: request.headers,
      body: request.body,
      connections: options.connections,
      duration: seconds,
      timeout: 60,
      // A GraphQL error is a failed request, whatever its HTTP status.
      verifyBody: (body) => {
        const ok = !String(body).includes('"errors"');
        if (!ok) firstBody ??= String(body).slice(0, 300);
        return ok;
      },
    });
    sample();
    // An error body counts as a mismatch whatever its status, so most non-2xx answers are also mismatches.
    const failedAnswers = Math.max(result.non2xx, result.mismatches);
    const ok = Math.max(0, result.requests.total - failedAnswers);
    return {
      seconds,
      answers: result.requests.total,
      requestsPerSecond: ok / (result.duration || seconds),
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: failedAnswers + result.timeouts,
      failures: {
        statusCodes: Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {})
            .filter(([code]) => !code.startsWith('2'))
            .map(([code, stats]) => [code, stats.count ?? 0]),
        ),
        errorBodies: result.mismatches,
        timeouts: result.timeouts,
        firstBody,
      },
      maxRssBytes: maxRss,
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchApi(logger: Logger): Promise<void> {
  const options = parseOptions(process.argv.slice(3));
  const volume = volumeFor(options.scale);
  const log = (line: string) => console.log(line);
  const started = performance.now();
  await withBenchDatabase(logger, async (_dataSource, databaseUrl) => {
    log(`api bench: ${options.scale.toLocaleString('en-GB')} responses, generating…`);
    const generationStarted = performance.now();
    await generateVolume(databaseUrl, volume, log);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    let engagementId: string;
    let sessionId: string;
    let postgresVersion: string;
    try {
      await createPeerSchema(db);
      engagementId = (await db.query<{ id: string }>(`SELECT id FROM engagements`)).rows[0]!.id;
      // A session in the middle of the list: as many responses as most.
      sessionId = (
        await db.query<{ id: string }>(
          `SELECT id FROM sessions ORDER BY starts_at DESC, id DESC OFFSET (SELECT count(*) / 2 FROM sessions) LIMIT 1`,
        )
      ).rows[0]!.id;
      postgresVersion = (await db.query<{ server_version: string }>(`SHOW server_version`)).rows[0]!.server_version;
    } finally {
      await db.end();
    }
    const generationSeconds = (performance.now() - generationStarted) / 1000;
    log(`generated in ${generationSeconds.toFixed(0)} s`);

    const database = new URL(databaseUrl);
    const proxies = WireProxies.start();
    const servers: ServerUnderTest[] = [];
    // Watches for leftover statements between rounds; connected directly, so it is charged to no server.
    const monitor = new Client({ connectionString: databaseUrl });
    await monitor.connect();
    try {
      const relayed = async (name: string) => {
        const url = new URL(databaseUrl);
        url.hostname = '127.0.0.1';
        url.port = String(await proxies.open(name, database.hostname, Number(database.port || 5432)));
        return url.toString();
      };
      const admin = { email: 'bench-admin@chorus.test', password: `Bench-${newSecret()}` };
      const secret = newSecret();
      const basePort = 20_000 + Math.floor(Math.random() * 20_000);
      const specs: Omit<Launch, 'port' | 'databaseUrl'>[] = [
        { name: 'Chorus (Node 20)', node: NODE_20, script: 'chorus', env: chorusEnv(admin, secret) },
        { name: 'Chorus (Node 22)', node: NODE_22, script: 'chorus', env: chorusEnv(admin, secret) },
        { name: 'B1', node: NODE_20, script: 'baseline', env: { ENGAGEMENT_ID: engagementId } },
        { name: 'PostGraphile', node: NODE_22, script: 'postgraphile' },
      ];
      // One after the other: the Chorus instances would otherwise race to create the admin.
      for (const [i, spec] of specs.entries()) {
        servers.push(await launch({ ...spec, port: basePort + i, databaseUrl: await relayed(spec.name) }));
      }
      const [chorus20, chorus22, baseline, postgraphile] = servers as [
        ServerUnderTest,
        ServerUnderTest,
        ServerUnderTest,
        ServerUnderTest,
      ];
      const graphql = async (query: string, variables: Record<string, unknown>, token?: string) => {
        const response = await fetch(`${chorus20.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        const json = (await response.json()) as { data?: Record<string, Record<string, string>>; errors?: unknown };
        if (!json.data) throw new Error(`Chorus refused the bench's set-up: ${JSON.stringify(json.errors)}`);
        return json.data;
      };
      const staffToken = (
        await graphql(
          `
            mutation ($e: String!, $p: String!) {
              login(email: $e, password: $p) {
                token
              }
            }
          `,
          {
            e: admin.email,
            p: admin.password,
          },
        )
      ).login!.token!;
      const councilKey = (
        await graphql(
          `
            mutation {
              createApiKey(input: { label: "bench council reader", role: COUNCIL_READER }) {
                key
              }
            }
          `,
          {},
          staffToken,
        )
      ).createApiKey!.key!;

      const chorusTarget = (server: ServerUnderTest): Target => ({
        server,
        relay: server.name,
        request: (query) => ({
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${query.caller === 'council' ? councilKey : staffToken}`,
          },
          body: JSON.stringify(query.chorus),
        }),
        answer: (_query, json) => json.data ?? json,
      });
      const targets: Target[] = [
        chorusTarget(chorus20),
        chorusTarget(chorus22),
        {
          server: baseline,
          relay: baseline.name,
          request: (query) => ({ path: query.baseline, method: 'GET', headers: {} }),
          answer: (_query, json) => json.data ?? json,
        },
        {
          server: postgraphile,
          relay: postgraphile.name,
          request: (query) => ({
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(query.postgraphile),
          }),
          answer: (query, json) => {
            const data = json.data as Record<string, unknown> | undefined;
            if (!data) return json;
            const shaped = canonical(data) as Record<string, unknown>;
            return query.fromPostgraphile ? query.fromPostgraphile(shaped) : shaped;
          },
        },
      ];

      const queries = benchQueries({ engagementId, sessionId }).filter(
        (query) => !options.only.length || options.only.some((part) => query.name.includes(part)),
      );
      const results: QueryResult[] = [];
      for (const query of queries) {
        log(`\n${query.name}`);
        const measurements: Measurement[] = [];
        const expected = canonical(targets[2]!.answer(query, (await send(targets[2]!, query)).json));
        for (const target of targets) {
          const before = (await proxies.counts())[target.relay]!;
          const { ms, json } = await send(target, query);
          const difference = firstDifference(canonical(target.answer(query, json)), expected);
          // A slow query is counted on that one request: its statements do not vary, and time is short at 1M.
          const samples = ms > 1_000 ? 0 : STATEMENT_SAMPLES;
          for (let i = 0; i < samples; i++) await send(target, query);
          const statements = ((await proxies.counts())[target.relay]! - before) / (samples + 1);
          measurements.push({
            server: target.server.name,
            node: target.server.node,
            matches: difference === null,
            difference,
            singleMs: ms,
            statementsPerRequest: statements,
            rounds: [],
          });
          log(
            `  ${target.server.name}: ${target.server === baseline ? 'the reference' : difference === null ? 'same rows as B1' : `DIFFERS from B1 at ${difference}`}; ` +
              `one request ${format(ms)} ms, ${format(statements, 1)} SQL statements`,
          );
        }
        // Interleaved, so that whatever else the machine does falls on every server alike. A slow
        // query gets rounds long enough for several answers per connection.
        for (const [i, target] of targets.entries()) {
          // A slow query has warmed up already: it was just sent.
          if (measurements[i]!.singleMs < 1_000) await load(target, query, options, WARM_UP_S);
        }
        for (let round = 0; round < options.rounds; round++) {
          for (const [i, target] of targets.entries()) {
            const measurement = measurements[i]!;
            let seconds = Math.max(
              options.duration,
              Math.min(SLOW_ROUND_CAP_S, Math.ceil((3 * measurement.singleMs) / 1000)),
            );
            await settle(monitor);
            let measured = await load(target, query, options, seconds);
            // Slower under load than alone: again, longer, until each connection has answered.
            while (measured.answers < options.connections && seconds < SLOW_ROUND_CAP_S) {
              seconds = Math.min(SLOW_ROUND_CAP_S, seconds * 2);
              await settle(monitor);
              measured = await load(target, query, options, seconds);
            }
            measurement.rounds.push(measured);
          }
        }
        results.push({ query: query.name, measurements });
      }

      const summary = summarise(results);
      printTable(summary);
      printFailures(results);

      const machine = {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        postgres: postgresVersion,
        database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
      };
      const file = join(
        __dirname,
        '..',
        '..',
        '..',
        '..',
        '..',
        'bench-results',
        `api-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      );
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(
        file,
        JSON.stringify(
          { at: new Date().toISOString(), options, volume, generationSeconds, machine, summary, results },
          null,
          2,
        ),
      );
      log(`\nresults: ${file}; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      for (const server of servers) await stop(server);
      await proxies.stop();
      await monitor.end();
    }
  });
}
