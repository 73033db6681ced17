import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'chorus-config-test-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const SECRET = 's'.repeat(40);
const env = (vars: Record<string, string | undefined> = {}) => ({ CHORUS_DATA_DIR: dataDir, ...vars });

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig(env());
    expect(config.port).toBe(4000);
    expect(config.production).toBe(false);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(dataDir);
    expect(config.bootstrapAdmin).toBeUndefined();
    expect(config.suppressionThreshold).toBe(10);
    expect(config.demoData).toBe(true);
    expect(config.dbAcquireTimeoutMs).toBe(1_000);
    expect(config.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.jobs).toEqual({ mode: 'inline', concurrency: 2 });
    expect(config.questionnaireMinSeconds).toBe(15);
  });

  it('keeps the generated development secret across restarts', () => {
    const first = loadConfig(env());
    expect(existsSync(join(dataDir, 'secret'))).toBe(true);
    const second = loadConfig(env());
    expect(second.secret.equals(first.secret)).toBe(true);

    const elsewhere = mkdtempSync(join(tmpdir(), 'chorus-config-test-'));
    try {
      expect(loadConfig(env({ CHORUS_DATA_DIR: elsewhere })).secret.equals(first.secret)).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('reads what the environment sets', () => {
    const config = loadConfig(
      env({
        PORT: '8080',
        DATABASE_URL: 'postgres://chorus:pw@db:5432/chorus',
        CHORUS_BOOTSTRAP_ADMIN_EMAIL: 'lead@council.example',
        CHORUS_BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-password',
        CHORUS_SUPPRESSION_THRESHOLD: '5',
        CHORUS_DB_ACQUIRE_TIMEOUT_MS: '2500',
        CHORUS_SECRET: SECRET,
        NODE_ENV: 'production',
        CHORUS_JOBS: 'off',
        CHORUS_JOBS_CONCURRENCY: '8',
      }),
    );
    expect(config).toMatchObject({
      port: 8080,
      production: true,
      databaseUrl: 'postgres://chorus:pw@db:5432/chorus',
      bootstrapAdmin: { email: 'lead@council.example', password: 'a-long-enough-password' },
      suppressionThreshold: 5,
      dbAcquireTimeoutMs: 2_500,
      jobs: { mode: 'off', concurrency: 8 },
    });
    expect(config.secret.toString('utf8')).toBe(SECRET);
    expect(loadConfig(env({ DATABASE_URL: 'postgresql://db/chorus' })).databaseUrl).toBe('postgresql://db/chorus');
  });

  it('loads demo data by default on the embedded database only', () => {
    expect(loadConfig(env()).demoData).toBe(true);
    expect(loadConfig(env({ DATABASE_URL: 'postgres://db/chorus' })).demoData).toBe(false);
    expect(loadConfig(env({ DATABASE_URL: 'postgres://db/chorus', CHORUS_DEMO_DATA: '1' })).demoData).toBe(true);
    expect(loadConfig(env({ CHORUS_DEMO_DATA: '0' })).demoData).toBe(false);
  });

  it('never loads demo data in production, whose sign-ins have published passwords', () => {
    const production = { NODE_ENV: 'production', CHORUS_SECRET: SECRET };
    expect(loadConfig(env(production)).demoData).toBe(false);
    for (const value of ['1', 'true']) {
      expect(() => loadConfig(env({ ...production, CHORUS_DEMO_DATA: value }))).toThrow(
        /CHORUS_DEMO_DATA.*NODE_ENV=production/,
      );
    }
  });

  it('stops the server at start-up, naming both variables, when production is asked for demo data', () => {
    const started = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'main.ts')], {
      env: { ...process.env, ...env({ NODE_ENV: 'production', CHORUS_SECRET: SECRET, CHORUS_DEMO_DATA: '1' }) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/Invalid configuration: CHORUS_DEMO_DATA must not be 1 when NODE_ENV=production/);
    expect(existsSync(join(dataDir, 'pg'))).toBe(false);
  });

  it('reads the public address the report links to: the local server outside production unless set', () => {
    expect(loadConfig(env()).publicUrl).toBe('http://localhost:4000');
    expect(loadConfig(env({ PORT: '8080' })).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig(env({ CHORUS_PUBLIC_URL: 'https://chorus.example' })).publicUrl).toBe('https://chorus.example');
  });

  it('reads the CORS origins as a comma-separated list', () => {
    expect(loadConfig(env()).corsOrigins).toEqual([]);
    expect(
      loadConfig(env({ CHORUS_CORS_ORIGINS: 'https://partner.example, http://localhost:5173,' })).corsOrigins,
    ).toEqual(['https://partner.example', 'http://localhost:5173']);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['CHORUS_SUPPRESSION_THRESHOLD', { CHORUS_SUPPRESSION_THRESHOLD: '1' }],
    ['CHORUS_SUPPRESSION_THRESHOLD', { CHORUS_SUPPRESSION_THRESHOLD: 'ten' }],
    ['CHORUS_DEMO_DATA', { CHORUS_DEMO_DATA: 'maybe' }],
    ['CHORUS_DB_ACQUIRE_TIMEOUT_MS', { CHORUS_DB_ACQUIRE_TIMEOUT_MS: '0' }],
    ['CHORUS_JOBS', { CHORUS_JOBS: 'worker' }],
    ['CHORUS_JOBS_CONCURRENCY', { CHORUS_JOBS_CONCURRENCY: '0' }],
    ['CHORUS_QUESTIONNAIRE_MIN_SECONDS', { CHORUS_QUESTIONNAIRE_MIN_SECONDS: '-1' }],
    ['CHORUS_BOOTSTRAP_ADMIN_PASSWORD', { CHORUS_BOOTSTRAP_ADMIN_EMAIL: 'lead@council.example' }],
    ['CHORUS_BOOTSTRAP_ADMIN_EMAIL', { CHORUS_BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-password' }],
    [
      'CHORUS_BOOTSTRAP_ADMIN_EMAIL',
      { CHORUS_BOOTSTRAP_ADMIN_EMAIL: 'not-an-email', CHORUS_BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-password' },
    ],
    [
      'CHORUS_BOOTSTRAP_ADMIN_PASSWORD',
      { CHORUS_BOOTSTRAP_ADMIN_EMAIL: 'lead@council.example', CHORUS_BOOTSTRAP_ADMIN_PASSWORD: 'short' },
    ],
    [
      'CHORUS_BOOTSTRAP_ADMIN_PASSWORD',
      { CHORUS_BOOTSTRAP_ADMIN_EMAIL: 'lead@council.example', CHORUS_BOOTSTRAP_ADMIN_PASSWORD: 'password1234' },
    ],
    ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }],
    ['CHORUS_RATE_LIMIT_POINTS', { CHORUS_RATE_LIMIT_POINTS: '0' }],
    ['CHORUS_SIGNIN_LIMIT_PER_ACCOUNT_IP', { CHORUS_SIGNIN_LIMIT_PER_ACCOUNT_IP: 'five' }],
    ['CHORUS_TRUST_PROXY', { CHORUS_TRUST_PROXY: '-1' }],
    ['CHORUS_SECRET', { NODE_ENV: 'production' }],
    ['CHORUS_SECRET', { CHORUS_SECRET: 'too-short' }],
    ['CHORUS_PUBLIC_URL', { CHORUS_PUBLIC_URL: 'chorus.example' }],
    ['CHORUS_PUBLIC_URL', { CHORUS_PUBLIC_URL: 'https://chorus.example/app' }],
    ['CHORUS_PUBLIC_URL', { CHORUS_PUBLIC_URL: 'https://a.example,https://b.example' }],
    ['CHORUS_CORS_ORIGINS', { CHORUS_CORS_ORIGINS: '*' }],
    ['CHORUS_CORS_ORIGINS', { CHORUS_CORS_ORIGINS: 'partner.example' }],
    ['CHORUS_CORS_ORIGINS', { CHORUS_CORS_ORIGINS: 'https://partner.example/' }],
    ['CHORUS_CORS_ORIGINS', { CHORUS_CORS_ORIGINS: 'https://partner.example/app' }],
    ['CHORUS_CORS_ORIGINS', { CHORUS_CORS_ORIGINS: 'https://ok.example,ftp://files.example' }],
    ['CHORUS_CORS_ORIGINS', { CHORUS_CORS_ORIGINS: 'https://Partner.example' }],
  ])('refuses a bad %s (%j), naming it', (name, vars) => {
    expect(() => loadConfig(env(vars))).toThrow(name);
  });

  it('reads Redis and the rate limits, defaulting to PostgreSQL counters', () => {
    expect(loadConfig(env()).redisUrl).toBeUndefined();
    const config = loadConfig(
      env({
        REDIS_URL: 'redis://cache:6379',
        CHORUS_RATE_LIMIT_POINTS: '5000',
        CHORUS_SIGNIN_LIMIT_PER_ACCOUNT_IP: '3',
      }),
    );
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.rateLimits.pointsPerMinute).toBe(5000);
    expect(config.rateLimits.signIn.perAccountIp).toBe(3);
  });

  it('writes no secret file in production, where the secret must be given', () => {
    expect(() => loadConfig(env({ NODE_ENV: 'production' }))).toThrow();
    expect(existsSync(join(dataDir, 'secret'))).toBe(false);
  });

  it('keeps the development secret file private to its owner', () => {
    loadConfig(env());
    const file = join(dataDir, 'secret');
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });
});
