/**
 * What `createTransfer` / `confirmTransfer` answer, as stored with the idempotency key: a small
 * JSON value; the resolver turns it into the GraphQL union and loads the order live.
 */
import type { Order } from '../__generated__/prisma/client';

export type TransferOutcome =
  | { kind: 'COMPLETED'; orderId: string }
  | { kind: 'PENDING'; orderId: string }
  | { kind: 'CHALLENGE_REQUIRED'; orderId: string; challengeId: string; methods: string[] }
  | { kind: 'REJECTED'; orderId: string; code: string; reason: string };

export function outcomeOf(order: Order): TransferOutcome {
  switch (order.status) {
    case 'COMPLETED':
      return { kind: 'COMPLETED', orderId: order.id };
    case 'CHALLENGE_REQUIRED':
      return {
        kind: 'CHALLENGE_REQUIRED',
        orderId: order.id,
        challengeId: order.riskDecisionId ?? order.id,
        methods: order.challengeMethods,
      };
    case 'REJECTED':
    case 'FAILED':
    case 'REVERSED':
      return { kind: 'REJECTED', orderId: order.id, code: order.failureCode ?? order.status, reason: order.failureReason ?? '交易未成功' };
    default:
      // CREATED / RESERVED / POSTED: still in flight (a concurrent duplicate) or waiting for clearing.
      return { kind: 'PENDING', orderId: order.id };
  }
}
