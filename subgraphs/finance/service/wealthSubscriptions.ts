/**
 * subscribeWealthProduct: the product center decides suitability (grade vs risk level, assessment
 * expiry, sale window, channel, amounts), the limits center's signed agreements must cover the
 * product's agreement code exactly, all before anything is written (a refusal is an error with its
 * code). Then the transfer machinery: intake (`orderIntake.ts`) of a WEALTH_PURCHASE order (route
 * CUSTODY); the coupon is redeemed for that order id (marketing answers a
 * retry for the same order with the first result, so at most once); risk (PURCHASE: a CHALLENGE
 * waits as CHALLENGE_REQUIRED for confirmOrder, `orderChallenges.ts`); limits → ledger (debit the
 * customer what they pay and MARKETING_EXPENSE the discount, credit PRODUCT_CUSTODY the full price)
 * → COMPLETED, whose statement writes the holding row (unique per order; shares = price / the NAV
 * when the order was created, rounded down to 2 decimals). An order that ends REJECTED or FAILED after its coupon was redeemed gets the coupon
 * released by the outbox (`clients/events.ts`, couponReleaseSubscriber).
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError, notFound } from '../../../platform/errors';
import type { ChannelName } from '../../../platform/identity/identity';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { fenToDecimal, parseAmountToFen } from '../../kit/money';
import type { Holding, Order } from '../__generated__/prisma/client';
import type { WealthCentersClient } from '../wealthCenters';
import { driveOrder } from './advance';
import { LEASE_MS, MoneyDeps } from './deps';
import { createOrderOnce, requestHash, sameRequestRecord, sourceAccountColumns } from './orderIntake';
import { moveOrder } from './orderMachine';
import { assertMayBuy } from './productChecks';
import { decidePurchaseRisk } from './purchaseRisk';

export interface WealthSubscriptionInput {
  productId: string;
  sourceAccountId: string;
  amount: string;
  couponId?: string | null;
  idempotencyKey: string;
}

export interface WealthCaller {
  customerId: string;
  channel: ChannelName;
  deviceId?: string;
}

export interface WealthSubscriptionOutcome {
  order: Order;
  holding: Holding | null;
  discountFen: bigint;
}

export type WealthDeps = MoneyDeps & { wealth: WealthCentersClient };

const MAX_FEN = 1_000_000_000n;
const NAV = /^\d{1,6}\.\d{4}$/;

/** NAV "1.0213" → 10213 (1e-4 yuan); the product center always answers 4 decimals. */
export function navToE4(nav: string): bigint {
  if (!NAV.test(nav)) throw new Error(`unexpected NAV ${nav}`);
  return BigInt(nav.replace('.', ''));
}

/** Shares in hundredths for an amount in fen at a NAV in 1e-4 yuan, rounded down (never more than paid for). */
export function sharesFor(amountFen: bigint, navE4: bigint): bigint {
  return (amountFen * 10_000n) / navE4;
}

export async function subscribeWealthProduct(
  deps: WealthDeps,
  caller: WealthCaller,
  input: WealthSubscriptionInput,
): Promise<WealthSubscriptionOutcome> {
  const field = (name: string) => ['input', name];
  assertIdempotencyKey(input.idempotencyKey, field('idempotencyKey'));
  const amount = parseAmountToFen(input.amount, field('amount'), { maxFen: MAX_FEN });
  const now = deps.clock.now();
  const hash = requestHash({
    kind: 'WEALTH_PURCHASE',
    product: input.productId,
    from: input.sourceAccountId,
    amount: amount.toString(),
    coupon: input.couponId ?? null,
  });
  const record = await sameRequestRecord(deps.prisma, caller.customerId, input.idempotencyKey, hash, now);
  if (record) return finish(deps, await deps.prisma.order.findUniqueOrThrow({ where: { id: record.orderId } }));

  // Refusals before anything is written.
  const product = await deps.wealth.product(input.productId);
  if (!product || product.kind !== 'WEALTH' || !product.nav) throw notFound('理财产品不存在');
  await assertMayBuy(deps.wealth, caller, input.productId, amount);
  const { source } = await deps.account.transferParties(caller.customerId, {
    sourceAccountId: input.sourceAccountId,
    destinationAccountNumber: '9000000000000000004',
    destinationName: product.name,
  });
  if (source.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '付款账户状态异常（冻结或已销户），无法购买', { field: field('sourceAccountId') });

  const orderId = randomUUID();
  const intake = await createOrderOnce(deps, {
    id: orderId,
    ownerId: caller.customerId,
    kind: 'WEALTH_PURCHASE',
    amount,
    ...sourceAccountColumns(source),
    countsToClassLimit: true,
    route: 'CUSTODY',
    destinationName: product.name,
    destinationBank: '本行',
    destinationMasked: product.name,
    channel: caller.channel,
    memo: `理财申购 ${product.name}`,
    productId: product.id,
    // Shares are priced at the NAV of the moment the customer asked, so the statement that
    // completes the order (here, after a step-up, or in the sweeper) writes the holding itself.
    nav: navToE4(product.nav),
    // Stored before marketing is asked: a rejected or failed order releases it (outbox) even
    // if the redeem's answer never came back.
    couponId: input.couponId ?? null,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
    createdAt: now,
    updatedAt: now,
  });
  // A concurrent duplicate won the key: answer what it made.
  if (intake.raced) return finish(deps, await deps.prisma.order.findUniqueOrThrow({ where: { id: intake.raced.orderId } }));
  let order = intake.created;
  const discount = await applyCoupon(deps, caller, input, order, amount);
  order = await deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  if (order.status === 'CREATED' && discount !== null) {
    const risk = await decidePurchaseRisk(deps, caller, order);
    order = risk.order;
    if (risk.allowed && order.status === 'CREATED') order = (await driveOrder(deps, order, { risk: risk.allowed })).order;
  }
  return finish(deps, order);
}

/**
 * Redeems the coupon for this order and lowers the order's amount by the discount while it is
 * still CREATED (nothing reserved or posted yet). A coupon marketing refuses rejects the order.
 * Answers the discount, or null when the order was rejected.
 */
async function applyCoupon(
  deps: WealthDeps,
  caller: WealthCaller,
  input: WealthSubscriptionInput,
  order: Order,
  amount: bigint,
): Promise<bigint | null> {
  if (!input.couponId) return 0n;
  let discount: bigint;
  try {
    discount = parseAmountToFen(
      (await deps.wealth.redeemCoupon(caller.customerId, input.couponId, order.id, fenToDecimal(amount))).discount,
      ['discount'],
      { allowZero: true },
    );
  } catch (error) {
    const code = String((error as { extensions?: { code?: string } })?.extensions?.code ?? '');
    if (code !== ErrorCode.CouponUnavailable && code !== ErrorCode.BadUserInput && code !== ErrorCode.Forbidden) throw error;
    await moveOrder(deps.prisma, order, 'reject', deps.clock.now(), {
      failureCode: ErrorCode.CouponUnavailable,
      failureReason: (error as Error).message || '优惠券不可用',
    });
    return null;
  }
  // The customer pays less; the discount is posted from MARKETING_EXPENSE so custody gets the full price.
  if (discount > 0n)
    await deps.prisma.order.updateMany({ where: { id: order.id, status: 'CREATED' }, data: { amount: amount - discount, discount } });
  return discount;
}

/** What a purchase answers, first time or replayed: the order, its holding once completed, the discount kept. */
async function finish(deps: WealthDeps, order: Order): Promise<WealthSubscriptionOutcome> {
  // A purchase that did not go through gives its coupon back (the outbox's release): no discount.
  const discountFen = order.status === 'REJECTED' || order.status === 'FAILED' ? 0n : order.discount;
  return { order, holding: await holdingOf(deps, order), discountFen };
}

/**
 * The holding of a completed purchase. The COMPLETED statement writes it (`orderMachine.ts`), whoever
 * completes the order; an order created before the NAV was stored on it (no `nav`) gets it here,
 * at the product's NAV now, exactly once all the same (order_id unique).
 */
export async function holdingOf(deps: Pick<WealthDeps, 'prisma' | 'clock' | 'wealth'>, order: Order): Promise<Holding | null> {
  if (order.status !== 'COMPLETED') return null;
  const existing = await deps.prisma.holding.findUnique({ where: { orderId: order.id } });
  if (existing) return existing;
  const product = order.productId ? await deps.wealth.product(order.productId) : null;
  if (!product?.nav) throw notFound('理财产品不存在');
  const nav = navToE4(product.nav);
  const price = order.amount + order.discount;
  await deps.prisma.holding.createMany({
    data: [
      {
        id: randomUUID(),
        ownerId: order.ownerId,
        productId: product.id,
        productName: product.name,
        orderId: order.id,
        amount: price,
        discount: order.discount,
        couponId: order.couponId,
        nav,
        shares: sharesFor(price, nav),
        createdAt: deps.clock.now(),
      },
    ],
    skipDuplicates: true,
  });
  return deps.prisma.holding.findUniqueOrThrow({ where: { orderId: order.id } });
}

export function findHoldings(deps: Pick<MoneyDeps, 'prisma'>, ownerId: string): Promise<Holding[]> {
  return deps.prisma.holding.findMany({ where: { ownerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export type HoldingRecord = Holding;
