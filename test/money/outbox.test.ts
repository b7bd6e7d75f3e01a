/**
 * The transactional outbox relay: order events reach the account center's consumer at least once,
 * a failed delivery is retried after a backoff, and a redelivered event is applied once
 * (one balance-change notice per posting, whatever the number of deliveries). The account center
 * is sent only the events it acts on (ORDER_COMPLETED, ORDER_REVERSED); the steps before are
 * published without a call.
 */
import { reloadConfig } from '../../platform/config';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform, UNREACHABLE_CENTER_URL } from '../support/platform';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { CREATE_TRANSFER, TransferAnswer, newKey } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];

describe('outbox relay', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let account: AccountPrisma;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    account = platform.store('account');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('delivers order events, retries with backoff, and a redelivery is applied once', async () => {
    const token = await platform.login(zhang.mobile);
    const { body } = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token,
      variables: {
        input: {
          fromAccountId: zhang.accounts[0]!.id,
          toAccountNumber: li.accounts[0]!.number,
          toName: li.name,
          amount: '12.34',
          idempotencyKey: newKey('outbox'),
        },
      },
    });
    const orderId = body.data!.createTransfer.order!.id;
    const events = await finance.outboxEvent.findMany({ where: { aggregateId: orderId }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['ORDER_CREATED', 'ORDER_RESERVED', 'ORDER_POSTED', 'ORDER_COMPLETED']);

    // The account center is down: nothing is lost, the completion waits with a backoff. The steps
    // before it concern no subscriber and are published without a call.
    const accountUrl = process.env.ACCOUNT_URL;
    process.env.ACCOUNT_URL = UNREACHABLE_CENTER_URL;
    reloadConfig();
    try {
      expect(await platform.centers.finance!.workers.outbox!.runOnce()).toBeGreaterThanOrEqual(3);
    } finally {
      process.env.ACCOUNT_URL = accountUrl;
      reloadConfig();
    }
    const pending = await finance.outboxEvent.findMany({ where: { aggregateId: orderId, publishedAt: null } });
    expect(pending.map((event) => event.type)).toEqual(['ORDER_COMPLETED']);
    const failed = pending[0]!;
    expect(failed).toMatchObject({ id: events[3]!.id, attempts: 1 });
    expect(failed.lastError).toBeTruthy();
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(platform.clock.now().getTime());
    expect(await platform.centers.finance!.workers.outbox!.runOnce()).toBe(0); // not due yet

    platform.clock.advance(5_000);
    const delivered = await platform.centers.finance!.workers.outbox!.runOnce();
    expect(delivered).toBeGreaterThanOrEqual(1);
    const notices = await account.balanceNotice.findMany({ where: { orderId } });
    expect(notices.map((notice) => notice.amount).sort()).toEqual([-1234n, 1234n]);

    // A relay that died after delivering but before marking: every event goes out again.
    await finance.outboxEvent.updateMany({
      where: { aggregateId: orderId },
      data: { publishedAt: null, nextAttemptAt: platform.clock.now() },
    });
    expect(await platform.centers.finance!.workers.outbox!.runOnce()).toBe(4);
    expect(await account.balanceNotice.count({ where: { orderId } })).toBe(2);
    // Only the completion reached the account center; it was applied once.
    expect(
      await account.handledEvent.findMany({ where: { eventId: { in: events.map((event) => event.id) } }, select: { eventId: true } }),
    ).toEqual([{ eventId: events[3]!.id }]);
    expect(await finance.outboxEvent.count({ where: { aggregateId: orderId, publishedAt: null } })).toBe(0);

    // Concurrent deliveries of one event straight to the consumer: one applies it.
    const event = { id: events[3]!.id, type: 'ORDER_COMPLETED', orderId, payload: '{}', occurredAt: platform.clock.now().toISOString() };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        platform.callCenter<{ applyOrderEvent: boolean }>(
          'account',
          'mutation($e: LedgerOrderEventInput!) { applyOrderEvent(event: $e) }',
          { variables: { e: event }, as: { service: 'finance', scopes: ['account:events:apply'] } },
        ),
      ),
    );
    expect(answers.map((answer) => answer.body.data?.applyOrderEvent)).toEqual([false, false, false, false, false]);
    expect(await account.balanceNotice.count({ where: { orderId } })).toBe(2);
  });
});
