import { maskAccountNumber } from '../../kit/fieldCipher';
import type { PayeeResolvers } from '../__generated__/resolvers-types';

/** Only reached through `User.payees`, which has already checked ownership. */
export const Payee: PayeeResolvers = {
  maskedAccountNumber: (payee) => maskAccountNumber(payee.accountNumber),
};
