/**
 * What finance needs to know about a transfer's two accounts before moving money: the source
 * (which must be the acting customer's) and the destination by number, with the holder-name check
 * done here so the destination's holder name never has to leave this center for it.
 */
import type { Account, PrismaClient } from '../__generated__/prisma/client';
import { holderNameOf } from './holderName';

export interface TransferParties {
  source: Account | null;
  destination: Account | null;
  destinationNameMatches: boolean;
}

export async function findTransferParties(
  prisma: PrismaClient,
  input: { sourceAccountId: string; destinationAccountNumber: string; destinationName: string },
): Promise<TransferParties> {
  const accounts = await prisma.account.findMany({
    where: { kind: 'CUSTOMER', OR: [{ id: input.sourceAccountId }, { number: input.destinationAccountNumber }] },
  });
  const source = accounts.find((account) => account.id === input.sourceAccountId) ?? null;
  const destination = accounts.find((account) => account.number === input.destinationAccountNumber) ?? null;
  return {
    source,
    destination,
    destinationNameMatches: destination !== null && normalizeName(holderNameOf(destination)) === normalizeName(input.destinationName),
  };
}

/** Names compare without surrounding or inner white space (customers type "李 秀英"). */
function normalizeName(name: string): string {
  return name.replace(/\s+/g, '');
}
