import { maskAccountNumber, maskName } from '../../kit/fieldCipher';
import { isChannel } from '../../../platform/identity/identity';
import { money } from '../../kit/money';
import type { TransactionResolvers } from '../__generated__/resolvers-types';

export const Transaction: TransactionResolvers = {
  id: (posting) => posting.id.toString(),
  amount: (posting) => money(posting.amount),
  direction: (posting) => (posting.amount >= 0n ? 'CREDIT' : 'DEBIT'),
  balanceAfter: (posting) => money(posting.balanceAfter),
  counterparty: (posting) =>
    posting.counterpartyName
      ? {
          maskedName: maskName(posting.counterpartyName),
          maskedAccountNumber: posting.counterpartyAccountNumber ? maskAccountNumber(posting.counterpartyAccountNumber) : null,
          bankName: posting.counterpartyBank,
        }
      : null,
  channel: (posting) => (posting.channel && isChannel(posting.channel) ? posting.channel : null),
};
