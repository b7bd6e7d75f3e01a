import { DEMO_CUSTOMERS } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';

const BILLS = `query($billerId: ID!, $customerNumber: String!) {
  bills(billerId: $billerId, customerNumber: $customerNumber) { id period amount { amount currency } dueDate status biller { name } }
}`;

describe('bill inquiry', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  it("finds the seeded bills of the customer's saved number, unpaid first, and no other number's", async () => {
    const token = await platform.login(DEMO_CUSTOMERS[0]!.mobile);
    const { body } = await platform.query<{ bills: unknown[] }>(BILLS, {
      token,
      variables: { billerId: 'biller-electricity-zj', customerNumber: '3307020001' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.bills).toEqual([
      {
        id: 'bill-electricity-3307020001-202611',
        period: '202611',
        amount: { amount: '168.35', currency: 'CNY' },
        dueDate: '2026-12-20',
        status: 'UNPAID',
        biller: { name: '国网浙江省电力有限公司' },
      },
      {
        id: 'bill-electricity-3307020001-202610',
        period: '202610',
        amount: { amount: '150.00', currency: 'CNY' },
        dueDate: '2026-11-20',
        status: 'PAID',
        biller: { name: '国网浙江省电力有限公司' },
      },
    ]);
    const none = await platform.query<{ bills: unknown[] }>(BILLS, {
      token,
      variables: { billerId: 'biller-electricity-zj', customerNumber: '3307029999' },
    });
    // A number the customer neither saved nor paid is not theirs to look up (test/scenes/billAccounts.test.ts).
    expect(none.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a malformed number, a suspended biller and anonymous callers', async () => {
    const token = await platform.login(DEMO_CUSTOMERS[0]!.mobile);
    const bad = await platform.query(BILLS, { token, variables: { billerId: 'biller-electricity-zj', customerNumber: '12345' } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerNumber' });
    const suspended = await platform.query(BILLS, {
      token,
      variables: { billerId: 'biller-broadband-wucheng-cable', customerNumber: '12345678' },
    });
    expect(suspended.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'billerId' });
    const anonymous = await platform.query(BILLS, { variables: { billerId: 'biller-electricity-zj', customerNumber: '3307020001' } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
