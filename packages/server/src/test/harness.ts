import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role, Sector } from '@chorus/shared';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp, type RunningApp } from '../app';
import { createDataSource, type PoolOptions } from '../db/data-source';
import { RequestContext } from '../db/request-context';
import { createServices, type Services } from '../services';
import { cloneTemplate, databaseUrl, dropDatabase } from './database';
import { Caller } from '../access/caller.js';
import type { HttpTimeouts } from '../http/server-options.js';
import type { RateLimitSettings } from '../rate-limit/rate-limits';
import { createRateLimitStore } from '../rate-limit/store';
import type { WireStatements } from './wire-statements';

/**
 * A GraphQL answer as it came off the wire. `data` defaults to `any`: each test asserts the shape
 * it asked for, so typing every query twice would add nothing (see eslint.config.mjs).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, checked by the assertions
export interface GraphQLResult<T = any> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string; [key: string]: unknown };
  }[];
}

export interface TestServerOptions {
  production?: boolean;
  suppressionThreshold?: number;
  /** A folder holding a built admin app (an index.html), served at `/`. */
  adminDir?: string;
  httpTimeouts?: HttpTimeouts;
  corsOrigins?: string[];
  /** Unset: generous limits in PostgreSQL, so only rate-limit tests meet them. */
  rateLimits?: RateLimitSettings;
  /** Set: rate-limit counters in this Redis (under a key prefix of the server's own). */
  redisUrl?: string;
  pool?: PoolOptions;
  logger?: Logger;
  /** The root secret, when another process (a job worker) must share the server's keys. */
  secret?: Buffer;
  /** Fewest seconds a questionnaire takes to answer; 0 unless a test is about the check. */
  questionnaireMinSeconds?: number;
  /** Set: the server reaches PostgreSQL through this relay, which records every statement. */
  wire?: WireStatements;
  /** Where the board report's HTML links to; unset, it links nothing. */
  publicUrl?: string;
}

/** Far above what any test sends, so tests of other things never meet a limit. */
const TEST_RATE_LIMITS: RateLimitSettings = {
  pointsPerMinute: 100_000_000,
  anonymousPointsPerMinute: 100_000_000,
  signIn: { perIp: 1_000_000, perAccountIp: 1_000, perAccount: 1_000_000 },
};

export const ADMIN_EMAIL = 'admin@test.chorus';
export const PASSWORD = 'a-long-test-password';

/**
 * A real Chorus over a real socket, on a database of its own cloned from the migrated template.
 * Tests speak GraphQL to it, as a partner's client would.
 */
export class TestServer {
  adminToken = '';
  private counter = 0;

  private constructor(
    readonly url: string,
    readonly dataSource: DataSource,
    readonly services: Services,
    readonly engagementId: string,
    private readonly app: RunningApp,
    /** Dropped on stop: null for a sibling, which shares another's. */
    private readonly ownDatabase: string | null,
    private readonly database: string,
    private readonly options: TestServerOptions & { secret: Buffer },
    private readonly keyPrefix: string,
  ) {}

  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const database = await cloneTemplate();
    const secret = options.secret ?? randomBytes(48);
    const keyPrefix = `test-${randomBytes(6).toString('hex')}`;
    const server = await TestServer.launch(database, { ...options, secret }, keyPrefix, true);
    await server.services.users.create(server.systemContext(), {
      email: ADMIN_EMAIL,
      displayName: 'Admin',
      role: Role.ADMIN,
      password: PASSWORD,
    });
    server.adminToken = await server.login(ADMIN_EMAIL, PASSWORD);
    return server;
  }

  /**
   * A second instance of the same install: same database, secret and rate-limit store, its own
   * process state (caches, pool), as behind a load balancer. It does not drop the database.
   */
  async sibling(options: Omit<TestServerOptions, 'secret'> = {}): Promise<TestServer> {
    const sibling = await TestServer.launch(
      this.database,
      { ...this.options, wire: undefined, ...options, secret: this.options.secret },
      this.keyPrefix,
      false,
    );
    sibling.adminToken = this.adminToken;
    return sibling;
  }

  private static async launch(
    database: string,
    options: TestServerOptions & { secret: Buffer },
    keyPrefix: string,
    ownsDatabase: boolean,
  ): Promise<TestServer> {
    const logger = options.logger ?? pino({ level: 'silent' });
    let url = databaseUrl(database);
    if (options.wire) {
      await options.wire.proxy.up();
      url = options.wire.relayed(url);
    }
    // A loaded CI machine can take seconds to start a PostgreSQL backend; the production 1 s
    // bound would fail tests that are not about it (pool-exhaustion sets its own).
    const dataSource = createDataSource(url, { max: 25, acquireTimeoutMs: 10_000, ...options.pool }, logger);
    await dataSource.initialize();
    const rateLimitStore = createRateLimitStore(dataSource, { redisUrl: options.redisUrl, keyPrefix });
    const services = createServices(options.secret, {
      rateLimitStore,
      rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
      questionnaireMinSeconds: options.questionnaireMinSeconds ?? 0,
      publicUrl: options.publicUrl,
    });
    const engagementId = await services.engagements.ensureDefault(dataSource, options.suppressionThreshold ?? 3);
    const app = await createApp({
      config: {
        production: options.production ?? false,
        adminDir: options.adminDir ?? '/nonexistent',
        httpTimeouts: options.httpTimeouts,
        corsOrigins: options.corsOrigins,
      },
      dataSource,
      engagementId,
      services,
      logger,
    });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = app.httpServer.address() as AddressInfo;
    return new TestServer(
      `http://127.0.0.1:${port}`,
      dataSource,
      services,
      engagementId,
      app,
      ownsDatabase ? database : null,
      database,
      options,
      keyPrefix,
    );
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.services.rateLimits.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.options.wire?.proxy.down();
    if (this.ownDatabase) await dropDatabase(this.ownDatabase);
  }

  /** A context that bypasses authorisation, for arranging data the API cannot make directly. */
  systemContext(): RequestContext {
    return new RequestContext(this.dataSource, this.engagementId, Caller.system, 'test');
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as GraphQLResult
  async gql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
    return { status: response.status, ...body };
  }

  /** Runs an operation that must succeed, and returns its data. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as GraphQLResult
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token = this.adminToken): Promise<T> {
    const result = await this.gql<T>(query, variables, token);
    if (result.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  async login(email: string, password: string): Promise<string> {
    const data = await this.ok<{ login: { token: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      { e: email, p: password },
      '',
    );
    return data.login.token;
  }

  unique(prefix: string): string {
    return `${prefix} ${++this.counter}`;
  }

  async createOrganisation(sector: Sector = Sector.VOLUNTARY): Promise<string> {
    const data = await this.ok<{ createOrganisation: { id: string } }>(
      `mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }`,
      {
        i: { name: this.unique('Organisation'), sector },
      },
    );
    return data.createOrganisation.id;
  }

  async createArea(population: number | null = 10_000): Promise<string> {
    const data = await this.ok<{ createArea: { id: string } }>(
      `mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }`,
      {
        i: { name: this.unique('Area'), population },
      },
    );
    return data.createArea.id;
  }

  /** A signed-in user of `role`; returns their id and token. */
  async userWithRole(role: Role, organisationId?: string): Promise<{ id: string; token: string }> {
    const email = `user${++this.counter}@test.chorus`;
    const data = await this.ok<{ createUser: { id: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      {
        i: { email, displayName: `User ${this.counter}`, role, password: PASSWORD, organisationId },
      },
    );
    return { id: data.createUser.id, token: await this.login(email, PASSWORD) };
  }

  async apiKey(role: Role.PARTNER | Role.COUNCIL_READER, organisationId?: string): Promise<string> {
    const data = await this.ok<{ createApiKey: { key: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      {
        i: { label: this.unique('Key'), role, organisationId },
      },
    );
    return data.createApiKey.key;
  }

  async createSession(token = this.adminToken, input: Record<string, unknown> = {}): Promise<string> {
    const data = await this.ok<{ createSession: { id: string } }>(
      `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`,
      { i: { title: this.unique('Session'), format: 'WORKSHOP', startsAt: '2026-06-14T10:00:00Z', ...input } },
      token,
    );
    return data.createSession.id;
  }

  async registerParticipant(token = this.adminToken, input: Record<string, unknown> = {}): Promise<string> {
    const data = await this.ok<{ registerParticipant: { id: string } }>(
      `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id } }`,
      { i: { connections: ['LIVES'], consents: [consent('PARTICIPATION')], ...input } },
      token,
    );
    return data.registerParticipant.id;
  }

  async submit(
    sessionId: string,
    responses: Record<string, unknown>[],
    token = this.adminToken,
    idempotencyKey = randomBytes(8).toString('hex'),
  ): Promise<GraphQLResult> {
    return this.gql(SUBMIT, { i: { sessionId, idempotencyKey, responses } }, token);
  }

  /** Runs a statement with triggers off, as a bulk load does, then recomputes the aggregate facts. */
  async bulkLoadAndRebuild(sql: string, params: unknown[] = []): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await runner.query(sql, params);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await this.dataSource.query(`SELECT aggregate_facts_rebuild()`);
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return row!.n; // count(*) always answers one row
  }
}

export const SUBMIT = `mutation($i: SubmitResponsesInput!) {
  submitResponses(input: $i) { duplicate responses { id prompt text participant { id } } }
}`;

export function consent(purpose: string, granted = true) {
  return { purpose, granted, method: 'VERBAL', noticeVersion: 'v1' };
}

export function codeOf(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

export function fieldOf(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.field;
}

/** The text of a PDF, read back as a reader's tools would (PDF.js, in a child process). */
export function pdfText(pdf: Buffer): Promise<string> {
  return pdfTool('pdf-text.mjs', pdf);
}

/** What each page's QR codes read as, one `<page> <text>` line each (PDF.js and jsQR, in a child process). */
export async function pdfQrCodes(pdf: Buffer): Promise<string[]> {
  return (await pdfTool('pdf-qr.mjs', pdf)).split('\n').filter(Boolean);
}

function pdfTool(script: string, pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, script)],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(new Error(`${script} failed: ${error.message}`)) : resolve(stdout)),
    );
    child.stdin!.end(pdf);
  });
}
