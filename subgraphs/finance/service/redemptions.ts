/**
 * redeemWealthProduct: shares of a holding back into the account it was bought from, under the
 * product center's redemption rule (T0: credited now; T1: pending until the next working day's
 * settlement, `redemptionSettlement.ts`; AT_MATURITY: refused before the holding matures).
 *
 * Amount = shares × current NAV, rounded down to the fen, fixed when asked. The money moves
 * PRODUCT_CUSTODY → customer in the ledger (one entry per order id). The shares are taken in the
 * same transaction that creates the order (idempotency record + order + redemption row + outbox
 * event): a conditional `UPDATE … WHERE shares - shares_redeemed >= n` under a CHECK, so concurrent
 * redemptions can never take more than was bought; the product's daily cap is checked under a
 * per-customer-and-product transaction lock. A redemption that ends REJECTED or FAILED gives its
 * shares back in the same statement as that status (`orderMachine.ts`), so exactly once.
 * No limit reservation: the money comes in; the class III balance cap is the ledger's to refuse.
 */
import { randomUUID } from 'node:crypto';
import type { Holding, Order, WealthRedemption } from '../__generated__/prisma/client';
import { ErrorCode, badInput, bankError, forbidden } from '../../../platform/errors';
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import { insertOrAnswerRaced } from '../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { fenToDecimal, scaledToDecimal } from '../../kit/money';
import type { WealthCentersClient, WealthProductView } from '../wealthCenters';
import { advanceOrder } from './advance';
import { addDays, dayAsDate, shanghaiDay, startOfShanghaiDay } from '../../../platform/businessDay';
import { nextWorkingDayStart } from './calendar';
import { LEASE_MS, MoneyDeps } from './deps';
import { navToE4 } from './wealthSubscriptions';
import { keyRecordOf, requestHash, sameRequestRecord, sourceAccountColumns } from './orderIntake';
import { enterOrder } from './orderMachine';

export interface RedemptionInput {
  holdingId: string;
  shares: string;
  idempotencyKey: string;
}

export interface RedemptionCaller {
  customerId: string;
  channel: string;
}

export interface RedemptionOutcome {
  order: Order;
  holding: Holding;
  redemption: WealthRedemption;
}

export type RedemptionDeps = MoneyDeps & { wealth: WealthCentersClient };

const SHARES = /^(0|[1-9]\d{0,11})(?:\.(\d{1,2}))?$/;
const CUSTODY_NUMBER = '9000000000000000004';

/** "12.5" → 1250n hundredths; more than two decimals, a sign or zero is BAD_USER_INPUT on `input.shares`. */
export function parseShares(value: string): bigint {
  const match = SHARES.exec(value);
  if (!match) throw badInput('份额格式不正确，最多两位小数且不能为负', ['input', 'shares']);
  const hundredths = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (hundredths === 0n) throw badInput('赎回份额必须大于零', ['input', 'shares']);
  return hundredths;
}

/** Fen for shares (hundredths) at a NAV (1e-4 yuan), rounded down: the bank never pays more than the shares are worth. */
export function redemptionAmountFen(shares: bigint, navE4: bigint): bigint {
  return (shares * navE4) / 10_000n;
}

/** The day a holding of a product with a term matures: its purchase day (Asia/Shanghai) plus the term. */
export function maturityDay(holding: Pick<Holding, 'createdAt'>, termDays: number): string {
  return addDays(shanghaiDay(holding.createdAt), termDays);
}

export async function redeemWealthProduct(
  deps: RedemptionDeps,
  caller: RedemptionCaller,
  input: RedemptionInput,
): Promise<RedemptionOutcome> {
  assertIdempotencyKey(input.idempotencyKey);
  const shares = parseShares(input.shares);
  const now = deps.clock.now();
  const hash = requestHash({ kind: 'WEALTH_REDEMPTION', holding: input.holdingId, shares: shares.toString() });
  const record = await sameRequestRecord(deps.prisma, caller.customerId, input.idempotencyKey, hash, now);
  if (record) return outcomeOf(deps, record.orderId);

  // Refusals before anything is written.
  const holding = isUuid(input.holdingId) ? await deps.prisma.holding.findUnique({ where: { id: input.holdingId } }) : null;
  if (!holding) throw bankError(ErrorCode.HoldingNotFound, '持仓不存在', { field: ['input', 'holdingId'] });
  if (holding.ownerId !== caller.customerId) {
    deps.log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId: caller.customerId, resource: 'Holding' },
      "access to another customer's data refused",
    );
    throw bankError(ErrorCode.Forbidden, forbidden().message, { field: ['input', 'holdingId'] });
  }
  const product = await deps.wealth.product(holding.productId);
  if (!product?.nav) throw bankError(ErrorCode.HoldingNotFound, '理财产品不存在', { field: ['input', 'holdingId'] });
  const mode = redemptionModeOf(product, holding, now);
  const nav = navToE4(product.nav);
  const amount = redemptionAmountFen(shares, nav);
  if (amount === 0n) throw badInput('赎回金额不足一分', ['input', 'shares']);
  if (holding.shares - holding.sharesRedeemed < shares) throw insufficientShares(holding.shares - holding.sharesRedeemed);
  const purchase = await deps.prisma.order.findUniqueOrThrow({ where: { id: holding.orderId } });
  const { source } = await deps.account.transferParties(caller.customerId, {
    sourceAccountId: purchase.sourceAccountId!,
    destinationAccountNumber: CUSTODY_NUMBER,
    destinationName: product.name,
  });
  if (source.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '回款账户状态异常（冻结或已销户），无法赎回', { field: ['input', 'holdingId'] });

  const orderId = randomUUID();
  const order = {
    id: orderId,
    ownerId: caller.customerId,
    kind: 'WEALTH_REDEMPTION' as const,
    amount,
    ...sourceAccountColumns(source),
    countsToClassLimit: false,
    route: 'REDEMPTION',
    destinationName: product.name,
    destinationBank: '本行',
    destinationMasked: product.name,
    channel: caller.channel,
    memo: `理财赎回 ${product.name}`,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    // A T1 redemption waits for its settlement day outside the sweeper's reach.
    leaseExpiresAt: mode === 'T1' ? null : new Date(now.getTime() + LEASE_MS),
    createdAt: now,
    updatedAt: now,
  };
  const today = shanghaiDay(now);
  const dueAt = mode === 'T1' ? nextWorkingDayStart(now) : now;
  const dailyCap = product.redemption?.dailyCap ? decimalToFen(product.redemption.dailyCap.amount) : null;
  // A concurrent duplicate may win the key: then answer what it made.
  const raced = await insertOrAnswerRaced(
    async () => {
      await deps.prisma.$transaction(async (tx) => {
        await tx.idempotencyRecord.create({ data: keyRecordOf(order) });
        // One customer's redemptions of one product take turns here, so the daily cap cannot be raced.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`redemption:${caller.customerId}:${holding.productId}`}, 0))`;
        if (dailyCap !== null) {
          const [used] = await tx.$queryRaw<{ fen: bigint }[]>`
          SELECT coalesce(sum(o.amount), 0)::bigint AS fen
            FROM wealth_redemption r JOIN payment_order o ON o.id = r.order_id
           WHERE r.owner_id = ${caller.customerId} AND r.product_id = ${holding.productId} AND r.request_day = ${dayAsDate(today)}::date
             AND o.status NOT IN ('REJECTED', 'FAILED')`;
          if ((used?.fen ?? 0n) + amount > dailyCap) {
            throw bankError(ErrorCode.RedemptionCapExceeded, '超过该产品当日赎回上限', {
              field: ['input', 'shares'],
              details: {
                dailyCap: fenToDecimal(dailyCap),
                remaining: fenToDecimal(dailyCap - (used?.fen ?? 0n) > 0n ? dailyCap - (used?.fen ?? 0n) : 0n),
              },
            });
          }
        }
        const taken = await tx.$executeRaw`
        UPDATE holding SET shares_redeemed = shares_redeemed + ${shares}
         WHERE id = ${holding.id}::uuid AND shares - shares_redeemed >= ${shares}`;
        if (taken === 0) {
          const current = await tx.holding.findUniqueOrThrow({ where: { id: holding.id } });
          throw insufficientShares(current.shares - current.sharesRedeemed);
        }
        for (const write of enterOrder(tx, order)) await write;
        await tx.wealthRedemption.create({
          data: {
            orderId,
            holdingId: holding.id,
            ownerId: caller.customerId,
            productId: holding.productId,
            mode,
            shares,
            nav,
            requestDay: dayAsDate(today),
            dueAt,
            createdAt: now,
          },
        });
      }, QUEUED_TRANSACTION); // waits for the per-product lock under concurrent redemptions
      return null;
    },
    () => sameRequestRecord(deps.prisma, caller.customerId, input.idempotencyKey, hash, now),
  );
  if (raced) return outcomeOf(deps, raced.orderId);
  if (mode !== 'T1') await advanceOrder(deps, await deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } }));
  return outcomeOf(deps, orderId);
}

/** The product's rule as it applies to this holding now; AT_MATURITY before maturity is refused. */
function redemptionModeOf(product: WealthProductView, holding: Holding, now: Date): 'T0' | 'T1' | 'AT_MATURITY' {
  const mode = product.redemption?.mode;
  if (!mode) throw bankError(ErrorCode.RedemptionNotAllowed, '该产品不支持赎回', { field: ['input', 'holdingId'] });
  if (mode === 'AT_MATURITY') {
    if (product.termDays === null) throw bankError(ErrorCode.RedemptionNotAllowed, '该产品不支持赎回', { field: ['input', 'holdingId'] });
    const maturesOn = maturityDay(holding, product.termDays);
    if (now < startOfShanghaiDay(maturesOn)) {
      throw bankError(ErrorCode.RedemptionNotAllowed, `该产品仅可到期赎回，到期日 ${maturesOn}`, {
        field: ['input', 'holdingId'],
        details: { maturesOn },
      });
    }
  }
  return mode;
}

function insufficientShares(held: bigint) {
  return bankError(ErrorCode.InsufficientShares, '可赎回份额不足', {
    field: ['input', 'shares'],
    details: { sharesHeld: scaledToDecimal(held, 2) },
  });
}

async function outcomeOf(deps: Pick<MoneyDeps, 'prisma'>, orderId: string): Promise<RedemptionOutcome> {
  const redemption = await deps.prisma.wealthRedemption.findUniqueOrThrow({ where: { orderId } });
  const [order, holding] = await Promise.all([
    deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } }),
    deps.prisma.holding.findUniqueOrThrow({ where: { id: redemption.holdingId } }),
  ]);
  return { order, holding, redemption };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

/** The product center's Money amount ("10000.00") as fen. */
function decimalToFen(value: string): bigint {
  const [yuan = '0', cents = ''] = value.split('.');
  return BigInt(yuan) * 100n + BigInt(cents.padEnd(2, '0'));
}
