import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Special-category demographics and retention. Ethnicity, religion and disability are kept as one
 * encrypted value per participant (participants/demographics.ts), like contact details, so
 * neither the database nor a backup reveals them. Each engagement may set a retention date,
 * after which a job deletes contact details and special-category data; each run of that job
 * leaves a report of counts (never of people) in retention_runs.
 */
export class DemographicsAndRetention1796440000000 implements MigrationInterface {
  name = 'DemographicsAndRetention1796440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE participants ADD COLUMN special_category_encrypted bytea`);
    await db.query(`ALTER TABLE engagements ADD COLUMN retention_date date`);
    await db.query(`
      CREATE TABLE retention_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        retention_date date NOT NULL,
        ran_at timestamptz(3) NOT NULL DEFAULT now(),
        contact_details_deleted integer NOT NULL CHECK (contact_details_deleted >= 0),
        special_category_deleted integer NOT NULL CHECK (special_category_deleted >= 0),
        name_digests_deleted integer NOT NULL CHECK (name_digests_deleted >= 0)
      )`);
    await db.query(
      `CREATE INDEX retention_runs_engagement_idx ON retention_runs (engagement_id, ran_at DESC, id DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE retention_runs`);
    await db.query(`ALTER TABLE engagements DROP COLUMN retention_date`);
    await db.query(`ALTER TABLE participants DROP COLUMN special_category_encrypted`);
  }
}
