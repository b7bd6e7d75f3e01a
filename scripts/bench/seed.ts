/**
 * What the benchmark needs beyond the demo data, written into the bench's own databases:
 * a history long enough for a 20-row page, a payer balance that thousands of transfers cannot
 * drain, risk velocity rules raised so one customer may transfer thousands of times an hour
 * (every other rule stays on), and — for the SQL budget check — more accounts and postings for
 * the second customer.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { postJournalEntry } from '../../subgraphs/account/service/ledger';
import { ensureDefaultRules } from '../../subgraphs/auth/service/risk/rules';
import type { PrismaClient as AccountClient } from '../../subgraphs/account/__generated__/prisma/client';
import type { PrismaClient as AuthClient } from '../../subgraphs/auth/__generated__/prisma/client';

export const BENCH_CUSTOMER = DEMO_CUSTOMERS[0]!;
export const GROWTH_CUSTOMER = DEMO_CUSTOMERS[1]!;
const HISTORY_ROWS = 200;

export async function seedBenchData(account: AccountClient, auth: AuthClient): Promise<void> {
  const main = BENCH_CUSTOMER.accounts[0]!;
  const start = Date.parse('2026-11-21T00:00:00.000Z');
  await postJournalEntry(account, {
    orderId: 'bench-payer-funding',
    kind: 'CASH_DEPOSIT',
    memo: '压测备付金',
    channel: 'WEB',
    postedAt: new Date(start),
    legs: [
      { accountId: main.id, amount: 10_000_000_00n },
      { accountId: 'gl-cash', amount: -10_000_000_00n },
    ],
  });
  for (let row = 0; row < HISTORY_ROWS; row += 1) {
    await postJournalEntry(account, {
      orderId: `bench-history-${row}`,
      kind: 'CASH_DEPOSIT',
      memo: '压测流水',
      channel: 'MOBILE_APP',
      postedAt: new Date(start + (row + 1) * 60_000),
      legs: [
        { accountId: main.id, amount: 1_00n },
        { accountId: 'gl-cash', amount: -1_00n },
      ],
    });
  }
  // VELOCITY (10/hour → challenge) and VELOCITY_EXTREME (30/hour → deny) would stop a load test after 10 transfers.
  // The rules are normally written when the auth center starts; write them now so they can be raised.
  await ensureDefaultRules(auth, new Date());
  for (const code of ['VELOCITY', 'VELOCITY_EXTREME']) {
    await auth.riskRule.updateMany({ where: { code }, data: { params: { maximumPerHour: '100000000' } } });
  }
}

/** More accounts and postings for the growth customer: the home screen's SQL count must not change. */
export async function growCustomer(account: AccountClient, accounts: number, postingsPerAccount: number): Promise<void> {
  const main = GROWTH_CUSTOMER.accounts[0]!;
  const existing = await account.account.count({ where: { ownerId: GROWTH_CUSTOMER.id } });
  for (let index = 0; index < accounts; index += 1) {
    const suffix = String(existing + index).padStart(3, '0');
    await account.account.create({
      data: {
        id: randomUUID(),
        kind: 'CUSTOMER',
        ownerId: GROWTH_CUSTOMER.id,
        number: `6230589${String(Date.now()).slice(-9)}${suffix}`,
        holderName: GROWTH_CUSTOMER.name,
        accountClass: 'II',
        boundAccountId: main.id,
        openedAt: new Date('2026-11-21T00:00:00.000Z'),
      },
    });
  }
  const owned = await account.account.findMany({ where: { ownerId: GROWTH_CUSTOMER.id }, select: { id: true } });
  for (const { id } of owned) {
    for (let row = 0; row < postingsPerAccount; row += 1) {
      await postJournalEntry(account, {
        orderId: `bench-growth-${randomUUID()}`,
        kind: 'CASH_DEPOSIT',
        memo: '压测增长',
        channel: 'WEB',
        postedAt: new Date(Date.parse('2026-11-22T00:00:00.000Z') + row * 1000),
        legs: [
          { accountId: id, amount: 1n },
          { accountId: 'gl-cash', amount: -1n },
        ],
      });
    }
  }
}
