import {
  ConsentMethod,
  ConsentPurpose,
  ErrorCode,
  LIMITS,
  Permission,
  Prompt,
  SessionFormat,
  SessionStatus,
  type AgeBand,
  type CityConnection,
} from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { reachSql } from '../access/tenancy.js';
import type { AreasService } from '../areas/areas.service.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, DomainError } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import type { EngagementsService } from '../engagements/engagements.service.js';
import { newParticipantCode, normaliseParticipantCode } from '../participants/codes.js';
import type { DemographicsData } from '../participants/demographics.js';
import type { Participant } from '../participants/participant.entity.js';
import type { ParticipantsService } from '../participants/participants.service.js';
import type { ResponsesService } from '../responses/responses.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { renderPaperForms } from './paper-form-pdf.js';

/** What each sheet asks, in the order printed: the public questionnaire's consent questions. */
export const PAPER_FORM_PURPOSES = [
  ConsentPurpose.PARTICIPATION,
  ConsentPurpose.QUOTE,
  ConsentPurpose.SPECIAL_CATEGORY_DATA,
] as const;

/** A printed sheet not yet typed up, as the type-up screen shows it. */
export interface PaperFormSheet {
  code: string;
  sessionId: string;
  noticeVersion: string;
  purposes: ConsentPurpose[];
}

/** One paper form as staff type it up: the boxes ticked, the answers written, "about you". */
export interface TypeUpData {
  code: string;
  /** The consent boxes ticked; every other box the sheet printed is recorded as refused. */
  ticked: ConsentPurpose[];
  answers: { prompt: Prompt; text: string }[];
  connections: CityConnection[];
  areaId?: string | null;
  ageBand?: AgeBand | null;
  demographics?: DemographicsData | null;
  /** A retry with the same key stores the form once. */
  idempotencyKey: string;
}

interface SheetRow {
  code: string;
  session_id: string;
  notice_version: string;
  purposes: ConsentPurpose[];
  typed_up_key: string | null;
}

/**
 * Paper forms for a QUESTIONNAIRE session: printing reserves a fresh code per sheet (drawn like
 * every participant code, never one a participant holds); typing a sheet up registers the person
 * under that code (ParticipantsService.register: consent ledger, special-category rule,
 * idempotency) and submits their answers (ResponsesService.submit: redaction, consent check,
 * idempotency) in one transaction. Tenancy: a caller prints for, and types up, only the sessions
 * they reach.
 */
export class PaperFormsService {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly responses: ResponsesService,
    private readonly sessions: SessionsService,
    private readonly areas: AreasService,
    private readonly engagements: EngagementsService,
    private readonly useCases: UseCases,
  ) {}

  /** `count` sheets for the session, as one PDF; their codes are reserved before it is drawn. */
  async print(ctx: RequestContext, rawSessionId: string, count: number): Promise<{ pdf: Buffer; title: string }> {
    ctx.require(Permission.PaperFormPrint);
    if (!Number.isInteger(count) || count < 1 || count > LIMITS.paperForms)
      throw badInput('count', `count must be a whole number from 1 to ${LIMITS.paperForms}`);
    const { codes, facts } = await this.useCases.run(ctx, Permission.PaperFormPrint, async (tx) => {
      const session = await this.sessions.get(tx, rawSessionId, 'sessionId');
      if (session.format !== SessionFormat.QUESTIONNAIRE)
        throw badInput('sessionId', 'Paper forms are printed for a session of format QUESTIONNAIRE');
      if (session.status === SessionStatus.CANCELLED) throw badInput('sessionId', 'this session was cancelled');
      const [engagement, areas] = await Promise.all([this.engagements.current(tx), this.areas.list(tx)]);
      const noticeVersion = engagement.noticeVersions.at(-1)!;
      const reserved = await this.reserve(tx, session.id, noticeVersion, count);
      return audited(
        {
          codes: reserved,
          facts: {
            sessionTitle: session.title,
            noticeVersion,
            areas: areas.map((area) => area.name),
            purposes: PAPER_FORM_PURPOSES,
          },
        },
        { action: AuditAction.PaperFormsPrinted, entityType: 'session', entityId: session.id, details: { count } },
      );
    });
    return { pdf: await renderPaperForms(codes, facts), title: facts.sessionTitle };
  }

  /** The printed sheet with this code, ready to type up; NOT_FOUND or BAD_USER_INPUT on `code` otherwise. */
  async sheet(ctx: RequestContext, typed: string): Promise<PaperFormSheet> {
    ctx.require(Permission.ParticipantRegister);
    const row = await this.find(ctx, typed, false);
    if (row.typed_up_key !== null) throw usedAlready();
    return toSheet(row);
  }

  /** Registers the person on a printed sheet with its consents exactly as ticked, and stores their answers. */
  async typeUp(ctx: RequestContext, input: TypeUpData): Promise<Participant> {
    ctx.require(Permission.ParticipantRegister);
    const key = validate.requiredText('idempotencyKey', input.idempotencyKey, LIMITS.idempotencyKeyLength);
    const answers = Object.values(Prompt)
      .map((prompt) => ({
        prompt,
        text: input.answers
          .filter((answer) => answer.prompt === prompt)
          .map((answer) => answer.text.trim())
          .join('\n\n'),
      }))
      .filter((answer) => answer.text.length > 0);
    if (!answers.length) throw badInput('answers', 'Type at least one answer from the form');
    return ctx.transaction(async (tx) => {
      const row = await this.find(tx, input.code, true);
      // The same key again is a retry of this typing-up: register and submit replay it.
      if (row.typed_up_key !== null && row.typed_up_key !== key) throw usedAlready();
      const ticked = validate.distinct('consents', input.ticked);
      const unasked = ticked.find((purpose) => !row.purposes.includes(purpose));
      if (unasked) throw badInput('consents', `This form does not ask for ${unasked} consent`);
      const participant = await this.participants.register(tx, {
        code: row.code,
        sessionId: row.session_id,
        areaId: input.areaId ?? null,
        connections: input.connections,
        ageBand: input.ageBand ?? null,
        // What the sheet printed was asked: a box left empty is a refusal. Nothing else is recorded.
        consents: row.purposes.map((purpose) => ({
          purpose,
          granted: ticked.includes(purpose),
          method: ConsentMethod.WRITTEN,
          noticeVersion: row.notice_version,
        })),
        demographics: input.demographics ?? null,
        idempotencyKey: `${key}:participant`,
      });
      await this.responses.submit(tx, {
        sessionId: row.session_id,
        idempotencyKey: `${key}:responses`,
        responses: answers.map((answer) => ({ ...answer, participantId: participant.id, language: 'en' })),
      });
      await tx.query(
        `UPDATE paper_form_codes SET typed_up_at = now(), typed_up_key = $3, participant_id = $4
         WHERE engagement_id = $1 AND code = $2 AND typed_up_at IS NULL`,
        [tx.engagementId, row.code, key, participant.id],
      );
      return participant;
    });
  }

  /** Codes for `count` sheets, none a participant holds or another sheet has. */
  private async reserve(tx: RequestContext, sessionId: string, noticeVersion: string, count: number) {
    const codes: string[] = [];
    for (let attempt = 0; codes.length < count && attempt < 10; attempt++) {
      const drawn = Array.from({ length: count - codes.length }, newParticipantCode);
      const rows = await tx.query<{ code: string }>(
        `INSERT INTO paper_form_codes (engagement_id, code, session_id, notice_version, purposes)
         SELECT $1, c, $3, $4, $5 FROM unnest($2::text[]) AS c
         WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.engagement_id = $1 AND p.code = c)
         ON CONFLICT DO NOTHING RETURNING code`,
        [tx.engagementId, drawn, sessionId, noticeVersion, PAPER_FORM_PURPOSES],
      );
      codes.push(...rows.map((row) => row.code));
    }
    if (codes.length < count) throw new Error('could not find free participant codes');
    return codes;
  }

  /** The sheet in the caller's reach: another organisation's sheet is as unknown as a mistyped code. */
  private async find(ctx: RequestContext, typed: string, lock: boolean): Promise<SheetRow> {
    const code = normaliseParticipantCode(typed ?? '');
    if (!code) throw badInput('code', 'Type the code printed on the form');
    const params: unknown[] = [ctx.engagementId, code.slice(0, 20)];
    const [row] = await ctx.query<SheetRow>(
      `SELECT f.code, f.session_id, f.notice_version, f.purposes, f.typed_up_key
       FROM paper_form_codes f JOIN sessions s ON s.id = f.session_id
       WHERE f.engagement_id = $1 AND f.code = $2 AND ${reachSql.sessions(ctx, 's', params)}
       ${lock ? 'FOR UPDATE OF f' : ''}`,
      params,
    );
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No printed form has this code', 'code');
    return row;
  }
}

const usedAlready = () => badInput('code', 'This form has already been typed up');

function toSheet(row: SheetRow): PaperFormSheet {
  return { code: row.code, sessionId: row.session_id, noticeVersion: row.notice_version, purposes: row.purposes };
}
