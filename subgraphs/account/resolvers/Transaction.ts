import { maskAccountNumber, maskName } from '../../kit/fieldCipher';
import { isChannel } from '../../../platform/identity/identity';
import { money } from '../../kit/money';
import type { TransactionResolvers } from '../__generated__/resolvers-types';
import { counterpartyOf } from '../service/postingCounterparty';

export const Transaction: TransactionResolvers = {
  id: (posting) => posting.id.toString(),
  amount: (posting) => money(posting.amount),
  direction: (posting) => (posting.amount >= 0n ? 'CREDIT' : 'DEBIT'),
  balanceAfter: (posting) => money(posting.balanceAfter),
  counterparty: (posting) => {
    const { counterpartyName, counterpartyAccountNumber } = counterpartyOf(posting);
    return counterpartyName
      ? {
          maskedName: maskName(counterpartyName),
          maskedAccountNumber: counterpartyAccountNumber ? maskAccountNumber(counterpartyAccountNumber) : null,
          bankName: posting.counterpartyBank,
        }
      : null;
  },
  channel: (posting) => (posting.channel && isChannel(posting.channel) ? posting.channel : null),
};
