import type { Payee, PrismaClient } from '../__generated__/prisma/client';

export type PayeeRecord = Payee;

export function findPayeesOfOwners(prisma: PrismaClient, ownerIds: readonly string[]): Promise<Payee[]> {
  return prisma.payee.findMany({
    where: { ownerId: { in: [...ownerIds] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
