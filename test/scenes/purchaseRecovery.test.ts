/**
 * A wealth purchase or a time-deposit opening whose process died right after the ledger posted is
 * completed by the recovery sweeper, and that completion alone gives the customer the holding (or
 * opens the deposit): no replay or confirmation needed, exactly once (a second sweep and a replay
 * find the same row), priced at the NAV fixed when the order was created. The day reconciles clean.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { createLogger } from '../../platform/observability/logger';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { createMoneyDeps } from '../../subgraphs/finance/context';
import { createWealthCentersClient } from '../../subgraphs/finance/wealthCenters';
import { subscribeWealthProduct } from '../../subgraphs/finance/service/wealthSubscriptions';
import { openTimeDeposit } from '../../subgraphs/finance/service/timeDeposits';
import { ledgerAudit, newKey, reconciliation, shanghaiToday } from '../money/helpers';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const zhangI = zhang.accounts[0]!;
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // NAV 1.0213
const THREE_YEAR = 'd0a80001-0000-4000-8000-000000000105'; // time deposit, from 50.00

const HOLDINGS = '{ me { holdings { id shares order { id } } } }';
const DEPOSITS = '{ me { timeDeposits { id principal { amount } openOrder { id status } } } }';

class Crash extends Error {}

describe('the sweeper completes a purchase and hands over what was bought', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let token: string;
  const caller = { customerId: zhang.id, channel: 'MOBILE_APP' as const, deviceId: zhang.deviceId };

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** Finance deps whose process "dies" right after the ledger posted (before the order says POSTED). */
  const crashingAfterPost = () => ({
    ...createMoneyDeps(finance, { clock: platform.clock, log: createLogger('purchase-recovery-test') }),
    wealth: createWealthCentersClient(platform.clock),
    afterStep: (step: string) => {
      if (step === 'posted') throw new Crash('killed after posting');
    },
  });
  const sweep = async () => {
    platform.clock.advance(60_000); // past the dead request's lease
    return platform.centers.finance!.workers.recovery!.runOnce();
  };

  it('a wealth purchase completed by the sweeper gets its holding once, without a replay', async () => {
    const deps = crashingAfterPost();
    const input = { productId: STEADY_90, sourceAccountId: zhangI.id, amount: '10000.00', idempotencyKey: newKey('crashbuy') };
    await expect(subscribeWealthProduct(deps, caller, input)).rejects.toBeInstanceOf(Crash);
    const order = await finance.order.findFirstOrThrow({ where: { ownerId: zhang.id, idempotencyKey: input.idempotencyKey } });
    expect(order).toMatchObject({ status: 'RESERVED', nav: 10213n, productId: STEADY_90 });
    expect(await finance.holding.count({ where: { orderId: order.id } })).toBe(0);

    await sweep();
    expect(await finance.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'COMPLETED' });
    const holding = await finance.holding.findUniqueOrThrow({ where: { orderId: order.id } });
    // 10,000.00 at NAV 1.0213 = 9,791.441… shares, rounded down to the hundredth.
    expect(holding).toMatchObject({
      ownerId: zhang.id,
      productId: STEADY_90,
      amount: 10_000_00n,
      discount: 0n,
      nav: 10213n,
      shares: 9_791_44n,
      sharesRedeemed: 0n,
    });

    // The customer sees it without asking again.
    token = await platform.login(zhang.mobile);
    const { body } = await platform.query<{ me: { holdings: { id: string; shares: string; order: { id: string } }[] } }>(HOLDINGS, {
      token,
    });
    expect(body.data!.me.holdings.filter((row) => row.order.id === order.id)).toEqual([
      { id: holding.id, shares: '9791.44', order: { id: order.id } },
    ]);

    // Exactly once: another sweep and a replay of the request find the same holding.
    await sweep();
    const replay = await subscribeWealthProduct({ ...deps, afterStep: undefined }, caller, input);
    expect(replay.order.status).toBe('COMPLETED');
    expect(replay.holding?.id).toBe(holding.id);
    expect(await finance.holding.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('a time-deposit opening completed by the sweeper opens the deposit once, without a replay', async () => {
    const deps = crashingAfterPost();
    const input = { productId: THREE_YEAR, sourceAccountId: zhangI.id, amount: '2000.00', idempotencyKey: newKey('crashtd') };
    await expect(openTimeDeposit(deps, caller, input)).rejects.toBeInstanceOf(Crash);
    const order = await finance.order.findFirstOrThrow({ where: { ownerId: zhang.id, idempotencyKey: input.idempotencyKey } });
    expect(order.status).toBe('RESERVED');
    expect(await finance.timeDeposit.findUniqueOrThrow({ where: { openOrderId: order.id } })).toMatchObject({ openedAt: null });

    await sweep();
    const deposit = await finance.timeDeposit.findUniqueOrThrow({ where: { openOrderId: order.id } });
    expect(deposit.openedAt).not.toBeNull();
    const openedAt = deposit.openedAt!;

    token = await platform.login(zhang.mobile);
    const { body } = await platform.query<{
      me: { timeDeposits: { id: string; principal: { amount: string }; openOrder: { id: string; status: string } }[] };
    }>(DEPOSITS, { token });
    expect(body.data!.me.timeDeposits.filter((row) => row.openOrder.id === order.id)).toEqual([
      { id: deposit.id, principal: { amount: '2000.00' }, openOrder: { id: order.id, status: 'COMPLETED' } },
    ]);

    await sweep();
    const replay = await openTimeDeposit({ ...deps, afterStep: undefined }, caller, input);
    expect(replay.deposit?.id).toBe(deposit.id);
    expect((await finance.timeDeposit.findUniqueOrThrow({ where: { id: deposit.id } })).openedAt).toEqual(openedAt);
  });

  it('the ledger stays balanced and the day reconciles clean (holdings and deposits included)', async () => {
    expect(await ledgerAudit(platform)).toMatchObject({ unbalancedEntries: 0, duplicatePostings: 0, overdrawnCustomerAccounts: 0 });
    const report = await reconciliation(platform, shanghaiToday(platform));
    expect(report.data?.reconciliationReport.ordersChecked).toBeGreaterThanOrEqual(2);
    expect(report.data?.reconciliationReport.mismatches).toEqual([]);
  });
});
