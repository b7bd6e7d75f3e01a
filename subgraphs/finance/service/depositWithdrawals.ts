/**
 * withdrawTimeDeposit: the whole deposit back into the account it came from: principal from
 * TIME_DEPOSIT and interest (`interest.ts`, ACT/365, half-up to the fen, days in Asia/Shanghai from
 * the clock) from INTEREST_EXPENSE, one journal entry. The deposit's `withdraw_order_id` is taken by
 * compare-and-set in the transaction that creates the DEPOSIT_WITHDRAWAL order, so it is paid once;
 * a rejected or failed withdrawal frees it in the statement that ends the order (`orderMachine.ts`).
 * No limit reservation (the money comes in); the class III balance cap is the ledger's to refuse.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError, notFound } from '../../../platform/errors';
import { insertOrAnswerRaced } from '../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import type { Order, TimeDeposit } from '../__generated__/prisma/client';
import { advanceOrder } from './advance';
import { dateAsDay, daysBetween, shanghaiDay } from '../../../platform/businessDay';
import { LEASE_MS, MoneyDeps } from './deps';
import { WithdrawalInterest, withdrawalInterest } from './interest';
import { keyRecordOf, requestHash, sameRequestRecord, sourceAccountColumns } from './orderIntake';
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import { enterOrder } from './orderMachine';
import { DepositCaller, DepositDeps, termsOf } from './timeDeposits';

export interface WithdrawTimeDepositInput {
  depositId: string;
  idempotencyKey: string;
}

export interface TimeDepositWithdrawalOutcome extends WithdrawalInterest {
  order: Order;
  deposit: TimeDeposit;
  rateAppliedE4: bigint;
}

const TIME_DEPOSIT_NUMBER = '9000000000000000006';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function withdrawTimeDeposit(
  deps: DepositDeps,
  caller: DepositCaller,
  input: WithdrawTimeDepositInput,
): Promise<TimeDepositWithdrawalOutcome> {
  assertIdempotencyKey(input.idempotencyKey);
  const now = deps.clock.now();
  const hash = requestHash({ kind: 'DEPOSIT_WITHDRAWAL', deposit: input.depositId });
  const record = await sameRequestRecord(deps.prisma, caller.customerId, input.idempotencyKey, hash, now);
  if (record) return withdrawalOf(deps, record.orderId);

  const deposit = UUID.test(input.depositId) ? await deps.prisma.timeDeposit.findUnique({ where: { id: input.depositId } }) : null;
  // Opened = its opening order completed (the COMPLETED statement sets opened_at).
  if (!deposit || !deposit.openedAt) throw bankError(ErrorCode.DepositNotFound, '定期存款不存在', { field: ['input', 'depositId'] });
  if (deposit.ownerId !== caller.customerId) {
    deps.log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId: caller.customerId, resource: 'TimeDeposit' },
      "access to another customer's data refused",
    );
    throw bankError(ErrorCode.Forbidden, '无权访问该资源', { field: ['input', 'depositId'] });
  }
  if (deposit.withdrawOrderId) throw bankError(ErrorCode.DepositAlreadyWithdrawn, '该定期存款已支取', { field: ['input', 'depositId'] });
  const { source } = await deps.account.transferParties(caller.customerId, {
    sourceAccountId: deposit.accountId,
    destinationAccountNumber: TIME_DEPOSIT_NUMBER,
    destinationName: deposit.productName,
  });
  if (source.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '回款账户状态异常（冻结或已销户），无法支取', { field: ['input', 'depositId'] });
  const paid = withdrawalInterest(termsOf(deposit), daysBetween(dateAsDay(deposit.openedOn), shanghaiDay(now)));
  const amount = deposit.principal + paid.interestFen;

  const orderId = randomUUID();
  const order = {
    id: orderId,
    ownerId: caller.customerId,
    kind: 'DEPOSIT_WITHDRAWAL' as const,
    amount,
    interest: paid.interestFen,
    depositId: deposit.id,
    ...sourceAccountColumns(source),
    countsToClassLimit: false,
    route: 'DEPOSIT_WITHDRAWAL',
    destinationName: deposit.productName,
    destinationBank: '本行',
    destinationMasked: deposit.productName,
    channel: caller.channel,
    memo: `定期支取 ${deposit.productName}${paid.early ? '（提前支取）' : ''}`,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
    createdAt: now,
    updatedAt: now,
  };
  // A concurrent duplicate may win the key: then answer what it made.
  const raced = await insertOrAnswerRaced(
    async () => {
      await deps.prisma.$transaction(async (tx) => {
        await tx.idempotencyRecord.create({ data: keyRecordOf(order) });
        const claimed = await tx.timeDeposit.updateMany({
          where: { id: deposit.id, withdrawOrderId: null },
          data: { withdrawOrderId: orderId },
        });
        if (claimed.count === 0) throw bankError(ErrorCode.DepositAlreadyWithdrawn, '该定期存款已支取', { field: ['input', 'depositId'] });
        for (const write of enterOrder(tx, order)) await write;
      }, QUEUED_TRANSACTION); // concurrent requests wait for each other's idempotency row
      return null;
    },
    () => sameRequestRecord(deps.prisma, caller.customerId, input.idempotencyKey, hash, now),
  );
  if (raced) return withdrawalOf(deps, raced.orderId);
  await advanceOrder(deps, await deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } }));
  return withdrawalOf(deps, orderId);
}

/** A withdrawal as stored: what it paid is the order's amount and interest; days and rate follow from the order's day. */
async function withdrawalOf(deps: Pick<MoneyDeps, 'prisma'>, orderId: string): Promise<TimeDepositWithdrawalOutcome> {
  const order = await deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  const deposit = order.depositId ? await deps.prisma.timeDeposit.findUnique({ where: { id: order.depositId } }) : null;
  if (!deposit) throw notFound('定期存款不存在');
  const days = daysBetween(dateAsDay(deposit.openedOn), shanghaiDay(order.createdAt));
  const early = days < deposit.termDays;
  return { order, deposit, interestFen: order.interest, days, early, rateAppliedE4: early ? deposit.earlyRate : deposit.rate };
}
