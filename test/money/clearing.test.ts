/**
 * Other-bank transfers through the clearing simulator: pending after posting to the interbank
 * clearing account, then — after the finance center restarts — settled, or returned with the
 * money and the limit usage given back exactly once (even when a crashed pass already reversed).
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startCenter } from '../../subgraphs/kit/server/startCenter';
import { startTestPlatform, TEST_DEVELOPMENT_FEATURES, TestPlatform } from '../support/platform';
import { financeCenter } from '../../subgraphs/finance/subgraph';
import { clearingDelayMs } from '../../subgraphs/finance/service/clearingRules';
import { encryptedPayee } from '../../subgraphs/finance/service/payees';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey, orderStatus, reconciliation, shanghaiToday } from './helpers';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const zhangI = zhang.accounts[0]!;
/** The demo payee 王建国 at 中国工商银行 (seeded), settled by the simulated bank. */
const SETTLED_ACCOUNT = '6222021208000012345';
/** Ends in 0001: the simulated bank returns it with 户名不符 (NAME_MISMATCH). */
const RETURNED_ACCOUNT = '6222020000000000001';

describe('interbank clearing simulator', () => {
  let platform: TestPlatform;
  let token: string;

  const sendToOtherBank = async (accountNumber: string, amount: string) => {
    const { body } = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token,
      variables: {
        input: {
          fromAccountId: zhangI.id,
          toAccountNumber: accountNumber,
          toName: '王建国',
          toBankName: '中国工商银行',
          amount,
          idempotencyKey: newKey('interbank'),
        },
      },
    });
    expect(body.errors).toBeUndefined();
    return body.data!.createTransfer;
  };
  const reservation = async (orderId: string) => {
    const { body } = await platform.callCenter<{ limitReservations: { status: string; amount: string }[] }>(
      'limits',
      'query($ids: [ID!]!) { limitReservations(orderIds: $ids) { status amount } }',
      {
        variables: { ids: [orderId] },
        as: { service: 'finance', scopes: ['limits:read'] },
      },
    );
    return body.data!.limitReservations[0];
  };
  const entries = async (orderId: string) => {
    const { body } = await platform.callCenter<{ ledgerEntriesOfOrders: { phase: string; kind: string; amount: string }[] }>(
      'account',
      'query($ids: [ID!]!) { ledgerEntriesOfOrders(orderIds: $ids) { phase kind amount } }',
      {
        variables: { ids: [orderId] },
        as: { service: 'finance', scopes: ['account:ledger:read'] },
      },
    );
    return body.data!.ledgerEntriesOfOrders;
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    token = await platform.login(zhang.mobile);
    // A payee saved earlier (a new payee would ask for a step-up first): the account the simulated bank returns.
    const client = platform.store('finance');
    await client.payee.create({
      data: encryptedPayee({
        id: 'payee-return-0001',
        ownerId: zhang.id,
        name: '王建国',
        accountNumber: RETURNED_ACCOUNT,
        bankName: '中国工商银行',
        createdAt: platform.clock.now(),
      }),
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('settles one transfer and returns another across a restart, refunding exactly once', async () => {
    const start = await balances(platform, token);
    const settled = await sendToOtherBank(SETTLED_ACCOUNT, '200.00');
    const returned = await sendToOtherBank(RETURNED_ACCOUNT, '300.00');
    expect(settled).toMatchObject({ __typename: 'TransferPending', order: { status: 'POSTED' } });
    expect(returned).toMatchObject({ __typename: 'TransferPending', order: { status: 'POSTED' } });
    const pending = await balances(platform, token);
    expect(Math.round((Number(start[zhangI.id]) - Number(pending[zhangI.id])) * 100)).toBe(500_00);
    expect(await reservation(returned.order!.id)).toMatchObject({ status: 'COMMITTED', amount: '300.00' });

    // Not due yet: the other bank has not answered.
    expect(await platform.centers.finance!.workers.clearing!.runOnce()).toBe(0);

    // Restart the finance center on the same database and port: the queue is the table.
    const old = platform.centers.finance!;
    await old.stop();
    platform.centers.finance = await startCenter(financeCenter, {
      databaseUrl: old.databaseUrl,
      port: old.port,
      host: '127.0.0.1',
      clock: platform.clock,
      development: TEST_DEVELOPMENT_FEATURES,
      runWorkers: false,
    });

    // A previous pass reversed the returned one and died before recording it: the refund must not repeat.
    await platform.callCenter('account', 'mutation($o: ID!) { reverseLedgerEntry(orderId: $o, kind: "TRANSFER_RETURN") { entryId } }', {
      variables: { o: returned.order!.id },
      as: { service: 'finance', scopes: ['account:ledger:post'] },
    });

    platform.clock.advance(clearingDelayMs() + 1_000);
    expect(await platform.centers.finance!.workers.clearing!.runOnce()).toBe(2);
    expect(await platform.centers.finance!.workers.clearing!.runOnce()).toBe(0);

    expect(await orderStatus(platform, zhang.id, settled.order!.id)).toBe('COMPLETED');
    expect(await orderStatus(platform, zhang.id, returned.order!.id)).toBe('REVERSED');
    expect(await reservation(settled.order!.id)).toMatchObject({ status: 'COMMITTED' });
    expect(await reservation(returned.order!.id)).toMatchObject({ status: 'RELEASED' });
    expect((await entries(returned.order!.id)).map((entry) => entry.phase)).toEqual(['FORWARD', 'REVERSAL']);

    const end = await balances(platform, token);
    expect(Math.round((Number(start[zhangI.id]) - Number(end[zhangI.id])) * 100)).toBe(200_00);
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });

    // The customer sees the outcome, with the reason of the return.
    const { body } = await platform.query<{
      me: { orders: { edges: { node: { id: string; status: string; failureReason: string | null } }[] } };
    }>('{ me { orders(first: 5) { edges { node { id status failureReason } } } } }', { token });
    const returnedView = body.data!.me.orders.edges.find((edge) => edge.node.id === returned.order!.id)!.node;
    expect(returnedView.failureReason).toContain('户名不符');

    const report = (await reconciliation(platform, shanghaiToday(platform))).data!.reconciliationReport;
    expect(report).toMatchObject({ clean: true, ordersChecked: 2 });
  });
});
