/**
 * Marketing as a subscriber of finance's order outbox: a completed order (a transfer, a bill
 * payment) earns points once (1 point per 10.00 yuan), and a redelivered event — a relay that died
 * after delivering but before marking it published — awards nothing more.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { CREATE_TRANSFER, TransferAnswer, newKey } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const POINTS = '{ me { points { balance } } }';

describe('points from order events', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function drainOutbox(): Promise<number> {
    let total = 0;
    for (let pass = 0; pass < 10; pass += 1) {
      const delivered = await platform.centers.finance!.workers.outbox!.runOnce();
      total += delivered;
      if (delivered === 0) break;
    }
    return total;
  }

  async function points(token: string): Promise<number> {
    const { body } = await platform.query<{ me: { points: { balance: number } } }>(POINTS, { token });
    expect(body.errors).toBeUndefined();
    return body.data!.me.points.balance;
  }

  it('awards points for completed orders exactly once, even when events are redelivered', async () => {
    const token = await platform.login(zhang.mobile);
    await drainOutbox(); // seed-time events, if any
    const before = await points(token);

    const transfer = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token,
      variables: {
        input: {
          fromAccountId: zhang.accounts[0]!.id,
          toAccountNumber: li.accounts[0]!.number,
          toName: li.name,
          amount: '250.00',
          idempotencyKey: newKey('points'),
        },
      },
    });
    expect(transfer.body.data!.createTransfer.__typename).toBe('TransferCompleted');
    const bill = await platform.query<{ payBill: { status: string; orderId: string } }>(
      'mutation($input: PayBillInput!) { payBill(input: $input) { status orderId } }',
      {
        token,
        variables: {
          input: { billId: 'bill-gas-330700001-202611', sourceAccountId: zhang.accounts[0]!.id, idempotencyKey: newKey('points') },
        },
      },
    );
    expect(bill.body.data!.payBill.status).toBe('COMPLETED');

    expect(await drainOutbox()).toBeGreaterThanOrEqual(8);
    // 250.00 → 25 points; 86.00 → 8 points.
    expect(await points(token)).toBe(before + 25 + 8);

    // Redelivery of every event of both orders: nothing more is awarded.
    const orderIds = [transfer.body.data!.createTransfer.order!.id, bill.body.data!.payBill.orderId];
    await finance.outboxEvent.updateMany({
      where: { aggregateId: { in: orderIds } },
      data: { publishedAt: null, nextAttemptAt: platform.clock.now() },
    });
    expect(await drainOutbox()).toBe(8);
    expect(await points(token)).toBe(before + 25 + 8);

    // Concurrent redeliveries straight to marketing: one handles it, the rest are duplicates.
    const completed = await finance.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderIds[0], type: 'ORDER_COMPLETED' } });
    const event = {
      eventId: completed.id,
      orderId: orderIds[0],
      customerId: zhang.id,
      orderKind: 'TRANSFER',
      status: 'COMPLETED',
      amount: '250.00',
      channel: 'MOBILE_APP',
      occurredAt: platform.clock.now().toISOString(),
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        platform.callCenter<{ recordOrderEvent: { duplicate: boolean; pointsAwarded: number } }>(
          'marketing',
          'mutation($e: OrderEventInput!) { recordOrderEvent(event: $e) { duplicate pointsAwarded } }',
          {
            variables: { e: event },
            as: { service: 'finance', scopes: ['marketing:order-events:write'] },
          },
        ),
      ),
    );
    expect(answers.map((answer) => answer.body.data?.recordOrderEvent.duplicate)).toEqual([true, true, true, true, true]);
    expect(await points(token)).toBe(before + 25 + 8);
  });
});
