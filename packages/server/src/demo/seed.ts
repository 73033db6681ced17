import { randomUUID } from 'node:crypto';
import { AgeBand, ConsentPurpose, type CityConnection, type Role } from '@chorus/shared';
import { Caller } from '../access/caller.js';
import { verifyPassword } from '../auth/passwords.js';
import { AuditAction } from '../audit/audit-action.js';
import { at } from '../common/arrays.js';
import type { RequestContext } from '../db/request-context.js';
import type { Logger } from '../logger.js';
import { mainConnection } from '../quotes/description.js';
import { QuoteAttribute } from '../quotes/quote.entity.js';
import { QuoteConsentEffects } from '../quotes/quote-consent-effects.js';
import { SuggestionRunKind } from '../suggestions/suggestion.types.js';
import type { Services } from '../services.js';
import { buildDemoPlan, type DemoPlan } from './demo-plan.js';
import {
  AREAS,
  ENGAGEMENT_NAME,
  NOTICE_VERSIONS,
  ORGANISATIONS,
  USERS,
  demoPassword,
  type UserKey,
} from './demo-setting.js';
import { THEME_TREE, type ThemeDefinition, type ThemeKey } from './demo-text.js';

/**
 * Each unnest() column is a single bind parameter whatever the row count, so this bounds only
 * the size of one statement, not the parameter count.
 */
const ROWS_PER_STATEMENT = 1000;

/** A demo sign-in that works on this database, for the start banner. */
export interface DemoSignIn {
  email: string;
  password: string;
  role: Role;
}

/**
 * Fills an empty install with a believable Stoke-on-Trent listening exercise (CHORUS_DEMO_DATA=1),
 * in one transaction. A database that already holds sessions is left alone, so restarts add
 * nothing. Returns every demo sign-in that still works, in the order of `USERS`.
 */
export async function seedDemoData(ctx: RequestContext, services: Services, logger: Logger): Promise<DemoSignIn[]> {
  const started = performance.now();
  const counts = await ctx.transaction(async (tx) => {
    // Instances starting together on an empty database seed it once.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:demo-data'))`);
    const [seeded] = await tx.query(`SELECT 1 FROM sessions LIMIT 1`);
    return seeded ? null : seed(tx, services);
  });
  if (counts) logger.info({ ...counts, ms: Math.round(performance.now() - started) }, 'demo data loaded');

  // Only a sign-in that works is shown: an address may predate the demo, or its password have changed.
  const stored = await ctx.query<{ email: string; password_hash: string }>(
    `SELECT lower(email) AS email, password_hash FROM users WHERE lower(email) = ANY($1) AND disabled_at IS NULL`,
    [USERS.map((user) => user.email.toLowerCase())],
  );
  const hashes = new Map(stored.map((row) => [row.email, row.password_hash]));
  const working = await Promise.all(
    USERS.map(async ({ email, role }) => {
      const hash = hashes.get(email.toLowerCase());
      const password = demoPassword(role);
      return hash && (await verifyPassword(hash, password)) ? [{ email, password, role }] : [];
    }),
  );
  return working.flat();
}

async function seed(tx: RequestContext, services: Services) {
  await tx.query(
    `UPDATE engagements SET name = $2, starts_on = '2026-06-01', ends_on = '2026-09-30', notice_versions = $3 WHERE id = $1`,
    [tx.engagementId, ENGAGEMENT_NAME, NOTICE_VERSIONS],
  );

  // Areas and organisations are shared across engagements: reuse any that already exist.
  await tx.query(
    `INSERT INTO areas (name, code, kind, population)
     SELECT name, code, 'WARD', population FROM unnest($1::text[], $2::text[], $3::int[]) AS t(name, code, population)
     ON CONFLICT DO NOTHING`,
    [AREAS.map((a) => a.name), AREAS.map((a) => a.code), AREAS.map((a) => a.population)],
  );
  const areaIds = await idsByName(
    tx,
    'areas',
    AREAS.map((a) => a.name),
  );
  await tx.query(
    `INSERT INTO organisations (name, sector) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
    [ORGANISATIONS.map((o) => o.name), ORGANISATIONS.map((o) => o.sector)],
  );
  const organisationIds = await idsByName(
    tx,
    'organisations',
    ORGANISATIONS.map((o) => o.name),
  );
  const userIds = await createUsers(tx, services, organisationIds);
  const themeIds = await createThemes(tx);

  const plan = buildDemoPlan();
  const sessions = plan.sessions.map((s) => ({ ...s, id: randomUUID() }));
  const participants = plan.participants.map((p) => ({ ...p, id: randomUUID() }));
  const responses = plan.responses.map((r) => ({ ...r, id: randomUUID() }));
  const area = (name: string | null) => (name === null ? null : areaIds.get(name.toLowerCase())!);
  const organisation = (name: string | null) => (name === null ? null : organisationIds.get(name.toLowerCase())!);
  const user = (key: UserKey | null) => (key === null ? null : userIds.get(key)!);

  await insertChunked(
    tx,
    sessions,
    `INSERT INTO sessions (engagement_id, id, title, format, status, starts_at, ends_at, area_id, venue, audience,
                           organisation_id, headcount, created_at)
     SELECT $1::uuid, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                              $8::uuid[], $9::text[], $10::text[], $11::uuid[], $12::int[], $13::timestamptz[])`,
    (rows) => [
      tx.engagementId,
      rows.map((s) => s.id),
      rows.map((s) => s.title),
      rows.map((s) => s.format),
      rows.map((s) => s.status),
      rows.map((s) => s.startsAt.toISOString()),
      rows.map((s) => s.endsAt.toISOString()),
      rows.map((s) => area(s.area)),
      rows.map((s) => s.venue),
      rows.map((s) => s.audience),
      rows.map((s) => organisation(s.organisation)),
      rows.map((s) => s.headcount),
      rows.map((s) => s.createdAt.toISOString()),
    ],
  );

  const facilitators = sessions.flatMap((s) => s.facilitators.map((key) => ({ sessionId: s.id, userId: user(key) })));
  await insertChunked(
    tx,
    facilitators,
    `INSERT INTO session_facilitators (session_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
    (rows) => [rows.map((f) => f.sessionId), rows.map((f) => f.userId)],
  );

  await insertChunked(
    tx,
    participants,
    `INSERT INTO participants (engagement_id, id, code, session_id, organisation_id, area_id, connections, age_band, created_at)
     SELECT $1::uuid, t.id, t.code, t.session_id, t.organisation_id, t.area_id, t.connections::text[], t.age_band, t.created_at
     FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::timestamptz[])
       AS t(id, code, session_id, organisation_id, area_id, connections, age_band, created_at)`,
    (rows) => [
      tx.engagementId,
      rows.map((p) => p.id),
      rows.map((p) => p.code),
      rows.map((p) => at(sessions, p.session).id),
      rows.map((p) => organisation(p.organisation)),
      rows.map((p) => area(p.area)),
      // unnest() flattens nested arrays, so each participant's connections travel as an array literal.
      rows.map((p) => `{${p.connections.join(',')}}`),
      rows.map((p) => p.ageBand),
      rows.map((p) => p.createdAt.toISOString()),
    ],
  );

  // Withdrawals go in after the quotes, and take the withdrawn people's quotes with them as a real one does.
  const given = plan.consents.filter((c) => !c.isWithdrawal);
  const withdrawals = plan.consents.filter((c) => c.isWithdrawal);
  const insertConsents = (rows: typeof plan.consents) =>
    insertChunked(
      tx,
      rows,
      `INSERT INTO consent_events (participant_id, purpose, granted, is_withdrawal, method, notice_version,
                                 recorded_by_user_id, recorded_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::boolean[], $5::text[], $6::text[], $7::uuid[],
                          $8::timestamptz[])`,
      (rows) => [
        rows.map((c) => at(participants, c.participant).id),
        rows.map((c) => c.purpose),
        rows.map((c) => c.granted),
        rows.map((c) => c.isWithdrawal),
        rows.map((c) => c.method),
        rows.map((c) => c.noticeVersion),
        rows.map((c) => user(c.recordedBy)),
        rows.map((c) => c.recordedAt.toISOString()),
      ],
    );
  await insertConsents(given);

  await insertChunked(
    tx,
    responses,
    `INSERT INTO responses (id, session_id, participant_id, position, prompt, text, language, source, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::timestamptz[])`,
    (rows) => [
      rows.map((r) => r.id),
      rows.map((r) => at(sessions, r.session).id),
      rows.map((r) => (r.participant === null ? null : at(participants, r.participant).id)),
      rows.map((r) => r.position),
      rows.map((r) => r.prompt),
      rows.map((r) => r.text),
      rows.map((r) => r.language),
      rows.map((r) => r.source),
      rows.map((r) => r.createdAt.toISOString()),
    ],
  );

  await insertChunked(
    tx,
    plan.codings,
    `INSERT INTO codings (response_id, theme_id, excerpt, coder_user_id, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::timestamptz[])`,
    (rows) => [
      rows.map((c) => at(responses, c.response).id),
      rows.map((c) => themeIds.get(c.theme)!),
      rows.map((c) => c.excerpt),
      rows.map((c) => user(c.coder)),
      rows.map((c) => c.createdAt.toISOString()),
    ],
  );
  // The demo opens with theme suggestions: its first model is trained by a job straight away.
  await services.suggestionRuns.queue(tx, SuggestionRunKind.MODEL);

  const staff = (key: UserKey) =>
    tx.as(Caller.user({ id: user(key)!, role: USERS.find((u) => u.key === key)!.role, organisationId: null }));
  const quotes = await createQuotes(tx, services, plan, {
    responseId: (index) => at(responses, index).id,
    participantId: (index) => at(participants, index).id,
    analyst: staff('analyst'),
    coordinator: staff('coordinator'),
  });
  await insertConsents(withdrawals);
  const effects = new QuoteConsentEffects();
  for (const withdrawal of withdrawals) {
    const participantId = at(participants, withdrawal.participant).id;
    await services.audit.record(
      tx,
      ...(await effects.withdrawn(staff('coordinator'), participantId, ConsentPurpose.QUOTE)),
    );
  }
  // The built-in rules, over every demo answer, as they would have run at submission.
  const matcher = await services.safeguardingRules.matcher(tx);
  const flags = await services.safeguardingRules.raiseForBatch(
    tx,
    matcher,
    responses.map((r) => ({ id: r.id, matches: matcher.rules.match(r.text) })),
  );
  await services.audit.record(tx, ...flags);

  const counts = {
    areas: areaIds.size,
    organisations: organisationIds.size,
    users: userIds.size,
    themes: themeIds.size,
    sessions: sessions.length,
    participants: participants.length,
    consentEvents: plan.consents.length,
    responses: responses.length,
    codings: plan.codings.length,
    quotes,
    safeguardingFlags: flags.length,
  };
  await services.audit.record(tx, {
    action: AuditAction.DemoSeeded,
    entityType: 'engagement',
    entityId: tx.engagementId,
    details: counts,
  });
  return counts;
}

/** How far along the register each demo quote is, spread over the candidates in plan order. */
// No demo quote is REJECTED, so the register's empty state is there to see (and to test).
const QUOTE_STEPS = [
  'APPROVED',
  'APPROVED',
  'DEIDENTIFIED',
  'APPROVED',
  'CONSENT_CHECKED',
  'CANDIDATE',
  'CANDIDATE',
] as const;

/**
 * A handful of quotes at every step of the register but REJECTED, made through the quote service as the demo
 * analyst and coordinator would make them (so each has its transitions, description and audit
 * trail), from passages analysts highlighted. One belongs to a person who later withdraws QUOTE
 * consent, and becomes WITHDRAWN when the withdrawals go in. Returns how many were made.
 */
async function createQuotes(
  tx: RequestContext,
  services: Services,
  plan: DemoPlan,
  ids: {
    responseId: (index: number) => string;
    participantId: (index: number) => string;
    analyst: RequestContext;
    coordinator: RequestContext;
  },
): Promise<number> {
  const withdrawn = new Set(plan.consents.filter((c) => c.isWithdrawal).map((c) => c.participant));
  const quotable = new Set(
    plan.consents.filter((c) => c.purpose === ConsentPurpose.QUOTE && c.granted).map((c) => c.participant),
  );
  // One passage per person, from people who agreed to be quoted.
  const seen = new Set<number>();
  const passages = plan.codings.flatMap((coding) => {
    const response = at(plan.responses, coding.response);
    const person = response.participant;
    if (coding.excerpt === null || person === null || !quotable.has(person) || seen.has(person)) return [];
    seen.add(person);
    return [{ response: coding.response, person, excerpt: coding.excerpt, text: response.text }];
  });
  const kept = passages.filter((p) => !withdrawn.has(p.person));
  const chosen = [
    ...QUOTE_STEPS.map((step, k) => ({ step, ...at(kept, Math.floor((k * kept.length) / QUOTE_STEPS.length)) })),
    { step: 'APPROVED' as const, ...passages.find((p) => withdrawn.has(p.person))! },
  ];
  for (const { step, response, person, excerpt, text } of chosen) {
    const start = text.indexOf(excerpt);
    const quote = await services.quotes.mark(ids.analyst, {
      responseId: ids.responseId(response),
      start,
      end: start + excerpt.length,
    });
    if (step === 'CANDIDATE') continue;
    await services.quotes.checkConsent(ids.coordinator, quote.id, null);
    if (step === 'CONSENT_CHECKED') continue;
    await services.quotes.deidentify(ids.analyst, {
      id: quote.id,
      publishedText: excerpt,
      describeBy: await safeDescription(tx, ids.participantId(person)),
    });
    if (step === 'APPROVED') await services.quotes.approve(ids.coordinator, quote.id, false);
  }
  return chosen.length;
}

/**
 * The fullest description that at least the threshold of participants share (the quote
 * service's motivated-intruder check), so every demo quote is approved without accepting a risk.
 */
async function safeDescription(tx: RequestContext, participantId: string): Promise<QuoteAttribute[]> {
  const [person] = await tx.query<{ age_band: AgeBand | null; connections: CityConnection[]; area_id: string | null }>(
    `SELECT age_band, connections, area_id FROM participants WHERE id = $1`,
    [participantId],
  );
  const ageBand = person!.age_band === AgeBand.PREFER_NOT_TO_SAY ? null : person!.age_band;
  const connection = mainConnection(person!.connections);
  const { AGE_BAND, CONNECTION, AREA } = QuoteAttribute;
  for (const by of [[AGE_BAND, AREA], [CONNECTION, AREA], [AREA], [AGE_BAND], [CONNECTION]]) {
    const [row] = await tx.query<{ shared: number; threshold: number }>(
      `SELECT (SELECT count(*) FROM participants p WHERE p.engagement_id = $1
                 AND ($2::text IS NULL OR p.age_band = $2) AND ($3::text IS NULL OR $3 = ANY(p.connections))
                 AND ($4::uuid IS NULL OR p.area_id = $4))::int AS shared,
              (SELECT suppression_threshold FROM engagements WHERE id = $1) AS threshold`,
      [
        tx.engagementId,
        by.includes(AGE_BAND) ? ageBand : null,
        by.includes(CONNECTION) ? connection : null,
        by.includes(AREA) ? person!.area_id : null,
      ],
    );
    if (row!.shared >= row!.threshold) return by;
  }
  return [];
}

/** Ids of the named rows, keyed by lower-cased name (names are unique case-insensitively). */
async function idsByName(
  tx: RequestContext,
  table: 'areas' | 'organisations',
  names: string[],
): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; name: string }>(
    `SELECT id, lower(name) AS name FROM ${table} WHERE lower(name) = ANY($1)`,
    [names.map((name) => name.toLowerCase())],
  );
  return new Map(rows.map((row) => [row.name, row.id]));
}

/** Through the users service, for its validation and password hashing; an existing email is reused. */
async function createUsers(
  tx: RequestContext,
  services: Services,
  organisationIds: Map<string, string>,
): Promise<Map<UserKey, string>> {
  const ids = new Map<UserKey, string>();
  for (const user of USERS) {
    const [existing] = await tx.query<{ id: string }>(`SELECT id FROM users WHERE lower(email) = $1`, [user.email]);
    const id =
      existing?.id ??
      (
        await services.users.create(tx, {
          email: user.email,
          displayName: user.displayName,
          role: user.role,
          password: demoPassword(user.role),
          organisationId: user.organisation ? organisationIds.get(user.organisation.toLowerCase()) : null,
        })
      ).id;
    ids.set(user.key, id);
  }
  return ids;
}

/** The codebook, a level of the tree at a time so children can point at their parents. */
async function createThemes(tx: RequestContext): Promise<Map<ThemeKey, string>> {
  const ids = new Map<ThemeKey, string>();
  let level: { theme: ThemeDefinition; parentId: string | null }[] = THEME_TREE.map((theme) => ({
    theme,
    parentId: null,
  }));
  while (level.length) {
    await tx.query(
      `INSERT INTO themes (engagement_id, parent_id, name, description)
       SELECT $1::uuid, * FROM unnest($2::uuid[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [
        tx.engagementId,
        level.map((l) => l.parentId),
        level.map((l) => l.theme.name),
        level.map((l) => l.theme.description),
      ],
    );
    const rows = await tx.query<{ id: string; parent_id: string | null; name: string }>(
      `SELECT id, parent_id, lower(name) AS name FROM themes WHERE engagement_id = $1`,
      [tx.engagementId],
    );
    const byPath = new Map(rows.map((row) => [`${row.parent_id ?? ''}/${row.name}`, row.id]));
    const next: typeof level = [];
    for (const { theme, parentId } of level) {
      const id = byPath.get(`${parentId ?? ''}/${theme.name.toLowerCase()}`)!;
      ids.set(theme.key, id);
      for (const child of theme.children ?? []) next.push({ theme: child, parentId: id });
    }
    level = next;
  }
  return ids;
}

async function insertChunked<T>(
  tx: RequestContext,
  rows: readonly T[],
  sql: string,
  params: (chunk: readonly T[]) => unknown[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await tx.query(sql, params(rows.slice(start, start + ROWS_PER_STATEMENT)));
  }
}
