import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { Role } from '@chorus/shared';
import type { Logger } from 'pino';
import { Caller } from '../access/caller.js';
import { RequestContext } from '../db/request-context.js';
import { createServices } from '../services.js';
import { deepDocument, duplicationFlood, fragmentBomb, megabyteDocument } from './attacks.js';
import { startBenchApp, withBenchDatabase } from './database.js';

const ATTACKERS = 4;
const ATTACK_MS = 3_000;
const PROBES_ALONE = 40;
const PROBE = '{ sessions(first: 5) { totalCount edges { node { id title } } } }';
const TARGET_MS = 250;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function post(url: string, query: string, token?: string): Promise<{ ms: number; code?: string }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { ms: performance.now() - started, code: body.errors?.[0]?.extensions?.code };
}

// Attackers run in worker threads, so their own work (building and sending a megabyte) does not
// share the server's event loop and the probe measures the server alone.
const ATTACKER = `
  const { parentPort, workerData: { url, document, until } } = require('node:worker_threads');
  (async () => {
    const codes = new Set();
    let sent = 0;
    const body = JSON.stringify({ query: document });
    while (Date.now() < until) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await response.json();
      codes.add(json.errors?.[0]?.extensions?.code);
      sent++;
    }
    parentPort.postMessage({ sent, codes: [...codes] });
  })();
`;

function attack(url: string, document: string, until: number): Promise<{ sent: number; codes: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ATTACKER, { eval: true, workerData: { url, document, until } });
    worker.once(
      'message',
      (result: { sent: number; codes: string[] }) => void worker.terminate().then(() => resolve(result)),
    );
    worker.once('error', reject);
  });
}

/**
 * `pnpm bench limits`: a signed-in probe query's latency alone, then while anonymous attackers send
 * each hostile document as fast as they can. The ratio is the probe's median under attack over its
 * median alone; the target is no probe above 250 ms.
 */
export async function benchLimits(logger: Logger): Promise<void> {
  await withBenchDatabase(logger, async (dataSource) => {
    const services = createServices(randomBytes(48));
    const engagementId = await services.engagements.ensureDefault(dataSource, 10);
    const system = new RequestContext(dataSource, engagementId, Caller.system, 'bench');
    const password = randomBytes(12).toString('hex');
    await services.users.create(system, {
      email: 'bench@chorus.test',
      displayName: 'Bench',
      role: Role.ADMIN,
      password,
    });
    const { app, url } = await startBenchApp(dataSource, engagementId, services, logger);
    try {
      const login = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
          variables: { e: 'bench@chorus.test', p: password },
        }),
      });
      const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

      const alone: number[] = [];
      for (let i = 0; i < PROBES_ALONE; i++) alone.push((await post(url, PROBE, token)).ms);
      const baseline = percentile(alone, 0.5);
      console.log(`probe alone: median ${baseline.toFixed(1)} ms, max ${Math.max(...alone).toFixed(1)} ms`);

      const attacks: [string, string][] = [
        ['fragment bomb (21 levels)', fragmentBomb(21)],
        ['1 MB of aliased fields', megabyteDocument()],
        ['duplication flood', duplicationFlood()],
        ['100,000 levels deep', deepDocument(100_000)],
      ];
      let worst = 0;
      for (const [name, document] of attacks) {
        const until = Date.now() + ATTACK_MS;
        const attackers = Array.from({ length: ATTACKERS }, () => attack(url, document, until));
        const probes: number[] = [];
        while (Date.now() < until) probes.push((await post(url, PROBE, token)).ms);
        const results = await Promise.all(attackers);
        const sent = results.reduce((total, result) => total + result.sent, 0);
        const codes = new Set(results.flatMap((result) => result.codes));
        const max = Math.max(...probes);
        worst = Math.max(worst, max);
        console.log(
          `${name} (${document.length} bytes, ${sent} sent by ${ATTACKERS} anonymous callers, answered ${[...codes].join('/')}):` +
            ` probe median ${percentile(probes, 0.5).toFixed(1)} ms, p95 ${percentile(probes, 0.95).toFixed(1)} ms,` +
            ` max ${max.toFixed(1)} ms; ratio ${(percentile(probes, 0.5) / baseline).toFixed(2)}× the probe alone`,
        );
      }
      console.log(`worst probe under attack: ${worst.toFixed(1)} ms (target: under ${TARGET_MS} ms)`);
    } finally {
      await app.stop();
    }
  });
}
