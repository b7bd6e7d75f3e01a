import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { ProductRecord, findProducts } from './service/catalogue';

export interface ProductContext extends BaseContext {
  prisma: PrismaClient;
  productsById: DataLoader<string, ProductRecord | null>;
}

export function createProductContext(base: BaseContext, prisma: PrismaClient): ProductContext {
  return {
    ...base,
    prisma,
    productsById: rowsByKey((ids) => findProducts(prisma, ids), (product) => product.id),
  };
}
