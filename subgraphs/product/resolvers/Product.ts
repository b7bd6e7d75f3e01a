import { notFound } from '../../kit/errors';
import { money, scaledToDecimal } from '../../kit/money';
import type { ProductResolvers } from '../__generated__/resolvers-types';
import { RATE_SCALE } from '../service/catalogue';

/** Catalogue data is public: no ownership check, but references are batched into one statement. */
export const Product: ProductResolvers = {
  __resolveReference: async (reference, { productsById }) => {
    const product = await productsById.load(reference.id);
    if (!product) throw notFound('产品不存在');
    return product;
  },
  rate: (product) => scaledToDecimal(product.rate, RATE_SCALE),
  minAmount: (product) => money(product.minAmount),
};
