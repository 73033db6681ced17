/** The bench's figures: per round, per query and server, and how they are printed. */

export interface Round {
  seconds: number;
  /** Answers completed, failed ones included. */
  answers: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** What the failures were: HTTP status codes, error bodies, timeouts; and the first failing body. */
  failures: { statusCodes: Record<string, number>; errorBodies: number; timeouts: number; firstBody?: string };
  maxRssBytes: number | null;
}

export interface Measurement {
  server: string;
  node: string;
  /** Its answer matches the baseline's rows and values. */
  matches: boolean;
  difference: string | null;
  /** One request alone, before any load. */
  singleMs: number;
  statementsPerRequest: number;
  rounds: Round[];
}

export interface QueryResult {
  query: string;
  measurements: Measurement[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const answered = (rounds: Round[]) => rounds.filter((round) => round.answers > 0);

export const format = (n: number | null, digits = 0) =>
  n === null || !Number.isFinite(n)
    ? '–'
    : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Per query and server: req/s the mean of the rounds, latencies their median, RSS the highest. */
export function summarise(results: QueryResult[]) {
  return results.map(({ query, measurements }) => ({
    query,
    servers: measurements.map((m) => ({
      server: m.server,
      node: m.node,
      matches: m.matches,
      requestsPerSecond: mean(m.rounds.map((r) => r.requestsPerSecond)),
      // A round in which nothing came back has no latency: '–', not 0.
      p50: median(answered(m.rounds).map((r) => r.p50)),
      p99: median(answered(m.rounds).map((r) => r.p99)),
      failed: m.rounds.reduce((total, r) => total + r.failed, 0),
      statementsPerRequest: m.statementsPerRequest,
      maxRssMb: Math.max(...m.rounds.map((r) => r.maxRssBytes ?? 0)) / 2 ** 20 || null,
    })),
  }));
}

type Summary = ReturnType<typeof summarise>;

export function printTable(summary: Summary): void {
  const rows: string[][] = [['query', 'server', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'SQL/req', 'RSS MB', 'rows']];
  for (const { query, servers } of summary) {
    for (const s of servers) {
      rows.push([
        s.server === servers[0]!.server ? query : '',
        s.server,
        format(s.requestsPerSecond),
        format(s.p50),
        format(s.p99),
        format(s.failed),
        format(s.statementsPerRequest, 1),
        format(s.maxRssMb),
        s.matches ? 'same' : 'DIFFER',
      ]);
    }
  }
  printRows(rows);
  const ratios: string[][] = [
    ['query', 'Chorus 20 / B1', 'Chorus 20 / PostGraphile', 'Chorus 22 / B1', 'Chorus 22 / PostGraphile'],
  ];
  for (const { query, servers } of summary) {
    const rate = (name: string) => servers.find((s) => s.server === name)?.requestsPerSecond ?? NaN;
    const b1 = rate('B1');
    const pg = rate('PostGraphile');
    const c20 = rate('Chorus (Node 20)');
    const c22 = rate('Chorus (Node 22)');
    ratios.push([query, format(c20 / b1, 3), format(c20 / pg, 3), format(c22 / b1, 3), format(c22 / pg, 3)]);
  }
  printRows(ratios);
}

function printRows(rows: string[][]): void {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  console.log('');
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
}

export function printFailures(results: QueryResult[]): void {
  for (const { query, measurements } of results) {
    for (const { server, rounds } of measurements) {
      const failed = rounds.filter((round) => round.failed > 0);
      if (!failed.length) continue;
      const codes: Record<string, number> = {};
      for (const { failures } of failed) {
        for (const [code, count] of Object.entries(failures.statusCodes)) codes[code] = (codes[code] ?? 0) + count;
      }
      const sum = (pick: (f: Round['failures']) => number) => failed.reduce((n, round) => n + pick(round.failures), 0);
      console.log(
        `failed: ${query}, ${server}: HTTP ${JSON.stringify(codes)}, ${sum((f) => f.errorBodies)} answers with errors, ` +
          `${sum((f) => f.timeouts)} timeouts; first: ${failed.find((round) => round.failures.firstBody)?.failures.firstBody ?? '–'}`,
      );
    }
  }
}
