/**
 * Time deposits (整存整取, product kind TIME_DEPOSIT).
 *
 * openTimeDeposit: the product center's sale rules (on sale, channel, amount, agreement) before
 * anything is written; then intake (`orderIntake.ts`) of a DEPOSIT_OPEN order (route TIME_DEPOSIT)
 * with the deposit's contract (rate, demand rate, term, opening and maturity days, fixed now) in
 * its transaction; risk (PURCHASE: a CHALLENGE waits as CHALLENGE_REQUIRED for confirmOrder,
 * `orderChallenges.ts`); limits → ledger (customer → TIME_DEPOSIT) → COMPLETED. The
 * deposit exists for the customer once its opening order completed: the COMPLETED statement sets
 * its `opened_at` (`orderMachine.ts`), whoever completes the order (the request, confirmOrder, the sweeper).
 *
 * Withdrawals: `depositWithdrawals.ts`. The deposit's views (accrued interest, value at maturity)
 * are here.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError } from '../../../platform/errors';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { parseAmountToFen } from '../../kit/money';
import type { Order, TimeDeposit } from '../__generated__/prisma/client';
import type { WealthCentersClient } from '../wealthCenters';
import { driveOrder } from './advance';
import { addDays, dateAsDay, dayAsDate, daysBetween, shanghaiDay } from '../../../platform/businessDay';
import { LEASE_MS, MoneyDeps } from './deps';
import { interestFen, rateToE4 } from './interest';
import { createOrderOnce, requestHash, sameRequestRecord, sourceAccountColumns } from './orderIntake';
import { decidePurchaseRisk } from './purchaseRisk';
import { assertMayBuy } from './productChecks';

export interface OpenTimeDepositInput {
  productId: string;
  sourceAccountId: string;
  amount: string;
  idempotencyKey: string;
}

export interface DepositCaller {
  customerId: string;
  channel: string;
  deviceId?: string;
}

export type DepositDeps = MoneyDeps & { wealth: WealthCentersClient };

export interface TimeDepositOpeningOutcome {
  order: Order;
  deposit: TimeDeposit | null;
}

const MAX_FEN = 1_000_000_000n;
const TIME_DEPOSIT_NUMBER = '9000000000000000006';

export async function openTimeDeposit(
  deps: DepositDeps,
  caller: DepositCaller,
  input: OpenTimeDepositInput,
): Promise<TimeDepositOpeningOutcome> {
  assertIdempotencyKey(input.idempotencyKey);
  const amount = parseAmountToFen(input.amount, ['input', 'amount'], { maxFen: MAX_FEN });
  const now = deps.clock.now();
  const hash = requestHash({ kind: 'DEPOSIT_OPEN', product: input.productId, from: input.sourceAccountId, amount: amount.toString() });
  const record = await sameRequestRecord(deps.prisma, caller.customerId, input.idempotencyKey, hash, now);
  if (record) return openingOf(deps, record.orderId);

  const product = await deps.wealth.product(input.productId);
  if (!product || product.kind !== 'TIME_DEPOSIT' || !product.termDays || product.earlyWithdrawalRate === null) {
    throw bankError(ErrorCode.NotFound, '定期存款产品不存在', { field: ['input', 'productId'] });
  }
  await assertMayBuy(deps.wealth, caller, input.productId, amount);
  const { source } = await deps.account.transferParties(caller.customerId, {
    sourceAccountId: input.sourceAccountId,
    destinationAccountNumber: TIME_DEPOSIT_NUMBER,
    destinationName: product.name,
  });
  if (source.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '付款账户状态异常（冻结或已销户），无法存入', { field: ['input', 'sourceAccountId'] });

  const orderId = randomUUID();
  const openedOn = shanghaiDay(now);
  const intake = await createOrderOnce(
    deps,
    {
      id: orderId,
      ownerId: caller.customerId,
      kind: 'DEPOSIT_OPEN',
      amount,
      ...sourceAccountColumns(source),
      countsToClassLimit: true,
      route: 'TIME_DEPOSIT',
      destinationName: product.name,
      destinationBank: '本行',
      destinationMasked: product.name,
      channel: caller.channel,
      memo: `定期存入 ${product.name}`,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
      createdAt: now,
      updatedAt: now,
    },
    {
      also: [
        deps.prisma.timeDeposit.create({
          data: {
            id: randomUUID(),
            ownerId: caller.customerId,
            productId: product.id,
            productName: product.name,
            accountId: source.accountId,
            principal: amount,
            rate: rateToE4(product.rate),
            earlyRate: rateToE4(product.earlyWithdrawalRate),
            termDays: product.termDays,
            openedOn: dayAsDate(openedOn),
            maturesOn: dayAsDate(addDays(openedOn, product.termDays)),
            openOrderId: orderId,
            createdAt: now,
          },
        }),
      ],
    },
  );
  // A concurrent duplicate won the key: answer what it made.
  if (intake.raced) return openingOf(deps, intake.raced.orderId);
  const risk = await decidePurchaseRisk(deps, caller, intake.created);
  if (risk.allowed && risk.order.status === 'CREATED') await driveOrder(deps, risk.order, { risk: risk.allowed });
  return openingOf(deps, orderId);
}

export async function openingOf(deps: Pick<MoneyDeps, 'prisma'>, orderId: string): Promise<TimeDepositOpeningOutcome> {
  const [order, deposit] = await Promise.all([
    deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } }),
    deps.prisma.timeDeposit.findUnique({ where: { openOrderId: orderId } }),
  ]);
  return { order, deposit: deposit?.openedAt ? deposit : null };
}

export function termsOf(deposit: TimeDeposit) {
  return {
    principalFen: deposit.principal,
    rateE4: deposit.rate,
    earlyRateE4: deposit.earlyRate,
    termDays: deposit.termDays,
    openedOn: dateAsDay(deposit.openedOn),
  };
}

/** Interest at the contract rate from the opening day to `today`, at most to maturity (what the deposit has earned so far if kept). */
export function accruedInterestFen(deposit: TimeDeposit, today: string): bigint {
  const days = Math.min(Math.max(daysBetween(dateAsDay(deposit.openedOn), today), 0), deposit.termDays);
  return interestFen(deposit.principal, deposit.rate, days);
}

export function valueAtMaturityFen(deposit: TimeDeposit): bigint {
  return deposit.principal + interestFen(deposit.principal, deposit.rate, deposit.termDays);
}

/** The customer's opened deposits (their opening order completed), newest first. */
export async function findTimeDeposits(deps: Pick<MoneyDeps, 'prisma'>, ownerId: string): Promise<TimeDepositRecord[]> {
  return deps.prisma.timeDeposit.findMany({
    where: { ownerId, openedAt: { not: null } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}

export type TimeDepositRecord = TimeDeposit;
