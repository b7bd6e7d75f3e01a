import { notFound } from '../../../platform/errors';
import type { FinanceContext } from '../context';
import type { TransferOutcome } from '../service/orderIntake';

const TYPENAMES = {
  COMPLETED: 'TransferCompleted',
  PENDING: 'TransferPending',
  CHALLENGE_REQUIRED: 'TransferChallengeRequired',
  REJECTED: 'TransferRejected',
} as const;

/** The order of an outcome, loaded live (the outcome itself is what was first answered). */
async function orderOf(outcome: TransferOutcome, { ordersById }: FinanceContext) {
  if (!outcome.orderId) return null;
  const order = await ordersById.load(outcome.orderId);
  if (!order) throw notFound('订单不存在');
  return order;
}

export const TransferResult = { __resolveType: (outcome: TransferOutcome) => TYPENAMES[outcome.kind] };
const order = (outcome: TransferOutcome, _args: unknown, ctx: FinanceContext) => orderOf(outcome, ctx);
export const TransferCompleted = { order };
export const TransferPending = { order };
export const TransferChallengeRequired = { order };
export const TransferRejected = { order };
