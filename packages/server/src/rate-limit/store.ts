import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Pool } from 'pg';
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
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Set: counters in Redis, falling back to PostgreSQL while Redis is unreachable. */
  redisUrl?: string;
  /** Prefixes every key: lets instances of different installs (or tests) share one Redis. */
  keyPrefix: string;
  onRedisError?: (error: Error) => void;
}

const TABLE = 'rate_limits';

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
    return {
      kind: 'postgres',
      limiter: (limiter) => postgresLimiter(dataSource, options.keyPrefix, limiter),
      close: async () => {},
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
  return {
    kind: 'redis',
    limiter: (limiter) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${options.keyPrefix}:${limiter.name}`,
        points: limiter.points,
        duration: limiter.durationSeconds,
        insuranceLimiter: postgresLimiter(dataSource, options.keyPrefix, limiter),
      }),
    close: () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}

/** One process's own counters: for tools and tests that build services without a database. */
export function memoryRateLimitStore(): RateLimitStore {
  return {
    kind: 'memory',
    limiter: ({ points, durationSeconds }) => new RateLimiterMemory({ points, duration: durationSeconds }),
    close: async () => {},
  };
}
