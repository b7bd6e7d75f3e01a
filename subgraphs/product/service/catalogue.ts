import type { Page } from '../../kit/connection';
import type { Channel, Prisma, PrismaClient, Product, ProductKind, ProductStatus, RiskLevel } from '../__generated__/prisma/client';

export type ProductRecord = Product;

/** Rates are stored in ten-thousandths of a percent: 3.8500% → 38500. */
export const RATE_SCALE = 4;
/** Net asset values are stored in ten-thousandths of a yuan: 1.0234 → 10234. */
export const NAV_SCALE = 4;

export const RISK_LEVELS: readonly RiskLevel[] = ['R1', 'R2', 'R3', 'R4', 'R5'];

export function findProducts(prisma: PrismaClient, ids: readonly string[]): Promise<Product[]> {
  return prisma.product.findMany({ where: { id: { in: [...ids] } } });
}

export interface CatalogueFilter {
  kind?: ProductKind;
  /** Only products this channel may sell; undefined means every channel. */
  channel?: Channel;
  status?: ProductStatus;
  /** Only products whose minimum purchase is at most this many fen. */
  maxMinAmountFen?: bigint;
  maxRiskLevel?: RiskLevel;
  /** Ten-thousandths of a percent. */
  minRate?: bigint;
  maxTermDays?: number;
  /** Only products whose sale window contains this instant. */
  inSaleWindowAt?: Date;
}

/** Position in the catalogue, which is ordered by the (unique) product code. */
export interface CataloguePosition {
  code: string;
}

export function isCataloguePosition(value: unknown): value is CataloguePosition {
  const code = (value as Partial<CataloguePosition>).code;
  return typeof code === 'string' && code.length > 0 && code.length <= 64;
}

function saleWindowContains(at: Date): Prisma.ProductWhereInput {
  return {
    AND: [{ OR: [{ saleStartsAt: null }, { saleStartsAt: { lte: at } }] }, { OR: [{ saleEndsAt: null }, { saleEndsAt: { gt: at } }] }],
  };
}

/** One page of the catalogue (`take + 1` rows, to tell whether another page follows). */
export function findCataloguePage(prisma: PrismaClient, filter: CatalogueFilter, page: Page<CataloguePosition>): Promise<Product[]> {
  const where: Prisma.ProductWhereInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.channel ? { channels: { has: filter.channel } } : {}),
    ...(filter.maxMinAmountFen !== undefined ? { minAmount: { lte: filter.maxMinAmountFen } } : {}),
    ...(filter.maxRiskLevel ? { riskLevel: { in: RISK_LEVELS.slice(0, RISK_LEVELS.indexOf(filter.maxRiskLevel) + 1) } } : {}),
    ...(filter.minRate !== undefined ? { rate: { gte: filter.minRate } } : {}),
    ...(filter.maxTermDays !== undefined ? { termDays: { lte: filter.maxTermDays } } : {}),
    ...(filter.inSaleWindowAt ? saleWindowContains(filter.inSaleWindowAt) : {}),
    ...(page.after ? { code: { gt: page.after.code } } : {}),
  };
  return prisma.product.findMany({ where, orderBy: { code: 'asc' }, take: page.take + 1 });
}

export function positionOf(product: Product): CataloguePosition {
  return { code: product.code };
}

export function isInSaleWindow(product: Pick<Product, 'saleStartsAt' | 'saleEndsAt'>, at: Date): boolean {
  return (!product.saleStartsAt || product.saleStartsAt <= at) && (!product.saleEndsAt || product.saleEndsAt > at);
}
