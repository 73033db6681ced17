import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyed digests of the names in contact details, so redaction looks names up instead of decrypting
 * every contact on each batch (participants/contact-names.ts). A migration has no secret, so it only
 * marks the contacts already stored; the server computes their digests at start-up.
 * `contact_name_versions` changes whenever an organisation's digests do, so each instance can tell
 * cheaply that its cached set is out of date.
 */
export class ContactNameDigests1796310000000 implements MigrationInterface {
  name = 'ContactNameDigests1796310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contact_name_digests (
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        organisation_id uuid REFERENCES organisations(id),
        words smallint NOT NULL CHECK (words >= 1),
        digest bytea NOT NULL CHECK (octet_length(digest) = 32),
        PRIMARY KEY (participant_id, digest)
      )`);
    await db.query(
      `CREATE INDEX contact_name_digests_scope_idx ON contact_name_digests (engagement_id, organisation_id)`,
    );
    await db.query(`
      CREATE TABLE contact_name_versions (
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        -- the organisation's id, or '' for participants registered by engagement staff
        organisation_key text NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (engagement_id, organisation_key)
      )`);
    // Statement-level, so a bulk insert or an erasure's cascade bumps each organisation once.
    await db.query(`
      CREATE FUNCTION contact_name_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO contact_name_versions (engagement_id, organisation_key, version)
        SELECT DISTINCT engagement_id, coalesce(organisation_id::text, ''), 1 FROM changed
        ORDER BY 1, 2
        ON CONFLICT (engagement_id, organisation_key) DO UPDATE SET version = contact_name_versions.version + 1;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER contact_name_digests_inserted AFTER INSERT ON contact_name_digests
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_name_versions_bump()`);
    await db.query(`
      CREATE TRIGGER contact_name_digests_deleted AFTER DELETE ON contact_name_digests
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_name_versions_bump()`);
    // Contacts stored before this migration wait for the server to digest their names.
    await db.query(`ALTER TABLE participants ADD COLUMN contact_name_digested boolean NOT NULL DEFAULT true`);
    await db.query(`UPDATE participants SET contact_name_digested = false WHERE contact_encrypted IS NOT NULL`);
    await db.query(
      `CREATE INDEX participants_contact_name_undigested_idx ON participants (id) WHERE NOT contact_name_digested`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE participants DROP COLUMN contact_name_digested`);
    await db.query(`DROP TABLE contact_name_digests`);
    await db.query(`DROP FUNCTION contact_name_versions_bump()`);
    await db.query(`DROP TABLE contact_name_versions`);
  }
}
