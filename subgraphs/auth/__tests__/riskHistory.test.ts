/**
 * The risk decision's stored facts: the amount history is the customer's 20 most recent money
 * decisions across transfers and purchases (older ones and other customers' do not count), the
 * device's trust and the transaction PIN come from the store, and each decision is stored.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { PrismaClient as AuthPrisma } from '../__generated__/prisma/client';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const ASSESS =
  'query($input: RiskAssessmentInput!) { assessRisk(input: $input) { decisionId outcome reasons challengeMethods ruleVersion } }';

interface Decision {
  decisionId: string;
  outcome: string;
  reasons: string[];
  challengeMethods: string[];
  ruleVersion: number;
}

describe('risk decision facts', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth'], gateway: false, clockStart: '2026-11-27T04:00:00.000Z' }); // noon in Shanghai
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const assess = async (customer: DemoCustomer, amount: string, extra: Record<string, unknown> = {}) => {
    // Decisions a second apart, so "most recent" is well defined.
    platform.clock.advance(1000);
    const { body } = await platform.callCenter<{ assessRisk: Decision }>('auth', ASSESS, {
      variables: {
        input: {
          action: 'TRANSFER',
          amount,
          sourceAccountId: customer.accounts[0]!.id,
          payeeAccountNumber: '6230580000000000099',
          payeeIsNew: false,
          channel: 'WEB',
          deviceId: customer.deviceId,
          ...extra,
        },
      },
      as: { service: 'finance', actingFor: customer.id, scopes: ['auth:risk:assess'] },
    });
    expect(body.errors).toBeUndefined();
    return body.data!.assessRisk;
  };

  it('compares an amount with the average of the 20 most recent money decisions only', async () => {
    // Five large transfers long ago, then twenty small ones (purchases count too): the recent average is 10.00.
    for (let index = 0; index < 5; index += 1) await assess(li, '1000.00');
    for (let index = 0; index < 20; index += 1) await assess(li, '10.00', index % 2 ? { action: 'PURCHASE' } : {});
    // 60.00 is above five times the recent average (50.00); against all 25 decisions (208.00) it would not be.
    expect((await assess(li, '60.00')).reasons).toContain('AMOUNT_ABOVE_HISTORY');
    expect((await assess(li, '50.00')).reasons).not.toContain('AMOUNT_ABOVE_HISTORY');
    // Another customer's history is their own: 张晓明 has none of these decisions.
    expect((await assess(zhang, '60.00')).reasons).not.toContain('AMOUNT_ABOVE_HISTORY');
  });

  it('reads the device trust and the PIN from the store, and answers the rule version in force', async () => {
    // 张晓明 has a transaction PIN (its hash is all the decision looks at); 李秀英 has none.
    const auth = createPrismaClient(AuthPrisma, platform.centers.auth!.databaseUrl, 1).client;
    await auth.credential.update({ where: { userId: zhang.id }, data: { pinHash: 'argon2id-hash-of-a-pin' } });
    await auth.$disconnect();
    const trusted = await assess(zhang, '60000.00');
    expect(trusted).toMatchObject({ outcome: 'CHALLENGE', reasons: ['LARGE_AMOUNT'] });
    expect(trusted.ruleVersion).toBeGreaterThanOrEqual(1);
    // The PIN is offered first when set; SMS always.
    expect(trusted.challengeMethods).toEqual(['TRANSACTION_PIN', 'SMS']);
    expect((await assess(li, '60000.00')).challengeMethods).toEqual(['SMS']);
    expect((await assess(zhang, '1.00', { deviceId: 'never-seen-phone' })).reasons).toContain('UNTRUSTED_DEVICE');
    expect((await assess(zhang, '1.00', { deviceId: null })).reasons).toContain('UNTRUSTED_DEVICE');
  });
});
