import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Pool } from 'pg';
import { BACKGROUND_SQL } from '../common/sql.js';
import { BatchedCounter, storeCounter, type BudgetCounter, type SyncSpend } from './budget-counter.js';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

export interface LimiterOptions {
  /** Distinguishes one limiter's counters from another's in the shared store. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** Where counters live, so every API instance sees the same ones. */
export interface RateLimitStore {
  readonly kind: 'redis' | 'postgres' | 'memory';
  limiter(options: LimiterOptions): RateLimiterAbstract;
  /** For limits charged on every request: in PostgreSQL, charged in memory and settled each second. */
  counter(options: LimiterOptions): BudgetCounter;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Set: counters in Redis, falling back to PostgreSQL while Redis is unreachable. */
  redisUrl?: string;
  /** Prefixes every key: lets instances of different installs (or tests) share one Redis. */
  keyPrefix: string;
  onRedisError?: (error: Error) => void;
  /** A settlement of in-memory charges with PostgreSQL failed; it is retried at the next one. */
  onSyncError?: (error: Error) => void;
}

const TABLE = 'rate_limits';
const SYNC_MS = 1_000;

/**
 * Adds each key's points to its window in the rate_limits table, in the layout of
 * rate-limiter-flexible's PostgreSQL store (key, points, expire in epoch ms), so both kinds of
 * limiter read the same rows; a window that has expired starts again.
 */
function syncSpend(pool: Pool, keyPrefix: string): SyncSpend {
  return async (spent, windowMs) => {
    const now = Date.now();
    const { rows } = await pool.query<{ key: string; points: number; expire: string }>(
      `${BACKGROUND_SQL}INSERT INTO ${TABLE} (key, points, expire)
       SELECT key, points, $3::bigint + $4::bigint FROM unnest($1::text[], $2::int[]) AS spent(key, points)
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN ${TABLE}.expire > $3 THEN ${TABLE}.points + EXCLUDED.points ELSE EXCLUDED.points END,
         expire = CASE WHEN ${TABLE}.expire > $3 THEN ${TABLE}.expire ELSE EXCLUDED.expire END
       RETURNING key, points, expire`,
      [spent.map((entry) => `${keyPrefix}:${entry.key}`), spent.map((entry) => entry.points), now, windowMs],
    );
    return rows.map((row) => ({
      key: row.key.slice(keyPrefix.length + 1),
      points: row.points,
      expire: Number(row.expire),
    }));
  };
}

function postgresLimiter(dataSource: DataSource, keyPrefix: string, options: LimiterOptions) {
  return new RateLimiterPostgres({
    // TypeORM types its pg pool as `any`.
    storeClient: (dataSource.driver as PostgresDriver).master as Pool,
    storeType: 'pool',
    // The table is the migration's; one table for every limiter, keys carry the limiter's name.
    tableName: TABLE,
    tableCreated: true,
    keyPrefix: `${keyPrefix}:${options.name}`,
    points: options.points,
    duration: options.durationSeconds,
  });
}

/** PostgreSQL through the app's pool unless `redisUrl` is set; nothing requires Redis. */
export function createRateLimitStore(dataSource: DataSource, options: StoreOptions): RateLimitStore {
  if (!options.redisUrl) {
    const counters: BatchedCounter[] = [];
    return {
      kind: 'postgres',
      limiter: (limiter) => postgresLimiter(dataSource, options.keyPrefix, limiter),
      counter: ({ name, points, durationSeconds }) => {
        const pool = (dataSource.driver as PostgresDriver).master as Pool;
        const counter = new BatchedCounter(syncSpend(pool, `${options.keyPrefix}:${name}`), {
          points,
          windowMs: durationSeconds * 1000,
          syncMs: SYNC_MS,
          onSyncError: (error) => options.onSyncError?.(error as Error),
        });
        counters.push(counter);
        return counter;
      },
      // Settles what was charged since the last sync, so a restart loses no spend.
      close: async () => {
        await Promise.allSettled(counters.map((counter) => counter.close()));
      },
    };
  }
  // No offline queue: while Redis is down a command fails at once and the PostgreSQL insurance
  // limiter answers, rather than requests queueing behind a reconnect.
  const redis = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  redis.on('error', (error: Error) => options.onRedisError?.(error));
  const limiter = (limiter: LimiterOptions) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${options.keyPrefix}:${limiter.name}`,
      points: limiter.points,
      duration: limiter.durationSeconds,
      insuranceLimiter: postgresLimiter(dataSource, options.keyPrefix, limiter),
    });
  return {
    kind: 'redis',
    limiter,
    counter: (options) => storeCounter(limiter(options)),
    close: () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}

/** One process's own counters: for tools and tests that build services without a database. */
export function memoryRateLimitStore(): RateLimitStore {
  const limiter = ({ points, durationSeconds }: LimiterOptions) =>
    new RateLimiterMemory({ points, duration: durationSeconds });
  return {
    kind: 'memory',
    limiter,
    counter: (options) => storeCounter(limiter(options)),
    close: async () => {},
  };
}
