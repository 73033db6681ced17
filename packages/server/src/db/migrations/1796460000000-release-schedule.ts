import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Releases on a schedule: the engagement's setting (NONE, DAILY or WEEKLY at a local time in
 * Europe/London), the facts version a release was built from (so an unchanged one is skipped),
 * and one row per due time, whose uniqueness lets only one worker cut the release for it.
 */
export class ReleaseSchedule1796460000000 implements MigrationInterface {
  name = 'ReleaseSchedule1796460000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE engagements
        ADD COLUMN release_frequency text NOT NULL DEFAULT 'NONE' CHECK (release_frequency IN ('NONE','DAILY','WEEKLY')),
        ADD COLUMN release_time time(0) NOT NULL DEFAULT '06:00',
        ADD COLUMN release_weekday smallint CHECK (release_weekday BETWEEN 1 AND 7),
        ADD CHECK (release_frequency <> 'WEEKLY' OR release_weekday IS NOT NULL)`);
    await db.query(`ALTER TABLE releases ADD COLUMN facts_version bigint`);
    await db.query(`
      CREATE TABLE release_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        due_at timestamptz(0) NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('RUNNING','PUBLISHED','UNCHANGED','HELD','FAILED')),
        release_id uuid REFERENCES releases(id),
        changed_people integer,
        -- The job that took it: its own retry resumes the run, any other job leaves it alone.
        claimed_by text NOT NULL,
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        UNIQUE (engagement_id, due_at)
      )`);
    await db.query(`CREATE INDEX release_runs_engagement_idx ON release_runs (engagement_id, due_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE release_runs`);
    await db.query(`ALTER TABLE releases DROP COLUMN facts_version`);
    await db.query(
      `ALTER TABLE engagements DROP COLUMN release_weekday, DROP COLUMN release_time, DROP COLUMN release_frequency`,
    );
  }
}
