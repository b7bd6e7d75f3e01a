/**
 * A storm of random transfers among 50 accounts from parallel clients (each customer's own signed
 * identity straight to the finance center, real risk and limits): the sum of the accounts is
 * unchanged, every account ends exactly where the completed transfers put it, no posting is
 * duplicated, every entry is balanced and the reconciliation is clean. And through the gateway:
 * the class II account is stopped at its daily limit.
 *
 * @longRunning
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity } from '../../platform/identity/identity';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { postJournalEntry } from '../../subgraphs/account/service/ledger';
import { encryptedPayee } from '../../subgraphs/finance/service/payees';
import { encryptHolderName } from '../../subgraphs/account/service/holderName';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey, reconciliation, shanghaiToday } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const ACCOUNTS = 50;
const CLIENTS = 10;
const TRANSFERS_PER_CLIENT = 20;

interface StormAccount {
  customerId: string;
  accountId: string;
  number: string;
  name: string;
  deviceId: string;
  openingFen: bigint;
}

/** A small deterministic generator, so a failing storm can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('money under load', () => {
  let platform: TestPlatform;
  let account: AccountPrisma;
  const storm: StormAccount[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    account = platform.store('account');
    const auth = platform.store('auth');
    const finance = platform.store('finance');
    const now = platform.clock.now();
    for (let index = 0; index < ACCOUNTS; index += 1) {
      const serial = String(index + 1).padStart(4, '0');
      // Ten accounts start small, so some transfers meet insufficient funds.
      storm.push({
        customerId: randomUUID(),
        accountId: randomUUID(),
        number: `623058770000${serial}`,
        name: `客户${serial}`,
        deviceId: `storm-device-${serial}`,
        openingFen: index < 10 ? 30_00n : 1_000_00n,
      });
    }
    await account.account.createMany({
      data: storm.map((item) => ({
        id: item.accountId,
        kind: 'CUSTOMER' as const,
        ownerId: item.customerId,
        number: item.number,
        holderNameCipher: encryptHolderName(item.accountId, item.name),
        accountClass: 'I' as const,
        openedAt: now,
      })),
    });
    for (const item of storm) {
      await postJournalEntry(account, {
        orderId: `storm-opening-${item.accountId}`,
        kind: 'CASH_DEPOSIT',
        memo: '开户存入',
        postedAt: now,
        legs: [
          { accountId: item.accountId, amount: item.openingFen },
          { accountId: 'gl-cash', amount: -item.openingFen },
        ],
      });
    }
    // Each customer transfers from a trusted device to payees saved before: the risk engine allows small amounts.
    await auth.device.createMany({
      data: storm.map((item) => ({
        id: randomUUID(),
        userId: item.customerId,
        deviceId: item.deviceId,
        name: 'storm',
        platform: 'ANDROID',
        trusted: true,
        firstSeenAt: now,
        lastSeenAt: now,
      })),
    });
    await finance.payee.createMany({
      data: storm.flatMap((payer) =>
        storm
          .filter((payee) => payee !== payer)
          .map((payee) =>
            encryptedPayee({
              id: randomUUID(),
              ownerId: payer.customerId,
              name: payee.name,
              accountNumber: payee.number,
              bankName: '本行',
              createdAt: now,
            }),
          ),
      ),
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const stormBalances = async () =>
    new Map(
      (await account.account.findMany({ where: { id: { in: storm.map((item) => item.accountId) } } })).map((row) => [row.id, row.balance]),
    );

  it(`keeps every invariant through ${CLIENTS * TRANSFERS_PER_CLIENT} random transfers among ${ACCOUNTS} accounts`, async () => {
    const before = await stormBalances();
    const random = generator(20261125);
    const plan = Array.from({ length: CLIENTS }, () =>
      Array.from({ length: TRANSFERS_PER_CLIENT }, () => {
        const from = storm[Math.floor(random() * ACCOUNTS)]!;
        let to = storm[Math.floor(random() * ACCOUNTS)]!;
        if (to === from) to = storm[(storm.indexOf(from) + 1) % ACCOUNTS]!;
        return { from, to, amountFen: BigInt(1_000 + Math.floor(random() * 3_000)) };
      }),
    );
    const outcomes: { from: StormAccount; to: StormAccount; amountFen: bigint; answer: TransferAnswer }[] = [];
    await Promise.all(
      plan.map(async (transfers) => {
        for (const transfer of transfers) {
          const header = await signGatewayIdentity(
            { channel: 'MOBILE_APP', userId: transfer.from.customerId, deviceId: transfer.from.deviceId, authLevel: 1 },
            { audience: 'finance', clock: platform.clock },
          );
          const response = await fetch(platform.centers.finance!.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: header },
            body: JSON.stringify({
              query: CREATE_TRANSFER,
              variables: {
                input: {
                  fromAccountId: transfer.from.accountId,
                  toAccountNumber: transfer.to.number,
                  toName: transfer.to.name,
                  amount: `${transfer.amountFen / 100n}.${String(transfer.amountFen % 100n).padStart(2, '0')}`,
                  idempotencyKey: newKey('storm'),
                },
              },
            }),
          });
          const body = (await response.json()) as { data?: { createTransfer: TransferAnswer }; errors?: unknown[] };
          if (!body.data) throw new Error(JSON.stringify(body.errors));
          outcomes.push({ ...transfer, answer: body.data.createTransfer });
        }
      }),
    );
    const kinds = outcomes.reduce<Record<string, number>>(
      (count, outcome) => ({
        ...count,
        [outcome.answer.code ?? outcome.answer.__typename]: (count[outcome.answer.code ?? outcome.answer.__typename] ?? 0) + 1,
      }),
      {},
    );
    expect(outcomes).toHaveLength(CLIENTS * TRANSFERS_PER_CLIENT);
    expect(kinds.TransferCompleted).toBeGreaterThan((CLIENTS * TRANSFERS_PER_CLIENT) / 2);
    expect(Object.keys(kinds).every((kind) => ['TransferCompleted', 'INSUFFICIENT_FUNDS'].includes(kind))).toBe(true);

    // Every account ends exactly where the completed transfers put it; the total never moved.
    const expected = new Map(before);
    for (const outcome of outcomes.filter((item) => item.answer.__typename === 'TransferCompleted')) {
      expected.set(outcome.from.accountId, expected.get(outcome.from.accountId)! - outcome.amountFen);
      expected.set(outcome.to.accountId, expected.get(outcome.to.accountId)! + outcome.amountFen);
    }
    const after = await stormBalances();
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(expected));
    const total = (map: Map<string, bigint>) => [...map.values()].reduce((sum, value) => sum + value, 0n);
    expect(total(after)).toBe(total(before));
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });
    const report = (await reconciliation(platform, shanghaiToday(platform))).data!.reconciliationReport;
    expect(report.mismatches).toEqual([]);
    expect(report.ordersChecked).toBe(CLIENTS * TRANSFERS_PER_CLIENT);
  }, 180_000);

  it('stops the class II account at its daily limit (10,000.00 to accounts other than its bound one), through the gateway', async () => {
    const token = await platform.login(zhang.mobile);
    const [zhangI, zhangII] = zhang.accounts as [DemoCustomer['accounts'][0], DemoCustomer['accounts'][0]];
    const transfer = async (input: Record<string, unknown>) =>
      (
        await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
          token,
          variables: { input: { idempotencyKey: newKey('class2'), ...input } },
        })
      ).body;
    // Topping up the class II account from its bound class I account does not count.
    expect(
      (await transfer({ fromAccountId: zhangI.id, toAccountNumber: zhangII.number, toName: zhang.name, amount: '8000.00' })).data!
        .createTransfer.__typename,
    ).toBe('TransferCompleted');
    const first = await transfer({
      fromAccountId: zhangII.id,
      toAccountNumber: li.accounts[0]!.number,
      toName: li.name,
      amount: '6000.00',
    });
    expect(first.data!.createTransfer.__typename).toBe('TransferCompleted');
    const before = await balances(platform, token);
    const over = await transfer({ fromAccountId: zhangII.id, toAccountNumber: li.accounts[0]!.number, toName: li.name, amount: '4000.01' });
    expect(over.data!.createTransfer).toMatchObject({
      __typename: 'TransferRejected',
      code: 'LIMIT_EXCEEDED',
      order: { status: 'REJECTED' },
    });
    expect(over.data!.createTransfer.reason).toContain('II类户');
    expect(await balances(platform, token)).toEqual(before);
    // Exactly up to the limit still goes through.
    const exact = await transfer({
      fromAccountId: zhangII.id,
      toAccountNumber: li.accounts[0]!.number,
      toName: li.name,
      amount: '4000.00',
    });
    expect(exact.data!.createTransfer.__typename).toBe('TransferCompleted');
  });
});
