import { hmac, hmacDigester } from '../common/crypto.js';
import type { RequestContext } from '../db/request-context.js';
import { firstWord, lengthsOf, nameForms, wordCount, type KnownNames } from '../responses/redaction-names.js';

/** Whose names a caller's texts are redacted against: a partner its own organisation's, staff the engagement's. */
function scopeOf(ctx: RequestContext): { key: string; organisationId: string | null } {
  const organisationId = ctx.caller.isPartner ? ctx.caller.organisationId : null;
  return { key: `${ctx.engagementId}:${organisationId ?? '*'}`, organisationId };
}

/** The digests of one scope, as the name matcher asks about them. */
class NameDigests implements KnownNames {
  private readonly digest: (form: string) => string;

  /**
   * @param firstWords digests of the first word of every form, or null while some contact in the scope
   * waits for the start-up pass to digest its first words: then every word may open a name.
   */
  constructor(
    key: Buffer,
    private readonly digests: ReadonlySet<string>,
    private readonly firstWords: ReadonlySet<string> | null,
    readonly lengths: readonly number[],
  ) {
    this.digest = hmacDigester(key);
  }

  has(form: string): boolean {
    return this.digests.has(this.digest(form));
  }

  opens(word: string): boolean {
    return this.firstWords === null || this.firstWords.has(this.digest(word));
  }
}

/**
 * The names in contact details, kept for redaction as keyed digests: per contact, an HMAC of each
 * form the name is matched by (redaction-names.ts `nameForms`: whole name, first + last, apostrophes
 * as spaces), under a key derived from the server secret. Without that key a digest cannot be
 * tested against guessed names. Redaction digests the word sequences of a text and looks them up,
 * so it never decrypts a contact and costs the same however many people are on file. A sequence is
 * digested only when its first word is the first word of some form on file, so each contact also
 * keeps a digest of each form's first word (`contact_name_first_words`): most words of a text
 * then cost one digest, not one per name length.
 *
 * Each instance caches a scope's set in memory and reloads it when `contact_name_versions`
 * (bumped by a trigger on every change of digests) says it changed: one small read per batch.
 */
export class ContactNames {
  private readonly cache = new Map<string, { version: string; names: Promise<NameDigests> }>();

  constructor(private readonly key: Buffer) {}

  /** Stores the digests of each person's name; call in the transaction that stores their contact details. */
  async store(ctx: RequestContext, people: { participantId: string; name: string }[]): Promise<void> {
    const named = people.map(({ participantId, name }) => ({ participantId, forms: nameForms(name) }));
    const rows = named.flatMap(({ participantId, forms }) =>
      forms.map((form) => ({ participantId, words: wordCount(form), digest: hmac(this.key, form) })),
    );
    if (!rows.length) return;
    const firstWords = named.flatMap(({ participantId, forms }) =>
      [...new Set(forms.map(firstWord))].map((word) => ({ participantId, digest: hmac(this.key, word) })),
    );
    await ctx.query(
      `INSERT INTO contact_name_digests (participant_id, engagement_id, organisation_id, words, digest)
       SELECT p.id, p.engagement_id, p.organisation_id, t.words, t.digest
       FROM unnest($1::uuid[], $2::smallint[], $3::bytea[]) AS t(participant_id, words, digest)
       JOIN participants p ON p.id = t.participant_id
       ON CONFLICT DO NOTHING`,
      [rows.map((row) => row.participantId), rows.map((row) => row.words), rows.map((row) => row.digest)],
    );
    await ctx.query(
      `INSERT INTO contact_name_first_words (participant_id, engagement_id, organisation_id, digest)
       SELECT p.id, p.engagement_id, p.organisation_id, t.digest
       FROM unnest($1::uuid[], $2::bytea[]) AS t(participant_id, digest)
       JOIN participants p ON p.id = t.participant_id
       ON CONFLICT DO NOTHING`,
      [firstWords.map((row) => row.participantId), firstWords.map((row) => row.digest)],
    );
  }

  /** Removes a participant's digests when their contact details go (an erasure removes them by cascade). */
  async forget(ctx: RequestContext, participantId: string): Promise<void> {
    await ctx.query(`DELETE FROM contact_name_digests WHERE participant_id = $1`, [participantId]);
    await ctx.query(`DELETE FROM contact_name_first_words WHERE participant_id = $1`, [participantId]);
  }

  /**
   * The names the caller's texts are redacted against. Reads one version number; reloads the
   * digests only when they changed since this instance last loaded them.
   */
  async known(ctx: RequestContext): Promise<KnownNames> {
    const scope = scopeOf(ctx);
    // The version is read before the digests, so a change committed in between only causes one more reload.
    // Until the start-up pass has digested every contact in the scope, some first words may be missing;
    // the pass marks each contact done in the transaction that stores its digests.
    const [row] = await ctx.query<{ version: string; waiting: boolean }>(
      `SELECT coalesce(sum(version), 0)::text AS version,
              EXISTS (SELECT 1 FROM participants
                      WHERE NOT contact_name_digested AND engagement_id = $1
                        AND ($2::text IS NULL OR organisation_id::text = $2)) AS waiting
       FROM contact_name_versions
       WHERE engagement_id = $1 AND ($2::text IS NULL OR organisation_key = $2)`,
      [ctx.engagementId, scope.organisationId],
    );
    const version = `${row!.version}${row!.waiting ? ' waiting' : ''}`;
    const cached = this.cache.get(scope.key);
    if (cached?.version === version) return cached.names;
    const names = this.load(ctx, scope.organisationId, row!.waiting);
    this.cache.set(scope.key, { version, names });
    names.catch(() => this.cache.delete(scope.key));
    return names;
  }

  private async load(ctx: RequestContext, organisationId: string | null, waiting: boolean): Promise<NameDigests> {
    const forms = await ctx.query<{ digest: Buffer; words: number }>(
      `SELECT digest, words FROM contact_name_digests
       WHERE engagement_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`,
      [ctx.engagementId, organisationId],
    );
    // Read after the forms, so a contact stored in between has at worst a first word and no form.
    const firstWords = waiting
      ? null
      : await ctx.query<{ digest: Buffer }>(
          `SELECT DISTINCT digest FROM contact_name_first_words
           WHERE engagement_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`,
          [ctx.engagementId, organisationId],
        );
    const digests = (rows: { digest: Buffer }[]) => new Set(rows.map((row) => row.digest.toString('latin1')));
    return new NameDigests(
      this.key,
      digests(forms),
      firstWords && digests(firstWords),
      lengthsOf(forms.map((row) => row.words)),
    );
  }
}
