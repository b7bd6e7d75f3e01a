import { badInput, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import type { Bill, PrismaClient } from '../__generated__/prisma/client';

export type BillRecord = Bill;

/** Paid bills shown after the unpaid ones. */
const PAID_SHOWN = 6;

/**
 * Bill inquiry by customer number. The number is checked against the biller's pattern before any
 * lookup, so a malformed number never reaches the biller (or the table).
 */
export async function inquireBills(prisma: PrismaClient, identity: Identity, billerId: string, customerNumber: string): Promise<Bill[]> {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  const biller = await prisma.biller.findUnique({ where: { id: billerId } });
  if (!biller || biller.status !== 'ACTIVE') throw badInput('缴费单位不存在或暂停服务', ['billerId']);
  if (!new RegExp(biller.customerNumberPattern).test(customerNumber))
    throw badInput(`户号格式不正确：${biller.customerNumberHint}`, ['customerNumber']);
  const bills = await prisma.bill.findMany({ where: { billerId, customerNumber }, orderBy: [{ period: 'desc' }] });
  return [...bills.filter((bill) => bill.status === 'UNPAID'), ...bills.filter((bill) => bill.status === 'PAID').slice(0, PAID_SHOWN)];
}
