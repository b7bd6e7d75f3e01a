import { documentIds, RiskRulesDocument } from '../documents/OPS.generated';
import { addDays, daysBetween, today } from '../ops/src/days';
import { createBankClient } from '../shared/client';
import { hasAnyRole, rolesOf } from '../ops/src/staffRoles';

const token = (claims: Record<string, unknown>) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'signature'].join('.');

test("a staff token's roles come from its rol claim; anything else gives none", () => {
  expect(rolesOf(token({ sub: 'staff-ops-demo', rol: ['OPERATOR', 'RISK_ANALYST', 'ADMIN'] }))).toEqual([
    'OPERATOR',
    'RISK_ANALYST',
    'ADMIN',
  ]);
  expect(rolesOf(token({ rol: ['ADMIN', 'ROOT', 7] }))).toEqual(['ADMIN']);
  expect(rolesOf(token({ sub: 'customer' }))).toEqual([]);
  expect(rolesOf(undefined)).toEqual([]);
  expect(rolesOf('not-a-token')).toEqual([]);
  expect(rolesOf('a.%%%.c')).toEqual([]);
  expect(hasAnyRole(['OPERATOR'], ['RISK_ANALYST', 'ADMIN'])).toBe(false);
  expect(hasAnyRole(['OPERATOR', 'ADMIN'], ['RISK_ANALYST', 'ADMIN'])).toBe(true);
});

test("the console's today is the Shanghai day, whatever the browser's zone", () => {
  expect(today(new Date('2026-12-02T15:59:59.000Z'))).toBe('2026-12-02');
  expect(today(new Date('2026-12-02T16:00:00.000Z'))).toBe('2026-12-03');
});

test('day arithmetic for the filters', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
});

test("a staff session's expired access token is renewed with the refresh token kept in memory (OPS has no refresh cookie)", async () => {
  const sent: { operationName?: string; variables?: Record<string, unknown>; authorization?: string }[] = [];
  const answers: unknown[] = [
    { errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }], data: null },
    {
      data: {
        refreshSession: { accessToken: 'fresh', expiresAt: 'x', sessionId: 's', refreshToken: 'next-refresh', refreshExpiresAt: 'x' },
      },
    },
    { data: { riskRules: { version: 3, rules: [] } } },
  ];
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { operationName?: string; variables?: Record<string, unknown> };
    sent.push({ ...body, authorization: new Headers(init.headers).get('authorization') ?? undefined });
    return new Response(JSON.stringify(answers.shift()), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  const bank = createBankClient({ channel: 'OPS', documentIds, fetch });
  bank.session.set({ accessToken: 'expired', refreshToken: 'staff-refresh' });
  const result = await bank.client.query({ query: RiskRulesDocument });
  expect(result.data?.riskRules.version).toBe(3);
  expect(sent.map((request) => request.operationName)).toEqual(['RiskRules', 'RefreshSession', 'RiskRules']);
  expect(sent[1]!.variables).toEqual({ refreshToken: 'staff-refresh' });
  expect(sent[2]!.authorization).toBe('Bearer fresh');
  expect(bank.session.get()).toEqual({ accessToken: 'fresh', refreshToken: 'next-refresh' });
});
