import type { PrismaClient } from '../__generated__/prisma/client';

/** General-ledger account ids by code (INTERBANK_CLEARING, …): reference data, cached per process. */
const cache = new WeakMap<PrismaClient, Map<string, string>>();

export async function ledgerAccountId(prisma: PrismaClient, code: string): Promise<string | null> {
  let codes = cache.get(prisma);
  if (!codes?.has(code)) {
    const rows = await prisma.account.findMany({ where: { kind: 'GENERAL_LEDGER' }, select: { id: true, ledgerCode: true } });
    codes = new Map(rows.flatMap((row) => (row.ledgerCode ? [[row.ledgerCode, row.id] as [string, string]] : [])));
    cache.set(prisma, codes);
  }
  return codes.get(code) ?? null;
}
