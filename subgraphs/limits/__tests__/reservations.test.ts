/**
 * Reservations against channel limits (the customer's lowered daily limit applied) and the
 * commit/release steps: each answers the reservation as it is after the step, a repeated step
 * changes nothing, and only the usage of RESERVED/COMMITTED reservations counts.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const [zhangClassI] = zhang.accounts;
const RESERVE = 'mutation($input: LimitReservationInput!) { reserveLimit(input: $input) { ok limit reason } }';
const VIEW = 'orderId accountId amount status';

interface Reserved {
  reserveLimit: { ok: boolean; limit: string | null; reason: string | null };
}
interface View {
  orderId: string;
  accountId: string;
  amount: string;
  status: string;
}

describe('limit reservations', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['limits'], gateway: false });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const reserve = async (orderId: string, amount: string) =>
    (
      await platform.callCenter<Reserved>('limits', RESERVE, {
        as: { service: 'finance', actingFor: zhang.id, scopes: ['limits:reserve'] },
        variables: {
          input: { orderId, accountId: zhangClassI!.id, accountClass: 'I', countsToClassLimit: true, channel: 'MOBILE_APP', amount },
        },
      })
    ).body.data!.reserveLimit;
  const step = async (field: 'commitLimitReservation' | 'releaseLimitReservation', orderId: string) => {
    const { body } = await platform.callCenter<Record<string, View | null>>(
      'limits',
      `mutation($o: ID!) { ${field}(orderId: $o) { ${VIEW} } }`,
      {
        as: { service: 'finance', scopes: ['limits:reserve'] },
        variables: { o: orderId },
      },
    );
    expect(body.errors).toBeUndefined();
    return body.data![field];
  };

  it('applies the channel single limit and the daily limit the customer lowered', async () => {
    // Mobile app: single 100,000.00 (bank); daily lowered by 张晓明 from 200,000.00 to 100,000.00.
    expect(await reserve(randomUUID(), '100000.01')).toEqual({
      ok: false,
      limit: 'MOBILE_APP_SINGLE',
      reason: '超过单笔限额 100000.00 元',
    });
    const first = randomUUID();
    expect((await reserve(first, '60000.00')).ok).toBe(true);
    expect(await reserve(randomUUID(), '40000.01')).toEqual({
      ok: false,
      limit: 'MOBILE_APP_DAILY',
      reason: '超过当日累计限额 100000.00 元',
    });
    // A retry of the same order answers its first reservation and counts nothing more.
    expect((await reserve(first, '60000.00')).ok).toBe(true);
    const second = randomUUID();
    expect((await reserve(second, '40000.00')).ok).toBe(true);
    expect((await reserve(randomUUID(), '0.01')).limit).toBe('MOBILE_APP_DAILY');

    // Commit keeps the usage; a second commit changes nothing.
    expect(await step('commitLimitReservation', first)).toEqual({
      orderId: first,
      accountId: zhangClassI!.id,
      amount: '60000.00',
      status: 'COMMITTED',
    });
    expect((await step('commitLimitReservation', first))!.status).toBe('COMMITTED');
    expect((await reserve(randomUUID(), '0.01')).ok).toBe(false);

    // Release (a returned transfer) gives the usage back once; a commit afterwards does not revive it.
    expect((await step('releaseLimitReservation', first))!.status).toBe('RELEASED');
    expect((await step('releaseLimitReservation', first))!.status).toBe('RELEASED');
    expect((await step('commitLimitReservation', first))!.status).toBe('RELEASED');
    expect((await reserve(randomUUID(), '60000.00')).ok).toBe(true);
    expect((await reserve(randomUUID(), '0.01')).ok).toBe(false);

    // An order that never reserved has nothing to commit or release.
    expect(await step('commitLimitReservation', randomUUID())).toBeNull();
    expect(await step('releaseLimitReservation', randomUUID())).toBeNull();
  });
});
