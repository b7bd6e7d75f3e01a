import { money } from '../../kit/money';
import type { TimeDepositOpeningResolvers, TimeDepositResolvers, TimeDepositWithdrawalResolvers } from '../__generated__/resolvers-types';
import { dateAsDay, shanghaiDay } from '../../../platform/businessDay';
import { rateFromE4 } from '../service/interest';
import { challengeOf } from '../service/orderChallenges';
import { accruedInterestFen, valueAtMaturityFen } from '../service/timeDeposits';

export const TimeDeposit: TimeDepositResolvers = {
  principal: (deposit) => money(deposit.principal),
  rate: (deposit) => rateFromE4(deposit.rate),
  earlyWithdrawalRate: (deposit) => rateFromE4(deposit.earlyRate),
  openedOn: (deposit) => dateAsDay(deposit.openedOn),
  maturesOn: (deposit) => dateAsDay(deposit.maturesOn),
  status: (deposit) => (deposit.withdrawnAt ? 'WITHDRAWN' : deposit.withdrawOrderId ? 'WITHDRAWING' : 'ACTIVE'),
  accruedInterest: (deposit, _args, { clock }) => money(accruedInterestFen(deposit, shanghaiDay(clock.now()))),
  valueAtMaturity: (deposit) => money(valueAtMaturityFen(deposit)),
  openOrder: async (deposit, _args, { ordersById }) => (await ordersById.load(deposit.openOrderId))!,
  withdrawalOrder: async (deposit, _args, { ordersById }) => (deposit.withdrawOrderId ? ordersById.load(deposit.withdrawOrderId) : null),
};

export const TimeDepositOpening: TimeDepositOpeningResolvers = {
  challenge: (opening) => challengeOf(opening.order),
};

export const TimeDepositWithdrawal: TimeDepositWithdrawalResolvers = {
  principal: (withdrawal) => money(withdrawal.order.amount - withdrawal.order.interest),
  interest: (withdrawal) => money(withdrawal.order.interest),
  rateApplied: (withdrawal) => rateFromE4(withdrawal.rateAppliedE4),
};
