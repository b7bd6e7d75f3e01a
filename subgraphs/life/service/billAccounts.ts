/**
 * Saved bill accounts (常用缴费户号): the customer numbers a customer pays for. Bill inquiry answers
 * only for a saved number or one the customer paid before, so a signed-in customer cannot read any
 * household's bills by trying numbers: at most 20 saved at a time and 5 new a day (Asia/Shanghai)
 * per customer. A removed account keeps its row (`removed_at`) and saving it again counts as new
 * that day, so removing does not give back a day's allowance. Saves run under a per-customer
 * advisory lock, so concurrent saves cannot pass either limit.
 */
import { ErrorCode, badInput, bankError, notFound, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import { shanghaiDay, shanghaiDayWindow } from '../../../platform/businessDay';
import type { Clock } from '../../../platform/clock';
import type { BillAccount, PrismaClient } from '../__generated__/prisma/client';

export type BillAccountRecord = BillAccount;

export const MAX_SAVED_BILL_ACCOUNTS = 20;
export const MAX_NEW_BILL_ACCOUNTS_PER_DAY = 5;
const MAX_ALIAS = 20;

export interface BillAccountDeps {
  prisma: PrismaClient;
  clock: Clock;
}

function customerOf(identity: Identity): string {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  return identity.userId;
}

function cleanAlias(alias: string | null | undefined): string | null {
  const trimmed = alias?.trim() ?? '';
  if (!trimmed) return null;
  if ([...trimmed].length > MAX_ALIAS || /\p{Cc}/u.test(trimmed)) throw badInput(`备注名最多${MAX_ALIAS}个字`, ['input', 'alias']);
  return trimmed;
}

/** Checks the biller is active and the number has its format, before anything is looked up. */
export async function assertBillerNumber(prisma: PrismaClient, billerId: string, customerNumber: string, field: string[] = []) {
  const biller = await prisma.biller.findUnique({ where: { id: billerId } });
  if (!biller || biller.status !== 'ACTIVE') throw badInput('缴费单位不存在或暂停服务', [...field, 'billerId']);
  if (!new RegExp(biller.customerNumberPattern).test(customerNumber))
    throw badInput(`户号格式不正确：${biller.customerNumberHint}`, [...field, 'customerNumber']);
  return biller;
}

export async function saveBillAccount(
  deps: BillAccountDeps,
  identity: Identity,
  input: { billerId: string; customerNumber: string; alias?: string | null },
): Promise<BillAccount> {
  const customerId = customerOf(identity);
  const alias = cleanAlias(input.alias);
  await assertBillerNumber(deps.prisma, input.billerId, input.customerNumber, ['input']);
  const now = deps.clock.now();
  const today = shanghaiDayWindow(shanghaiDay(now));
  return deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`life:bill-accounts:${customerId}`}, 0))`;
    const key = { customerId, billerId: input.billerId, customerNumber: input.customerNumber };
    const existing = await tx.billAccount.findUnique({ where: { customerId_billerId_customerNumber: key } });
    // Saving an account already saved only updates its label.
    if (existing && !existing.removedAt) {
      return alias === null ? existing : tx.billAccount.update({ where: { customerId_billerId_customerNumber: key }, data: { alias } });
    }
    const [saved, newToday] = await Promise.all([
      tx.billAccount.count({ where: { customerId, removedAt: null } }),
      tx.billAccount.count({
        where: { customerId, createdAt: { gte: today.from, lt: today.to } },
      }),
    ]);
    if (saved >= MAX_SAVED_BILL_ACCOUNTS)
      throw bankError(ErrorCode.BadUserInput, `最多保存${MAX_SAVED_BILL_ACCOUNTS}个缴费户号，请先删除不用的户号`, {
        field: ['input', 'customerNumber'],
        details: { reason: 'TOO_MANY_BILL_ACCOUNTS' },
      });
    if (newToday >= MAX_NEW_BILL_ACCOUNTS_PER_DAY)
      throw bankError(ErrorCode.BadUserInput, `每天最多新增${MAX_NEW_BILL_ACCOUNTS_PER_DAY}个缴费户号，请明天再试`, {
        field: ['input', 'customerNumber'],
        details: { reason: 'TOO_MANY_NEW_BILL_ACCOUNTS_TODAY' },
      });
    return tx.billAccount.upsert({
      where: { customerId_billerId_customerNumber: key },
      create: { ...key, alias, createdAt: now },
      update: { alias, createdAt: now, removedAt: null },
    });
  });
}

async function activeAccount(prisma: PrismaClient, customerId: string, billerId: string, customerNumber: string) {
  const account = await prisma.billAccount.findUnique({
    where: { customerId_billerId_customerNumber: { customerId, billerId, customerNumber } },
  });
  return account && !account.removedAt ? account : null;
}

export async function renameBillAccount(
  deps: BillAccountDeps,
  identity: Identity,
  input: { billerId: string; customerNumber: string; alias?: string | null },
): Promise<BillAccount> {
  const customerId = customerOf(identity);
  const alias = cleanAlias(input.alias);
  if (!(await activeAccount(deps.prisma, customerId, input.billerId, input.customerNumber))) throw notFound('未找到该缴费户号');
  return deps.prisma.billAccount.update({
    where: { customerId_billerId_customerNumber: { customerId, billerId: input.billerId, customerNumber: input.customerNumber } },
    data: { alias },
  });
}

/** True when an account was removed; false when it was not saved. */
export async function removeBillAccount(
  deps: BillAccountDeps,
  identity: Identity,
  input: { billerId: string; customerNumber: string },
): Promise<boolean> {
  const customerId = customerOf(identity);
  const removed = await deps.prisma.billAccount.updateMany({
    where: { customerId, billerId: input.billerId, customerNumber: input.customerNumber, removedAt: null },
    data: { removedAt: deps.clock.now() },
  });
  return removed.count > 0;
}

/** The customer's saved accounts, newest first. */
export function listBillAccounts(prisma: PrismaClient, identity: Identity): Promise<BillAccount[]> {
  return prisma.billAccount.findMany({
    where: { customerId: customerOf(identity), removedAt: null },
    orderBy: [{ createdAt: 'desc' }, { customerNumber: 'asc' }],
  });
}

/** Whether the customer may see this number's bills: saved now, or a bill of it paid by the customer. */
export async function mayInquire(prisma: PrismaClient, customerId: string, billerId: string, customerNumber: string): Promise<boolean> {
  if (await activeAccount(prisma, customerId, billerId, customerNumber)) return true;
  const paid = await prisma.billPayment.count({
    where: { customerId, status: 'COMPLETED', billId: { in: await billIdsOf(prisma, billerId, customerNumber) } },
  });
  return paid > 0;
}

async function billIdsOf(prisma: PrismaClient, billerId: string, customerNumber: string): Promise<string[]> {
  return (await prisma.bill.findMany({ where: { billerId, customerNumber }, select: { id: true } })).map((bill) => bill.id);
}

export { activeAccount };
