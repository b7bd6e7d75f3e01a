/**
 * Reads a loan or credit-card product from the product center and refuses what cannot be applied
 * for — no such product, the wrong kind, off sale, not sold on the caller's channel — with stable
 * codes on `input.productId`, before anything is written.
 */
import { ErrorCode, bankError } from '../../../../platform/errors';
import { parseAmountToFen } from '../../../kit/money';
import type { CreditProductView, ProductCenterClient } from '../../../product/client';

const FIELD = ['input', 'productId'];

export async function creditProduct(
  products: Pick<ProductCenterClient, 'creditProduct'>,
  productId: string,
  kind: 'LOAN' | 'CREDIT_CARD',
  channel: string,
): Promise<CreditProductView> {
  const product = await products.creditProduct(productId);
  if (!product) throw bankError(ErrorCode.NotFound, '产品不存在', { field: FIELD });
  if (product.kind !== kind)
    throw bankError(ErrorCode.BadUserInput, kind === 'LOAN' ? '该产品不是贷款产品' : '该产品不是信用卡产品', { field: FIELD });
  if (product.status !== 'ON_SALE') throw bankError(ErrorCode.ProductNotOnSale, '该产品暂停申请', { field: FIELD });
  if (!(product.channels as readonly string[]).includes(channel))
    throw bankError(ErrorCode.ChannelNotAllowed, '该产品不能在当前渠道申请', { field: FIELD });
  return product;
}

/** "3.6500" (percent, four decimals) → 36500: ten-thousandths of a percent, as stored. */
export function rateToScaled(rate: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(rate);
  if (!match) throw new RangeError(`unexpected product rate ${rate}`);
  return BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}

/** The product's amount range in fen; a loan product without a maximum cannot be applied for yet. */
export function amountRange(product: CreditProductView): { min: bigint; max: bigint } {
  const min = parseAmountToFen(product.minAmount.amount, ['product', 'minAmount'], { allowZero: true });
  if (!product.maxAmount) throw bankError(ErrorCode.ProductNotOnSale, '该贷款产品暂未开放申请', { field: FIELD });
  return { min, max: parseAmountToFen(product.maxAmount.amount, ['product', 'maxAmount']) };
}

/** The longest term offered, in whole months of 30 days (a 365-day product offers up to 12 months). */
export function maxTermMonths(product: CreditProductView): number {
  return Math.max(1, Math.floor((product.termDays ?? 360) / 30));
}
