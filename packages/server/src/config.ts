import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MIN_SECONDS } from './questionnaire/questionnaire.service.js';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './http/server-options.js';
import { validPassword } from './auth/password-strength.js';
import { DEFAULT_RELEASE_BUILD_TIMEOUT_MS } from './releases/releases.service.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limit/rate-limits.js';

export interface Config {
  port: number;
  production: boolean;
  /** Unset: Chorus runs its own embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  bootstrapAdmin: { email: string; password: string } | undefined;
  suppressionThreshold: number;
  demoData: boolean;
  /** Root secret from which token-signing and encryption keys are derived. */
  secret: Buffer;
  logLevel: string;
  /** Database connections per API instance. */
  poolSize: number;
  /** How long a request waits for a free database connection before a retryable 503. */
  dbAcquireTimeoutMs: number;
  /** Folder of the built admin app, served at `/` when present. */
  adminDir: string;
  httpTimeouts: HttpTimeouts;
  /** Browser origins allowed to call the API across sites (CORS); empty: none. */
  corsOrigins: string[];
  /**
   * Where people reach this install (`https://chorus.example`): the board report's HTML links its
   * figures and quotes here, as absolute links; unset, it prints them as text and links nothing.
   */
  publicUrl: string | undefined;
  /** Set: rate-limit counters live in this Redis; unset, in PostgreSQL. */
  redisUrl: string | undefined;
  rateLimits: RateLimitSettings;
  /** Proxy hops in front of the server whose `X-Forwarded-For` is believed; 0 trusts none. */
  trustProxy: number;
  /** `inline`: this process runs queued jobs; `off`: a separate `pnpm worker` does. */
  jobs: { mode: 'inline' | 'off'; concurrency: number };
  /** The statement timeout of a release built by a job; requests keep 15 s. */
  releaseBuildTimeoutMs: number;
  /** Fewest seconds between a questionnaire's first page and its sending; faster is refused as a script. */
  questionnaireMinSeconds: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(name, `must be 1 or 0 (got "${raw}")`);
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw))
    throw new ConfigError(name, `must be one of ${choices.join(', ')} (got "${raw}")`);
  return raw as T;
}

/**
 * The secret comes from CHORUS_SECRET; outside production a missing one is generated once and
 * kept in the data folder, so sessions and encrypted contacts survive restarts.
 */
function loadSecret(env: Env, production: boolean, dataDir: string): Buffer {
  const raw = env.CHORUS_SECRET;
  if (raw) {
    if (raw.length < 32) throw new ConfigError('CHORUS_SECRET', 'must be at least 32 characters');
    return Buffer.from(raw, 'utf8');
  }
  if (production) throw new ConfigError('CHORUS_SECRET', 'is required when NODE_ENV=production');
  const file = resolve(dataDir, 'secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

/** `https://partner.example` form only: a path, a wildcard or a typo would silently allow the wrong sites. */
function origins(env: Env, name: string): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {
      // Reported below with the entry that failed.
    }
    if (origin !== entry) {
      throw new ConfigError(
        name,
        `must list origins such as https://partner.example, comma-separated (got "${entry}")`,
      );
    }
  }
  return entries;
}

/** CHORUS_PUBLIC_URL, one origin; outside production, the local server's own unless set. */
function publicUrl(env: Env, production: boolean): string | undefined {
  const [origin, ...more] = origins(env, 'CHORUS_PUBLIC_URL');
  if (more.length) throw new ConfigError('CHORUS_PUBLIC_URL', 'must be one origin such as https://chorus.example');
  if (origin || production) return origin;
  return `http://localhost:${integer(env, 'PORT', 4000, 0, 65535)}`;
}

/** Reads and validates the environment once, failing with the variable's name. */
export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// connection string');
  }
  const dataDir = resolve(env.CHORUS_DATA_DIR || './.chorus');
  const adminEmail = env.CHORUS_BOOTSTRAP_ADMIN_EMAIL;
  const adminPassword = env.CHORUS_BOOTSTRAP_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError(
      adminEmail ? 'CHORUS_BOOTSTRAP_ADMIN_PASSWORD' : 'CHORUS_BOOTSTRAP_ADMIN_EMAIL',
      'must be set together with its pair',
    );
  }
  if (adminEmail && !adminEmail.includes('@')) {
    throw new ConfigError('CHORUS_BOOTSTRAP_ADMIN_EMAIL', 'must be an email address');
  }
  if (adminPassword) {
    try {
      validPassword('CHORUS_BOOTSTRAP_ADMIN_PASSWORD', adminPassword, [adminEmail ?? '']);
    } catch (error) {
      // The same rule as every other password, so the admin can sign in with it.
      throw new ConfigError('CHORUS_BOOTSTRAP_ADMIN_PASSWORD', (error as Error).message.replace(/^\S+ /, ''));
    }
  }
  // Demo sign-ins have published passwords.
  const demoData = flag(env, 'CHORUS_DEMO_DATA', !databaseUrl && !production);
  if (demoData && production) {
    throw new ConfigError(
      'CHORUS_DEMO_DATA',
      'must not be 1 when NODE_ENV=production: demo sign-ins have published passwords',
    );
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  }
  const limits = DEFAULT_RATE_LIMITS;
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    production,
    databaseUrl,
    dataDir,
    bootstrapAdmin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    suppressionThreshold: integer(env, 'CHORUS_SUPPRESSION_THRESHOLD', 10, 2, 1000),
    demoData,
    secret: loadSecret(env, production, dataDir),
    logLevel: env.LOG_LEVEL || 'info',
    poolSize: integer(env, 'CHORUS_DB_POOL_SIZE', 10, 1, 200),
    dbAcquireTimeoutMs: integer(env, 'CHORUS_DB_ACQUIRE_TIMEOUT_MS', 1_000, 50, 60_000),
    adminDir: resolve(env.CHORUS_ADMIN_DIR || resolve(__dirname, '../../admin/dist')),
    httpTimeouts: {
      headersMs: integer(env, 'CHORUS_HEADERS_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.headersMs, 100, 600_000),
      requestMs: integer(env, 'CHORUS_REQUEST_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.requestMs, 100, 3_600_000),
      keepAliveMs: integer(env, 'CHORUS_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.keepAliveMs, 100, 600_000),
    },
    corsOrigins: origins(env, 'CHORUS_CORS_ORIGINS'),
    publicUrl: publicUrl(env, production),
    redisUrl,
    rateLimits: {
      pointsPerMinute: integer(env, 'CHORUS_RATE_LIMIT_POINTS', limits.pointsPerMinute, 100, 100_000_000),
      anonymousPointsPerMinute: integer(
        env,
        'CHORUS_RATE_LIMIT_ANONYMOUS_POINTS',
        limits.anonymousPointsPerMinute,
        10,
        100_000_000,
      ),
      signIn: {
        perIp: integer(env, 'CHORUS_SIGNIN_LIMIT_PER_IP', limits.signIn.perIp, 1, 1_000_000),
        perAccountIp: integer(env, 'CHORUS_SIGNIN_LIMIT_PER_ACCOUNT_IP', limits.signIn.perAccountIp, 1, 1_000),
        perAccount: integer(env, 'CHORUS_SIGNIN_LIMIT_PER_ACCOUNT', limits.signIn.perAccount, 1, 1_000_000),
      },
    },
    trustProxy: integer(env, 'CHORUS_TRUST_PROXY', 0, 0, 10),
    jobs: {
      mode: oneOf(env, 'CHORUS_JOBS', ['inline', 'off'], 'inline'),
      concurrency: integer(env, 'CHORUS_JOBS_CONCURRENCY', 2, 1, 50),
    },
    releaseBuildTimeoutMs: integer(
      env,
      'CHORUS_RELEASE_BUILD_TIMEOUT_MS',
      DEFAULT_RELEASE_BUILD_TIMEOUT_MS,
      15_000,
      86_400_000,
    ),
    questionnaireMinSeconds: integer(env, 'CHORUS_QUESTIONNAIRE_MIN_SECONDS', DEFAULT_MIN_SECONDS, 0, 600),
  };
}
