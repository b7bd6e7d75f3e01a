/**
 * Credit-card applications in the limits center: decided at once by the card rules in force
 * (a credit line by card type, a higher bar for PLATINUM, one card per product), idempotent on the
 * customer's key, refused with the field when the product or card type does not fit.
 */
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { newKey } from '../money/helpers';

const GOLD = 'd0a80001-0000-4000-8000-000000000108';
const PLATINUM = 'd0a80001-0000-4000-8000-000000000109';
const LOAN_PRODUCT = 'd0a80001-0000-4000-8000-000000000107';

const APPLY = `mutation($input: ApplyForCreditCardInput!) {
  applyForCreditCard(input: $input) { id status cardType productName creditLimit { amount } decision { ruleVersion reasonCode reason score } }
}`;

interface Application {
  id: string;
  status: string;
  cardType: string;
  creditLimit: { amount: string } | null;
  decision: { ruleVersion: string; reasonCode: string; reason: string; score: number | null } | null;
}

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;

describe('credit-card applications', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
  });
  afterAll(() => platform?.stop());

  const apply = (input: Record<string, unknown>, token = zhangToken) =>
    platform.query<{ applyForCreditCard: Application }>(APPLY, { token, variables: { input } });

  it('approves a gold card with its credit line; a replay answers the same application; a second gold card is refused by the rules', async () => {
    const key = newKey('card');
    const first = await apply({ productId: GOLD, cardType: 'GOLD', idempotencyKey: key });
    expect(first.body.errors).toBeUndefined();
    const application = first.body.data!.applyForCreditCard;
    expect(application).toMatchObject({
      status: 'APPROVED',
      cardType: 'GOLD',
      creditLimit: { amount: '30000.00' },
      decision: { ruleVersion: 'CARD-2026.1', reasonCode: 'APPROVED', score: 70 },
    });
    const replay = await apply({ productId: GOLD, idempotencyKey: key });
    expect(replay.body.data!.applyForCreditCard).toEqual(application);

    platform.clock.advance(60_000);
    const second = await apply({ productId: GOLD, idempotencyKey: newKey('card') });
    expect(second.body.data!.applyForCreditCard).toMatchObject({
      status: 'REJECTED',
      creditLimit: null,
      decision: { reasonCode: 'CARD_ALREADY_HELD' },
    });

    const history = await platform.query<{ me: { creditCardApplications: { id: string; status: string }[] } }>(
      '{ me { creditCardApplications { id status } } }',
      { token: zhangToken },
    );
    expect(history.body.data!.me.creditCardApplications.map((row) => row.status)).toEqual(['REJECTED', 'APPROVED']);
  });

  it('holds PLATINUM to a higher score: refused for a customer with a loan, granted to one without', async () => {
    const zhangPlatinum = (await apply({ productId: PLATINUM, idempotencyKey: newKey('plat') })).body.data!.applyForCreditCard;
    expect(zhangPlatinum).toMatchObject({ status: 'REJECTED', decision: { reasonCode: 'SCORE_BELOW_THRESHOLD', score: 70 } });
    const liPlatinum = (await apply({ productId: PLATINUM, idempotencyKey: newKey('plat') }, liToken)).body.data!.applyForCreditCard;
    expect(liPlatinum).toMatchObject({ status: 'APPROVED', creditLimit: { amount: '100000.00' }, decision: { score: 80 } });

    const others = await platform.query<{ me: { creditCardApplications: { id: string }[] } }>('{ me { creditCardApplications { id } } }', {
      token: liToken,
    });
    expect(others.body.data!.me.creditCardApplications.map((row) => row.id)).toEqual([liPlatinum.id]);
  });

  it('refuses a card type that is not the product’s, a loan product, and a different request under a used key', async () => {
    const wrongType = await apply({ productId: GOLD, cardType: 'PLATINUM', idempotencyKey: newKey('bad') });
    expect(wrongType.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cardType' });
    const loan = await apply({ productId: LOAN_PRODUCT, idempotencyKey: newKey('bad') });
    expect(loan.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productId' });
    const key = newKey('reuse');
    await apply({ productId: PLATINUM, idempotencyKey: key });
    const conflict = await apply({ productId: GOLD, idempotencyKey: key });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });
  });
});
