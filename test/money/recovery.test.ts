/**
 * Crash safety: a process holding a transfer is killed (SIGKILL) right after each step; the
 * recovery sweeper then leaves every order completed (money was posted) or failed with nothing
 * moved (it was not), the balances add up as before, every entry is balanced, and the daily
 * reconciliation is clean. Then an injected mismatch is found by the reconciliation.
 *
 * @longRunning
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { LEASE_MS } from '../../subgraphs/finance/service/deps';
import { balances, ledgerAudit, newKey, orderStatus, reconciliation, shanghaiToday } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const zhangI = zhang.accounts[0]!;
const liI = li.accounts[0]!;
const ROOT = join(__dirname, '..', '..');

/** The steps createTransfer makes durable, in order; a crash after the first five leaves no money posted. */
const STEPS = ['created', 'risk', 'reserved', 'status-reserved', 'posted', 'status-posted', 'committed'] as const;
const POSTED_FROM = STEPS.indexOf('posted');

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runChild(platform: TestPlatform, crashAt: string, input: Record<string, unknown>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, not the tsx wrapper: the process that kills itself is the one we wait for.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crashChild.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        CRASH_AT_STEP: crashAt,
        CRASH_CLOCK_NOW: platform.clock.now().toISOString(),
        CRASH_FINANCE_DATABASE_URL: platform.centers.finance!.databaseUrl,
        CRASH_CUSTOMER_ID: zhang.id,
        CRASH_DEVICE_ID: zhang.deviceId,
        CRASH_TRANSFER_INPUT: JSON.stringify(input),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('recovery after a crash between each pair of steps', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('finishes posted orders, compensates the others, and reconciles clean', async () => {
    const before = { ...(await balances(platform, zhangToken)), ...(await balances(platform, liToken)) };
    const results: { step: string; orderId: string; amount: number }[] = [];
    for (const [index, step] of [...STEPS, 'never'].entries()) {
      const key = newKey(`crash-${step}`);
      const amount = 10 + index;
      const child = await runChild(platform, step, {
        fromAccountId: zhangI.id,
        toAccountNumber: liI.number,
        toName: li.name,
        amount: `${amount}.00`,
        memo: `crash ${step}`,
        idempotencyKey: key,
      });
      if (step === 'never') expect({ code: child.code, stderr: child.stderr }).toEqual({ code: 0, stderr: '' });
      else expect({ step, signal: child.signal, stderr: child.stderr }).toEqual({ step, signal: 'SIGKILL', stderr: '' });
      // The order exists (it was created before any crash point); find it by replaying the key in-process.
      const orders = await platform.query<{ me: { orders: { edges: { node: { id: string; memo: string } }[] } } }>(
        '{ me { orders(first: 50) { edges { node { id memo } } } } }',
        { token: zhangToken },
      );
      const order = orders.body.data!.me.orders.edges.find((edge) => edge.node.memo === `crash ${step}`)!;
      expect(order).toBeDefined();
      results.push({ step, orderId: order.node.id, amount });
    }

    // Nothing recovers an order before its lease runs out (the holder might still be alive).
    expect(await platform.centers.finance!.workers.recovery!.runOnce()).toBe(0);
    platform.clock.advance(LEASE_MS + 1_000);
    const leased = await platform.centers.finance!.workers.recovery!.runOnce();
    expect(leased).toBe(STEPS.length);
    // A second pass finds nothing left: every step was idempotent and the orders are final.
    platform.clock.advance(LEASE_MS + 1_000);
    expect(await platform.centers.finance!.workers.recovery!.runOnce()).toBe(0);

    let moved = 0;
    for (const [index, result] of results.entries()) {
      const status = await orderStatus(platform, zhang.id, result.orderId);
      const expected = index >= POSTED_FROM ? 'COMPLETED' : 'FAILED';
      expect({ step: result.step, status }).toEqual({ step: result.step, status: expected });
      if (expected === 'COMPLETED') moved += result.amount;
    }
    const after = { ...(await balances(platform, zhangToken)), ...(await balances(platform, liToken)) };
    const fen = (value: string | undefined) => Math.round(Number(value) * 100);
    expect(fen(before[zhangI.id]) - fen(after[zhangI.id])).toBe(moved * 100);
    expect(fen(after[liI.id]) - fen(before[liI.id])).toBe(moved * 100);
    const sum = (record: Record<string, string>) => Object.values(record).reduce((total, value) => total + fen(value), 0);
    expect(sum(after)).toBe(sum(before));
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });

    const report = await reconciliation(platform, shanghaiToday(platform));
    expect(report.errors).toBeUndefined();
    expect(report.data!.reconciliationReport).toMatchObject({ clean: true, mismatches: [], ordersChecked: results.length });
    // Eight child processes each load the finance center from source: on a busy 2-core machine that
    // alone can take a minute. The limit is generous because nothing here depends on timing.
  }, 240_000);

  it('reconciliation reports an injected mismatch, and is for operators only', async () => {
    const day = shanghaiToday(platform);
    // A ledger entry no order explains, posted behind finance's back.
    const ghost = await platform.callCenter<{ postLedgerEntry: { entryId: string } }>(
      'account',
      'mutation($input: LedgerEntryInput!) { postLedgerEntry(input: $input) { entryId } }',
      {
        variables: {
          input: {
            orderId: 'ghost-order-0001',
            kind: 'TRANSFER',
            legs: [
              { accountId: zhangI.id, direction: 'DEBIT', amount: '1.00' },
              { accountId: liI.id, direction: 'CREDIT', amount: '1.00' },
            ],
          },
        },
        as: { service: 'finance', scopes: ['account:ledger:post'] },
      },
    );
    expect(ghost.body.errors).toBeUndefined();
    // A completed order whose limit usage was given back.
    const orders = await platform.query<{ me: { orders: { edges: { node: { id: string; status: string; memo: string | null } }[] } } }>(
      '{ me { orders(first: 50) { edges { node { id status memo } } } } }',
      { token: zhangToken },
    );
    const completed = orders.body.data!.me.orders.edges.find(
      (edge) => edge.node.status === 'COMPLETED' && edge.node.memo?.startsWith('crash'),
    )!.node.id;
    await platform.callCenter('limits', 'mutation($o: ID!) { releaseLimitReservation(orderId: $o) { status } }', {
      variables: { o: completed },
      as: { service: 'finance', scopes: ['limits:reserve'] },
    });

    const report = (await reconciliation(platform, day)).data!.reconciliationReport;
    expect(report.clean).toBe(false);
    expect(report.mismatches.map(({ orderId, code }) => ({ orderId, code })).sort((a, b) => a.orderId.localeCompare(b.orderId))).toEqual(
      [
        { orderId: 'ghost-order-0001', code: 'ENTRY_WITHOUT_ORDER' },
        { orderId: completed, code: 'RESERVATION_STATUS_MISMATCH' },
      ].sort((a, b) => a.orderId.localeCompare(b.orderId)),
    );

    expect((await reconciliation(platform, day, ['RISK_ANALYST'])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asCustomer = await platform.callCenter('finance', 'query($d: String!) { reconciliationReport(day: $d) { clean } }', {
      variables: { d: day },
      as: { customerId: zhang.id },
    });
    expect(asCustomer.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    expect((await reconciliation(platform, '2026-13-45')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
