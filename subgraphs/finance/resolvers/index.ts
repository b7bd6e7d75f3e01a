import { Holding } from './Holding';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { Payee } from './Payee';
import { payeeBookMutations } from './payeeBook';
import { Query } from './Query';
import { TransferChallengeRequired, TransferCompleted, TransferPending, TransferRejected, TransferResult } from './TransferResult';
import { TimeDeposit, TimeDepositOpening, TimeDepositWithdrawal } from './TimeDeposit';
import { User } from './User';
import { WealthRedemptionResult } from './WealthRedemptionResult';
import { WealthSubscriptionResult } from './WealthSubscriptionResult';

export const resolvers = {
  Query,
  Mutation: { ...Mutation, ...payeeBookMutations },
  User,
  Order,
  Payee,
  TransferResult,
  TransferCompleted,
  TransferPending,
  TransferChallengeRequired,
  TransferRejected,
  Holding,
  WealthSubscriptionResult,
  WealthRedemptionResult,
  TimeDeposit,
  TimeDepositOpening,
  TimeDepositWithdrawal,
};
