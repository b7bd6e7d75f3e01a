import type { Payee, PrismaClient } from '../__generated__/prisma/client';

export type PayeeRecord = Payee;

export function findPayeesOfOwners(prisma: PrismaClient, ownerIds: readonly string[]): Promise<Payee[]> {
  return prisma.payee.findMany({
    where: { ownerId: { in: [...ownerIds] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** 李秀英 → 李*英, 张三 → 张*; the other side of an order is never stored or shown in full. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
