/**
 * payBill: life checks the bill (exists, unpaid, a number bound to this customer), claims it with a
 * PENDING bill_payment row, and asks finance for a merchant payment order (limits, risk, ledger,
 * outbox all happen there). The claim is what makes a bill paid at most once: of all attempts on
 * one bill only one may be PENDING or COMPLETED (partial unique index), and a replay of the same
 * (customer, idempotency key) finds its row and asks finance again with the same key, which
 * answers the first order. The bill is marked PAID by the order id with a compare-and-set.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode, badInput, bankError, forbidden, notFound, unauthenticated } from '../../../platform/errors';
import type { ChannelName, Identity } from '../../../platform/identity/identity';
import type { Logger } from '../../../platform/observability/logger';
import type { Clock } from '../../../platform/clock';
import { fenToDecimal } from '../../kit/money';
import type { BillPayment, PrismaClient } from '../__generated__/prisma/client';
import type { FinanceCenterClient, FinanceOrderChallenge, FinanceOrderReceipt } from '../../finance/client';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { REFUSED_BEFORE_ORDER, SOURCE_ACCOUNT_REFUSALS } from './financeRefusals';

/** A payment row; as payBill answers it, also the step-up its order waits for (absent when read back later). */
export type BillPaymentRecord = BillPayment & { challenge?: PaymentChallengeView | null };

/** The step-up finance's order waits for (CHALLENGE_REQUIRED), as finance answered it. */
export type PaymentChallengeView = FinanceOrderChallenge;

export interface PayBillInput {
  billId: string;
  sourceAccountId: string;
  idempotencyKey: string;
}

/** The channel and device the customer pays from (finance's risk decision uses both). */
interface PayingCustomer {
  channel: ChannelName;
  deviceId: string | null;
}

export interface PayBillDeps {
  prisma: PrismaClient;
  finance: FinanceCenterClient;
  clock: Clock;
  log: Logger;
}

export async function payBill(deps: PayBillDeps, identity: Identity, input: PayBillInput): Promise<BillPaymentRecord> {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  const customerId = identity.userId;
  const caller: PayingCustomer = { channel: identity.channel, deviceId: identity.deviceId ?? null };
  assertIdempotencyKey(input.idempotencyKey);

  const earlier = await findByKey(deps.prisma, customerId, input.idempotencyKey);
  if (earlier) return resume(deps, customerId, caller, earlier, input);

  const bill = await deps.prisma.bill.findUnique({ where: { id: input.billId }, include: { biller: true } });
  if (!bill) throw notFound('账单不存在');
  const bound = await deps.prisma.billAccount.findUnique({
    where: { customerId_billerId_customerNumber: { customerId, billerId: bill.billerId, customerNumber: bill.customerNumber } },
  });
  if (!bound || bound.removedAt) {
    deps.log.warn({ event: 'life.bill.forbidden', customerId, billId: bill.id }, 'payBill for a bill number not bound to the customer');
    throw forbidden('该户号未绑定到您的账户，无法缴费');
  }
  if (bill.status === 'PAID') throw bankError(ErrorCode.BillAlreadyPaid, '该账单已缴清', { field: ['input', 'billId'] });
  if (bill.amount <= 0n) throw badInput('该账单无需缴费', ['input', 'billId']);

  const now = deps.clock.now();
  let payment: BillPayment;
  try {
    payment = await deps.prisma.billPayment.create({
      data: {
        id: randomUUID(),
        customerId,
        billId: bill.id,
        sourceAccountId: input.sourceAccountId,
        idempotencyKey: input.idempotencyKey,
        amount: bill.amount,
        createdAt: now,
        updatedAt: now,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent duplicate with the same key claimed first: follow it. Otherwise the bill is taken.
    const raced = await findByKey(deps.prisma, customerId, input.idempotencyKey);
    if (raced) return resume(deps, customerId, caller, raced, input);
    throw bankError(ErrorCode.BillAlreadyPaid, '该账单已缴清或正在缴费中', { field: ['input', 'billId'] });
  }
  return askFinance(deps, customerId, caller, payment, bill.biller.name);
}

function findByKey(prisma: PrismaClient, customerId: string, key: string): Promise<BillPayment | null> {
  return prisma.billPayment.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey: key } } });
}

/** A replay: the same request answers the same payment (finishing it if it was left PENDING). */
async function resume(
  deps: PayBillDeps,
  customerId: string,
  caller: PayingCustomer,
  payment: BillPayment,
  input: PayBillInput,
): Promise<BillPaymentRecord> {
  if (payment.billId !== input.billId || payment.sourceAccountId !== input.sourceAccountId) {
    throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的缴费', { field: ['input', 'idempotencyKey'] });
  }
  if (payment.status !== 'PENDING') return payment;
  const bill = await deps.prisma.bill.findUniqueOrThrow({ where: { id: payment.billId }, include: { biller: true } });
  return askFinance(deps, customerId, caller, payment, bill.biller.name);
}

async function askFinance(
  deps: PayBillDeps,
  customerId: string,
  caller: PayingCustomer,
  payment: BillPayment,
  merchantName: string,
): Promise<BillPaymentRecord> {
  let receipt: FinanceOrderReceipt;
  try {
    receipt = await deps.finance.createMerchantPayment(customerId, {
      sourceAccountId: payment.sourceAccountId,
      amount: fenToDecimal(payment.amount),
      merchantName,
      reference: payment.billId,
      channel: caller.channel,
      deviceId: caller.deviceId,
      // One finance order per claim: every replay and concurrent duplicate asks with the same key.
      idempotencyKey: `billpay-${payment.id}`,
    });
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
    if (REFUSED_BEFORE_ORDER.has(code)) {
      await settle(deps, payment, { status: 'REJECTED', failureCode: code, failureReason: error instanceof Error ? error.message : null });
      if (SOURCE_ACCOUNT_REFUSALS.has(code)) {
        throw bankError(code as ErrorCode, (error as Error).message, { field: ['input', 'sourceAccountId'] });
      }
    }
    throw error; // an outage: the claim stays PENDING and a replay with the same key finishes it
  }
  if (receipt.outcome === 'COMPLETED') return settle(deps, payment, { status: 'COMPLETED', orderId: receipt.orderId });
  if (receipt.outcome === 'REJECTED')
    return settle(deps, payment, {
      status: 'REJECTED',
      orderId: receipt.orderId,
      failureCode: receipt.failureCode,
      failureReason: receipt.failureReason,
    });
  // Still moving, or waiting for the customer's step-up (CHALLENGE_REQUIRED): PENDING until the order ends
  // (this answer after confirmOrder, or finance's order event).
  await deps.prisma.billPayment.updateMany({
    where: { id: payment.id, orderId: null },
    data: { orderId: receipt.orderId, updatedAt: deps.clock.now() },
  });
  const pending = await deps.prisma.billPayment.findUniqueOrThrow({ where: { id: payment.id } });
  return { ...pending, challenge: receipt.challenge ?? null };
}

/**
 * PENDING → COMPLETED marks the bill PAID by the order in the same transaction; both updates are
 * compare-and-sets, so a concurrent duplicate settling the same payment changes nothing more.
 */
async function settle(
  deps: PayBillDeps,
  payment: BillPayment,
  result: { status: 'COMPLETED' | 'REJECTED'; orderId?: string; failureCode?: string | null; failureReason?: string | null },
): Promise<BillPayment> {
  const now = deps.clock.now();
  const update = deps.prisma.billPayment.updateMany({
    where: { id: payment.id, status: 'PENDING' },
    data: {
      status: result.status,
      orderId: result.orderId ?? payment.orderId,
      failureCode: result.failureCode ?? null,
      failureReason: result.failureReason ?? null,
      updatedAt: now,
    },
  });
  if (result.status === 'COMPLETED') {
    await deps.prisma.$transaction([
      update,
      deps.prisma.bill.updateMany({
        where: { id: payment.billId, status: 'UNPAID' },
        data: { status: 'PAID', paidByOrderId: result.orderId! },
      }),
    ]);
  } else {
    await update;
  }
  return deps.prisma.billPayment.findUniqueOrThrow({ where: { id: payment.id } });
}

/** The customer's bill payments, newest first. */
export function findBillPayments(prisma: PrismaClient, customerId: string, first: number): Promise<BillPayment[]> {
  return prisma.billPayment.findMany({
    where: { customerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(first, 1), 50),
  });
}

/** The `User` entity as life knows it: just the id (life keeps no customer data of its own). */
export interface UserRef {
  id: string;
}
