import { maskAccountNumber } from '../../kit/fieldCipher';
import type { PayeeResolvers } from '../__generated__/resolvers-types';
import { payeeAccountNumber, payeeName } from '../service/payees';

/** Only reached through `User.payees`, which has already checked ownership. */
export const Payee: PayeeResolvers = {
  name: (payee) => payeeName(payee),
  maskedAccountNumber: (payee) => maskAccountNumber(payeeAccountNumber(payee)),
};
