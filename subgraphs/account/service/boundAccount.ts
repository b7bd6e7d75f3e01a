/** What an electronic account is bound to, masked: this bank's class I account, or another bank's card. */
import type DataLoader from 'dataloader';
import { decryptField, maskAccountNumber } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import type { Account } from '../__generated__/prisma/client';
import { ACCOUNT } from '../encryptedColumns';
import { THIS_BANK } from './electronicAccounts';

export interface BoundAccountView {
  maskedAccountNumber: string;
  bankName: string;
}

export function boundCardNumberOf(account: Pick<Account, 'id' | 'boundCardNumberCipher'>): string | null {
  return account.boundCardNumberCipher
    ? decryptField(account.boundCardNumberCipher, fieldBinding(ACCOUNT, 'bound_card_number_cipher', account.id))
    : null;
}

export async function boundAccountOf(account: Account, accountsById: DataLoader<string, Account | null>): Promise<BoundAccountView | null> {
  const cardNumber = boundCardNumberOf(account);
  if (cardNumber) return { maskedAccountNumber: maskAccountNumber(cardNumber), bankName: account.boundCardBank ?? '他行' };
  if (!account.boundAccountId) return null;
  // The bound class I account is the same customer's (checked at opening), so its number may be shown masked.
  const bound = await accountsById.load(account.boundAccountId);
  return bound && bound.ownerId === account.ownerId ? { maskedAccountNumber: maskAccountNumber(bound.number), bankName: THIS_BANK } : null;
}
