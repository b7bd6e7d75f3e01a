import type { Account, PrismaClient } from '../__generated__/prisma/client';

export type AccountRecord = Account;
export interface UserReference {
  id: string;
}

/** PBOC class order: the full-function class I account first. */
const CLASS_ORDER = { I: 1, II: 2, III: 3 } as const;

export function findAccounts(prisma: PrismaClient, ids: readonly string[]): Promise<Account[]> {
  return prisma.account.findMany({ where: { id: { in: [...ids] }, kind: 'CUSTOMER' } });
}

export async function findAccountsOfOwners(prisma: PrismaClient, ownerIds: readonly string[]): Promise<Account[]> {
  const accounts = await prisma.account.findMany({
    where: { ownerId: { in: [...ownerIds] }, kind: 'CUSTOMER', status: { not: 'CLOSED' } },
    orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
  });
  return accounts.sort((a, b) => classRank(a) - classRank(b));
}

function classRank(account: Account): number {
  return account.accountClass ? CLASS_ORDER[account.accountClass] : 9;
}
