import { forbidden, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import type { Logger } from '../../../platform/observability/logger';
import type { Bill, PrismaClient } from '../__generated__/prisma/client';
import { assertBillerNumber, mayInquire } from './billAccounts';

export type BillRecord = Bill;

/** Paid bills shown after the unpaid ones. */
const PAID_SHOWN = 6;

/**
 * Bill inquiry by customer number. The number is checked against the biller's pattern before any
 * lookup, so a malformed number never reaches the biller (or the table); then only a number the
 * customer saved (billAccounts.ts) or paid before is answered, so nobody reads another household's
 * bills by trying numbers. The holder's name is only ever kept and shown masked.
 */
export async function inquireBills(
  prisma: PrismaClient,
  identity: Identity,
  billerId: string,
  customerNumber: string,
  log?: Logger,
): Promise<Bill[]> {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  await assertBillerNumber(prisma, billerId, customerNumber);
  if (!(await mayInquire(prisma, identity.userId, billerId, customerNumber))) {
    log?.warn({ event: 'life.bills.forbidden', customerId: identity.userId, billerId }, 'bill inquiry for a number not saved nor paid');
    throw forbidden('请先添加该缴费户号');
  }
  const bills = await prisma.bill.findMany({ where: { billerId, customerNumber }, orderBy: [{ period: 'desc' }] });
  return [...bills.filter((bill) => bill.status === 'UNPAID'), ...bills.filter((bill) => bill.status === 'PAID').slice(0, PAID_SHOWN)];
}
