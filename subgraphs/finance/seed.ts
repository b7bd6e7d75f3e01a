import { DEMO_CUSTOMERS, DemoCustomer } from '../kit/demo';
import { maskAccountNumber, maskName } from '../kit/fieldCipher';
import type { Prisma, PrismaClient } from './__generated__/prisma/client';
import { encryptedPayee, PayeeInput } from './service/payees';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const zhangMain = zhang.accounts[0]!;
const liMain = li.accounts[0]!;

/** 张晓明's payees: 李秀英 (same bank, her class I account) and an other-bank payee. */
export const DEMO_PAYEES: PayeeInput[] = [
  {
    id: 'b0a80001-0000-4000-8000-000000000101',
    ownerId: zhang.id,
    name: li.name,
    accountNumber: liMain.number,
    bankName: '本行',
    alias: '房东',
    createdAt: new Date('2026-11-02T03:00:00.000Z'),
  },
  {
    id: 'b0a80001-0000-4000-8000-000000000102',
    ownerId: zhang.id,
    name: '王建国',
    accountNumber: '6222021208000012345',
    bankName: '中国工商银行',
    alias: null,
    createdAt: new Date('2026-11-03T03:00:00.000Z'),
  },
];

/**
 * The orders behind the account center's seeded history (same ids as its journal entries).
 * Payroll and opening deposits are not customer orders, so they have none here.
 */
export const DEMO_ORDERS: Prisma.OrderCreateManyInput[] = [
  {
    id: 'seed-electricity-2026-11',
    ownerId: zhang.id,
    kind: 'BILL_PAYMENT',
    status: 'COMPLETED',
    amount: 150_00n,
    sourceAccountId: zhangMain.id,
    destinationMasked: '国网浙江省电力有限公司',
    channel: 'MOBILE_APP',
    memo: '电费缴纳',
    idempotencyKey: 'seed-electricity-2026-11',
    riskDecision: 'ALLOW',
    createdAt: new Date('2026-11-15T12:19:58.000Z'),
    updatedAt: new Date('2026-11-15T12:20:00.000Z'),
  },
  {
    id: 'seed-transfer-2026-11',
    ownerId: zhang.id,
    kind: 'TRANSFER',
    status: 'COMPLETED',
    amount: 6_850_00n,
    sourceAccountId: zhangMain.id,
    destinationMasked: `${maskName(li.name)} ${maskAccountNumber(liMain.number)}`,
    payeeId: 'b0a80001-0000-4000-8000-000000000101',
    channel: 'MOBILE_APP',
    memo: '房租',
    idempotencyKey: 'seed-transfer-2026-11',
    riskDecision: 'ALLOW',
    createdAt: new Date('2026-11-20T09:14:57.000Z'),
    updatedAt: new Date('2026-11-20T09:15:00.000Z'),
  },
];

export async function seedFinanceCenter(prisma: PrismaClient): Promise<void> {
  await prisma.payee.createMany({ data: DEMO_PAYEES.map(encryptedPayee), skipDuplicates: true });
  await prisma.order.createMany({ data: DEMO_ORDERS, skipDuplicates: true });
}
