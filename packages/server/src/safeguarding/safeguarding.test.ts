import { Role } from '@chorus/shared';
import pino from 'pino';
import { Caller } from '../access/caller';
import { startJobRunner } from '../jobs/runner';
import { codeOf, fieldOf, TestServer } from '../test/harness';
import { rescanTask } from './rescan.task';

let server: TestServer;
let lead: string;
let coordinator: string;
let analyst: string;
let partnerOrg: string;
let partnerKey: string;
let otherPartnerKey: string;
let partnerSession: string;

const FLAG_FIELDS = `id category source status ruleSetVersion rule raisedBy closedAt closedBy routedTo
  response { id text prompt } actions { action recordedBy }`;
const QUEUE = `query($f: SafeguardingFlagFilter, $first: Int, $after: String) {
  safeguardingFlags(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${FLAG_FIELDS} } }
  }
}`;
const FLAG = `mutation($i: FlagResponseInput!) { flagResponse(input: $i) { id source status ruleSetVersion raisedBy } }`;
const RECORD = `mutation($id: ID!, $a: String!) { recordSafeguardingAction(flagId: $id, action: $a) { ${FLAG_FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $a: String) { closeSafeguardingFlag(flagId: $id, action: $a) { ${FLAG_FIELDS} } }`;
const RULES = `query { safeguardingRuleSet { version savedBy rules { category kind text } } }`;
const SAVE = `mutation($r: [SafeguardingRuleInput!]!) { saveSafeguardingRules(rules: $r) { version savedBy rules { text } } }`;
const RESPONSE = `query($id: ID!) { response(id: $id) { id text textWithheld } }`;

beforeAll(async () => {
  server = await TestServer.start();
  lead = (await server.userWithRole(Role.SAFEGUARDING_LEAD)).token;
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  analyst = (await server.userWithRole(Role.ANALYST)).token;
  partnerOrg = await server.createOrganisation();
  partnerKey = await server.apiKey(Role.PARTNER, partnerOrg);
  otherPartnerKey = await server.apiKey(Role.PARTNER, await server.createOrganisation());
  partnerSession = await server.createSession(partnerKey);
}, 60_000);
afterAll(() => server.stop());

async function submitOne(text: string, token = coordinator, sessionId?: string): Promise<string> {
  const session = sessionId ?? (await server.createSession());
  const result = await server.submit(session, [{ prompt: 'CHALLENGES', text }], token);
  expect(result.errors).toBeUndefined();
  return result.data.submitResponses.responses[0].id;
}

async function flagsOn(responseId: string, status = 'OPEN') {
  const data = await server.ok(QUEUE, { f: { status }, first: 100 }, lead);
  return data.safeguardingFlags.edges
    .map((e: { node: { response: { id: string } } }) => e.node)
    .filter((node: { response: { id: string } }) => node.response.id === responseId);
}

describe('flags raised by the rule set at submission', () => {
  it('flags a disclosure in the queue, with the rule and version that raised it, routed to the leads', async () => {
    const id = await submitOne('Honestly I have been thinking about killing myself since the job went.');
    const [flag] = await flagsOn(id);
    expect(flag).toMatchObject({
      category: 'RISK_OF_HARM',
      source: 'RULE',
      status: 'OPEN',
      ruleSetVersion: 0,
      rule: expect.stringContaining('kill'),
      response: { id, text: expect.stringContaining('killing myself') },
      routedTo: ['ADMIN', 'SAFEGUARDING_LEAD'],
    });
    const audit = await server.dataSource.query(`SELECT action, details FROM audit_events WHERE entity_id = $1`, [
      flag.id,
    ]);
    expect(audit).toEqual([
      { action: 'safeguarding.flag_raised', details: { category: 'RISK_OF_HARM', source: 'RULE', responseId: id } },
    ]);
  });

  it('raises nothing for an ordinary answer or a hard negative', async () => {
    const id = await submitOne('The traffic on the ring road is killing me and I could kill for a bus.');
    expect(await server.count('safeguarding_flags', 'response_id = $1', [id])).toBe(0);
  });

  it('leaves no flag when the batch is refused: the batch and its flags are stored together', async () => {
    const session = await server.createSession();
    const before = await server.count('safeguarding_flags');
    const result = await server.submit(session, [
      { prompt: 'CHALLENGES', text: 'My dad hits me when he drinks.' },
      { prompt: 'CHALLENGES', text: 'x', participantId: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(await server.count('safeguarding_flags')).toBe(before);
  });
});

describe('the rule set', () => {
  it('is readable and editable by the safeguarding lead only, and a new version flags from then on', async () => {
    expect(codeOf(await server.gql(RULES, {}, coordinator))).toBe('FORBIDDEN');
    const current = (await server.ok(RULES, {}, lead)).safeguardingRuleSet;
    expect(current.version).toBe(0);
    expect(current.rules.length).toBeGreaterThan(50);

    const rules = [...current.rules, { category: 'HATE_INCIDENT', kind: 'PHRASE', text: 'pelted with stones' }];
    const saved = (await server.ok(SAVE, { r: rules }, lead)).saveSafeguardingRules;
    expect(saved).toMatchObject({ version: 1, savedBy: expect.any(String) });
    const id = await submitOne('We were pelted with stones on the way to the gurdwara.');
    const [flag] = await flagsOn(id);
    expect(flag).toMatchObject({ category: 'HATE_INCIDENT', ruleSetVersion: 1, rule: 'pelted with stones' });
    expect((await server.ok(RULES, {}, lead)).safeguardingRuleSet).toMatchObject({
      version: 1,
      savedBy: expect.any(String),
    });
  });

  it('refuses a broken rule, naming it, and keeps the version it had', async () => {
    const result = await server.gql(
      SAVE,
      {
        r: [
          { category: 'RISK_OF_HARM', kind: 'PHRASE', text: 'end it all' },
          { category: 'RISK_OF_HARM', kind: 'PATTERN', text: '([a-z]+)+ harm' },
        ],
      },
      lead,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('rules.1.text');
    expect((await server.ok(RULES, {}, lead)).safeguardingRuleSet.version).toBe(1);
    expect(codeOf(await server.gql(SAVE, { r: [] }, coordinator))).toBe('FORBIDDEN');
  });
});

describe('flagging by hand, recording actions and closing', () => {
  let responseId: string;
  let flagId: string;

  beforeAll(async () => {
    responseId = await submitOne('The lift in our block has been broken for a month.');
  });

  it('lets staff who can read a response flag it, with a note, and refuses a lead or a partner', async () => {
    const flagged = (
      await server.ok(
        FLAG,
        { i: { responseId, category: 'ABUSE_DISCLOSURE', note: 'She told me more afterwards.' } },
        analyst,
      )
    ).flagResponse;
    flagId = flagged.id;
    expect(flagged).toMatchObject({
      source: 'MANUAL',
      status: 'OPEN',
      ruleSetVersion: null,
      raisedBy: expect.stringMatching(/^User /),
    });
    const [queued] = await flagsOn(responseId);
    expect(queued.actions).toEqual([
      { action: 'She told me more afterwards.', recordedBy: expect.stringMatching(/^User /) },
    ]);
    expect(codeOf(await server.gql(FLAG, { i: { responseId, category: 'RISK_OF_HARM' } }, lead))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(FLAG, { i: { responseId, category: 'RISK_OF_HARM' } }, partnerKey))).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses an unknown response or a bad id, naming the field, and stores nothing', async () => {
    const before = await server.count('safeguarding_flags');
    const unknown = await server.gql(
      FLAG,
      { i: { responseId: '00000000-0000-4000-8000-000000000000', category: 'RISK_OF_HARM' } },
      coordinator,
    );
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['NOT_FOUND', 'responseId']);
    const bad = await server.gql(FLAG, { i: { responseId: 'nope', category: 'RISK_OF_HARM' } }, coordinator);
    expect([codeOf(bad), fieldOf(bad)]).toEqual(['BAD_USER_INPUT', 'responseId']);
    expect(await server.count('safeguarding_flags')).toBe(before);
  });

  it('records an action on an open flag, refuses an empty one, and only the lead may', async () => {
    const recorded = (await server.ok(RECORD, { id: flagId, a: 'Called the family support team.' }, lead))
      .recordSafeguardingAction;
    expect(recorded.actions.map((a: { action: string }) => a.action)).toEqual([
      'She told me more afterwards.',
      'Called the family support team.',
    ]);
    const empty = await server.gql(RECORD, { id: flagId, a: '  ' }, lead);
    expect([codeOf(empty), fieldOf(empty)]).toEqual(['BAD_USER_INPUT', 'action']);
    expect(codeOf(await server.gql(RECORD, { id: flagId, a: 'x' }, coordinator))).toBe('FORBIDDEN');
    const unknown = await server.gql(RECORD, { id: '00000000-0000-4000-8000-000000000000', a: 'x' }, lead);
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['NOT_FOUND', 'flagId']);
  });

  it('closes a flag once: it leaves the open queue, and nothing more is recorded on it', async () => {
    const closed = (await server.ok(CLOSE, { id: flagId, a: 'Referred to the council safeguarding hub.' }, lead))
      .closeSafeguardingFlag;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String), closedBy: expect.any(String) });
    expect(await flagsOn(responseId)).toEqual([]);
    expect(await flagsOn(responseId, 'CLOSED')).toHaveLength(1);
    const again = await server.gql(CLOSE, { id: flagId }, lead);
    expect([codeOf(again), fieldOf(again)]).toEqual(['BAD_USER_INPUT', 'flagId']);
    const late = await server.gql(RECORD, { id: flagId, a: 'later' }, lead);
    expect([codeOf(late), fieldOf(late)]).toEqual(['BAD_USER_INPUT', 'flagId']);
    const actions = await server.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [
      flagId,
    ]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'safeguarding.flag_raised',
      'safeguarding.action_recorded',
      'safeguarding.action_recorded',
      'safeguarding.action_recorded',
      'safeguarding.flag_closed',
    ]);
  });
});

describe('the queue', () => {
  it('pages through every open flag exactly once', async () => {
    for (let i = 0; i < 3; i++) await submitOne(`I want to die, week ${i}.`);
    const seen: string[] = [];
    let after: string | null = null;
    let total: number | undefined;
    for (;;) {
      const page: any = (await server.ok(QUEUE, { first: 2, after }, lead)).safeguardingFlags;
      total = page.totalCount;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total!);
    expect(total).toBeGreaterThanOrEqual(3);
    const bad = await server.gql(QUEUE, { first: 2, after: 'forged' }, lead);
    expect([codeOf(bad), fieldOf(bad)]).toEqual(['BAD_USER_INPUT', 'after']);
    expect(codeOf(await server.gql(QUEUE, {}, analyst))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(QUEUE, {}, server.adminToken))).toBe(undefined); // admins hold every permission
  });
});

describe('flagged text and partners', () => {
  it('is withheld from a partner that did not submit it, in lists, lookups and search', async () => {
    // Staff enter a disclosure at the partner's session: the partner sees the response, not its words.
    const staffId = await submitOne('My partner beats me and I have nowhere to go.', server.adminToken, partnerSession);
    const ownId = await submitOne('My partner beats me, she said, and we helped her call.', partnerKey, partnerSession);
    const plainId = await submitOne('The buses stop too early.', server.adminToken, partnerSession);

    expect((await server.ok(RESPONSE, { id: staffId }, partnerKey)).response).toEqual({
      id: staffId,
      text: null,
      textWithheld: true,
    });
    expect((await server.ok(RESPONSE, { id: ownId }, partnerKey)).response).toMatchObject({
      textWithheld: false,
      text: expect.stringContaining('beats'),
    });
    expect((await server.ok(RESPONSE, { id: plainId }, partnerKey)).response.textWithheld).toBe(false);
    // Staff still read it.
    expect((await server.ok(RESPONSE, { id: staffId }, coordinator)).response.text).toContain('beats');

    const list = (
      await server.ok(
        `query($s: ID) { responses(first: 100, filter: { sessionId: $s }) { edges { node { id text textWithheld } } } }`,
        { s: partnerSession },
        partnerKey,
      )
    ).responses.edges.map((e: { node: unknown }) => e.node);
    expect(list).toEqual(expect.arrayContaining([{ id: staffId, text: null, textWithheld: true }]));

    const search = (
      await server.ok(
        `query { responses(first: 100, filter: { search: "nowhere" }) { edges { node { id } } } }`,
        {},
        partnerKey,
      )
    ).responses.edges;
    expect(search).toEqual([]);
    // Another organisation never reached it at all.
    expect(codeOf(await server.gql(RESPONSE, { id: ownId }, otherPartnerKey))).toBe('NOT_FOUND');
  });
});

describe('rescanning earlier responses when the rules change', () => {
  const PHRASE = 'burned our allotment shed';
  const queued = () => server.count('graphile_worker.jobs', `task_identifier = 'safeguarding.rescan'`);

  /** Saves the rules with the new phrase, and runs the rescan job that saving queued on the real queue. */
  async function saveAndRescan(): Promise<number> {
    const current = (await server.ok(RULES, {}, lead)).safeguardingRuleSet;
    const rules = current.rules.some((rule: { text: string }) => rule.text === PHRASE)
      ? current.rules
      : [...current.rules, { category: 'HATE_INCIDENT', kind: 'PHRASE', text: PHRASE }];
    const { version } = (await server.ok(SAVE, { r: rules }, lead)).saveSafeguardingRules;
    // One rescan waits at a time: this save's replaced any an earlier save left waiting.
    expect(await queued()).toBe(1);
    const { options } = server.dataSource;
    if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
    const runner = await startJobRunner({
      databaseUrl: options.url,
      dataSource: server.dataSource,
      services: server.services,
      tasks: [rescanTask],
      logger: pino({ level: 'silent' }),
      concurrency: 1,
      pollIntervalMs: 100,
    });
    try {
      const deadline = Date.now() + 60_000;
      while (await queued()) {
        if (Date.now() > deadline) throw new Error('the rescan job did not finish');
        await new Promise((done) => setTimeout(done, 50));
      }
    } finally {
      await runner.stop();
    }
    return version;
  }

  it('flags earlier responses a new phrase matches, once, without repeating a flag already raised', async () => {
    const missed = await submitOne('Last spring someone burned our allotment shed because of where we are from.');
    const fromPartner = await submitOne('They burned our allotment shed twice.', partnerKey, partnerSession);
    const handFlagged = await submitOne('Whoever burned our allotment shed knew it was ours.');
    await server.ok(FLAG, { i: { responseId: handFlagged, category: 'HATE_INCIDENT' } }, coordinator);
    expect(await flagsOn(missed)).toEqual([]);

    const version = await saveAndRescan();
    for (const id of [missed, fromPartner]) {
      expect(await flagsOn(id)).toEqual([
        expect.objectContaining({ category: 'HATE_INCIDENT', source: 'RULE', ruleSetVersion: version, rule: PHRASE }),
      ]);
    }
    // Already flagged in that category by hand: no second flag.
    expect(await flagsOn(handFlagged)).toEqual([
      expect.objectContaining({ category: 'HATE_INCIDENT', source: 'MANUAL' }),
    ]);
    const [report] = await server.dataSource.query(
      `SELECT actor_user_id IS NOT NULL AS by_lead, details FROM audit_events
       WHERE action = 'safeguarding.rules_rescanned' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(report).toEqual({
      by_lead: true,
      details: { version, scanned: expect.any(Number), flagged: 2, current: true },
    });
    expect(report.details.scanned).toBe(await server.count('responses'));
    expect(
      await server.count('audit_events', `action = 'safeguarding.flag_raised' AND details->>'responseId' = $1`, [
        missed,
      ]),
    ).toBe(1);

    // Saving again and rescanning raises nothing new, for responses flagged then or closed since.
    const [closing] = await flagsOn(missed);
    await server.ok(CLOSE, { id: closing.id, a: 'Reported to the police hate crime unit.' }, lead);
    const flagsBefore = await server.count('safeguarding_flags');
    await saveAndRescan();
    expect(await server.count('safeguarding_flags')).toBe(flagsBefore);
    expect(await server.count('safeguarding_flags', 'response_id = $1', [missed])).toBe(1);
  });

  it('refuses a rescan by anyone but a lead, and of a version never saved', async () => {
    const { id } = await server.userWithRole(Role.COORDINATOR);
    const ctx = server.systemContext().as(Caller.user({ id, role: Role.COORDINATOR, organisationId: null }));
    await expect(server.services.safeguardingRules.rescan(ctx, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(() => rescanTask.parse({ version: 0 })).toThrow(/version/);
    const leadUser = await server.userWithRole(Role.SAFEGUARDING_LEAD);
    const asLead = server
      .systemContext()
      .as(Caller.user({ id: leadUser.id, role: Role.SAFEGUARDING_LEAD, organisationId: null }));
    await expect(server.services.safeguardingRules.rescan(asLead, 999)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'version',
    });
  });
});

// Last: the rescan tests above count what a save flags, and this one leaves a response unflagged.
describe('a disabled rule', () => {
  it('keeps a disabled rule in the set, shown as disabled, and flags nothing with it until it is enabled again', async () => {
    const READ = `query { safeguardingRuleSet { version rules { category kind text enabled } } }`;
    const current = (await server.ok(READ, {}, lead)).safeguardingRuleSet;
    expect(current.rules.every((rule: { enabled: boolean }) => rule.enabled)).toBe(true);
    const target = 'pelted with stones';
    const toggled = (enabled: boolean) =>
      current.rules.map((rule: { text: string }) => (rule.text === target ? { ...rule, enabled } : rule));

    await server.ok(SAVE, { r: toggled(false) }, lead);
    const saved = (await server.ok(READ, {}, lead)).safeguardingRuleSet;
    expect(saved.version).toBe(current.version + 1);
    expect(saved.rules.find((rule: { text: string }) => rule.text === target)).toMatchObject({ enabled: false });
    expect(await flagsOn(await submitOne('They pelted with stones anyone walking to the gurdwara.'))).toEqual([]);

    await server.ok(SAVE, { r: toggled(true) }, lead);
    const [flag] = await flagsOn(await submitOne('Kids pelted with stones the new family next door.'));
    expect(flag).toMatchObject({ category: 'HATE_INCIDENT', rule: target });
  });
});
