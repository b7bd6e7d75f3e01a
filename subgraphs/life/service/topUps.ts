/**
 * topUp: mobile phone credit (话费充值) of a fixed face value. Life validates the number, the face
 * value and the carrier, records a PENDING top_up row (the number encrypted, only its mask ever
 * shown or logged), and asks finance for a merchant payment order exactly as payBill does. A replay
 * of the same (customer, idempotency key) finds its row and asks finance again with the same
 * finance key, which answers the first order: a retry never pays twice.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode, badInput, bankError, unauthenticated } from '../../../platform/errors';
import type { ChannelName, Identity } from '../../../platform/identity/identity';
import { blindIndex, blindIndexCandidates, encryptField, maskMobile } from '../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../kit/fieldEncryption/columns';
import { TOP_UP } from '../encryptedColumns';
import { fenToDecimal, parseAmountToFen } from '../../kit/money';
import type { TopUp } from '../__generated__/prisma/client';
import type { FinanceOrderReceipt } from '../../finance/client';
import type { PayBillDeps, PaymentChallengeView } from './billPayments';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { REFUSED_BEFORE_ORDER, SOURCE_ACCOUNT_REFUSALS } from './financeRefusals';
import { CARRIER_NAMES, Carrier, carrierOfPrefix, isMainlandMobile } from './mobileNumbers';
import { isFaceValue } from './topUpFaceValues';

/** A top-up row; as topUp answers it, also the step-up its order waits for (absent when read back later). */
export type TopUpRecord = TopUp & { challenge?: PaymentChallengeView | null };

export interface TopUpInput {
  mobile: string;
  amount: string;
  sourceAccountId: string;
  carrier?: Carrier | null;
  idempotencyKey: string;
}

/** Top-ups need what bill payments need: this store, the finance center, time, a logger. */
export type TopUpDeps = PayBillDeps;

interface PayingCustomer {
  channel: ChannelName;
  deviceId: string | null;
}

/** A validated request: what the row stores and what a replay is compared with. */
interface TopUpRequest {
  mobileIndex: string;
  /** Every index form an earlier row of the same mobile may carry (rows written under an earlier configuration). */
  mobileIndexes: string[];
  mobileMasked: string;
  carrier: Carrier;
  amount: bigint;
  sourceAccountId: string;
}

/** Every check that needs no database: bad input is refused before anything is written. */
export function validateTopUp(input: TopUpInput): TopUpRequest {
  assertIdempotencyKey(input.idempotencyKey);
  const mobile = input.mobile.trim();
  if (!isMainlandMobile(mobile)) throw badInput('请输入11位中国大陆手机号码', ['input', 'mobile']);
  const amount = parseAmountToFen(input.amount, ['input', 'amount']);
  if (!isFaceValue(amount)) throw badInput('充值面额须为30、50、100、200、300或500元', ['input', 'amount']);
  const carrier = input.carrier ?? carrierOfPrefix(mobile);
  if (!carrier) throw badInput('无法识别该号码的运营商，请选择运营商', ['input', 'carrier']);
  return {
    mobileIndex: blindIndex(indexBinding(TOP_UP, 'mobile_index'), mobile),
    mobileIndexes: blindIndexCandidates(indexBinding(TOP_UP, 'mobile_index'), mobile),
    mobileMasked: maskMobile(mobile),
    carrier,
    amount,
    sourceAccountId: input.sourceAccountId,
  };
}

export async function topUp(deps: TopUpDeps, identity: Identity, input: TopUpInput): Promise<TopUpRecord> {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  const customerId = identity.userId;
  const caller: PayingCustomer = { channel: identity.channel, deviceId: identity.deviceId ?? null };
  const request = validateTopUp(input);

  const earlier = await findByKey(deps, customerId, input.idempotencyKey);
  if (earlier) return resume(deps, customerId, caller, earlier, request);

  const now = deps.clock.now();
  let row: TopUp;
  // The id is generated here, before the insert: the mobile's ciphertext is bound to it.
  const id = randomUUID();
  try {
    row = await deps.prisma.topUp.create({
      data: {
        id,
        customerId,
        mobileCipher: encryptField(input.mobile.trim(), fieldBinding(TOP_UP, 'mobile_cipher', id)),
        mobileIndex: request.mobileIndex,
        mobileMasked: request.mobileMasked,
        carrier: request.carrier,
        amount: request.amount,
        sourceAccountId: request.sourceAccountId,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
        updatedAt: now,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent duplicate with the same key wrote first: follow its row.
    const raced = await findByKey(deps, customerId, input.idempotencyKey);
    if (!raced) throw error;
    return resume(deps, customerId, caller, raced, request);
  }
  deps.log.info(
    { event: 'life.topup.created', customerId, topUpId: row.id, mobile: row.mobileMasked, carrier: row.carrier },
    'mobile top-up created',
  );
  return askFinance(deps, customerId, caller, row);
}

function findByKey(deps: TopUpDeps, customerId: string, key: string): Promise<TopUp | null> {
  return deps.prisma.topUp.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey: key } } });
}

/** A replay answers the first top-up (finishing a PENDING one); a different request under the key is a conflict. */
async function resume(
  deps: TopUpDeps,
  customerId: string,
  caller: PayingCustomer,
  row: TopUp,
  request: TopUpRequest,
): Promise<TopUpRecord> {
  const same =
    request.mobileIndexes.includes(row.mobileIndex) &&
    row.amount === request.amount &&
    row.sourceAccountId === request.sourceAccountId &&
    row.carrier === request.carrier;
  if (!same) throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的充值', { field: ['input', 'idempotencyKey'] });
  if (row.status !== 'PENDING') return row;
  return askFinance(deps, customerId, caller, row);
}

async function askFinance(deps: TopUpDeps, customerId: string, caller: PayingCustomer, row: TopUp): Promise<TopUpRecord> {
  let receipt: FinanceOrderReceipt;
  try {
    receipt = await deps.finance.createMerchantPayment(customerId, {
      sourceAccountId: row.sourceAccountId,
      amount: fenToDecimal(row.amount),
      merchantName: CARRIER_NAMES[row.carrier],
      // The order memo: the masked number only, never the number itself.
      reference: `话费充值 ${row.mobileMasked}`,
      channel: caller.channel,
      deviceId: caller.deviceId,
      // One finance order per top-up row: every replay and concurrent duplicate asks with this key.
      idempotencyKey: `topup-${row.id}`,
      kind: 'TOP_UP',
    });
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
    if (REFUSED_BEFORE_ORDER.has(code)) {
      await settle(deps, row, { status: 'REJECTED', failureCode: code, failureReason: error instanceof Error ? error.message : null });
      if (SOURCE_ACCOUNT_REFUSALS.has(code))
        throw bankError(code as ErrorCode, (error as Error).message, { field: ['input', 'sourceAccountId'] });
    }
    throw error; // an outage: the row stays PENDING and a replay with the same key finishes it
  }
  if (receipt.outcome === 'COMPLETED') return settle(deps, row, { status: 'COMPLETED', orderId: receipt.orderId });
  if (receipt.outcome === 'REJECTED')
    return settle(deps, row, {
      status: 'REJECTED',
      orderId: receipt.orderId,
      failureCode: receipt.failureCode,
      failureReason: receipt.failureReason,
    });
  // Still moving, or waiting for the customer's step-up (CHALLENGE_REQUIRED): PENDING until the order ends.
  await deps.prisma.topUp.updateMany({
    where: { id: row.id, orderId: null },
    data: { orderId: receipt.orderId, updatedAt: deps.clock.now() },
  });
  const pending = await deps.prisma.topUp.findUniqueOrThrow({ where: { id: row.id } });
  return { ...pending, challenge: receipt.challenge ?? null };
}

/** PENDING → COMPLETED / REJECTED, compare-and-set: a concurrent duplicate settling the same row changes nothing more. */
async function settle(
  deps: TopUpDeps,
  row: TopUp,
  result: { status: 'COMPLETED' | 'REJECTED'; orderId?: string; failureCode?: string | null; failureReason?: string | null },
): Promise<TopUp> {
  await deps.prisma.topUp.updateMany({
    where: { id: row.id, status: 'PENDING' },
    data: {
      status: result.status,
      orderId: result.orderId ?? row.orderId,
      failureCode: result.failureCode ?? null,
      failureReason: result.failureReason ?? null,
      updatedAt: deps.clock.now(),
    },
  });
  const settled = await deps.prisma.topUp.findUniqueOrThrow({ where: { id: row.id } });
  deps.log.info(
    {
      event: 'life.topup.settled',
      customerId: row.customerId,
      topUpId: row.id,
      mobile: row.mobileMasked,
      status: settled.status,
      orderId: settled.orderId,
    },
    'mobile top-up settled',
  );
  return settled;
}

/** The customer's top-ups, newest first. */
export function findTopUps(deps: Pick<TopUpDeps, 'prisma'>, customerId: string, first: number): Promise<TopUp[]> {
  return deps.prisma.topUp.findMany({
    where: { customerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(first, 1), 50),
  });
}
