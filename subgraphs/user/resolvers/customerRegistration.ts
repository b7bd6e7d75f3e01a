import type { MutationResolvers } from '../__generated__/resolvers-types';
import { registerCustomer } from '../service/registration';

/** Internal: the auth center creates the record of a customer registering online (scope user:customer:register). */
export const customerRegistrationMutations: Pick<MutationResolvers, 'registerCustomer'> = {
  registerCustomer: (_parent, { input }, { prisma, clock }) => registerCustomer(prisma, input, clock.now()),
};
