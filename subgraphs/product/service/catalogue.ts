import type { Page } from '../../kit/connection';
import type { Channel, Prisma, PrismaClient, Product, ProductKind, ProductStatus } from '../__generated__/prisma/client';

export type ProductRecord = Product;

/** Rates are stored in ten-thousandths of a percent: 3.8500% → 38500. */
export const RATE_SCALE = 4;

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
}

/** Position in the catalogue, which is ordered by the (unique) product code. */
export interface CataloguePosition {
  code: string;
}

export function isCataloguePosition(value: unknown): value is CataloguePosition {
  const code = (value as Partial<CataloguePosition>).code;
  return typeof code === 'string' && code.length > 0 && code.length <= 64;
}

/** One page of the catalogue (`take + 1` rows, to tell whether another page follows). */
export function findCataloguePage(prisma: PrismaClient, filter: CatalogueFilter, page: Page<CataloguePosition>): Promise<Product[]> {
  const where: Prisma.ProductWhereInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.channel ? { channels: { has: filter.channel } } : {}),
    ...(filter.maxMinAmountFen !== undefined ? { minAmount: { lte: filter.maxMinAmountFen } } : {}),
    ...(page.after ? { code: { gt: page.after.code } } : {}),
  };
  return prisma.product.findMany({ where, orderBy: { code: 'asc' }, take: page.take + 1 });
}

export function positionOf(product: Product): CataloguePosition {
  return { code: product.code };
}
