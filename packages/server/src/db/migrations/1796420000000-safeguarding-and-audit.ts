import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = `'ADMIN','COORDINATOR','FACILITATOR','ANALYST','PARTNER','COUNCIL_READER'`;

/**
 * Safeguarding: the SAFEGUARDING_LEAD role; versioned rule sets (each edit is a new version, so a
 * flag says which rules raised it); flags on responses and the actions taken on them.
 *
 * The audit trail becomes append-only: each entry names its engagement and request, and a
 * trigger refuses UPDATE, DELETE and TRUNCATE. The one exception is the erasure procedure,
 * which sets `chorus.audit_anonymise` for its transaction and may then only blank the record id
 * of entries about the erased person; every other column must stay as it was.
 */
export class SafeguardingAndAudit1796420000000 implements MigrationInterface {
  name = 'SafeguardingAndAudit1796420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${ROLES},'SAFEGUARDING_LEAD'))`);

    await db.query(`
      CREATE TABLE safeguarding_rule_sets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        version integer NOT NULL CHECK (version >= 1),
        rules jsonb NOT NULL,
        created_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (engagement_id, version)
      )`);
    await db.query(`
      CREATE TABLE safeguarding_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        response_id uuid NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('RISK_OF_HARM','HATE_INCIDENT','ABUSE_DISCLOSURE')),
        source text NOT NULL CHECK (source IN ('RULE','MANUAL')),
        rule_set_version integer,
        rule_label text,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        raised_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        closed_at timestamptz(3),
        closed_by_user_id uuid REFERENCES users(id),
        CHECK ((source = 'RULE') = (rule_set_version IS NOT NULL)),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    // The queue: open flags first, newest first, per engagement.
    await db.query(
      `CREATE INDEX safeguarding_flags_queue_idx ON safeguarding_flags (engagement_id, status, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX safeguarding_flags_response_idx ON safeguarding_flags (response_id)`);
    await db.query(`
      CREATE TABLE safeguarding_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flag_id uuid NOT NULL REFERENCES safeguarding_flags(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (length(action) BETWEEN 1 AND 2000),
        user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX safeguarding_actions_flag_idx ON safeguarding_actions (flag_id, created_at)`);

    await db.query(`ALTER TABLE audit_events ADD COLUMN engagement_id uuid, ADD COLUMN request_id text`);
    await db.query(`CREATE INDEX audit_events_actor_user_idx ON audit_events (actor_user_id, at DESC)`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, at DESC)`);
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('chorus.audit_anonymise', true) = 'on' THEN
          IF NEW.entity_id IS NULL
             AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_api_key_id, NEW.action, NEW.entity_type, NEW.details,
                  NEW.engagement_id, NEW.request_id)
                 IS NOT DISTINCT FROM
                 (OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_api_key_id, OLD.action, OLD.entity_type, OLD.details,
                  OLD.engagement_id, OLD.request_id) THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_events_not_truncated BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER audit_events_not_truncated ON audit_events`);
    await db.query(`DROP TRIGGER audit_events_append_only ON audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
    await db.query(`DROP INDEX audit_events_action_idx`);
    await db.query(`DROP INDEX audit_events_actor_user_idx`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN request_id, DROP COLUMN engagement_id`);
    await db.query(`DROP TABLE safeguarding_actions`);
    await db.query(`DROP TABLE safeguarding_flags`);
    await db.query(`DROP TABLE safeguarding_rule_sets`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${ROLES}))`);
  }
}
