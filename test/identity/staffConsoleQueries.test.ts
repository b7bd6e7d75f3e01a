/**
 * The operations console's staff queries of the auth center, through the gateway with the console's own
 * trusted documents: risk decisions by rule and their list, the audit log, and risk-rule changes audited
 * with the rule before and after. Each role sees what it may and is refused the rest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import type { StaffRole } from '../../platform/identity/identity';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { fieldBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { encryptField } from '../../subgraphs/kit/fieldCipher';
import { STAFF_USER } from '../../subgraphs/auth/encryptedColumns';
import { RuleSetCache } from '../../subgraphs/auth/service/risk/rules';
import { DEMO_OPERATOR, demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf } from './helpers';

let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

/** The console's documents, exactly as the OPS manifest ships them. */
const operation = (name: string) => readFileSync(join(__dirname, '..', '..', 'schema', 'operations', `${name}.graphql`), 'utf8');
const STATS = operation('RiskDecisionStats');
const DECISIONS = operation('RiskDecisions');
const AUDIT = operation('AuditEvents');
const CHANGES = operation('RiskRuleChanges');
const UPDATE_RULE = operation('UpdateRiskRule');
const STAFF_LOGIN = operation('StaffLogin');

const ASSESS = 'query($input: RiskAssessmentInput!) { assessRisk(input: $input) { decisionId outcome reasons } }';

interface Count {
  day: string;
  rule: string | null;
  outcome: string;
  decisions: number;
}
interface DecisionNode {
  id: string;
  customerId: string;
  channel: string;
  outcome: string;
  reasons: string[];
  amount: { amount: string } | null;
  payeeAccount: string | null;
  clientAddress: string | null;
}
interface Page<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface AuditNode {
  action: string;
  outcome: string;
  userId: string | null;
  channel: string | null;
  details: { name: string; value: string }[];
}
interface RuleChangeNode {
  version: number;
  rule: string;
  changedBy: string;
  before: { outcome: string; enabled: boolean; parameters: { name: string; value: string }[] };
  after: { outcome: string; enabled: boolean; parameters: { name: string; value: string }[] };
}

const tokens: Partial<Record<'operator' | 'analyst' | 'admin', string>> = {};

/** A staff member with only `roles`, signing in with the demo operator's password and TOTP secret. */
async function createStaff(username: string, roles: StaffRole[]) {
  const store = platform.store('auth');
  const demo = await store.staffUser.findUniqueOrThrow({ where: { username: DEMO_OPERATOR.username } });
  const id = `staff-${username}`;
  await store.staffUser.create({
    data: {
      id,
      username,
      roles,
      passwordHash: demo.passwordHash,
      totpSecret: encryptField(demoOperatorTotpSecret(), fieldBinding(STAFF_USER, 'totp_secret', id)),
      createdAt: platform.clock.now(),
    },
  });
}

async function staffLogin(username: string, totpCode?: string) {
  const code = totpCode ?? generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
  return platform.query<{ staffLogin: { accessToken: string } }>(STAFF_LOGIN, {
    channel: 'OPS',
    variables: { input: { username, password: DEMO_PASSWORD, totpCode: code } },
  });
}

const asStaff = <Data>(token: string | undefined, document: string, variables: Record<string, unknown> = {}) =>
  platform.query<Data>(document, { token, channel: 'OPS', variables });

function assess(channel: string, amount: string, payeeIsNew = false) {
  platform.clock.advance(1_000); // one after the other, so the list's order is known
  return platform.callCenter<{ assessRisk: { outcome: string; reasons: string[] } }>('auth', ASSESS, {
    variables: {
      input: {
        action: 'TRANSFER',
        amount,
        sourceAccountId: zhang!.accounts[0]!.id,
        payeeAccountNumber: li!.accounts[0]!.number,
        payeeIsNew,
        channel,
        deviceId: zhang!.deviceId,
      },
    },
    as: { service: 'finance', actingFor: zhang!.id, scopes: ['auth:risk:assess'] },
  });
}

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
  // Transfers assessed at noon in Shanghai on 2026-11-27 and at 11:00 on the 28th.
  platform.clock.set('2026-11-27T04:00:00.000Z');
  expect((await assess('MOBILE_APP', '100.00')).body.data?.assessRisk).toMatchObject({ outcome: 'ALLOW', reasons: [] });
  expect((await assess('MOBILE_APP', '60000.00')).body.data?.assessRisk.reasons).toEqual(['LARGE_AMOUNT']);
  expect((await assess('MOBILE_APP', '60000.00', true)).body.data?.assessRisk.reasons).toEqual(['LARGE_AMOUNT', 'NEW_PAYEE']);
  expect((await assess('WECHAT_MINI', '30000.00')).body.data?.assessRisk.reasons).toEqual(['MINI_PROGRAM_AMOUNT']);
  platform.clock.set('2026-11-28T03:00:00.000Z');
  expect((await assess('MOBILE_APP', '70000.00')).body.data?.assessRisk.reasons).toEqual(['LARGE_AMOUNT']);

  // Then the staff sign in (their access tokens live 15 minutes: the clock moves by seconds from here).
  await createStaff('operator', ['OPERATOR']);
  await createStaff('analyst', ['RISK_ANALYST']);
  await createStaff('admin', ['ADMIN']);
  for (const who of ['operator', 'analyst', 'admin'] as const) {
    platform.clock.advance(1_000); // one after the other, so the audit log's order is known
    const { body } = await staffLogin(who);
    expect(body.errors).toBeUndefined();
    tokens[who] = body.data!.staffLogin.accessToken;
  }
});
afterAll(() => platform.stop());

describe('who may ask', () => {
  const days = { from: '2026-11-27', to: '2026-11-28' };

  test('an operator reads none of them; an analyst all but the audit log; an admin all', async () => {
    const asks = {
      stats: (token?: string) => asStaff(token, STATS, days),
      decisions: (token?: string) => asStaff(token, DECISIONS, { filter: days }),
      audit: (token?: string) => asStaff(token, AUDIT, { filter: days }),
      changes: (token?: string) => asStaff(token, CHANGES),
    };
    const outcome = async (who: 'operator' | 'analyst' | 'admin') => {
      const codes: Record<string, string> = {};
      for (const [name, ask] of Object.entries(asks)) codes[name] = codeOf((await ask(tokens[who])).body) ?? 'OK';
      return codes;
    };
    expect(await outcome('operator')).toEqual({ stats: 'FORBIDDEN', decisions: 'FORBIDDEN', audit: 'FORBIDDEN', changes: 'FORBIDDEN' });
    expect(await outcome('analyst')).toEqual({ stats: 'OK', decisions: 'OK', audit: 'FORBIDDEN', changes: 'OK' });
    expect(await outcome('admin')).toEqual({ stats: 'OK', decisions: 'OK', audit: 'OK', changes: 'OK' });
  });

  test('a customer is refused, on a customer channel and without a token', async () => {
    const customer = await platform.login(zhang!.mobile);
    const { body } = await platform.query(STATS, { token: customer, variables: days });
    expect(codeOf(body)).toBe('FORBIDDEN');
    expect(body.data ?? null).toBeNull();
    expect(codeOf((await platform.query(AUDIT, { channel: 'OPS', variables: { filter: days } })).body)).toBe('UNAUTHENTICATED');
  });
});

describe('risk decisions by rule', () => {
  test('counts per day, rule and outcome; a decision with two reasons under each, one without under null', async () => {
    const { body } = await asStaff<{ riskDecisionStats: Count[] }>(tokens.analyst, STATS, {
      from: '2026-11-27',
      to: '2026-11-28',
      action: 'TRANSFER',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.riskDecisionStats).toEqual([
      { day: '2026-11-27', rule: null, outcome: 'ALLOW', decisions: 1 },
      { day: '2026-11-27', rule: 'LARGE_AMOUNT', outcome: 'CHALLENGE', decisions: 2 },
      { day: '2026-11-27', rule: 'MINI_PROGRAM_AMOUNT', outcome: 'CHALLENGE', decisions: 1 },
      { day: '2026-11-27', rule: 'NEW_PAYEE', outcome: 'CHALLENGE', decisions: 1 },
      { day: '2026-11-28', rule: 'LARGE_AMOUNT', outcome: 'CHALLENGE', decisions: 1 },
    ]);
  });

  test('the channel filter and the day range select', async () => {
    const mini = await asStaff<{ riskDecisionStats: Count[] }>(tokens.analyst, STATS, {
      from: '2026-11-27',
      to: '2026-11-28',
      channel: 'WECHAT_MINI',
      action: 'TRANSFER',
    });
    expect(mini.body.data!.riskDecisionStats).toEqual([
      { day: '2026-11-27', rule: 'MINI_PROGRAM_AMOUNT', outcome: 'CHALLENGE', decisions: 1 },
    ]);
    const secondDay = await asStaff<{ riskDecisionStats: Count[] }>(tokens.analyst, STATS, {
      from: '2026-11-28',
      to: '2026-11-28',
      action: 'TRANSFER',
    });
    expect(secondDay.body.data!.riskDecisionStats).toEqual([
      { day: '2026-11-28', rule: 'LARGE_AMOUNT', outcome: 'CHALLENGE', decisions: 1 },
    ]);
    const before = await asStaff<{ riskDecisionStats: Count[] }>(tokens.analyst, STATS, { from: '2026-11-01', to: '2026-11-26' });
    expect(before.body.data!.riskDecisionStats).toEqual([]);
    // Sign-ins are decisions too (the customer's sign-in above, on the 28th): counted under their own action.
    const signIns = await asStaff<{ riskDecisionStats: Count[] }>(tokens.analyst, STATS, {
      from: '2026-11-27',
      to: '2026-11-28',
      action: 'LOGIN',
    });
    expect(signIns.body.data!.riskDecisionStats.map((row) => row.day)).toEqual(['2026-11-28']);
  });

  test('bad days are BAD_USER_INPUT on the argument', async () => {
    const cases = [
      [{ from: '2026-11-31', to: '2026-12-01' }, 'from'],
      [{ from: '2026-11-28', to: '2026-11-27' }, 'to'],
      [{ from: '2025-01-01', to: '2026-11-27' }, 'to'],
    ] as const;
    for (const [variables, field] of cases) {
      const { body } = await asStaff(tokens.analyst, STATS, variables);
      expect({ variables, code: codeOf(body), field: body.errors?.[0]?.extensions?.field }).toEqual({
        variables,
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const list = await asStaff(tokens.analyst, DECISIONS, { filter: { from: '27/11/2026', to: '2026-11-28' } });
    expect([codeOf(list.body), list.body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'filter.from']);
  });

  test('the list: newest first, paged with cursors, filtered by rule and outcome, payee masked', async () => {
    const filter = { from: '2026-11-27', to: '2026-11-28', channel: 'MOBILE_APP', action: 'TRANSFER' };
    const first = await asStaff<{ riskDecisions: Page<DecisionNode> }>(tokens.admin, DECISIONS, { filter, first: 3 });
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.riskDecisions;
    expect(page1.edges.map((edge) => edge.node.amount?.amount)).toEqual(['70000.00', '60000.00', '60000.00']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const rest = await asStaff<{ riskDecisions: Page<DecisionNode> }>(tokens.admin, DECISIONS, {
      filter,
      first: 3,
      after: page1.pageInfo.endCursor,
    });
    const page2 = rest.body.data!.riskDecisions;
    expect(page2.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ outcome: 'ALLOW', reasons: [], amount: { amount: '100.00', currency: 'CNY' }, channel: 'MOBILE_APP' }),
    ]);
    expect(page2.pageInfo).toEqual({ hasNextPage: false, endCursor: page2.edges[0]!.cursor });
    const ids = [...page1.edges, ...page2.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(4);

    const node = page1.edges[0]!.node;
    expect(node.customerId).toBe(zhang!.id);
    const number = li!.accounts[0]!.number;
    expect(node.payeeAccount).toBe(`${number.slice(0, 4)} **** **** ${number.slice(-4)}`);
    expect(JSON.stringify(page1)).not.toContain(number);

    const newPayee = await asStaff<{ riskDecisions: Page<DecisionNode> }>(tokens.analyst, DECISIONS, {
      filter: { from: '2026-11-27', to: '2026-11-28', rule: 'NEW_PAYEE' },
    });
    expect(newPayee.body.data!.riskDecisions.edges.map((edge) => edge.node.reasons)).toEqual([['LARGE_AMOUNT', 'NEW_PAYEE']]);
    const allowed = await asStaff<{ riskDecisions: Page<DecisionNode> }>(tokens.analyst, DECISIONS, {
      filter: { from: '2026-11-27', to: '2026-11-28', action: 'TRANSFER', outcome: 'ALLOW' },
    });
    expect(allowed.body.data!.riskDecisions.edges).toHaveLength(1);
  });

  test('a cursor or page size the list did not issue is BAD_USER_INPUT', async () => {
    const filter = { from: '2026-11-27', to: '2026-11-28' };
    const cursor = await asStaff(tokens.analyst, DECISIONS, { filter, after: 'not-a-cursor' });
    expect([codeOf(cursor.body), cursor.body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'after']);
    const size = await asStaff(tokens.analyst, DECISIONS, { filter, first: 101 });
    expect([codeOf(size.body), size.body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'first']);
    const rule = await asStaff(tokens.analyst, DECISIONS, { filter: { ...filter, rule: "x' OR 1=1" } });
    expect([codeOf(rule.body), rule.body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'filter.rule']);
  });
});

describe('the audit log', () => {
  test('filtered by action and outcome, paged, personal data masked', async () => {
    platform.clock.advance(1_000);
    // A failed staff sign-in (wrong code) and a customer's sign-in, after the staff's.
    const good = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
    expect(codeOf((await staffLogin('operator', good === '000000' ? '111111' : '000000')).body)).toBe('INVALID_CREDENTIALS');
    await platform.login(zhang!.mobile);

    const day = { from: '2026-11-28', to: '2026-11-28' };
    const failures = await asStaff<{ auditEvents: Page<AuditNode> }>(tokens.admin, AUDIT, {
      filter: { ...day, action: 'staff-login', outcome: 'FAILURE' },
    });
    expect(failures.body.errors).toBeUndefined();
    expect(failures.body.data!.auditEvents.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ action: 'staff-login', outcome: 'FAILURE', userId: 'staff-operator', channel: 'OPS' }),
    ]);
    // Stored as JSON: the details come in the store's key order.
    expect(failures.body.data!.auditEvents.edges[0]!.node.details.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'reason', value: 'invalid-credentials' },
      { name: 'username', value: 'operator' },
    ]);

    const signIns = await asStaff<{ auditEvents: Page<AuditNode> }>(tokens.admin, AUDIT, {
      filter: { ...day, action: 'login', outcome: 'SUCCESS' },
      first: 1,
    });
    const event = signIns.body.data!.auditEvents.edges[0]!.node;
    expect(event.userId).toBe(zhang!.id);
    expect(event.details).toContainEqual({ name: 'mobile', value: `${zhang!.mobile.slice(0, 3)}****${zhang!.mobile.slice(-4)}` });
    expect(JSON.stringify(signIns.body.data)).not.toContain(zhang!.mobile);

    // The staff's sign-ins, two per page.
    const staffDay = { ...day, action: 'staff-login', outcome: 'SUCCESS' };
    const first = await asStaff<{ auditEvents: Page<AuditNode> }>(tokens.admin, AUDIT, { filter: staffDay, first: 2 });
    const second = await asStaff<{ auditEvents: Page<AuditNode> }>(tokens.admin, AUDIT, {
      filter: staffDay,
      first: 2,
      after: first.body.data!.auditEvents.pageInfo.endCursor,
    });
    expect(first.body.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect(second.body.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
    const users = [...first.body.data!.auditEvents.edges, ...second.body.data!.auditEvents.edges].map((edge) => edge.node.userId);
    expect(users).toEqual(['staff-admin', 'staff-analyst', 'staff-operator']);

    const byUser = await asStaff<{ auditEvents: Page<AuditNode> }>(tokens.admin, AUDIT, {
      filter: { from: '2026-11-27', to: '2026-11-28', userId: 'staff-operator' },
    });
    expect(byUser.body.data!.auditEvents.edges.map((edge) => edge.node.outcome)).toEqual(['FAILURE', 'SUCCESS']);
  });

  test('an unknown action is BAD_USER_INPUT on filter.action', async () => {
    const { body } = await asStaff(tokens.admin, AUDIT, { filter: { from: '2026-11-27', to: '2026-11-28', action: 'everything' } });
    expect([codeOf(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'filter.action']);
  });
});

describe('risk-rule changes', () => {
  test('a change is audited with who, the rule before and after and the version, and listed', async () => {
    platform.clock.advance(1_000);
    const changedAt = platform.clock.now().toISOString();
    const changed = await asStaff<{ updateRiskRule: { version: number } }>(tokens.analyst, UPDATE_RULE, {
      input: { code: 'LARGE_AMOUNT', parameters: [{ name: 'minimumAmountFen', value: '2000000' }] },
    });
    expect(changed.body.errors).toBeUndefined();
    const version = changed.body.data!.updateRiskRule.version;
    platform.clock.advance(1_000);
    const disabledAt = platform.clock.now().toISOString();
    const disabled = await asStaff<{ updateRiskRule: { version: number } }>(tokens.admin, UPDATE_RULE, {
      input: { code: 'NIGHT_HOURS', enabled: false, outcome: 'DENY' },
    });
    expect(disabled.body.data!.updateRiskRule.version).toBe(version + 1);
    // An operator may read the rules but not change them: no version, no audit row.
    expect(codeOf((await asStaff(tokens.operator, UPDATE_RULE, { input: { code: 'NIGHT_HOURS', enabled: true } })).body)).toBe('FORBIDDEN');

    const { body } = await asStaff<{ riskRuleChanges: Page<RuleChangeNode> }>(tokens.analyst, CHANGES, { first: 10 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.riskRuleChanges.edges.map((edge) => edge.node)).toEqual([
      {
        id: expect.any(String),
        at: disabledAt,
        version: version + 1,
        rule: 'NIGHT_HOURS',
        changedBy: 'admin',
        before: expect.objectContaining({ code: 'NIGHT_HOURS', outcome: 'CHALLENGE', enabled: true }),
        after: expect.objectContaining({ code: 'NIGHT_HOURS', outcome: 'DENY', enabled: false }),
      },
      {
        id: expect.any(String),
        at: changedAt,
        version,
        rule: 'LARGE_AMOUNT',
        changedBy: 'analyst',
        before: { code: 'LARGE_AMOUNT', outcome: 'CHALLENGE', enabled: true, parameters: [{ name: 'minimumAmountFen', value: '5000000' }] },
        after: { code: 'LARGE_AMOUNT', outcome: 'CHALLENGE', enabled: true, parameters: [{ name: 'minimumAmountFen', value: '2000000' }] },
      },
    ]);
    const paged = await asStaff<{ riskRuleChanges: Page<RuleChangeNode> }>(tokens.admin, CHANGES, { first: 1 });
    expect(paged.body.data!.riskRuleChanges.pageInfo.hasNextPage).toBe(true);

    // The same changes in the audit log.
    const audit = await asStaff<{ auditEvents: Page<AuditNode> }>(tokens.admin, AUDIT, {
      filter: { from: '2026-11-28', to: '2026-11-28', action: 'risk-rule-changed' },
    });
    expect(
      audit.body.data!.auditEvents.edges.map((edge) => [edge.node.userId, edge.node.details.find((d) => d.name === 'rule')?.value]),
    ).toEqual([
      ['staff-admin', 'NIGHT_HOURS'],
      ['staff-analyst', 'LARGE_AMOUNT'],
    ]);
  });

  test('a change whose audit row cannot be written is not made', async () => {
    const store = platform.store('auth');
    const rules = new RuleSetCache(store);
    const before = await rules.current();
    const auditRows = await store.auditEvent.count({ where: { action: 'risk-rule-changed' } });
    await expect(
      rules.change({ code: 'VELOCITY', params: { maximumPerHour: '5' } }, 'staff-analyst', platform.clock.now(), async (tx) => {
        await tx.auditEvent.create({
          data: { id: 'audit-before-failure', at: platform.clock.now(), action: 'risk-rule-changed', outcome: 'success', details: {} },
        });
        throw new Error('audit store unavailable');
      }),
    ).rejects.toThrow('audit store unavailable');
    expect((await rules.current()).version).toBe(before.version);
    expect(await store.auditEvent.count({ where: { action: 'risk-rule-changed' } })).toBe(auditRows);
  });
});
