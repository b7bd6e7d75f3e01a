/**
 * createTransfer and confirmTransfer: the transfer's input checks and parties, then intake
 * (orderIntake.ts: idempotency, the order with its first event), the risk decision, and the order's
 * steps (advance.ts). Bad input and another customer's account are errors with nothing written;
 * business refusals are REJECTED orders.
 */
import { randomUUID } from 'node:crypto';
import { transferActionHash } from '../../kit/actionHash';
import { ErrorCode, bankError, badInput, forbidden, notFound } from '../../../platform/errors';
import { maskAccountNumber, maskName } from '../../kit/fieldCipher';
import type { ChannelName } from '../../../platform/identity/identity';
import { fenToDecimal, parseAmountToFen } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { advanceOrder, driveOrder } from './advance';
import { LEASE_MS, MoneyDeps } from './deps';
import {
  TransferOutcome,
  answerOf,
  createOrderOnce,
  outcomeOf,
  replayOf,
  requestHash,
  saveResponse,
  sourceAccountColumns,
} from './orderIntake';
import { moveOrder } from './orderMachine';
import { hasPaidPayee, recordPaidPayee } from './payees';
import type { TransferAccountView, TransferPartiesView } from '../../account/client';

export interface TransferInput {
  fromAccountId: string;
  toAccountNumber: string;
  toName: string;
  toBankName?: string | null;
  amount: string;
  currency?: string | null;
  memo?: string | null;
  idempotencyKey: string;
}

export interface Caller {
  customerId: string;
  channel: ChannelName;
  deviceId?: string;
}

/** Account numbers of this bank start with its BIN; an unknown one of ours is bad input, not another bank. */
const OWN_BIN = '623058';
const ACCOUNT_NUMBER = /^\d{12,30}$/;
/** Sanity bound on a transfer amount (10,000,000.00), far above every channel limit: beyond it is bad input. */
const MAX_TRANSFER_FEN = 1_000_000_000n;

function checkInput(input: TransferInput): bigint {
  const field = (name: string) => ['input', name];
  assertIdempotencyKey(input.idempotencyKey, field('idempotencyKey'));
  if (!input.fromAccountId) throw badInput('请选择付款账户', field('fromAccountId'));
  if (!ACCOUNT_NUMBER.test(input.toAccountNumber)) throw badInput('收款账号格式不正确', field('toAccountNumber'));
  const name = input.toName.trim();
  if (!name || name.length > 60) throw badInput('请填写收款人户名', field('toName'));
  if (input.memo && input.memo.length > 60) throw badInput('附言不能超过60个字', field('memo'));
  if (input.currency && input.currency !== 'CNY') throw badInput('仅支持人民币转账', field('currency'));
  return parseAmountToFen(input.amount, field('amount'), { maxFen: MAX_TRANSFER_FEN });
}

/**
 * A class II/III payee of this bank counts what it receives from other than its bound class I
 * account against its inflow limits (银发〔2016〕302号; class III 银发〔2018〕16号): the order keeps
 * the payee's owner and class, and its limit reservation takes the payee's side too (advance.ts).
 * Money from the bound account — or to a class I payee, or to another bank — reserves no inflow.
 */
function inflowColumns(source: TransferAccountView, destination: TransferPartiesView['destination']) {
  const counts = destination?.ownerId && destination.accountClass !== 'I' && destination.boundAccountId !== source.accountId;
  return counts ? { payeeCustomerId: destination.ownerId, payeeAccountClass: destination.accountClass } : {};
}

/**
 * `seen` receives the order as this request left it (not on a replay), so the caller's loader can
 * answer the result's `order` field without reading it again.
 */
export async function createTransfer(
  deps: MoneyDeps,
  caller: Caller,
  input: TransferInput,
  seen?: (order: Order) => void,
): Promise<TransferOutcome> {
  const amount = checkInput(input);
  const now = deps.clock.now();
  const hash = requestHash({
    from: input.fromAccountId,
    to: input.toAccountNumber,
    name: input.toName.trim(),
    bank: input.toBankName ?? null,
    amount: amount.toString(),
    memo: input.memo ?? null,
  });
  const replay = await replayOf(deps, caller.customerId, input.idempotencyKey, hash, now);
  if (replay) return replay;

  const parties = await deps.account.transferParties(caller.customerId, {
    sourceAccountId: input.fromAccountId,
    destinationAccountNumber: input.toAccountNumber,
    destinationName: input.toName.trim(),
  });
  const { source, destination } = parties;
  if (source.number === input.toAccountNumber) throw badInput('收款账户不能与付款账户相同', ['input', 'toAccountNumber']);
  if (source.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '付款账户状态异常（冻结或已销户），无法转账', { field: ['input', 'fromAccountId'] });
  if (source.currency !== 'CNY') throw badInput('付款账户币种不支持', ['input', 'fromAccountId']);
  if (!destination && input.toAccountNumber.startsWith(OWN_BIN))
    throw bankError(ErrorCode.NotFound, '收款账户不存在', { field: ['input', 'toAccountNumber'] });
  if (destination && destination.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '收款账户状态异常（冻结或已销户），无法收款', { field: ['input', 'toAccountNumber'] });
  const route = destination ? (destination.ownedByCustomer ? 'OWN' : 'SAME_BANK') : 'OTHER_BANK';
  const payeeIsNew = route !== 'OWN' && !(await hasPaidPayee(deps.prisma, caller.customerId, input.toAccountNumber));

  const orderId = randomUUID();
  const nameMismatch = destination !== null && !parties.destinationNameMatches;
  const order = {
    id: orderId,
    ownerId: caller.customerId,
    kind: 'TRANSFER' as const,
    amount,
    ...sourceAccountColumns(source),
    // Class II/III limits count payments to accounts other than the bound class I account (PBOC 银发〔2016〕302号).
    countsToClassLimit: !(destination && source.boundAccountId === destination.accountId),
    ...inflowColumns(source, destination),
    route,
    destinationAccountId: destination?.accountId ?? null,
    destinationAccountNumber: input.toAccountNumber,
    destinationName: input.toName.trim(),
    destinationBank: destination ? '本行' : input.toBankName?.trim() || '他行',
    destinationMasked: `${maskName(input.toName.trim())} ${maskAccountNumber(input.toAccountNumber)}`,
    channel: caller.channel,
    memo: input.memo ?? null,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    failureCode: nameMismatch ? ErrorCode.PayeeNameMismatch : null,
    failureReason: nameMismatch ? '收款人户名与账号不符' : null,
    leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
    createdAt: now,
    updatedAt: now,
  };
  const intake = await createOrderOnce(deps, order, { start: nameMismatch ? 'REJECTED' : 'CREATED' });
  // A concurrent duplicate won the key: answer what it did.
  if (intake.raced) return answerOf(deps, intake.raced);
  const created = intake.created;
  await deps.afterStep?.('created', orderId);
  // From here on every step returns the order row it wrote: nothing is read back.
  let current = created;
  let responseSaved = false;
  if (current.status === 'CREATED') {
    const risk = await decideRisk(deps, caller, current, payeeIsNew);
    if (risk.allowed) {
      ({ order: current, responseSaved } = await driveOrder(deps, current, {
        risk: risk.allowed,
        completedResponse: { json: { kind: 'COMPLETED', orderId } satisfies TransferOutcome, riskDecision: risk.allowed.riskDecision },
      }));
    } else {
      current = risk.order;
    }
  }
  if (current.status === 'COMPLETED' && payeeIsNew) await savePayee(deps, current);
  const outcome = outcomeOf(current);
  if (!responseSaved) await saveResponse(deps.prisma, caller.customerId, input.idempotencyKey, outcome, current.riskDecision ?? undefined);
  seen?.(current);
  return outcome;
}

/**
 * Asks auth. DENY and CHALLENGE end or park the order here, each recorded by its move. ALLOW
 * is handed back unwritten: the order's next move (CREATED → RESERVED) records it.
 */
async function decideRisk(
  deps: MoneyDeps,
  caller: Caller,
  order: Order,
  payeeIsNew: boolean,
): Promise<{ order: Order; allowed: { riskDecision: string; riskDecisionId: string } | null }> {
  const decision = await deps.auth.assessRisk(caller.customerId, {
    action: 'TRANSFER',
    amount: fenToDecimal(order.amount),
    sourceAccountId: order.sourceAccountId!,
    payeeAccountNumber: order.destinationAccountNumber!,
    payeeIsNew,
    channel: caller.channel,
    deviceId: caller.deviceId ?? null,
  });
  const now = deps.clock.now();
  const recorded = { riskDecision: decision.outcome, riskDecisionId: decision.decisionId };
  let moved: Order | null;
  if (decision.outcome === 'DENY') {
    moved = await moveOrder(deps.prisma, order, 'reject', now, {
      ...recorded,
      failureCode: ErrorCode.RiskDenied,
      failureReason: decision.reasons[0] ?? '交易存在风险，已拒绝',
    });
  } else if (decision.outcome === 'CHALLENGE') {
    moved = await moveOrder(deps.prisma, order, 'challenge', now, {
      ...recorded,
      challengeMethods: decision.challengeMethods,
    });
  } else {
    await deps.afterStep?.('risk', order.id);
    return { order, allowed: recorded };
  }
  await deps.afterStep?.('risk', order.id);
  return { order: moved ?? (await deps.prisma.order.findUniqueOrThrow({ where: { id: order.id } })), allowed: null };
}

/** Completes a challenged transfer once the customer passed the step-up bound to its amount, source and payee. */
export async function confirmTransfer(deps: MoneyDeps, caller: Caller, orderId: string, challengeToken: string): Promise<TransferOutcome> {
  const order = await deps.prisma.order.findUnique({ where: { id: orderId } });
  if (!order) throw notFound('订单不存在');
  if (order.ownerId !== caller.customerId) throw forbidden();
  if (order.status !== 'CHALLENGE_REQUIRED') return outcomeOf(order.status === 'CREATED' ? order : await advanceIfOwnedByUs(deps, order));
  const actionHash = transferActionHash({
    amountFen: order.amount,
    sourceAccountId: order.sourceAccountId!,
    payeeAccountNumber: order.destinationAccountNumber!,
  });
  const passed = await deps.auth.consumeChallengeToken(caller.customerId, challengeToken, 'TRANSFER', actionHash);
  if (!passed) return { kind: 'REJECTED', orderId, code: ErrorCode.ChallengeFailed, reason: '身份验证未通过，请重新验证' };
  const reopened = await moveOrder(deps.prisma, order, 'passChallenge', deps.clock.now(), {
    riskDecision: 'CHALLENGE_PASSED',
  });
  const current = await advanceOrder(deps, reopened ?? (await deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } })));
  if (current.status === 'COMPLETED') await savePayee(deps, current);
  const outcome = outcomeOf(current);
  await deps.prisma.$executeRaw`UPDATE idempotency_record SET response = ${JSON.stringify(outcome)}::jsonb WHERE order_id = ${orderId}`;
  return outcome;
}

/** A confirm for an order already past the challenge answers where it is now. */
async function advanceIfOwnedByUs(_deps: MoneyDeps, order: Order): Promise<Order> {
  return order;
}

/**
 * New payees are saved after a successful transfer (not the customer's own accounts); a payee the
 * customer added by hand is marked paid, so it is no longer new to the risk rule.
 */
async function savePayee(deps: MoneyDeps, order: Order): Promise<void> {
  if (order.route === 'OWN' || !order.destinationAccountNumber) return;
  const now = deps.clock.now();
  await recordPaidPayee(deps.prisma, {
    id: randomUUID(),
    ownerId: order.ownerId,
    name: order.destinationName ?? '',
    accountNumber: order.destinationAccountNumber,
    bankName: order.destinationBank ?? '本行',
    createdAt: now,
    firstPaidAt: now,
  });
}
