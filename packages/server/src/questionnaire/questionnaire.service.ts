import {
  ConsentMethod,
  ConsentPurpose,
  LIMITS,
  Permission,
  Prompt,
  QuestionnaireSessionMode,
  SessionFormat,
  SessionStatus,
  ErrorCode,
  type AgeBand,
  type CityConnection,
} from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AreasService } from '../areas/areas.service.js';
import { hmac, safeEqual } from '../common/crypto.js';
import { badInput, consentRequired, DomainError } from '../common/errors.js';
import type { ConsentData, ConsentsService } from '../consents/consents.service.js';
import { reachSql } from '../access/tenancy.js';
import type { RequestContext } from '../db/request-context.js';
import type { EngagementsService } from '../engagements/engagements.service.js';
import { normaliseParticipantCode } from '../participants/codes.js';
import type { DemographicsData } from '../participants/demographics.js';
import type { ParticipantsService } from '../participants/participants.service.js';
import type { ResponsesService } from '../responses/responses.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { FormToken } from './form-token.js';

export interface QuestionnaireSettings {
  open: boolean;
  sessionMode: QuestionnaireSessionMode;
  updatedAt: Date | null;
}

/** What a resident sent: their decisions and answers, as the questionnaire's pages collected them. */
export interface QuestionnaireAnswers {
  /** true granted, false refused, absent not asked (or not answered): never recorded as refused. */
  participation?: boolean;
  quote?: boolean;
  specialCategory?: boolean;
  answers: Partial<Record<Prompt, string>>;
  connections: CityConnection[];
  areaId?: string | null;
  ageBand?: AgeBand | null;
  demographics?: DemographicsData | null;
  /** The language the questionnaire was answered in (a BCP 47 tag). */
  language: string;
}

export interface Receipt {
  code: string;
  /** Shown once with the code; only its HMAC is kept. */
  secret: string;
}

/** A person reads and answers at least two pages in this time; a script sends at once. */
export const DEFAULT_MIN_SECONDS = 15;

/** Answers this short are everyday phrases ("nothing", "the park"): the same words from two people are not a copy. */
const DUPLICATE_MIN_LENGTH = 24;
/** How far back an identical answer counts as a copy. */
const DUPLICATE_WINDOW = '7 days';
/** Letters of a withdrawal secret: no 0/O, 1/I/L, so it reads back from paper. */
const SECRET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Stands in for a code that matched no one, so both paths hash alike. */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

/** A questionnaire refusal the pages turn into a message (the field names which). */
export class QuestionnaireRefusal extends DomainError {}

/**
 * The public questionnaire. A resident's submission runs the same services staff use, as the
 * RESIDENT caller of the permission table: one transaction registers the participant
 * (ParticipantsService.register: consent ledger, special-category rule, idempotency) and submits
 * their answers (ResponsesService.submit: redaction before storage, consent check, idempotency),
 * under the QUESTIONNAIRE session the coordinator's mode chooses. Withdrawal by code and secret
 * runs ParticipantsService.withdrawConsent, as staff do.
 */
export class QuestionnaireService {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly consents: ConsentsService,
    private readonly responses: ResponsesService,
    private readonly sessions: SessionsService,
    private readonly areas: AreasService,
    private readonly engagements: EngagementsService,
    private readonly useCases: UseCases,
    /** Keys the stored withdrawal secrets and answer digests: neither can be tested against guesses without it. */
    private readonly secretKey: Buffer,
    private readonly digestKey: Buffer,
    private readonly minSeconds: number,
  ) {}

  settings(ctx: RequestContext): Promise<QuestionnaireSettings> {
    ctx.require(Permission.QuestionnaireManage);
    return this.read(ctx);
  }

  /** Opens or closes the questionnaire; opening makes the sessions its mode files answers under. */
  setOpen(ctx: RequestContext, open: boolean): Promise<QuestionnaireSettings> {
    return this.change(ctx, { open }, open ? AuditAction.QuestionnaireOpened : AuditAction.QuestionnaireClosed);
  }

  setSessionMode(ctx: RequestContext, sessionMode: QuestionnaireSessionMode): Promise<QuestionnaireSettings> {
    if (!Object.values(QuestionnaireSessionMode).includes(sessionMode))
      throw badInput('sessionMode', 'sessionMode must be PER_AREA or PER_CHANNEL');
    return this.change(ctx, { sessionMode }, AuditAction.QuestionnaireSessionModeChanged);
  }

  /** The sessions the questionnaire files answers under, in the current mode. */
  async sessionIds(ctx: RequestContext): Promise<string[]> {
    ctx.require(Permission.QuestionnaireManage);
    const rows = await ctx.query<{ session_id: string }>(
      `SELECT q.session_id FROM questionnaire_sessions q JOIN questionnaire_settings s ON s.engagement_id = q.engagement_id
       WHERE q.engagement_id = $1 AND q.session_mode = s.session_mode`,
      [ctx.engagementId],
    );
    return rows.map((row) => row.session_id);
  }

  /** What the public pages need: open or not, the privacy notice version, the areas to choose from. */
  async publicFacts(ctx: RequestContext) {
    const [settings, engagement, areas] = await Promise.all([
      this.read(ctx),
      this.engagements.current(ctx),
      this.areas.list(ctx),
    ]);
    return {
      open: settings.open,
      noticeVersion: engagement.noticeVersions.at(-1)!,
      areas: areas.map((area) => ({ id: area.id, name: area.name })),
    };
  }

  /**
   * Stores one resident's submission, or refuses it storing nothing. The form token's nonce is the
   * idempotency key of both steps, so a retried or double submit replays the first: the same code
   * and (derived from the nonce) the same secret.
   */
  async submit(ctx: RequestContext, token: FormToken, input: QuestionnaireAnswers, now = Date.now()): Promise<Receipt> {
    ctx.require(Permission.ParticipantRegister);
    const facts = await this.publicFacts(ctx);
    if (!facts.open) throw new QuestionnaireRefusal(ErrorCode.BAD_USER_INPUT, 'The questionnaire is closed', 'open');
    if (input.participation !== true)
      throw consentRequired('Nothing is kept without PARTICIPATION consent', 'participation');
    if (now - token.issuedAt < this.minSeconds * 1000)
      throw new QuestionnaireRefusal(ErrorCode.BAD_USER_INPUT, 'Sent faster than a person can answer', 'tooFast');
    const answers = Object.values(Prompt)
      .map((prompt) => ({ prompt, text: (input.answers[prompt] ?? '').trim() }))
      .filter((answer) => answer.text.length > 0);
    if (!answers.length) throw badInput('answers', 'Answer at least one question');
    for (const answer of answers) {
      if (answer.text.length > LIMITS.textLength)
        throw badInput(`answers.${answer.prompt}`, `An answer can be at most ${LIMITS.textLength} characters`);
    }
    const digests = answers.map((answer) => this.digest(answer.text));
    const copied = await this.copiedAnswer(ctx, answers, digests, token.nonce);
    if (copied)
      throw new QuestionnaireRefusal(ErrorCode.BAD_USER_INPUT, 'This answer was sent before', `copied.${copied}`);

    const consents: ConsentData[] = [];
    const decide = (purpose: ConsentPurpose, granted: boolean | undefined) => {
      if (granted !== undefined)
        consents.push({ purpose, granted, method: ConsentMethod.ONLINE, noticeVersion: facts.noticeVersion });
    };
    decide(ConsentPurpose.PARTICIPATION, true);
    decide(ConsentPurpose.QUOTE, input.quote);
    decide(ConsentPurpose.SPECIAL_CATEGORY_DATA, input.specialCategory);
    const areaId = input.areaId && facts.areas.some((area) => area.id === input.areaId) ? input.areaId : null;
    if (input.areaId && !areaId) throw badInput('areaId', 'Choose an area from the list');

    return ctx.transaction(async (tx) => {
      const sessionId = await this.sessionFor(tx, areaId);
      const participant = await this.participants.register(tx, {
        sessionId,
        areaId,
        connections: input.connections,
        ageBand: input.ageBand ?? null,
        consents,
        demographics: input.specialCategory ? input.demographics : null,
        idempotencyKey: `${token.nonce}:participant`,
      });
      const { responses } = await this.responses.submit(tx, {
        sessionId,
        idempotencyKey: `${token.nonce}:responses`,
        responses: answers.map((answer) => ({
          participantId: participant.id,
          prompt: answer.prompt,
          text: answer.text,
          language: input.language,
        })),
      });
      const secret = this.secretFor(token.nonce);
      await tx.query(
        `INSERT INTO questionnaire_secrets (participant_id, secret_hmac) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [participant.id, this.secretHash(participant.id, secret)],
      );
      await tx.query(
        `INSERT INTO questionnaire_text_digests (response_id, digest, submission_key)
         SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::text[]) ON CONFLICT DO NOTHING`,
        [
          responses.map((response) => response.id),
          responses.map((response) => digests[response.position]),
          responses.map(() => token.nonce),
        ],
      );
      return { code: participant.code, secret };
    });
  }

  /**
   * Withdraws PARTICIPATION for the person whose code and secret these are, through the same
   * withdrawal staff run (their answers, demographics and quotes deleted). False when they do
   * not match, whether or not the code exists: the same work is done either way.
   */
  async withdraw(ctx: RequestContext, typedCode: string, typedSecret: string): Promise<boolean> {
    ctx.require(Permission.ConsentRecord);
    const code = normaliseParticipantCode(typedCode ?? '').slice(0, 20);
    const secret = normaliseSecret(typedSecret ?? '');
    return ctx.transaction(async (tx) => {
      const params: unknown[] = [code];
      const [row] = await tx.query<{ id: string; secret_hmac: Buffer }>(
        `SELECT p.id, q.secret_hmac FROM participants p JOIN questionnaire_secrets q ON q.participant_id = p.id
         WHERE p.code = $1 AND ${reachSql.participants(tx, 'p', params)}`,
        params,
      );
      // An unknown code is checked against a made-up hash, so it takes as long as a wrong secret.
      const expected = row?.secret_hmac ?? this.secretHash(NO_ONE, 'unknown');
      const matches = safeEqual(this.secretHash(row?.id ?? NO_ONE, secret), expected);
      if (!row || !matches) return false;
      const standing = await this.consents.standing(tx, [row.id], ConsentPurpose.PARTICIPATION);
      // Withdrawn already (by them or by staff): the answer is the same, their answers are gone.
      if (standing.has(row.id)) await this.participants.withdrawConsent(tx, row.id, ConsentPurpose.PARTICIPATION);
      return true;
    });
  }

  private async read(ctx: RequestContext): Promise<QuestionnaireSettings> {
    const [row] = await ctx.query<{ open: boolean; session_mode: QuestionnaireSessionMode; updated_at: Date }>(
      `SELECT open, session_mode, updated_at FROM questionnaire_settings WHERE engagement_id = $1`,
      [ctx.engagementId],
    );
    return row
      ? { open: row.open, sessionMode: row.session_mode, updatedAt: row.updated_at }
      : { open: false, sessionMode: QuestionnaireSessionMode.PER_CHANNEL, updatedAt: null };
  }

  private change(
    ctx: RequestContext,
    patch: Partial<Pick<QuestionnaireSettings, 'open' | 'sessionMode'>>,
    action: AuditAction,
  ): Promise<QuestionnaireSettings> {
    return this.useCases.run(ctx, Permission.QuestionnaireManage, async (tx) => {
      const before = await this.read(tx);
      const next = { open: patch.open ?? before.open, sessionMode: patch.sessionMode ?? before.sessionMode };
      await tx.query(
        `INSERT INTO questionnaire_settings (engagement_id, open, session_mode, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (engagement_id) DO UPDATE SET open = EXCLUDED.open, session_mode = EXCLUDED.session_mode, updated_at = now()`,
        [tx.engagementId, next.open, next.sessionMode],
      );
      if (next.open) await this.ensureSessions(tx, next.sessionMode);
      return audited(await this.read(tx), {
        action,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: { open: next.open, sessionMode: next.sessionMode },
      });
    });
  }

  /** The QUESTIONNAIRE sessions of a mode: one for the channel, or one per area and one for "no area given". */
  private async ensureSessions(tx: RequestContext, mode: QuestionnaireSessionMode): Promise<void> {
    const existing = await tx.query<{ area_id: string | null }>(
      `SELECT area_id FROM questionnaire_sessions WHERE engagement_id = $1 AND session_mode = $2`,
      [tx.engagementId, mode],
    );
    const have = new Set(existing.map((row) => row.area_id));
    const wanted: { areaId: string | null; title: string }[] =
      mode === QuestionnaireSessionMode.PER_CHANNEL
        ? [{ areaId: null, title: 'Questionnaire online' }]
        : [
            ...(await this.areas.list(tx)).map((area) => ({
              areaId: area.id,
              title: `Questionnaire online: ${area.name}`,
            })),
            { areaId: null, title: 'Questionnaire online: no area given' },
          ];
    for (const { areaId, title } of wanted.filter((w) => !have.has(w.areaId))) {
      const session = await this.sessions.create(tx, {
        title,
        format: SessionFormat.QUESTIONNAIRE,
        status: SessionStatus.HELD,
        startsAt: new Date(),
        areaId,
      });
      await tx.query(
        `INSERT INTO questionnaire_sessions (session_id, engagement_id, session_mode, area_id) VALUES ($1, $2, $3, $4)`,
        [session.id, tx.engagementId, mode, areaId],
      );
    }
  }

  /** The session of the current mode for this area; an area added since opening goes to "no area given". */
  private async sessionFor(tx: RequestContext, areaId: string | null): Promise<string> {
    const [row] = await tx.query<{ session_id: string }>(
      `SELECT q.session_id FROM questionnaire_sessions q JOIN questionnaire_settings s ON s.engagement_id = q.engagement_id
       WHERE q.engagement_id = $1 AND q.session_mode = s.session_mode
         AND (s.session_mode = 'PER_CHANNEL' OR q.area_id IS NOT DISTINCT FROM $2 OR q.area_id IS NULL)
       ORDER BY q.area_id IS NULL LIMIT 1`,
      [tx.engagementId, areaId],
    );
    if (!row) throw new QuestionnaireRefusal(ErrorCode.BAD_USER_INPUT, 'The questionnaire is closed', 'open');
    return row.session_id;
  }

  /** The first answer whose words were already sent by a different submission recently. */
  private async copiedAnswer(
    ctx: RequestContext,
    answers: { prompt: Prompt; text: string }[],
    digests: Buffer[],
    nonce: string,
  ): Promise<Prompt | null> {
    const checked = answers.map((answer, i) => ({ ...answer, digest: digests[i]! }));
    const long = checked.filter((answer) => comparable(answer.text).length >= DUPLICATE_MIN_LENGTH);
    if (!long.length) return null;
    const rows = await ctx.query<{ digest: Buffer }>(
      `SELECT DISTINCT d.digest FROM questionnaire_text_digests d
       JOIN responses r ON r.id = d.response_id JOIN sessions s ON s.id = r.session_id
       WHERE s.engagement_id = $1 AND d.digest = ANY($2::bytea[]) AND d.submission_key <> $3
         AND d.created_at > now() - interval '${DUPLICATE_WINDOW}'`,
      [ctx.engagementId, long.map((answer) => answer.digest), nonce],
    );
    const seen = new Set(rows.map((row) => row.digest.toString('hex')));
    return long.find((answer) => seen.has(answer.digest.toString('hex')))?.prompt ?? null;
  }

  /** Keyed, so a stored digest cannot be tested against guessed words. */
  private digest(text: string): Buffer {
    return hmac(this.digestKey, comparable(text));
  }

  /** The secret a form's nonce gives: the same on a retry, unknowable without the server's key. */
  private secretFor(nonce: string): string {
    const bytes = hmac(this.secretKey, `secret:${nonce}`);
    let secret = '';
    for (let i = 0; i < 8; i++) secret += SECRET_ALPHABET[bytes[i]! % SECRET_ALPHABET.length];
    return `${secret.slice(0, 4)}-${secret.slice(4)}`;
  }

  private secretHash(participantId: string, secret: string): Buffer {
    return hmac(this.secretKey, `withdrawal:${participantId}:${normaliseSecret(secret)}`);
  }
}

/** Case, spaces and punctuation do not make an answer new. */
function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A secret as typed: any case, spaces and dashes ignored. */
function normaliseSecret(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').slice(0, 40);
}
