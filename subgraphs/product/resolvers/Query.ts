import { readPageRequest, toConnection } from '../../kit/connection';
import { parseAmountToFen } from '../../kit/money';
import type { Identity } from '../../kit/identity';
import type { Channel, QueryResolvers } from '../__generated__/resolvers-types';
import { findCataloguePage, isCataloguePosition, positionOf } from '../service/catalogue';

/**
 * Without an explicit channel, a customer sees what their own channel may sell. Staff (OPS) and
 * centers calling with a service credential see the whole catalogue.
 */
function defaultChannel(identity: Identity): Channel | undefined {
  return identity.kind === 'gateway' && identity.channel !== 'OPS' ? identity.channel : undefined;
}

export const Query: QueryResolvers = {
  products: async (_parent, { filter, first, after }, { identity, prisma }) => {
    const page = readPageRequest({ first, after }, isCataloguePosition);
    const rows = await findCataloguePage(
      prisma,
      {
        kind: filter?.kind ?? undefined,
        channel: filter?.channel ?? defaultChannel(identity),
        status: filter?.status ?? 'ON_SALE',
        maxMinAmountFen: filter?.maxMinAmount ? parseAmountToFen(filter.maxMinAmount, ['filter', 'maxMinAmount'], { allowZero: true }) : undefined,
      },
      page,
    );
    return toConnection(rows, page.take, positionOf, (product) => product);
  },

  product: (_parent, { id }, { productsById }) => productsById.load(id),
};
