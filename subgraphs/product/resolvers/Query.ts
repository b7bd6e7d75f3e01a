import { readPageRequest, toConnection } from '../../kit/connection';
import { serviceCaller } from '../../kit/authorization';
import { badInput, unauthenticated } from '../../../platform/errors';
import { parseAmountToFen } from '../../kit/money';
import type { Identity } from '../../../platform/identity/identity';
import type { Channel, QueryResolvers } from '../__generated__/resolvers-types';
import { RATE_SCALE, findCataloguePage, isCataloguePosition, positionOf } from '../service/catalogue';
import { parseScaled } from '../service/scaled';
import { decideSuitability } from '../service/suitability';

/**
 * Without an explicit channel, a customer sees what their own channel may sell. Staff (OPS) and
 * centers calling with a service credential see the whole catalogue.
 */
function defaultChannel(identity: Identity): Channel | undefined {
  return identity.kind === 'gateway' && identity.channel !== 'OPS' ? identity.channel : undefined;
}

export const Query: QueryResolvers = {
  products: async (_parent, { filter, first, after }, { identity, prisma, clock }) => {
    const page = readPageRequest({ first, after }, isCataloguePosition);
    const maxTermDays = filter?.maxTermDays ?? undefined;
    if (maxTermDays !== undefined && (!Number.isInteger(maxTermDays) || maxTermDays < 1)) {
      throw badInput('maxTermDays 必须为正整数', ['filter', 'maxTermDays']);
    }
    const rows = await findCataloguePage(
      prisma,
      {
        kind: filter?.kind ?? undefined,
        channel: filter?.channel ?? defaultChannel(identity),
        status: filter?.status ?? 'ON_SALE',
        maxMinAmountFen: filter?.maxMinAmount
          ? parseAmountToFen(filter.maxMinAmount, ['filter', 'maxMinAmount'], { allowZero: true })
          : undefined,
        maxRiskLevel: filter?.maxRiskLevel ?? undefined,
        minRate: filter?.minRate ? parseScaled(filter.minRate, RATE_SCALE, ['filter', 'minRate']) : undefined,
        maxTermDays,
        inSaleWindowAt: filter?.inSaleWindow ? clock.now() : undefined,
      },
      page,
    );
    return toConnection(rows, page.take, positionOf, (product) => product);
  },

  product: (_parent, { id }, { productsById }) => productsById.load(id),

  productSuitability: async (_parent, { productId, channel, amount }, { identity, productsById, userCenter, clock }) => {
    const { actingFor } = serviceCaller(identity);
    if (!actingFor) throw unauthenticated('需要指明客户');
    const amountFen = amount ? parseAmountToFen(amount, ['amount']) : undefined;
    const product = await productsById.load(productId);
    if (!product) throw badInput('产品不存在', ['productId']);
    const profile = await userCenter.customerRiskProfile(actingFor);
    return decideSuitability(product, { profile, channel, amountFen, now: clock.now() });
  },
};
