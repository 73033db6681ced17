import { FlagSource, Permission, type SafeguardingCategory } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction, type AuditEntry } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../db/request-context.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { DEFAULT_RULES } from './default-rules.js';
import { CompiledRules, validateRules, type RuleMatch, type SafeguardingRule } from './rule-set.js';
import { rescanTask } from './rescan.task.js';

export interface RuleSet {
  /** 0 for the built-in rules, until a lead saves a version of their own. */
  version: number;
  rules: readonly SafeguardingRule[];
  savedAt: Date | null;
  savedBy: string | null;
}

/** A rule set ready to match: what submission uses. */
export interface Matcher {
  version: number;
  rules: CompiledRules;
}

/** What a rescan did, for its audit entry: counts only. */
export interface Rescan {
  version: number;
  scanned: number;
  flagged: number;
  /** False when a newer version was saved first: its own rescan covers the responses. */
  current: boolean;
}

/** Responses read per transaction of a rescan: each chunk's flags are stored together. */
const RESCAN_CHUNK = 1000;

export const raised = (
  flag: { id: string; category: SafeguardingCategory; source: FlagSource },
  responseId: string,
): AuditEntry => ({
  action: AuditAction.SafeguardingFlagRaised,
  entityType: 'safeguarding_flag',
  entityId: flag.id,
  details: { category: flag.category, source: flag.source, responseId },
});

/**
 * The safeguarding rule set: transparent (anyone with safeguarding.manage reads every phrase and
 * pattern), versioned (each save is a new version; a flag names the version and rule that raised
 * it), and applied to every batch at submission.
 */
export class SafeguardingRules {
  /** Compiled once per engagement and rule-set version, not per submission. */
  private readonly compiled = new Map<string, Matcher>();

  constructor(
    private readonly useCases: UseCases,
    private readonly jobs: JobQueue,
  ) {}

  /** The engagement's rules as they stand: the latest saved version, or the built-in ones. */
  async ruleSet(ctx: RequestContext): Promise<RuleSet> {
    ctx.require(Permission.SafeguardingManage);
    return this.latest(ctx);
  }

  /**
   * The rules submission matches against. One small read (the latest version number) per
   * submission; the rules are read and compiled only when that version is new to this process.
   */
  async matcher(ctx: RequestContext): Promise<Matcher> {
    const [row] = await ctx.read<{ version: number }>(
      `SELECT coalesce(max(version), 0)::int AS version FROM safeguarding_rule_sets WHERE engagement_id = $1`,
      [ctx.engagementId],
    );
    const cached = this.compiled.get(ctx.engagementId);
    if (cached && cached.version === row!.version) return cached;
    const set = await this.latest(ctx);
    const matcher = { version: set.version, rules: new CompiledRules(set.rules) };
    this.compiled.set(ctx.engagementId, matcher);
    return matcher;
  }

  /**
   * Saves an edited rule set as the next version; later submissions are matched against it, and
   * a job on the queue (in the same transaction, so only for a save that stands) checks the
   * earlier responses against it. One rescan waits per engagement: a newer save replaces it.
   */
  saveRules(ctx: RequestContext, rawRules: SafeguardingRule[]): Promise<RuleSet> {
    ctx.require(Permission.SafeguardingManage);
    const rules = validateRules(rawRules);
    return this.useCases.run(ctx, Permission.SafeguardingManage, async (tx) => {
      // One save at a time per engagement, so versions never collide.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:safeguarding-rules:' || $1))`, [tx.engagementId]);
      const [row] = await tx.query<{ id: string; version: number; created_at: Date; saved_by: string | null }>(
        `INSERT INTO safeguarding_rule_sets (engagement_id, version, rules, created_by_user_id)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM safeguarding_rule_sets WHERE engagement_id = $1
         RETURNING id, version, created_at, (SELECT display_name FROM users WHERE id = $3) AS saved_by`,
        [tx.engagementId, JSON.stringify(rules), tx.caller.userId],
      );
      await this.jobs.enqueue(tx, rescanTask, { version: row!.version }, { jobKey: rescanJobKey(tx.engagementId) });
      return audited(
        { version: row!.version, rules, savedAt: row!.created_at, savedBy: row!.saved_by },
        {
          action: AuditAction.SafeguardingRulesChanged,
          entityType: 'safeguarding_rule_set',
          entityId: row!.id,
          details: { version: row!.version, rules: rules.length, disabled: rules.filter((r) => !r.enabled).length },
        },
      );
    });
  }

  /**
   * Flags the responses of a batch that the rules matched, inside the batch's transaction. The
   * matching itself ran before the transaction opened; with no match this costs nothing.
   */
  raiseForBatch(tx: RequestContext, matcher: Matcher, stored: { id: string; matches: RuleMatch[] }[]) {
    return this.raise(tx, matcher.version, stored);
  }

  /**
   * Checks every earlier response of the engagement against a saved version, a chunk of
   * responses per transaction, as the lead who saved it (the rescan job). A response gets a flag
   * for a category only if it has none in that category yet, raised by any rule or by hand, open
   * or closed: a concern a lead already dealt with is not raised again. Stops at once if a newer
   * version was saved, whose own rescan covers everything. Running it twice raises nothing new.
   */
  async rescan(ctx: RequestContext, version: number): Promise<Rescan> {
    ctx.require(Permission.SafeguardingManage);
    const [saved] = await ctx.read<{ rules: SafeguardingRule[]; latest: number }>(
      `SELECT rules, (SELECT max(version) FROM safeguarding_rule_sets WHERE engagement_id = $1)::int AS latest
       FROM safeguarding_rule_sets WHERE engagement_id = $1 AND version = $2`,
      [ctx.engagementId, version],
    );
    if (!saved) throw badInput('version', `version ${version} of the safeguarding rules was never saved`);
    const rules = new CompiledRules(saved.rules);
    const outcome: Rescan = { version, scanned: 0, flagged: 0, current: saved.latest === version };
    let after = '00000000-0000-0000-0000-000000000000';
    while (outcome.current) {
      const chunk = await this.useCases.run(ctx, Permission.SafeguardingManage, async (tx) => {
        // One rescan at a time per engagement, so two never flag the same response twice.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:safeguarding-rescan:' || $1))`, [
          tx.engagementId,
        ]);
        const [latest] = await tx.query<{ version: number }>(
          `SELECT max(version)::int AS version FROM safeguarding_rule_sets WHERE engagement_id = $1`,
          [tx.engagementId],
        );
        if (latest!.version !== version) return { result: null, audit: [] };
        // KEY SHARE: a withdrawal deleting one of these responses waits for this chunk's flags.
        const rows = await tx.query<{ id: string; text: string }>(
          `SELECT r.id, r.text FROM responses r JOIN sessions s ON s.id = r.session_id
           WHERE s.engagement_id = $1 AND r.id > $2 ORDER BY r.id LIMIT ${RESCAN_CHUNK} FOR KEY SHARE OF r`,
          [tx.engagementId, after],
        );
        const audit = await this.raise(
          tx,
          version,
          rows.map((row) => ({ id: row.id, matches: rules.match(row.text) })),
        );
        return { result: { read: rows.length, last: rows.at(-1)?.id, flagged: audit.length }, audit };
      });
      if (!chunk) outcome.current = false;
      else {
        outcome.scanned += chunk.read;
        outcome.flagged += chunk.flagged;
        if (chunk.read < RESCAN_CHUNK) break;
        after = chunk.last!;
      }
    }
    await this.useCases.record(ctx, {
      action: AuditAction.SafeguardingRulesRescanned,
      entityType: 'engagement',
      entityId: ctx.engagementId,
      details: { ...outcome },
    });
    return outcome;
  }

  /** Inserts the flags the rules raised, skipping a category the response is already flagged in. */
  private async raise(
    tx: RequestContext,
    version: number,
    stored: { id: string; matches: RuleMatch[] }[],
  ): Promise<AuditEntry[]> {
    const flags = stored.flatMap(({ id, matches }) => matches.map((match) => ({ responseId: id, ...match })));
    if (!flags.length) return [];
    const rows = await tx.query<{ id: string; response_id: string; category: SafeguardingCategory }>(
      `INSERT INTO safeguarding_flags (engagement_id, response_id, category, source, rule_set_version, rule_label)
       SELECT $1, t.response_id, t.category, 'RULE', $2, t.rule
       FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(response_id, category, rule)
       WHERE NOT EXISTS (SELECT 1 FROM safeguarding_flags f WHERE f.response_id = t.response_id AND f.category = t.category)
       RETURNING id, response_id, category`,
      [
        tx.engagementId,
        version,
        flags.map((f) => f.responseId),
        flags.map((f) => f.category),
        flags.map((f) => f.rule),
      ],
    );
    return rows.map((row) => raised({ id: row.id, category: row.category, source: FlagSource.RULE }, row.response_id));
  }

  private async latest(ctx: RequestContext): Promise<RuleSet> {
    const [row] = await ctx.read<{
      version: number;
      rules: SafeguardingRule[];
      created_at: string;
      saved_by: string | null;
    }>(
      `SELECT s.version, s.rules, s.created_at, u.display_name AS saved_by
       FROM safeguarding_rule_sets s LEFT JOIN users u ON u.id = s.created_by_user_id
       WHERE s.engagement_id = $1 ORDER BY s.version DESC LIMIT 1`,
      [ctx.engagementId],
    );
    const rules = (row?.rules ?? DEFAULT_RULES).map((rule) => ({ ...rule, enabled: rule.enabled !== false }));
    if (!row) return { version: 0, rules, savedAt: null, savedBy: null };
    return { version: row.version, rules, savedAt: new Date(row.created_at), savedBy: row.saved_by };
  }
}

/** The waiting rescan of an engagement: a newer save replaces it rather than queueing another. */
const rescanJobKey = (engagementId: string) => `safeguarding-rescan:${engagementId}`;
