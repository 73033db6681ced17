import { Permission } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import type { ConsentsService } from '../consents/consents.service.js';
import { currentConsents } from '../consents/consent.js';
import type { RequestContext } from '../db/request-context.js';
import type { ContactData, ParticipantsService } from './participants.service.js';
import type { Demographics } from './demographics.js';

/** Most audit entries one export lists; a person's trail is far shorter in practice. */
const AUDIT_LIMIT = 10_000;

type Row = Record<string, unknown>;

/** Everything Chorus holds about one person, as a subject access request receives it. */
export interface ParticipantData {
  generatedAt: string;
  participant: Row;
  contact: ContactData | null;
  demographics: Demographics | null;
  consents: Row[];
  consentLedger: Row[];
  responses: Row[];
  codings: Row[];
  quotes: Row[];
  quoteSteps: Row[];
  quoteUses: Row[];
  auditEntries: Row[];
}

/**
 * Subject access (UK GDPR Article 15): one document holding every row about a person, for an
 * admin to send them within the month the ICO expects. Building it is audited, once.
 */
export class SubjectAccessService {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly consents: ConsentsService,
    private readonly useCases: UseCases,
  ) {}

  /** `reference`: the participant's id or printable code. */
  export(ctx: RequestContext, reference: string, field = 'participant'): Promise<ParticipantData> {
    return this.useCases.run(ctx, Permission.ParticipantExport, async (tx) => {
      const { id } = await this.participants.find(tx, reference, field);
      const [participant] = await tx.query<Row>(
        `SELECT p.id, p.code, p.connections, p.age_band AS "ageBand", p.created_at AS "registeredAt",
                a.name AS area, s.title AS session, o.name AS organisation
         FROM participants p
         LEFT JOIN areas a ON a.id = p.area_id
         LEFT JOIN sessions s ON s.id = p.session_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = $1`,
        [id],
      );
      const { contact, demographics } = await this.participants.personalData(tx, id);
      const ledger = (await this.consents.ledger(tx, [id])).get(id) ?? [];
      const responses = await tx.query<Row>(
        `SELECT r.id, s.title AS session, r.prompt, r.text, r.language, r.source, r.created_at AS "recordedAt"
         FROM responses r JOIN sessions s ON s.id = r.session_id
         WHERE r.participant_id = $1 ORDER BY r.created_at, r.id`,
        [id],
      );
      const codings = await tx.query<Row>(
        `SELECT c.response_id AS "responseId", t.name AS theme, c.excerpt, c.created_at AS "codedAt"
         FROM codings c JOIN responses r ON r.id = c.response_id JOIN themes t ON t.id = c.theme_id
         WHERE r.participant_id = $1 ORDER BY c.created_at, c.id`,
        [id],
      );
      // Every column of the quote register, its steps and where each quote was used.
      const ofTheirQuotes = (table: string, order: string) =>
        tx.query<{ row: Row }>(
          `SELECT to_jsonb(t) AS row FROM ${table} t
           WHERE t.${table === 'quotes' ? 'id' : 'quote_id'} IN
             (SELECT q.id FROM quotes q JOIN responses r ON r.id = q.response_id WHERE r.participant_id = $1)
           ORDER BY ${order}`,
          [id],
        );
      const [quotes, quoteSteps, quoteUses] = await Promise.all([
        ofTheirQuotes('quotes', 't.created_at, t.id'),
        ofTheirQuotes('quote_transitions', 't.at, t.id'),
        ofTheirQuotes('quote_uses', 't.at, t.id'),
      ]);
      const auditEntries = await tx.query<Row>(
        `SELECT at, action, entity_type AS "entityType", entity_id AS "entityId", details
         FROM audit_events
         WHERE (entity_type = 'participant' AND entity_id = $1)
            OR (entity_type = 'response' AND entity_id IN (SELECT id FROM responses WHERE participant_id = $1))
            OR (entity_type = 'quote' AND entity_id IN
                 (SELECT q.id FROM quotes q JOIN responses r ON r.id = q.response_id WHERE r.participant_id = $1))
         ORDER BY at, id LIMIT ${AUDIT_LIMIT}`,
        [id],
      );
      const data: ParticipantData = {
        generatedAt: new Date().toISOString(),
        participant: participant!,
        contact,
        demographics,
        consents: currentConsents(ledger).map((c) => ({ ...c })),
        consentLedger: ledger.map((event) => ({
          purpose: event.purpose,
          granted: event.granted,
          withdrawal: event.isWithdrawal,
          method: event.method,
          noticeVersion: event.noticeVersion,
          recordedAt: event.recordedAt,
        })),
        responses,
        codings,
        quotes: quotes.map(({ row }) => row),
        quoteSteps: quoteSteps.map(({ row }) => row),
        quoteUses: quoteUses.map(({ row }) => row),
        auditEntries,
      };
      return audited(data, { action: AuditAction.ParticipantDataExported, entityType: 'participant', entityId: id });
    });
  }
}
