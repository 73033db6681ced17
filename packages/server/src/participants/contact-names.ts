import { hmac, hmacDigester } from '../common/crypto.js';
import type { RequestContext } from '../db/request-context.js';
import { lengthsOf, nameForms, wordCount, type KnownNames } from '../responses/redaction-names.js';

/** Whose names a caller's texts are redacted against: a partner its own organisation's, staff the engagement's. */
function scopeOf(ctx: RequestContext): { key: string; organisationId: string | null } {
  const organisationId = ctx.caller.isPartner ? ctx.caller.organisationId : null;
  return { key: `${ctx.engagementId}:${organisationId ?? '*'}`, organisationId };
}

/** The digests of one scope, as the name matcher asks about them. */
class NameDigests implements KnownNames {
  private readonly digest: (form: string) => string;

  constructor(
    key: Buffer,
    private readonly digests: ReadonlySet<string>,
    readonly lengths: readonly number[],
  ) {
    this.digest = hmacDigester(key);
  }

  has(form: string): boolean {
    return this.digests.has(this.digest(form));
  }
}

/**
 * The names in contact details, kept for redaction as keyed digests: per contact, an HMAC of each
 * form the name is matched by (redaction-names.ts `nameForms`: whole name, first + last, apostrophes
 * as spaces), under a key derived from the server secret. Without that key a digest cannot be
 * tested against guessed names. Redaction digests the word sequences of a text and looks them up,
 * so it never decrypts a contact and costs the same however many people are on file.
 *
 * Each instance caches a scope's set in memory and reloads it when `contact_name_versions`
 * (bumped by a trigger on every change of digests) says it changed: one small read per batch.
 */
export class ContactNames {
  private readonly cache = new Map<string, { version: string; names: Promise<NameDigests> }>();

  constructor(private readonly key: Buffer) {}

  /** Stores the digests of each person's name; call in the transaction that stores their contact details. */
  async store(ctx: RequestContext, people: { participantId: string; name: string }[]): Promise<void> {
    const rows = people.flatMap(({ participantId, name }) =>
      nameForms(name).map((form) => ({ participantId, words: wordCount(form), digest: hmac(this.key, form) })),
    );
    if (!rows.length) return;
    await ctx.query(
      `INSERT INTO contact_name_digests (participant_id, engagement_id, organisation_id, words, digest)
       SELECT p.id, p.engagement_id, p.organisation_id, t.words, t.digest
       FROM unnest($1::uuid[], $2::smallint[], $3::bytea[]) AS t(participant_id, words, digest)
       JOIN participants p ON p.id = t.participant_id
       ON CONFLICT DO NOTHING`,
      [rows.map((row) => row.participantId), rows.map((row) => row.words), rows.map((row) => row.digest)],
    );
  }

  /** Removes a participant's digests when their contact details go (an erasure removes them by cascade). */
  async forget(ctx: RequestContext, participantId: string): Promise<void> {
    await ctx.query(`DELETE FROM contact_name_digests WHERE participant_id = $1`, [participantId]);
  }

  /**
   * The names the caller's texts are redacted against. Reads one version number; reloads the
   * digests only when they changed since this instance last loaded them.
   */
  async known(ctx: RequestContext): Promise<KnownNames> {
    const scope = scopeOf(ctx);
    // The version is read before the digests, so a change committed in between only causes one more reload.
    const [row] = await ctx.query<{ version: string }>(
      `SELECT coalesce(sum(version), 0)::text AS version FROM contact_name_versions
       WHERE engagement_id = $1 AND ($2::text IS NULL OR organisation_key = $2)`,
      [ctx.engagementId, scope.organisationId],
    );
    const version = row!.version;
    const cached = this.cache.get(scope.key);
    if (cached?.version === version) return cached.names;
    const names = this.load(ctx, scope.organisationId);
    this.cache.set(scope.key, { version, names });
    names.catch(() => this.cache.delete(scope.key));
    return names;
  }

  private async load(ctx: RequestContext, organisationId: string | null): Promise<NameDigests> {
    const rows = await ctx.query<{ digest: Buffer; words: number }>(
      `SELECT digest, words FROM contact_name_digests
       WHERE engagement_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`,
      [ctx.engagementId, organisationId],
    );
    return new NameDigests(
      this.key,
      new Set(rows.map((row) => row.digest.toString('latin1'))),
      lengthsOf(rows.map((row) => row.words)),
    );
  }
}
