import { currentCustomerId } from '../../kit/authorization';
import { unauthenticated } from '../../../platform/errors';
import type { FinanceContext } from '../context';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { addPayee, removePayee, renamePayee } from '../service/payeeBook';

/** The signed-in customer on a channel: a payee book is never kept by a service call. */
function ownerOf({ identity }: FinanceContext): string {
  if (identity.kind !== 'gateway') throw unauthenticated();
  return currentCustomerId(identity);
}

export const payeeBookMutations: Pick<MutationResolvers, 'addPayee' | 'renamePayee' | 'removePayee'> = {
  addPayee: (_parent, { input }, ctx) => addPayee({ prisma: ctx.prisma, now: ctx.clock.now() }, ownerOf(ctx), input),
  renamePayee: (_parent, { id, name, alias }, ctx) =>
    renamePayee({ prisma: ctx.prisma, now: ctx.clock.now() }, ownerOf(ctx), id, { name, alias }),
  removePayee: (_parent, { id }, ctx) => removePayee({ prisma: ctx.prisma, now: ctx.clock.now() }, ownerOf(ctx), id),
};
