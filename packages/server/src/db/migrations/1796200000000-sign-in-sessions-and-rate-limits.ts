import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions, so one can end on its own (`logout`) or with its user (disabling), and stay
 * ended; and the counters of rate-limiter-flexible's PostgreSQL store, shared by every API
 * instance when no Redis is configured (its own column layout: key, points, expire in epoch ms).
 */
export class SignInSessionsAndRateLimits1796200000000 implements MigrationInterface {
  name = 'SignInSessionsAndRateLimits1796200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await db.query(`CREATE INDEX user_sessions_open_idx ON user_sessions (user_id) WHERE ended_at IS NULL`);
    await db.query(`
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limits`);
    await db.query(`DROP TABLE user_sessions`);
  }
}
