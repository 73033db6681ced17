import type { ConsentMethod, ConsentPurpose } from '@chorus/shared';
import { AuditAction, type AuditEntry } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { reachableIds } from '../access/tenancy.js';
import type { RequestContext } from '../db/request-context.js';
import { currentConsents, type Consent } from './consent.js';
import { ConsentEvent } from './consent-event.entity.js';

export interface ConsentData {
  purpose: ConsentPurpose;
  granted: boolean;
  method: ConsentMethod;
  noticeVersion: string;
}

/** The engagement's privacy-notice versions, oldest first. */
export async function noticeVersionsOf(ctx: RequestContext, engagementId: string): Promise<string[]> {
  const [engagement] = await ctx.query<{ versions: string[] }>(
    `SELECT notice_versions AS versions FROM engagements WHERE id = $1`,
    [engagementId],
  );
  return engagement?.versions ?? [];
}

/**
 * The engagement's own spelling of `version` (matched case aside, as addNoticeVersion does);
 * BAD_USER_INPUT naming `field` when the engagement lists no such notice.
 */
export function knownNotice(versions: readonly string[], field: string, version: string): string {
  const known = versions.find((listed) => listed.toLowerCase() === version.toLowerCase());
  if (!known) {
    throw badInput(
      field,
      `noticeVersion must be one of this engagement's privacy-notice versions: ${versions.join(', ')}`,
    );
  }
  return known;
}

/** The consent ledger: append-only; what stands now is derived from it. */
export class ConsentsService {
  /** Validates a set of decisions made together: each purpose at most once. */
  validateDecisions(field: string, consents: readonly ConsentData[]): ConsentData[] {
    validate.distinct(
      `${field}`,
      consents.map((c) => c.purpose),
    );
    return consents.map((consent, i) => ({
      ...consent,
      noticeVersion: validate.requiredText(`${field}.${i}.noticeVersion`, consent.noticeVersion),
    }));
  }

  /**
   * Refuses a decision naming a privacy notice the engagement does not list: a consent is only as
   * good as the notice the person was shown, so it must be one of the participant's engagement's.
   */
  async requireKnownNotices(
    ctx: RequestContext,
    engagementId: string,
    field: string,
    decisions: readonly ConsentData[],
  ): Promise<ConsentData[]> {
    const versions = await noticeVersionsOf(ctx, engagementId);
    return decisions.map((decision, i) => ({
      ...decision,
      noticeVersion: knownNotice(versions, `${field}.${i}.noticeVersion`, decision.noticeVersion),
    }));
  }

  /** Appends the decisions; returns the audit entries the calling use case records. */
  async append(ctx: RequestContext, participantId: string, decisions: readonly ConsentData[]): Promise<AuditEntry[]> {
    if (!decisions.length) return [];
    await ctx.manager.insert(
      ConsentEvent,
      decisions.map((decision) => ({
        participantId,
        purpose: decision.purpose,
        granted: decision.granted,
        isWithdrawal: false,
        method: decision.method,
        noticeVersion: decision.noticeVersion,
        recordedByUserId: ctx.caller.userId,
        recordedByApiKeyId: ctx.caller.apiKeyId,
      })),
    );
    return decisions.map((decision) => ({
      action: decision.granted ? AuditAction.ConsentGranted : AuditAction.ConsentRefused,
      entityType: 'participant',
      entityId: participantId,
      details: { purpose: decision.purpose },
    }));
  }

  async appendWithdrawal(ctx: RequestContext, participantId: string, purpose: ConsentPurpose): Promise<Consent> {
    const standing = (await this.current(ctx, [participantId])).get(participantId)?.find((c) => c.purpose === purpose);
    if (!standing?.granted) throw badInput('purpose', `there is no standing ${purpose} consent to withdraw`);
    await ctx.manager.insert(ConsentEvent, {
      participantId,
      purpose,
      granted: false,
      isWithdrawal: true,
      method: null,
      noticeVersion: null,
      recordedByUserId: ctx.caller.userId,
      recordedByApiKeyId: ctx.caller.apiKeyId,
    });
    const after = (await this.current(ctx, [participantId])).get(participantId)!;
    return after.find((c) => c.purpose === purpose)!;
  }

  async ledger(ctx: RequestContext, participantIds: readonly string[]): Promise<Map<string, ConsentEvent[]>> {
    const events = await ctx.manager
      .createQueryBuilder(ConsentEvent, 'c')
      .where('c.participant_id = ANY(:ids)', { ids: await reachableIds(ctx, 'participants', participantIds) })
      .orderBy('c.recorded_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    const byParticipant = new Map<string, ConsentEvent[]>();
    for (const event of events) {
      byParticipant.set(event.participantId, [...(byParticipant.get(event.participantId) ?? []), event]);
    }
    return byParticipant;
  }

  async current(ctx: RequestContext, participantIds: readonly string[]): Promise<Map<string, Consent[]>> {
    const ledgers = await this.ledger(ctx, participantIds);
    return new Map(participantIds.map((id) => [id, currentConsents(ledgers.get(id) ?? [])]));
  }

  /** Of these participants, those whose consent for `purpose` stands now. */
  async standing(
    ctx: RequestContext,
    participantIds: readonly string[],
    purpose: ConsentPurpose,
  ): Promise<Set<string>> {
    const current = await this.current(ctx, participantIds);
    return new Set(participantIds.filter((id) => current.get(id)?.some((c) => c.purpose === purpose && c.granted)));
  }
}
