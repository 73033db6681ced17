import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The foundation: engagement, people, sessions, consent ledger, responses, codebook, audit. */
export class InitialSchema1764180000000 implements MigrationInterface {
  name = 'InitialSchema1764180000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE engagements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        starts_on date,
        ends_on date,
        notice_versions text[] NOT NULL DEFAULT '{}',
        suppression_threshold integer NOT NULL CHECK (suppression_threshold >= 2),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
      )`);

    await db.query(`
      CREATE TABLE areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        population integer CHECK (population >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX areas_name_key ON areas (lower(name))`);

    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        sector text NOT NULL CHECK (sector IN ('PUBLIC_SERVICE','BUSINESS','VOLUNTARY','EDUCATION','FAITH','COMMUNITY','OTHER')),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('ADMIN','COORDINATOR','FACILITATOR','ANALYST','PARTNER','COUNCIL_READER')),
        organisation_id uuid REFERENCES organisations(id),
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (role <> 'PARTNER' OR organisation_id IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await db.query(`CREATE INDEX users_organisation_id_idx ON users (organisation_id)`);

    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('PARTNER','COUNCIL_READER')),
        organisation_id uuid REFERENCES organisations(id),
        prefix text NOT NULL UNIQUE,
        key_hash bytea NOT NULL UNIQUE,
        created_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK (role <> 'PARTNER' OR organisation_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX api_keys_organisation_id_idx ON api_keys (organisation_id)`);
    await db.query(`CREATE INDEX api_keys_created_by_user_id_idx ON api_keys (created_by_user_id)`);

    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        format text NOT NULL CHECK (format IN ('WORKSHOP','CONVERSATION','INTERVIEW','QUESTIONNAIRE','FOCUS_GROUP')),
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED','HELD','CANCELLED')),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz,
        area_id uuid REFERENCES areas(id),
        venue text CHECK (length(venue) <= 200),
        audience text CHECK (length(audience) <= 200),
        organisation_id uuid REFERENCES organisations(id),
        headcount integer CHECK (headcount >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR ends_at >= starts_at)
      )`);
    await db.query(`CREATE INDEX sessions_engagement_starts_idx ON sessions (engagement_id, starts_at DESC, id DESC)`);
    await db.query(`CREATE INDEX sessions_area_id_idx ON sessions (area_id)`);
    await db.query(`CREATE INDEX sessions_organisation_id_idx ON sessions (organisation_id)`);
    await db.query(`CREATE INDEX sessions_format_idx ON sessions (format)`);
    await db.query(`CREATE INDEX sessions_status_idx ON sessions (status)`);

    await db.query(`
      CREATE TABLE session_facilitators (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (session_id, user_id)
      )`);
    await db.query(`CREATE INDEX session_facilitators_user_id_idx ON session_facilitators (user_id)`);

    await db.query(`
      CREATE TABLE participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        code text NOT NULL CHECK (code ~ '^[ACDEFGHJKMNPQRTUVWXY34679]{6}$'),
        session_id uuid REFERENCES sessions(id),
        organisation_id uuid REFERENCES organisations(id),
        area_id uuid REFERENCES areas(id),
        connections text[] NOT NULL CHECK (cardinality(connections) >= 1 AND connections <@ ARRAY['LIVES','WORKS','STUDIES','VOLUNTEERS']),
        age_band text CHECK (age_band IN ('UNDER_16','AGE_16_24','AGE_25_34','AGE_35_44','AGE_45_54','AGE_55_64','AGE_65_74','AGE_75_PLUS','PREFER_NOT_TO_SAY')),
        contact_encrypted bytea,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (engagement_id, code)
      )`);
    await db.query(`CREATE INDEX participants_created_idx ON participants (engagement_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX participants_session_id_idx ON participants (session_id)`);
    await db.query(`CREATE INDEX participants_organisation_id_idx ON participants (organisation_id)`);
    await db.query(`CREATE INDEX participants_area_id_idx ON participants (area_id)`);
    await db.query(`CREATE INDEX participants_age_band_idx ON participants (age_band)`);

    // The consent ledger is append-only: a withdrawal is a new row, never an edit.
    await db.query(`
      CREATE TABLE consent_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('PARTICIPATION','QUOTE','ATTRIBUTION','FOLLOW_UP_CONTACT','SPECIAL_CATEGORY_DATA')),
        granted boolean NOT NULL,
        is_withdrawal boolean NOT NULL DEFAULT false,
        method text CHECK (method IN ('WRITTEN','VERBAL','ONLINE')),
        notice_version text CHECK (length(notice_version) BETWEEN 1 AND 200),
        recorded_by_user_id uuid REFERENCES users(id),
        recorded_by_api_key_id uuid REFERENCES api_keys(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (is_withdrawal OR (method IS NOT NULL AND notice_version IS NOT NULL)),
        CHECK (NOT (is_withdrawal AND granted))
      )`);
    await db.query(
      `CREATE INDEX consent_events_participant_idx ON consent_events (participant_id, purpose, recorded_at DESC)`,
    );
    await db.query(`CREATE INDEX consent_events_recorded_by_user_id_idx ON consent_events (recorded_by_user_id)`);
    await db.query(`CREATE INDEX consent_events_recorded_by_api_key_id_idx ON consent_events (recorded_by_api_key_id)`);
    await db.query(`
      CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consent_events is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      FOR EACH ROW EXECUTE FUNCTION consent_events_append_only()`);

    await db.query(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_scope text NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        payload_hash bytea NOT NULL,
        session_id uuid NOT NULL REFERENCES sessions(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (idempotency_scope, idempotency_key)
      )`);
    await db.query(`CREATE INDEX submissions_session_id_idx ON submissions (session_id)`);

    await db.query(`
      CREATE TABLE responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id),
        participant_id uuid REFERENCES participants(id) ON DELETE CASCADE,
        submission_id uuid REFERENCES submissions(id),
        position integer NOT NULL DEFAULT 0,
        prompt text NOT NULL CHECK (prompt IN ('VALUES','BELONGING','CHALLENGES','FUTURE','WHAT_WORKS')),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
        language text NOT NULL DEFAULT 'en' CHECK (length(language) BETWEEN 2 AND 35),
        source text NOT NULL CHECK (source IN ('STAFF','PARTNER_API','IMPORT')),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX responses_created_idx ON responses (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX responses_session_id_idx ON responses (session_id)`);
    await db.query(`CREATE INDEX responses_participant_id_idx ON responses (participant_id)`);
    await db.query(`CREATE INDEX responses_submission_id_idx ON responses (submission_id, position)`);
    await db.query(`CREATE INDEX responses_prompt_idx ON responses (prompt)`);
    await db.query(`CREATE INDEX responses_text_search_idx ON responses USING gin (to_tsvector('english', text))`);
    await db.query(`CREATE INDEX responses_text_trigram_idx ON responses USING gin (text gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE themes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        parent_id uuid REFERENCES themes(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 10000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await db.query(`CREATE INDEX themes_parent_id_idx ON themes (parent_id)`);
    await db.query(`
      CREATE UNIQUE INDEX themes_sibling_name_key
      ON themes (engagement_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`);

    await db.query(`
      CREATE TABLE codings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        response_id uuid NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        excerpt text CHECK (length(excerpt) BETWEEN 1 AND 10000),
        coder_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX codings_unique_key ON codings (response_id, theme_id, coalesce(excerpt, ''))`);
    await db.query(`CREATE INDEX codings_theme_id_idx ON codings (theme_id)`);
    await db.query(`CREATE INDEX codings_coder_user_id_idx ON codings (coder_user_id)`);

    await db.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        response_id uuid NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        excerpt text NOT NULL CHECK (length(excerpt) BETWEEN 1 AND 10000),
        created_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX quotes_response_id_idx ON quotes (response_id)`);
    await db.query(`CREATE INDEX quotes_created_by_user_id_idx ON quotes (created_by_user_id)`);

    // No foreign keys: the trail outlives the rows it speaks of, and holds no personal data.
    await db.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_api_key_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id)`);
    await db.query(`CREATE INDEX audit_events_at_idx ON audit_events (at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events',
      'quotes',
      'codings',
      'themes',
      'responses',
      'submissions',
      'consent_events',
      'participants',
      'session_facilitators',
      'sessions',
      'api_keys',
      'users',
      'organisations',
      'areas',
      'engagements',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION consent_events_append_only()`);
  }
}
