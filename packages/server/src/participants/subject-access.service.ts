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
  agreementItems: Row[];
  agreementCodings: Row[];
  quotes: Row[];
  quoteSteps: Row[];
  quoteUses: Row[];
  quoteRemovals: Row[];
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
      // A coding made by accepting a theme suggestion says so, with the model version and the role
      // (not the name) of who accepted it; staff are named nowhere in the export.
      const codings = await tx.query<Row>(
        `SELECT c.response_id AS "responseId", t.name AS theme, c.excerpt, c.created_at AS "codedAt",
                c.from_suggestion AS "fromSuggestion", c.suggestion_model_version AS "suggestionModelVersion",
                m.finished_at AS "suggestionModelTrainedAt", u.role AS "suggestionAcceptedByRole"
         FROM codings c JOIN responses r ON r.id = c.response_id JOIN themes t ON t.id = c.theme_id
         LEFT JOIN suggestion_runs m ON m.engagement_id = $2 AND m.kind = 'MODEL' AND m.version = c.suggestion_model_version
         LEFT JOIN users u ON u.id = c.accepted_by_user_id
         WHERE r.participant_id = $1 ORDER BY c.created_at, c.id`,
        [id, tx.engagementId],
      );
      // Responses drawn for blind double coding: the sample, the settled outcome, and each coding kept
      // for measuring agreement (the original and every blind one), by kind only.
      const themeNames = (table: string, key: string, on: string) =>
        `ARRAY(SELECT th.name FROM ${table} x JOIN themes th ON th.id = x.theme_id WHERE x.${key} = ${on} ORDER BY th.name)`;
      const agreementItems = await tx.query<Row>(
        `SELECT i.response_id AS "responseId", sa.created_at AS "sampledAt", sa.percentage AS "samplePercentage",
                i.settled_at AS "settledAt", ${themeNames('agreement_settled_themes', 'item_id', 'i.id')} AS "settledThemes"
         FROM agreement_items i JOIN agreement_samples sa ON sa.id = i.sample_id JOIN responses r ON r.id = i.response_id
         WHERE r.participant_id = $1 ORDER BY sa.created_at, i.id`,
        [id],
      );
      const agreementCodings = await tx.query<Row>(
        `SELECT i.response_id AS "responseId", a.kind, a.submitted_at AS "submittedAt",
                CASE WHEN a.submitted_at IS NULL THEN NULL ELSE ${themeNames('agreement_assignment_themes', 'assignment_id', 'a.id')} END AS themes
         FROM agreement_assignments a JOIN agreement_items i ON i.id = a.item_id JOIN responses r ON r.id = i.response_id
         WHERE r.participant_id = $1 ORDER BY i.id, a.kind DESC, a.id`,
        [id],
      );
      const theirQuotes = `SELECT q.id FROM quotes q JOIN responses r ON r.id = q.response_id WHERE r.participant_id = $1`;
      // Every column of the quote register and its steps.
      const ofTheirQuotes = (table: string, order: string) =>
        tx.query<{ row: Row }>(
          `SELECT to_jsonb(t) AS row FROM ${table} t
           WHERE t.${table === 'quotes' ? 'id' : 'quote_id'} IN (${theirQuotes}) ORDER BY ${order}`,
          [id],
        );
      const [quotes, quoteSteps] = await Promise.all([
        ofTheirQuotes('quotes', 't.created_at, t.id'),
        ofTheirQuotes('quote_transitions', 't.at, t.id'),
      ]);
      // Where each quote was used, naming the release or board report version that printed it.
      const quoteUses = await tx.query<{ row: Row }>(
        `SELECT to_jsonb(u) || jsonb_build_object('releaseVersion', rel.version, 'reportVersion', b.version,
                  'reportBuiltAt', b.built_at, 'reportPublishedAt', b.published_at) AS row
         FROM quote_uses u LEFT JOIN releases rel ON rel.id = u.release_id LEFT JOIN board_reports b ON b.id = u.report_id
         WHERE u.quote_id IN (${theirQuotes}) ORDER BY u.at, u.id`,
        [id],
      );
      // Releases and reports a quote of theirs was taken out of after it was withdrawn.
      const quoteRemovals = await tx.query<Row>(
        `SELECT * FROM (
           SELECT m.quote_id AS "quoteId", 'RELEASE' AS kind, rel.version, m.reason, m.removed_at AS "removedAt"
           FROM release_quote_removals m JOIN releases rel ON rel.id = m.release_id WHERE m.quote_id IN (${theirQuotes})
           UNION ALL
           SELECT m.quote_id, 'REPORT', b.version, m.reason, m.removed_at
           FROM report_quote_removals m JOIN board_reports b ON b.id = m.report_id WHERE m.quote_id IN (${theirQuotes})
         ) removals ORDER BY "removedAt", kind`,
        [id],
      );
      const auditEntries = await tx.query<Row>(
        `SELECT at, action, entity_type AS "entityType", entity_id AS "entityId", details
         FROM audit_events
         WHERE (entity_type = 'participant' AND entity_id = $1)
            OR (entity_type = 'response' AND entity_id IN (SELECT id FROM responses WHERE participant_id = $1))
            OR (entity_type = 'quote' AND entity_id IN (${theirQuotes}))
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
        agreementItems,
        agreementCodings,
        quotes: quotes.map(({ row }) => row),
        quoteSteps: quoteSteps.map(({ row }) => row),
        quoteUses: quoteUses.map(({ row }) => row),
        quoteRemovals,
        auditEntries,
      };
      return audited(data, { action: AuditAction.ParticipantDataExported, entityType: 'participant', entityId: id });
    });
  }
}
