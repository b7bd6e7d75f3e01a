/**
 * Concurrent reservations against one daily limit: the class II account may send 10,000.00 a day
 * to accounts other than its bound one (PBOC 银发〔2016〕302号); 40 concurrent orders of 1,000.00
 * give exactly 10 reservations (overshoot 0). Releasing gives usage back once; reserve is idempotent.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const classII = zhang.accounts[1]!;
const RESERVE = 'mutation($input: LimitReservationInput!) { reserveLimit(input: $input) { ok limit reason } }';

describe('limit reservations under concurrency', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const reserve = (orderId: string, amount: string) =>
    platform.callCenter<{ reserveLimit: { ok: boolean; limit: string | null } }>('limits', RESERVE, {
      as: { service: 'finance', actingFor: zhang.id, scopes: ['limits:reserve'] },
      variables: { input: { orderId, accountId: classII.id, accountClass: 'II', countsToClassLimit: true, channel: 'MOBILE_APP', amount } },
    });

  it('never overshoots the class II daily limit', async () => {
    const orderIds = Array.from({ length: 40 }, () => randomUUID());
    const answers = await Promise.all(orderIds.map((id) => reserve(id, '1000.00')));
    const ok = answers.filter((answer) => answer.body.data?.reserveLimit.ok);
    expect(ok).toHaveLength(10);
    expect(new Set(answers.filter((a) => !a.body.data?.reserveLimit.ok).map((a) => a.body.data?.reserveLimit.limit))).toEqual(
      new Set(['CLASS_II_DAILY']),
    );
    // Idempotent: reserving an already reserved order again answers ok without counting twice.
    const first = orderIds[answers.findIndex((answer) => answer.body.data?.reserveLimit.ok)]!;
    expect((await reserve(first, '1000.00')).body.data?.reserveLimit.ok).toBe(true);
    expect((await reserve(randomUUID(), '0.01')).body.data?.reserveLimit.ok).toBe(false);
    // Releasing one (twice) gives exactly its 1,000.00 back.
    const release = () =>
      platform.callCenter('limits', 'mutation($o: ID!) { releaseLimitReservation(orderId: $o) { status } }', {
        as: { service: 'finance', scopes: ['limits:reserve'] },
        variables: { o: first },
      });
    await release();
    await release();
    expect((await reserve(randomUUID(), '1000.00')).body.data?.reserveLimit.ok).toBe(true);
    expect((await reserve(randomUUID(), '0.01')).body.data?.reserveLimit.ok).toBe(false);
  });

  it('lets a customer lower a limit but not raise it', async () => {
    const token = await platform.login(zhang.mobile);
    const lower = await platform.query(
      'mutation { setMyLimit(channel: WECHAT_MINI, period: SINGLE, amount: "1000.00") { amount { amount } source } }',
      { token },
    );
    expect(lower.body.data).toEqual({ setMyLimit: { amount: { amount: '1000.00' }, source: 'CUSTOMER' } });
    const raise = await platform.query('mutation { setMyLimit(channel: WECHAT_MINI, period: SINGLE, amount: "2000.00") { source } }', {
      token,
    });
    expect(raise.body.errors?.[0]?.extensions?.code).toBe('STEP_UP_REQUIRED');
  });
});
