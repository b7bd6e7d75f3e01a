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
  /** When a transfer to it first completed; null: added by hand, not paid yet. Omitted: saved after a transfer, at createdAt. */
  firstPaidAt?: Date | null;
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
    firstPaidAt: payee.firstPaidAt === undefined ? payee.createdAt : payee.firstPaidAt,
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

/** The customer's saved payee with this account number (rows of any index form, or not yet encrypted), if any. */
export function findPayeeByNumber(prisma: PrismaClient, ownerId: string, accountNumber: string): Promise<Payee | null> {
  const indexes = blindIndexCandidates(indexBinding(PAYEE, 'account_number_index'), accountNumber);
  return prisma.payee.findFirst({ where: { ownerId, OR: [{ accountNumberIndex: { in: indexes } }, { accountNumber }] } });
}

/**
 * Whether a transfer to this account number is to a payee the customer has paid before: false for a
 * number never saved and for a payee added by hand and not paid yet, so the transfer risk rule
 * (auth's NEW_PAYEE) still sees it as new until one transfer to it completes.
 */
export async function hasPaidPayee(prisma: PrismaClient, ownerId: string, accountNumber: string): Promise<boolean> {
  const payee = await findPayeeByNumber(prisma, ownerId, accountNumber);
  return payee !== null && payee.firstPaidAt !== null;
}

/**
 * After a completed transfer: saves the payee (first paid now), or marks the customer's payee with
 * this number — one added by hand — as paid now. Saving twice, or paying an already-paid payee, changes nothing.
 */
export async function recordPaidPayee(prisma: PrismaClient, payee: PayeeInput & { firstPaidAt: Date }): Promise<void> {
  await prisma.payee.createMany({ data: [encryptedPayee(payee)], skipDuplicates: true });
  const indexes = blindIndexCandidates(indexBinding(PAYEE, 'account_number_index'), payee.accountNumber);
  await prisma.payee.updateMany({
    where: {
      ownerId: payee.ownerId,
      firstPaidAt: null,
      OR: [{ accountNumberIndex: { in: indexes } }, { accountNumber: payee.accountNumber }],
    },
    data: { firstPaidAt: payee.firstPaidAt },
  });
}

export function payeeName(payee: Payee): string {
  return payee.nameCipher ? decryptField(payee.nameCipher, fieldBinding(PAYEE, 'name_cipher', payee.id)) : (payee.name ?? '');
}

export function payeeAccountNumber(payee: Payee): string {
  return payee.accountNumberCipher
    ? decryptField(payee.accountNumberCipher, fieldBinding(PAYEE, 'account_number_cipher', payee.id))
    : (payee.accountNumber ?? '');
}
