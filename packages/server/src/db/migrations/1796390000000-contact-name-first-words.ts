import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyed digests of the first word of each name form on file, so redaction digests a word sequence
 * only when its first word begins some name (participants/contact-names.ts). A table of their own,
 * not rows of `contact_name_digests`, so instances of the previous version still running during a
 * rollout read only the forms they know. A migration has no secret, so it marks the contacts
 * already stored for the start-up pass to digest again; until a scope's contacts are all done,
 * redaction looks up every sequence there as before.
 */
export class ContactNameFirstWords1796390000000 implements MigrationInterface {
  name = 'ContactNameFirstWords1796390000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contact_name_first_words (
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        organisation_id uuid REFERENCES organisations(id),
        digest bytea NOT NULL CHECK (octet_length(digest) = 32),
        PRIMARY KEY (participant_id, digest)
      )`);
    await db.query(
      `CREATE INDEX contact_name_first_words_scope_idx ON contact_name_first_words (engagement_id, organisation_id)`,
    );
    await db.query(`
      CREATE TRIGGER contact_name_first_words_inserted AFTER INSERT ON contact_name_first_words
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_name_versions_bump()`);
    await db.query(`
      CREATE TRIGGER contact_name_first_words_deleted AFTER DELETE ON contact_name_first_words
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_name_versions_bump()`);
    await db.query(`UPDATE participants SET contact_name_digested = false WHERE contact_encrypted IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contact_name_first_words`);
  }
}
