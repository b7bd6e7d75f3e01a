import { currentCustomerId, serviceCaller } from '../../kit/authorization';
import { forbidden, unauthenticated } from '../../../platform/errors';
import type { FinanceContext } from '../context';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { createMerchantPayment } from '../service/merchantPayments';
import { disburseLoan } from '../service/loanDisbursements';
import { confirmOrder } from '../service/orderChallenges';
import { redeemWealthProduct } from '../service/redemptions';
import { withdrawTimeDeposit } from '../service/depositWithdrawals';
import { openTimeDeposit } from '../service/timeDeposits';
import { subscribeWealthProduct } from '../service/wealthSubscriptions';
import { Caller, confirmTransfer, createTransfer } from '../service/transfers';

/** Transfers move a signed-in customer's money from a channel: never a service call. */
function callerOf({ identity }: FinanceContext): Caller {
  if (identity.kind !== 'gateway') throw unauthenticated();
  return { customerId: currentCustomerId(identity), channel: identity.channel, deviceId: identity.deviceId };
}

export const Mutation: MutationResolvers = {
  // The order as the transfer left it answers the result's `order` field (no second read).
  createTransfer: (_parent, { input }, ctx) =>
    createTransfer(ctx.money, callerOf(ctx), input, (order) => ctx.ordersById.prime(order.id, order)),
  confirmTransfer: (_parent, { orderId, challengeToken }, ctx) => confirmTransfer(ctx.money, callerOf(ctx), orderId, challengeToken),
  confirmOrder: (_parent, { orderId, challengeToken }, ctx) =>
    confirmOrder({ ...ctx.money, wealth: ctx.wealth }, callerOf(ctx), orderId, challengeToken),
  subscribeWealthProduct: (_parent, { input }, ctx) => subscribeWealthProduct({ ...ctx.money, wealth: ctx.wealth }, callerOf(ctx), input),
  redeemWealthProduct: (_parent, { input }, ctx) => redeemWealthProduct({ ...ctx.money, wealth: ctx.wealth }, callerOf(ctx), input),
  openTimeDeposit: (_parent, { input }, ctx) => openTimeDeposit({ ...ctx.money, wealth: ctx.wealth }, callerOf(ctx), input),
  withdrawTimeDeposit: (_parent, { input }, ctx) => withdrawTimeDeposit({ ...ctx.money, wealth: ctx.wealth }, callerOf(ctx), input),
  // A center paying on a customer's behalf: the service credential names the customer.
  createMerchantPayment: async (_parent, { input }, ctx) => {
    const { actingFor } = serviceCaller(ctx.identity);
    if (!actingFor) throw unauthenticated();
    const outcome = await createMerchantPayment(ctx.money, actingFor, input);
    return {
      orderId: outcome.orderId,
      outcome: outcome.kind,
      failureCode: outcome.kind === 'REJECTED' ? outcome.code : null,
      failureReason: outcome.kind === 'REJECTED' ? outcome.reason : null,
      // The order names the merchant as its payee: the challenge binds it.
      challenge:
        outcome.kind === 'CHALLENGE_REQUIRED'
          ? { challengeId: outcome.challengeId, methods: outcome.methods, payee: input.merchantName }
          : null,
    };
  },
  // The limits center paying out a customer's loan: the service credential names the customer.
  disburseLoan: async (_parent, { input }, ctx) => {
    const { service, actingFor } = serviceCaller(ctx.identity);
    if (!actingFor) throw unauthenticated();
    // Loans are the limits center's: no other center pays one out, whatever scopes it holds.
    if (service !== 'limits') throw forbidden();
    return disburseLoan(ctx.money, actingFor, input);
  },
};
