/**
 * What a same-bank transfer (and a merchant payment) leaves in finance now that each step returns the order it wrote: the
 * ALLOW decision is on the order (recorded by CREATED → RESERVED), the first answer is kept under the
 * key (written with COMPLETED) and a replay answers it, and finance issues one statement per step:
 * key lookup, payee lookup, the intake transaction (3 + COMMIT), RESERVED, POSTED, COMPLETED.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { createPrismaClient } from '../../subgraphs/kit/database/prismaClient';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient } from '../../subgraphs/finance/__generated__/prisma/client';
import { CREATE_TRANSFER, TransferAnswer, ledgerAudit, newKey } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const zhangI = zhang.accounts[0]!;
const liI = li.accounts[0]!;

/** Finance's statements in a same-bank transfer to a saved or new payee (see the header). */
const FINANCE_STATEMENTS_PER_TRANSFER = 9;

describe('transfer writes in finance', () => {
  let platform: TestPlatform;
  let finance: PrismaClient;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    token = await platform.login(zhang.mobile);
    finance = createPrismaClient(PrismaClient, platform.centers.finance!.databaseUrl, 1, { countStatements: false }).client;
  });
  afterAll(async () => {
    await finance?.$disconnect();
    await platform?.stop();
  });

  const send = async (key: string, amount: string) =>
    (
      await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
        token,
        variables: { input: { idempotencyKey: key, fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount } },
      })
    ).body;

  it('records ALLOW on the order, keeps the first answer under the key, and a replay answers it', async () => {
    const key = newKey('writes');
    const body = await send(key, '12.34');
    expect(body.errors).toBeUndefined();
    const answer = body.data!.createTransfer;
    expect(answer).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });
    const order = await finance.order.findUniqueOrThrow({ where: { id: answer.order!.id } });
    expect(order).toMatchObject({ status: 'COMPLETED', riskDecision: 'ALLOW', amount: 12_34n });
    expect(order.riskDecisionId).toEqual(expect.any(String));
    const record = await finance.idempotencyRecord.findUniqueOrThrow({ where: { ownerId_key: { ownerId: zhang.id, key } } });
    expect({ response: record.response, riskDecision: record.riskDecision }).toEqual({
      response: { kind: 'COMPLETED', orderId: order.id },
      riskDecision: 'ALLOW',
    });

    const replay = await send(key, '12.34');
    expect(replay.data!.createTransfer).toEqual(answer);
    expect(await finance.order.count({ where: { ownerId: zhang.id, idempotencyKey: key } })).toBe(1);
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });
  });

  it('does the same for a merchant payment (a top-up): ALLOW on the order, the answer kept with COMPLETED', async () => {
    const key = newKey('writes-topup');
    const PAY = 'mutation($input: MerchantPaymentInput!) { createMerchantPayment(input: $input) { orderId outcome } }';
    const pay = () =>
      platform.callCenter<{ createMerchantPayment: { orderId: string; outcome: string } }>('finance', PAY, {
        variables: {
          input: {
            kind: 'TOP_UP',
            sourceAccountId: zhangI.id,
            amount: '20.00',
            merchantName: '中国移动话费充值',
            reference: 'topup:test',
            channel: 'MOBILE_APP',
            deviceId: zhang.deviceId,
            idempotencyKey: key,
          },
        },
        as: { service: 'life', actingFor: zhang.id, scopes: ['finance:order:create'] },
      });
    const first = await pay();
    expect(first.body.errors).toBeUndefined();
    const { orderId, outcome } = first.body.data!.createMerchantPayment;
    expect({
      outcome,
      order: await finance.order.findUniqueOrThrow({ where: { id: orderId }, select: { failureCode: true, riskDecision: true } }),
    }).toEqual({ outcome: 'COMPLETED', order: { failureCode: null, riskDecision: 'ALLOW' } });
    expect(await finance.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      kind: 'TOP_UP',
      status: 'COMPLETED',
      riskDecision: 'ALLOW',
    });
    const record = await finance.idempotencyRecord.findUniqueOrThrow({ where: { ownerId_key: { ownerId: zhang.id, key } } });
    expect(record.response).toEqual({ kind: 'COMPLETED', orderId });
    expect((await pay()).body.data!.createMerchantPayment).toEqual({ orderId, outcome: 'COMPLETED' });
  });

  it("costs finance one statement per step, the answer's order field included", async () => {
    const statements = platform.centers.finance!.statements;
    expect(statements.enabled).toBe(true);
    const before = statements.count;
    const body = await send(newKey('writes'), '1.00');
    expect(body.data!.createTransfer.__typename).toBe('TransferCompleted');
    expect(statements.count - before).toBe(FINANCE_STATEMENTS_PER_TRANSFER);
  });
});
