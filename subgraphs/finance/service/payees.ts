import { blindIndex, blindIndexCandidates, decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../kit/fieldEncryption/columns';
import type { Payee, Prisma, PrismaClient } from '../__generated__/prisma/client';
import { PAYEE } from '../encryptedColumns';

export type PayeeRecord = Payee;

export function findPayeesOfOwners(prisma: PrismaClient, ids: readonly string[]): Promise<Payee[]> {
  return prisma.payee.findMany({
    where: { ownerId: { in: [...ids] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

export interface PayeeInput {
  id: string;
  ownerId: string;
  name: string;
  accountNumber: string;
  bankName: string;
  alias?: string | null;
  createdAt: Date;
}

/** A payee row as stored: name and account number encrypted and bound to the row's id, the number also indexed. */
export function encryptedPayee(payee: PayeeInput): Prisma.PayeeCreateManyInput {
  return {
    id: payee.id,
    ownerId: payee.ownerId,
    nameCipher: encryptField(payee.name, fieldBinding(PAYEE, 'name_cipher', payee.id)),
    accountNumberCipher: encryptField(payee.accountNumber, fieldBinding(PAYEE, 'account_number_cipher', payee.id)),
    accountNumberIndex: blindIndex(indexBinding(PAYEE, 'account_number_index'), payee.accountNumber),
    bankName: payee.bankName,
    alias: payee.alias ?? null,
    createdAt: payee.createdAt,
  };
}

/** Whether the customer has saved this account number (rows of any index form, or not yet encrypted). */
export async function hasPayee(prisma: PrismaClient, ownerId: string, accountNumber: string): Promise<boolean> {
  const indexes = blindIndexCandidates(indexBinding(PAYEE, 'account_number_index'), accountNumber);
  const found = await prisma.payee.findFirst({
    where: { ownerId, OR: [{ accountNumberIndex: { in: indexes } }, { accountNumber }] },
    select: { id: true },
  });
  return found !== null;
}

export function payeeName(payee: Payee): string {
  return payee.nameCipher ? decryptField(payee.nameCipher, fieldBinding(PAYEE, 'name_cipher', payee.id)) : (payee.name ?? '');
}

export function payeeAccountNumber(payee: Payee): string {
  return payee.accountNumberCipher
    ? decryptField(payee.accountNumberCipher, fieldBinding(PAYEE, 'account_number_cipher', payee.id))
    : (payee.accountNumber ?? '');
}
