import { ConsentPurpose, LIMITS, Permission, type AgeBand, type CityConnection } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction, type AuditEntry } from '../audit/audit-action.js';
import { decrypt, encrypt, hmac } from '../common/crypto.js';
import type { Idempotency } from '../common/idempotency.js';
import { badInput, consentRequired, notFound } from '../common/errors.js';
import { byCreatedAt, paginate, type PageArgs, type Cursors } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { ConsentData, ConsentsService } from '../consents/consents.service.js';
import type { Consent } from '../consents/consent.js';
import type { QuoteConsentEffects } from '../quotes/quote-consent-effects.js';
import type { RequestContext } from '../db/request-context.js';
import { confinedToFacilitatedSessions, ownOrganisation, reachSql, scopeParticipants } from '../access/tenancy.js';
import { date, readByIds, type ReadByIds } from '../db/rows.js';
import { mergeTouched, rowsReferencing, type TableTouched } from '../db/references.js';
import { forgetSuggestionExamples } from '../suggestions/suggestion-erasure.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { KnownNames } from '../responses/redaction-names.js';
import { newParticipantCode, normaliseParticipantCode } from './codes.js';
import type { ContactNames } from './contact-names.js';
import { Participant } from './participant.entity.js';
import {
  openDemographics,
  sealDemographics,
  validDemographics,
  type Demographics,
  type DemographicsData,
} from './demographics.js';

export interface ContactData {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface RegisterParticipantData {
  sessionId?: string | null;
  areaId?: string | null;
  connections: CityConnection[];
  ageBand?: AgeBand | null;
  consents: ConsentData[];
  contact?: ContactData | null;
  /** Ethnicity, religion, disability: CONSENT_REQUIRED unless SPECIAL_CATEGORY_DATA is granted in `consents`. */
  demographics?: DemographicsData | null;
  /** A retry with the same key returns the first registration instead of registering twice. */
  idempotencyKey?: string | null;
  /** A code reserved for this person beforehand (a printed paper form's); otherwise a fresh one is drawn. */
  code?: string;
}

export interface ErasureImpact {
  responses: number;
  codings: number;
  quotes: number;
}

export interface ErasureReceipt {
  erasedAt: Date;
  responsesDeleted: number;
  codingsDeleted: number;
  quotesDeleted: number;
  tablesTouched: TableTouched[];
}

const CODE_ATTEMPTS = 10;

export class ParticipantsService {
  constructor(
    private readonly contactKey: Buffer,
    private readonly specialCategoryKey: Buffer,
    private readonly contactNames: ContactNames,
    private readonly sessions: SessionsService,
    private readonly consents: ConsentsService,
    private readonly quoteEffects: QuoteConsentEffects,
    private readonly useCases: UseCases,
    private readonly idempotency: Idempotency,
    private readonly cursors: Cursors,
  ) {}

  /** Registers a person with their consent decisions; nothing is stored without PARTICIPATION granted. */
  async register(ctx: RequestContext, input: RegisterParticipantData): Promise<Participant> {
    return this.useCases.run(ctx, Permission.ParticipantRegister, async (tx) => {
      const connections = validate.distinct('connections', input.connections);
      if (!connections.length) throw badInput('connections', 'connections needs at least one connection to the city');
      const decisions = await this.consents.requireKnownNotices(
        tx,
        tx.engagementId,
        'consents',
        this.consents.validateDecisions('consents', input.consents),
      );
      const granted = (purpose: ConsentPurpose) => decisions.some((d) => d.purpose === purpose && d.granted);
      if (!granted(ConsentPurpose.PARTICIPATION)) {
        throw consentRequired('A participant can be registered only with PARTICIPATION consent granted', 'consents');
      }
      const contact = this.validateContact(input.contact);
      if (contact && !granted(ConsentPurpose.FOLLOW_UP_CONTACT)) {
        throw consentRequired('Contact details may be kept only with FOLLOW_UP_CONTACT consent granted', 'contact');
      }
      const demographics = validDemographics(
        'demographics',
        input.demographics,
        granted(ConsentPurpose.SPECIAL_CATEGORY_DATA),
      );
      const areaId = validate.optionalId('areaId', input.areaId);
      const sessionId = validate.optionalId('sessionId', input.sessionId);
      if (confinedToFacilitatedSessions(tx.caller) && !sessionId) {
        throw badInput('sessionId', 'a facilitator registers participants at one of their sessions');
      }
      const key = validate.optionalText('idempotencyKey', input.idempotencyKey, LIMITS.idempotencyKeyLength);

      let registrationId: string | null = null;
      if (key) {
        const claim = await this.idempotency.claim(tx, {
          table: 'participant_registrations',
          key,
          payload: {
            sessionId,
            areaId,
            connections: [...connections].sort(),
            ageBand: input.ageBand,
            consents: [...decisions].sort((x, y) => x.purpose.localeCompare(y.purpose)),
            contact,
            demographics,
          },
          legacyHash: () => {
            const { idempotencyKey: _key, ...payload } = input;
            return hmac(this.contactKey, JSON.stringify(payload));
          },
          conflict: 'This idempotencyKey was already used to register someone else; use a new key for a new person',
        });
        if (!claim.first) return { result: await this.replayRegistration(tx, claim.id), audit: [] };
        registrationId = claim.id;
      }
      const session = sessionId ? await this.sessions.get(tx, sessionId, 'sessionId') : null;
      if (areaId) {
        const [area] = await tx.query(`SELECT 1 FROM areas WHERE id = $1`, [areaId]);
        if (!area) throw notFound('Area', 'areaId');
      }
      const organisationId = ownOrganisation(tx.caller) ?? session?.organisationId ?? null;
      const participantId = await this.insertWithFreshCode(tx, input.code ?? null, {
        sessionId: session?.id ?? null,
        organisationId,
        areaId,
        connections,
        ageBand: input.ageBand ?? null,
        contactEncrypted: contact ? encrypt(this.contactKey, JSON.stringify(contact)) : null,
        specialCategoryEncrypted: demographics ? sealDemographics(this.specialCategoryKey, demographics) : null,
      });
      if (contact?.name) await this.contactNames.store(tx, [{ participantId, name: contact.name }]);
      const consented = await this.consents.append(tx, participantId, decisions);
      if (registrationId) {
        await tx.query(`UPDATE participant_registrations SET participant_id = $2 WHERE id = $1`, [
          registrationId,
          participantId,
        ]);
      }
      return {
        result: await tx.manager.findOneByOrFail(Participant, { id: participantId }),
        audit: [
          { action: AuditAction.ParticipantRegistered, entityType: 'participant', entityId: participantId },
          ...consented,
        ],
      };
    });
  }

  /** The participant the first registration under this key made; an erased person stays erased. */
  private async replayRegistration(ctx: RequestContext, registrationId: string): Promise<Participant> {
    const [first] = await ctx.query<{ participant_id: string | null }>(
      `SELECT participant_id FROM participant_registrations WHERE id = $1`,
      [registrationId],
    );
    if (!first!.participant_id)
      throw notFound('The participant registered with this key has since been erased; participant', 'idempotencyKey');
    return this.get(ctx, first!.participant_id, 'idempotencyKey');
  }

  list(
    ctx: RequestContext,
    filter: { code?: string | null; sessionId?: string | null; questionnaire?: boolean | null } | null | undefined,
    page: PageArgs,
  ) {
    ctx.require(Permission.ParticipantRead);
    const query = this.scoped(ctx);
    if (filter?.code) query.andWhere('p.code = :code', { code: normaliseParticipantCode(filter.code) });
    if (filter?.sessionId)
      query.andWhere('p.session_id = :sessionId', { sessionId: validate.id('filter.sessionId', filter.sessionId) });
    if (filter?.questionnaire)
      query.andWhere('EXISTS (SELECT 1 FROM questionnaire_sessions qs WHERE qs.session_id = p.session_id)');
    return paginate(query, byCreatedAt<Participant>('p'), page, this.cursors);
  }

  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<Participant> {
    ctx.require(Permission.ParticipantRead);
    const id = validate.id(field, rawId);
    const participant = await this.scoped(ctx).andWhere('p.id = :id', { id }).getOne();
    if (!participant) throw notFound('Participant', field);
    return participant;
  }

  /** Participants in reach (contact details left out), batched with sibling reads. */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Participant[]> {
    return readByIds(ctx, participantsByIds, ids);
  }

  /** Records a later decision, e.g. QUOTE consent given after the session. */
  async recordConsent(ctx: RequestContext, rawParticipantId: string, consent: ConsentData): Promise<Consent> {
    return this.useCases.run(ctx, Permission.ConsentRecord, async (tx) => {
      const participant = await this.lockForConsentChange(tx, rawParticipantId, 'participantId');
      const [decision] = await this.consents.requireKnownNotices(
        tx,
        participant.engagementId,
        'consent',
        this.consents.validateDecisions('consent', [consent]),
      );
      const audit = await this.consents.append(tx, participant.id, [decision!]);
      const current = await this.consents.current(tx, [participant.id]);
      return { result: current.get(participant.id)!.find((c) => c.purpose === decision!.purpose)!, audit };
    });
  }

  /**
   * Replaces the person's special-category answers; with none given, deletes them. Any answer
   * needs SPECIAL_CATEGORY_DATA consent standing (CONSENT_REQUIRED naming the field otherwise).
   */
  async recordDemographics(
    ctx: RequestContext,
    rawParticipantId: string,
    input: DemographicsData | null | undefined,
  ): Promise<Participant> {
    return this.useCases.run(ctx, Permission.ParticipantRegister, async (tx) => {
      const participant = await this.lockForConsentChange(tx, rawParticipantId, 'participantId');
      const consented = await this.consents.standing(tx, [participant.id], ConsentPurpose.SPECIAL_CATEGORY_DATA);
      const demographics = validDemographics('demographics', input, consented.has(participant.id));
      await tx.query(`UPDATE participants SET special_category_encrypted = $2 WHERE id = $1`, [
        participant.id,
        demographics ? sealDemographics(this.specialCategoryKey, demographics) : null,
      ]);
      // The registration's key hashed the answers it was made with: a keyed trace of them.
      await this.forgetRegistrationHash(tx, participant.id);
      return audited(participant, {
        action: demographics ? AuditAction.ParticipantDemographicsRecorded : AuditAction.ParticipantDemographicsDeleted,
        entityType: 'participant',
        entityId: participant.id,
      });
    });
  }

  /**
   * A withdrawal is a new ledger entry, and its effects happen in the same transaction:
   * withdrawing PARTICIPATION deletes the person's responses (their codings and quotes go with
   * them), demographics and contact details; QUOTE withdraws their quotes from every release and
   * export, ATTRIBUTION unnames them (see QuoteConsentEffects); SPECIAL_CATEGORY_DATA deletes
   * ethnicity, religion and disability; FOLLOW_UP_CONTACT deletes the contact details and the
   * digests of their name.
   */
  async withdrawConsent(ctx: RequestContext, rawParticipantId: string, purpose: ConsentPurpose): Promise<Consent> {
    return this.useCases.run(ctx, Permission.ConsentRecord, async (tx) => {
      const participant = await this.lockForConsentChange(tx, rawParticipantId, 'participantId');
      const consent = await this.consents.appendWithdrawal(tx, participant.id, purpose);
      const audit: AuditEntry[] = [
        {
          action: AuditAction.ConsentWithdrawn,
          entityType: 'participant',
          entityId: participant.id,
          details: { purpose },
        },
        ...(await this.quoteEffects.withdrawn(tx, participant.id, purpose)),
      ];
      if (purpose === ConsentPurpose.PARTICIPATION) {
        await this.forgetSubmissionHashes(tx, participant.id);
        await forgetSuggestionExamples(tx, participant.id);
        const [deleted] = await tx.query<{ n: number }>(
          `WITH gone AS (DELETE FROM responses WHERE participant_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
          [participant.id],
        );
        await tx.query(
          `UPDATE participants
           SET age_band = NULL, area_id = NULL, contact_encrypted = NULL, special_category_encrypted = NULL
           WHERE id = $1`,
          [participant.id],
        );
        await this.contactNames.forget(tx, participant.id);
        await this.forgetRegistrationHash(tx, participant.id);
        audit.push({
          action: AuditAction.ParticipantResponsesDeleted,
          entityType: 'participant',
          entityId: participant.id,
          details: { responses: deleted!.n },
        });
      }
      if (purpose === ConsentPurpose.FOLLOW_UP_CONTACT) {
        await tx.query(`UPDATE participants SET contact_encrypted = NULL WHERE id = $1`, [participant.id]);
        await this.contactNames.forget(tx, participant.id);
        await this.forgetRegistrationHash(tx, participant.id);
        audit.push({
          action: AuditAction.ParticipantContactDeleted,
          entityType: 'participant',
          entityId: participant.id,
        });
      }
      if (purpose === ConsentPurpose.SPECIAL_CATEGORY_DATA) {
        await tx.query(`UPDATE participants SET special_category_encrypted = NULL WHERE id = $1`, [participant.id]);
        await this.forgetRegistrationHash(tx, participant.id);
        audit.push({
          action: AuditAction.ParticipantDemographicsDeleted,
          entityType: 'participant',
          entityId: participant.id,
        });
      }
      return { result: consent, audit };
    });
  }

  /** Removes every trace of the person; what remains is an audit entry holding counts only. */
  async erase(ctx: RequestContext, rawId: string): Promise<ErasureReceipt> {
    return this.useCases.run(ctx, Permission.ParticipantErase, async (tx) => {
      const participant = await this.lockForConsentChange(tx, rawId);
      const counts = await this.traces(tx, participant.id);
      const records = await tx.query<{ id: string }>(
        `SELECT r.id FROM responses r WHERE r.participant_id = $1
         UNION ALL SELECT f.id FROM safeguarding_flags f JOIN responses r ON r.id = f.response_id WHERE r.participant_id = $1
         UNION ALL SELECT q.id FROM quotes q JOIN responses r ON r.id = q.response_id WHERE r.participant_id = $1`,
        [participant.id],
      );
      const marked = await this.quoteEffects.erased(tx, participant.id);
      const examples = await forgetSuggestionExamples(tx, participant.id);
      const referencing = await rowsReferencing(tx, 'participants', participant.id);
      // Keyed hashes of their words and details would outlive them: a guess could be tested against them.
      const submissions = await this.forgetSubmissionHashes(tx, participant.id);
      await this.forgetRegistrationHash(tx, participant.id);
      // Responses, codings (with their suggestion provenance), quotes (with their report printings),
      // flags, agreement items (blind codings, settlements), name digests and the consent ledger go by cascade.
      await tx.query(`DELETE FROM participants WHERE id = $1`, [participant.id]);
      const anonymised = await this.useCases.anonymise(tx, [participant.id, ...records.map((row) => row.id)]);
      const tablesTouched = mergeTouched(
        [{ table: 'participants', rows: 1 }],
        referencing,
        marked,
        examples,
        submissions ? [{ table: 'submissions', rows: submissions }] : [],
        // The entries about them, blanked, and the erasure's own.
        [{ table: 'audit_events', rows: anonymised + 1 }],
      );
      const receipt = {
        erasedAt: new Date(),
        responsesDeleted: counts.responses,
        codingsDeleted: counts.codings,
        quotesDeleted: counts.quotes,
        tablesTouched,
      };
      return audited(receipt, {
        action: AuditAction.ParticipantErased,
        entityType: 'participant',
        entityId: participant.id,
        details: {
          responses: receipt.responsesDeleted,
          codings: receipt.codingsDeleted,
          quotes: receipt.quotesDeleted,
          tables: tablesTouched.map((t) => t.table).join(','),
        },
      });
    });
  }

  /** What an erasure of this person would delete, shown before it is confirmed. */
  async traces(ctx: RequestContext, rawId: string): Promise<ErasureImpact> {
    ctx.require(Permission.ParticipantErase);
    const { id: participantId } = await this.get(ctx, rawId);
    const [counts] = await ctx.query<ErasureImpact>(
      `SELECT
         (SELECT count(*)::int FROM responses WHERE participant_id = $1) AS responses,
         (SELECT count(*)::int FROM codings c JOIN responses r ON r.id = c.response_id WHERE r.participant_id = $1) AS codings,
         (SELECT count(*)::int FROM quotes q JOIN responses r ON r.id = q.response_id WHERE r.participant_id = $1) AS quotes`,
      [participantId],
    );
    return counts!;
  }

  /** Contact details, decrypted; every read is audited. */
  contact(ctx: RequestContext, rawId: string): Promise<ContactData | null> {
    return this.auditedRead(ctx, rawId, Permission.ContactRead, AuditAction.ParticipantContactRead, 'contact');
  }

  /** Ethnicity, religion and disability, decrypted; every read is audited. */
  /**
   * The special-category answers of these participants, opened for the disclosure module to count
   * and nothing else: what leaves is its perturbed figures, so no one's answer is read, and this is
   * not audited as a read. Only answers held now are there (a withdrawal deletes them).
   */
  async specialCategoryAnswers(
    ctx: RequestContext,
    participantIds: readonly string[],
  ): Promise<Map<string, Demographics>> {
    ctx.require(Permission.DemographicsAggregateRead);
    const rows = await ctx.query<{ id: string; sealed: Buffer }>(
      `SELECT id, special_category_encrypted AS sealed FROM participants
       WHERE engagement_id = $1 AND id = ANY($2::uuid[]) AND special_category_encrypted IS NOT NULL`,
      [ctx.engagementId, participantIds],
    );
    return new Map(rows.map((row) => [row.id, openDemographics(this.specialCategoryKey, row.sealed)]));
  }

  demographics(ctx: RequestContext, rawId: string): Promise<Demographics | null> {
    return this.auditedRead(
      ctx,
      rawId,
      Permission.DemographicsRead,
      AuditAction.ParticipantDemographicsRead,
      'demographics',
    );
  }

  private async auditedRead<K extends 'contact' | 'demographics'>(
    ctx: RequestContext,
    rawId: string,
    permission: Permission,
    action: AuditAction,
    part: K,
  ) {
    ctx.require(permission);
    const participantId = validate.id('id', rawId);
    const held = (await this.personalData(ctx, participantId))[part];
    if (held) await this.useCases.record(ctx, { action, entityType: 'participant', entityId: participantId });
    return held;
  }

  /**
   * The encrypted details of a participant in reach, decrypted and not audited: the caller
   * checks its own permission and records the read (a subject access export records one entry).
   */
  async personalData(
    ctx: RequestContext,
    participantId: string,
  ): Promise<{ contact: ContactData | null; demographics: Demographics | null }> {
    const [row] = await scopeParticipants(
      ctx.manager
        .createQueryBuilder()
        .select('p.contact_encrypted', 'contact_encrypted')
        .addSelect('p.special_category_encrypted', 'special_category_encrypted')
        .from('participants', 'p'),
      'p',
      ctx,
    )
      .andWhere('p.id = :participantId', { participantId })
      .getRawMany<{ contact_encrypted: Buffer | null; special_category_encrypted: Buffer | null }>();
    return {
      contact: row?.contact_encrypted
        ? (JSON.parse(decrypt(this.contactKey, row.contact_encrypted)) as ContactData)
        : null,
      demographics: row?.special_category_encrypted
        ? openDemographics(this.specialCategoryKey, row.special_category_encrypted)
        : null,
    };
  }

  /** A participant by id (UUID) or by printable code, as staff type either. */
  async find(ctx: RequestContext, reference: string, field: string): Promise<Participant> {
    const ref = validate.requiredText(field, reference, 100);
    if (validate.isUuid(ref)) return this.get(ctx, ref, field);
    ctx.require(Permission.ParticipantRead);
    const participant = await this.scoped(ctx)
      .andWhere('p.code = :code', { code: normaliseParticipantCode(ref) })
      .getOne();
    if (!participant) throw notFound('Participant', field);
    return participant;
  }

  /**
   * Names of participants who left contact details, for redaction. A partner gets only its own
   * organisation's, so what its texts come back redacted as says nothing about other
   * organisations' participants; engagement staff get the whole engagement's.
   */
  knownNames(ctx: RequestContext): Promise<KnownNames> {
    return this.contactNames.known(ctx);
  }

  /**
   * Digests the names of contacts stored before names were digested (a migration has no secret to
   * do it with). Run at start-up; chunked, and safe to run from several instances at once.
   */
  async digestStoredContacts(ctx: RequestContext): Promise<number> {
    let digested = 0;
    for (;;) {
      const done = await ctx.transaction(async (tx) => {
        const rows = await tx.query<{ id: string; contact_encrypted: Buffer | null }>(
          `SELECT id, contact_encrypted FROM participants
           WHERE NOT contact_name_digested ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        );
        const people = rows.flatMap((row) => {
          const name = row.contact_encrypted
            ? (JSON.parse(decrypt(this.contactKey, row.contact_encrypted)) as ContactData).name
            : null;
          return name ? [{ participantId: row.id, name }] : [];
        });
        await this.contactNames.store(tx, people);
        await tx.query(`UPDATE participants SET contact_name_digested = true WHERE id = ANY($1)`, [
          rows.map((row) => row.id),
        ]);
        return rows.length;
      });
      digested += done;
      if (done === 0) return digested;
    }
  }

  /** The registration's payload hash covered their contact details and answers; it stops being checkable. */
  private forgetRegistrationHash(ctx: RequestContext, participantId: string): Promise<number> {
    return this.idempotency.forget(
      ctx,
      'participant_registrations',
      `SELECT id FROM participant_registrations WHERE participant_id = $1`,
      [participantId],
    );
  }

  /** The hashes of the batches that carried their responses covered their words. */
  private forgetSubmissionHashes(ctx: RequestContext, participantId: string): Promise<number> {
    return this.idempotency.forget(
      ctx,
      'submissions',
      `SELECT submission_id FROM responses WHERE participant_id = $1 AND submission_id IS NOT NULL`,
      [participantId],
    );
  }

  private scoped(ctx: RequestContext) {
    return scopeParticipants(ctx.manager.createQueryBuilder(Participant, 'p'), 'p', ctx);
  }

  /** Locks the participant so a concurrent submission cannot slip a response past a withdrawal. */
  private async lockForConsentChange(ctx: RequestContext, rawId: string, field = 'id'): Promise<Participant> {
    const id = validate.id(field, rawId);
    const participant = await this.scoped(ctx).andWhere('p.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!participant) throw notFound('Participant', field);
    return participant;
  }

  private validateContact(contact: ContactData | null | undefined): ContactData | null {
    if (!contact) return null;
    const name = validate.optionalText('contact.name', contact.name);
    const email = contact.email?.trim() ? validate.email('contact.email', contact.email) : null;
    const phone = validate.optionalText('contact.phone', contact.phone, 40);
    if (phone && !/^[+\d][\d\s().-]{5,}$/.test(phone))
      throw badInput('contact.phone', 'contact.phone must be a phone number');
    if (!name && !email && !phone) return null;
    return { name, email, phone };
  }

  /** Inserts the participant under the reserved code, or under a fresh one no one holds or has reserved. */
  private async insertWithFreshCode(
    ctx: RequestContext,
    reserved: string | null,
    values: Partial<Participant>,
  ): Promise<string> {
    for (let attempt = 0; attempt < (reserved ? 1 : CODE_ATTEMPTS); attempt++) {
      const [row] = await ctx.query<{ id: string }>(
        `INSERT INTO participants (engagement_id, code, session_id, organisation_id, area_id, connections, age_band, contact_encrypted, special_category_encrypted)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
         WHERE $10 OR NOT EXISTS (SELECT 1 FROM paper_form_codes WHERE engagement_id = $1 AND code = $2)
         ON CONFLICT (engagement_id, code) DO NOTHING RETURNING id`,
        [
          ctx.engagementId,
          reserved ?? newParticipantCode(),
          values.sessionId,
          values.organisationId,
          values.areaId,
          values.connections,
          values.ageBand,
          values.contactEncrypted,
          values.specialCategoryEncrypted,
          reserved !== null,
        ],
      );
      if (row) return row.id;
    }
    throw new Error('could not find a free participant code');
  }
}

/** Participants in reach by id, contact details left out. */
export const participantsByIds: ReadByIds<Participant> = {
  sql: (ctx, ids, params) =>
    `SELECT p.id, p.engagement_id, p.code, p.session_id, p.organisation_id, p.area_id, p.connections, p.age_band, p.created_at
     FROM participants p WHERE p.id = ANY(${ids}) AND ${reachSql.participants(ctx, 'p', params)}`,
  map: (row) => ({
    id: row.id as string,
    engagementId: row.engagement_id as string,
    code: row.code as string,
    sessionId: row.session_id as string | null,
    organisationId: row.organisation_id as string | null,
    areaId: row.area_id as string | null,
    connections: row.connections as CityConnection[],
    ageBand: row.age_band as AgeBand | null,
    contactEncrypted: null,
    specialCategoryEncrypted: null,
    createdAt: date(row.created_at),
  }),
};
