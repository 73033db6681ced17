import { randomBytes } from 'node:crypto';
import {
  ConsentPurpose,
  PARTICIPANT_CODE_ALPHABET,
  PARTICIPANT_CODE_LENGTH,
  Prompt,
  Sector,
  SessionFormat,
  SessionStatus,
} from '@chorus/shared';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/data-source';
import { RequestContext } from '../db/request-context';
import { redact } from '../responses/redaction';
import { createServices, type Services } from '../services';
import { cloneTemplate, databaseUrl, dropDatabase } from '../test/database';
import { buildDemoPlan, DEMO_NOW } from './demo-plan';
import { ORGANISATIONS, USERS, demoPassword } from './demo-setting';
import { PHRASES } from './demo-text';
import { seedDemoData } from './seed';
import { Caller } from '../access/caller.js';

describe('demo plan', () => {
  const plan = buildDemoPlan();

  it('is the same on every build', () => {
    expect(buildDemoPlan()).toEqual(plan);
  });

  it('has the size the demo promises', () => {
    expect(plan.sessions).toHaveLength(60);
    expect(plan.participants.length).toBeGreaterThanOrEqual(270);
    expect(plan.participants.length).toBeLessThanOrEqual(340);
    expect(plan.responses.length).toBeGreaterThanOrEqual(1350);
    expect(plan.responses.length).toBeLessThanOrEqual(1700);
    const coded = new Set(plan.codings.map((c) => c.response)).size / plan.responses.length;
    expect(coded).toBeGreaterThan(0.6);
    expect(coded).toBeLessThan(0.8);
  });

  it('covers every format, status, sector and prompt', () => {
    expect(new Set(plan.sessions.map((s) => s.format))).toEqual(new Set(Object.values(SessionFormat)));
    expect(new Set(plan.sessions.map((s) => s.status))).toEqual(new Set(Object.values(SessionStatus)));
    expect(new Set(ORGANISATIONS.map((o) => o.sector))).toEqual(new Set(Object.values(Sector)));
    expect(new Set(plan.responses.map((r) => r.prompt))).toEqual(new Set(Object.values(Prompt)));
  });

  it('has at least 40 distinct points per prompt to build answers from', () => {
    for (const prompt of Object.values(Prompt)) expect(PHRASES[prompt].substance.length).toBeGreaterThanOrEqual(40);
  });

  it('plans sessions from June to September, held before the demo date and planned after it', () => {
    for (const session of plan.sessions) {
      expect(session.startsAt >= new Date('2026-06-01T00:00:00+01:00')).toBe(true);
      expect(session.startsAt < new Date('2026-10-01T00:00:00+01:00')).toBe(true);
      expect(session.status === SessionStatus.PLANNED).toBe(session.startsAt >= DEMO_NOW);
      expect(session.organisation !== null || session.facilitators.length > 0).toBe(true);
    }
  });

  it('gives every participant a unique printable code and standing participation consent', () => {
    const codes = plan.participants.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    const pattern = new RegExp(`^[${PARTICIPANT_CODE_ALPHABET}]{${PARTICIPANT_CODE_LENGTH}}$`);
    for (const code of codes) expect(code).toMatch(pattern);
    plan.participants.forEach((_, i) => {
      const ledger = plan.consents.filter((c) => c.participant === i && c.purpose === ConsentPurpose.PARTICIPATION);
      expect(ledger).toEqual([expect.objectContaining({ granted: true, isWithdrawal: false })]);
    });
  });

  it('withdraws only quotes that were granted, later, without method or notice', () => {
    const withdrawals = plan.consents.filter((c) => c.isWithdrawal);
    expect(withdrawals.length).toBe(5);
    for (const withdrawal of withdrawals) {
      expect(withdrawal).toMatchObject({
        purpose: ConsentPurpose.QUOTE,
        granted: false,
        method: null,
        noticeVersion: null,
      });
      const grant = plan.consents.find(
        (c) => c.participant === withdrawal.participant && c.purpose === ConsentPurpose.QUOTE && c.granted,
      );
      expect(grant!.recordedAt < withdrawal.recordedAt).toBe(true);
      expect(withdrawal.recordedAt < DEMO_NOW).toBe(true);
    }
  });

  it('hears only participants registered at the held session they speak at', () => {
    for (const response of plan.responses) {
      expect(plan.sessions[response.session]?.status).toBe(SessionStatus.HELD);
      if (response.participant !== null)
        expect(plan.participants[response.participant]?.session).toBe(response.session);
    }
  });

  it('writes texts that need no redaction, and codes excerpts that occur in them, once per theme', () => {
    for (const response of plan.responses) expect(redact(response.text, [])).toBe(response.text);
    const seen = new Set<string>();
    for (const coding of plan.codings) {
      if (coding.excerpt !== null) expect(plan.responses[coding.response]?.text).toContain(coding.excerpt);
      const key = `${coding.response}/${coding.theme}/${coding.excerpt ?? ''}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('does not read as the same few answers over and over', () => {
    const long = plan.responses.filter((r) => r.text.length > 40);
    expect(new Set(long.map((r) => r.text)).size / long.length).toBeGreaterThan(0.95);
  });
});

describe('seedDemoData', () => {
  const logger = pino({ level: 'silent' });
  let database: string;
  let dataSource: DataSource;
  let services: Services;
  let ctx: RequestContext;

  beforeAll(async () => {
    database = await cloneTemplate();
    dataSource = createDataSource(databaseUrl(database), { max: 2 });
    await dataSource.initialize();
    services = createServices(randomBytes(48));
    const engagementId = await services.engagements.ensureDefault(dataSource, 5);
    ctx = new RequestContext(dataSource, engagementId, Caller.system, 'test');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(database);
  });

  const counts = async () => {
    const [row] = await dataSource.query(`
      SELECT (SELECT count(*) FROM areas)::int AS areas, (SELECT count(*) FROM organisations)::int AS organisations,
             (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM themes)::int AS themes,
             (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM participants)::int AS participants,
             (SELECT count(*) FROM consent_events)::int AS consents, (SELECT count(*) FROM responses)::int AS responses,
             (SELECT count(*) FROM codings)::int AS codings, (SELECT count(*) FROM quotes)::int AS quotes,
             (SELECT count(*) FROM safeguarding_flags)::int AS flags`);
    return row;
  };

  it('fills an empty database once, and returns every demo sign-in each time', async () => {
    const signIn = USERS.map(({ email, role }) => ({ email, password: demoPassword(role), role }));
    expect(signIn[0]).toEqual({ email: 'admin@chorus.local', password: 'chorus-demo-admin', role: 'ADMIN' });
    expect(await seedDemoData(ctx, services, logger)).toEqual(signIn);
    const first = await counts();
    const plan = buildDemoPlan();
    expect(first).toMatchObject({
      areas: 6,
      organisations: ORGANISATIONS.length,
      users: USERS.length,
      sessions: plan.sessions.length,
      participants: plan.participants.length,
      consents: plan.consents.length,
      responses: plan.responses.length,
      codings: plan.codings.length,
    });

    expect(await seedDemoData(ctx, services, logger)).toEqual(signIn);
    expect(await counts()).toEqual(first);
  });

  it('fills the quote register at every step but rejection, through the quote service, with one quote withdrawn', async () => {
    const quotes = await dataSource.query(
      `SELECT q.status, q.published_text, q.description, q.excerpt = substr(r.text, q.start_offset + 1, q.end_offset - q.start_offset) AS passage,
              (SELECT array_agg(t.to_status ORDER BY t.at, t.id) FROM quote_transitions t WHERE t.quote_id = q.id) AS steps
       FROM quotes q JOIN responses r ON r.id = q.response_id ORDER BY q.created_at, q.id`,
    );
    const statuses = quotes.map((q: { status: string }) => q.status);
    expect(new Set(statuses)).toEqual(
      new Set(['CANDIDATE', 'CONSENT_CHECKED', 'DEIDENTIFIED', 'APPROVED', 'WITHDRAWN']),
    );
    expect(statuses.filter((status: string) => status === 'APPROVED')).toHaveLength(3);
    for (const quote of quotes) expect(quote.passage).toBe(true);
    for (const quote of quotes.filter((q: { status: string }) => q.status === 'APPROVED')) {
      expect(quote.description).toMatch(/^(a|someone)/);
      expect(quote.steps).toEqual(['CANDIDATE', 'CONSENT_CHECKED', 'DEIDENTIFIED', 'APPROVED']);
    }
    const [withdrawn] = quotes.filter((q: { status: string }) => q.status === 'WITHDRAWN');
    expect(withdrawn.steps).toEqual(['CANDIDATE', 'CONSENT_CHECKED', 'DEIDENTIFIED', 'APPROVED', 'WITHDRAWN']);
    // Withdrawn because its speaker's QUOTE consent no longer stands; every other quote's does.
    const [standing] = await dataSource.query(`
      SELECT count(*) FILTER (WHERE q.status = 'WITHDRAWN' AND latest.granted)::int AS withdrawn_but_standing,
             count(*) FILTER (WHERE q.status <> 'WITHDRAWN' AND NOT latest.granted)::int AS kept_but_withdrawn
      FROM quotes q JOIN responses r ON r.id = q.response_id,
      LATERAL (SELECT granted FROM consent_events e WHERE e.participant_id = r.participant_id AND e.purpose = 'QUOTE'
               ORDER BY recorded_at DESC, id DESC LIMIT 1) latest`);
    expect(standing).toEqual({ withdrawn_but_standing: 0, kept_but_withdrawn: 0 });
  });

  it('puts the answers the built-in safeguarding rules match in the queue, open', async () => {
    const flags = await dataSource.query(
      `SELECT f.category, f.status, f.source, f.rule_set_version FROM safeguarding_flags f ORDER BY f.category`,
    );
    expect(flags.map((f: { category: string }) => f.category)).toEqual([
      'ABUSE_DISCLOSURE',
      'HATE_INCIDENT',
      'RISK_OF_HARM',
    ]);
    for (const flag of flags) expect(flag).toMatchObject({ status: 'OPEN', source: 'RULE', rule_set_version: 0 });
    expect(
      await dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'safeguarding.flag_raised'`),
    ).toEqual([{ n: flags.length }]);
  });

  it('keeps the engagement threshold and sets its period and notices', async () => {
    const [engagement] = await dataSource.query(
      `SELECT starts_on::text, ends_on::text, notice_versions, suppression_threshold FROM engagements WHERE id = $1`,
      [ctx.engagementId],
    );
    expect(engagement).toEqual({
      starts_on: '2026-06-01',
      ends_on: '2026-09-30',
      notice_versions: ['2026-05', '2026-07'],
      suppression_threshold: 5,
    });
  });

  it('lets every demo user sign in with the documented password', async () => {
    for (const user of USERS) {
      const result = await services.auth.login(ctx, user.email, demoPassword(user.role), '127.0.0.1');
      expect(result.user.role).toBe(user.role);
    }
  });

  it('stores only excerpts found in their response, and responses only with standing participation', async () => {
    const [bad] = await dataSource.query(`
      SELECT (SELECT count(*) FROM codings c JOIN responses r ON r.id = c.response_id
              WHERE c.excerpt IS NOT NULL AND strpos(r.text, c.excerpt) = 0)::int AS excerpts,
             (SELECT count(*) FROM responses r WHERE r.participant_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM consent_events e
                WHERE e.participant_id = r.participant_id AND e.purpose = 'PARTICIPATION' AND e.granted))::int AS unconsented`);
    expect(bad).toEqual({ excerpts: 0, unconsented: 0 });
  });

  it('offers no sign-in for a demo user whose password has changed', async () => {
    await dataSource.query(`UPDATE users SET password_hash = 'not-a-hash' WHERE email = 'admin@chorus.local'`);
    const offered = (await seedDemoData(ctx, services, logger)).map((signIn) => signIn.email);
    expect(offered).not.toContain('admin@chorus.local');
    expect(offered).toHaveLength(USERS.length - 1);
  });
});
