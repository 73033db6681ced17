import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Census populations per area and special-category group (ethnic group, religion, disability),
 * so reach by those groups can be set against who lives there. Reference data like the areas'
 * own populations: no person in it, gone with its area.
 */
export class CensusPopulations1796670000000 implements MigrationInterface {
  name = 'CensusPopulations1796670000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE census_populations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('ETHNIC_GROUP','RELIGION','DISABILITY')),
        group_key text NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        UNIQUE (area_id, category, group_key)
      )`);
    await db.query(`CREATE INDEX census_populations_category_idx ON census_populations (category, group_key)`);
    await db.query(`CREATE INDEX census_populations_updated_by_user_id_idx ON census_populations (updated_by_user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE census_populations`);
  }
}
