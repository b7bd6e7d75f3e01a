/**
 * What the benchmark needs beyond the demo data, written into the bench's own databases:
 * a history long enough for a 20-row page, a payer balance that thousands of transfers cannot
 * drain, risk velocity rules raised so one customer may transfer thousands of times an hour
 * (every other rule stays on), for the SQL budget check more accounts and postings for the
 * second customer, and a crowd of bench customers for the many-customer transfer scenario.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { blindIndex, encryptField } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { CREDENTIAL } from '../../subgraphs/auth/encryptedColumns';
import { CUSTOMER } from '../../subgraphs/user/encryptedColumns';
import { encryptedPayee } from '../../subgraphs/finance/service/payees';
import { encryptHolderName } from '../../subgraphs/account/service/holderName';
import { postJournalEntry } from '../../subgraphs/account/service/ledger';
import { hashPassword } from '../../subgraphs/auth/service/passwords';
import { ensureDefaultRules } from '../../subgraphs/auth/service/risk/rules';
import type { PrismaClient as AccountClient } from '../../subgraphs/account/__generated__/prisma/client';
import type { PrismaClient as AuthClient } from '../../subgraphs/auth/__generated__/prisma/client';
import type { PrismaClient as FinanceClient } from '../../subgraphs/finance/__generated__/prisma/client';
import type { PrismaClient as UserClient } from '../../subgraphs/user/__generated__/prisma/client';

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
  await raiseVelocityRules(auth);
}

/**
 * VELOCITY (10/hour → challenge) and VELOCITY_EXTREME (30/hour → deny) would stop a load test after
 * 10 transfers per customer; every other rule stays on. The rules are normally written when the auth
 * center starts; they are written here first so they can be raised.
 */
export async function raiseVelocityRules(auth: AuthClient): Promise<void> {
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
    const id = randomUUID();
    await account.account.create({
      data: {
        id,
        kind: 'CUSTOMER',
        ownerId: GROWTH_CUSTOMER.id,
        number: `6230589${String(Date.now()).slice(-9)}${suffix}`,
        holderNameCipher: encryptHolderName(id, GROWTH_CUSTOMER.name),
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

/**
 * The crowd of the many-customer transfer scenario: `count` customers shaped like the demo
 * customers (profile, password, one trusted device, one class I account), ids and numbers fixed
 * by position so the harness and the centers process agree without talking.
 */
export function crowdCustomers(count: number): DemoCustomer[] {
  return Array.from({ length: count }, (_, index) => {
    const serial = String(index + 1).padStart(4, '0');
    return {
      id: `c0b00000-0000-4000-8000-00000000${serial}`,
      name: `压测客户${serial}`,
      mobile: `1390000${serial}`,
      idNumber: `33070219900101${serial}`,
      riskGrade: 'C3',
      deviceId: `bench-device-${serial}`,
      region: '330702',
      accounts: [
        {
          id: `a0b00000-0000-4000-8000-00000000${serial}`,
          number: `623058910000000${serial}`,
          accountClass: 'I',
          balanceFen: 1_000_000_00n,
        },
      ],
    };
  });
}

/** Payer and payee of a crowd connection: the first half pays the second, so no two payers share an account. */
export function crowdPair(crowd: readonly DemoCustomer[], connection: number): { payer: DemoCustomer; payee: DemoCustomer } {
  const half = Math.max(1, Math.floor(crowd.length / 2));
  const payer = crowd[connection % half]!;
  return { payer, payee: crowd[(connection % half) + half] ?? crowd[0]! };
}

export interface CrowdStores {
  user: UserClient;
  auth: AuthClient;
  account: AccountClient;
  finance: FinanceClient;
}

/**
 * Writes the crowd into every center it touches, as each center's seed writes a demo customer:
 * the profile (user), the credential and trusted device (auth, so the bench signs in without an
 * SMS step), the funded class I account (account, one balanced deposit entry) and each payer's
 * saved payee (finance, so NEW_PAYEE does not send every first transfer to a step-up).
 */
export async function seedCrowd(stores: CrowdStores, crowd: readonly DemoCustomer[]): Promise<void> {
  if (!crowd.length) return;
  const now = new Date('2026-11-21T00:00:00.000Z');
  await stores.user.customer.createMany({
    data: crowd.map((customer) => ({
      id: customer.id,
      nameCipher: encryptField(customer.name, fieldBinding(CUSTOMER, 'name_cipher', customer.id)),
      mobileCipher: encryptField(customer.mobile, fieldBinding(CUSTOMER, 'mobile_cipher', customer.id)),
      mobileIndex: blindIndex(indexBinding(CUSTOMER, 'mobile_index'), customer.mobile),
      idNumberCipher: encryptField(customer.idNumber, fieldBinding(CUSTOMER, 'id_number_cipher', customer.id)),
      idNumberIndex: blindIndex(indexBinding(CUSTOMER, 'id_number_index'), customer.idNumber),
      kycLevel: 'FULL' as const,
      riskGrade: customer.riskGrade,
    })),
    skipDuplicates: true,
  });
  // One argon2id hash for the whole crowd: the same password, and seeding stays quick.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await stores.auth.credential.createMany({
    data: crowd.map((customer) => ({
      userId: customer.id,
      loginIndex: blindIndex(indexBinding(CREDENTIAL, 'login_index'), customer.mobile),
      mobileEncrypted: encryptField(customer.mobile, fieldBinding(CREDENTIAL, 'mobile_encrypted', customer.id)),
      passwordHash,
    })),
    skipDuplicates: true,
  });
  await stores.auth.device.createMany({
    data: crowd.map((customer) => ({
      id: `d-${customer.deviceId}`,
      userId: customer.id,
      deviceId: customer.deviceId,
      name: '压测设备',
      platform: 'ANDROID',
      appVersion: '6.0.0',
      trusted: true,
      firstSeenAt: now,
      lastSeenAt: now,
    })),
    skipDuplicates: true,
  });
  const accounts = crowd.map((customer) => ({ customer, account: customer.accounts[0]! }));
  await stores.account.account.createMany({
    data: accounts.map(({ customer, account }) => ({
      id: account.id,
      kind: 'CUSTOMER' as const,
      ownerId: customer.id,
      number: account.number,
      holderNameCipher: encryptHolderName(account.id, customer.name),
      accountClass: 'I' as const,
      openedAt: now,
    })),
    skipDuplicates: true,
  });
  const total = accounts.reduce((sum, { account }) => sum + account.balanceFen, 0n);
  await postJournalEntry(stores.account, {
    orderId: 'bench-crowd-funding',
    kind: 'CASH_DEPOSIT',
    memo: '压测备付金',
    channel: 'WEB',
    postedAt: now,
    legs: [
      ...accounts.map(({ account }) => ({ accountId: account.id, amount: account.balanceFen })),
      { accountId: 'gl-cash', amount: -total },
    ],
  });
  await stores.finance.payee.createMany({
    data: crowd.map((_, index) => {
      const { payer, payee } = crowdPair(crowd, index);
      return encryptedPayee({
        id: randomUUID(),
        ownerId: payer.id,
        name: payee.name,
        accountNumber: payee.accounts[0]!.number,
        bankName: '本行',
        createdAt: now,
      });
    }),
    skipDuplicates: true,
  });
}
