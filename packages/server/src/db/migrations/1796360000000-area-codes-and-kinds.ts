import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A warehouse joins areas on their ONS GSS code (a ward is `E05…`), so an area may carry one,
 * unique, and says what kind of place it is. Existing areas become OTHER with no code until an
 * admin sets them.
 */
export class AreaCodesAndKinds1796360000000 implements MigrationInterface {
  name = 'AreaCodesAndKinds1796360000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE areas
        ADD COLUMN code text CHECK (code ~ '^[ENSWK][0-9]{8}$'),
        ADD COLUMN kind text NOT NULL DEFAULT 'OTHER' CHECK (kind IN ('WARD','TOWN','OTHER'))`);
    await db.query(`CREATE UNIQUE INDEX areas_code_key ON areas (code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX areas_code_key`);
    await db.query(`ALTER TABLE areas DROP COLUMN kind, DROP COLUMN code`);
  }
}
