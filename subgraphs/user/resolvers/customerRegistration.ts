import type { MutationResolvers } from '../__generated__/resolvers-types';
import { matchFaceOnFile } from '../service/faceOnFile';
import { registerCustomer } from '../service/registration';

/** Internal: the auth center creates the record of a customer registering online (scope user:customer:register). */
export const customerRegistrationMutations: Pick<MutationResolvers, 'registerCustomer' | 'matchFaceOnFile'> = {
  registerCustomer: (_parent, { input }, { prisma, clock }) => registerCustomer(prisma, input, clock.now()),
  /** Internal: the auth center checks a selfie against the verified face before a password reset (scope user:face:match). */
  matchFaceOnFile: (_parent, { userId, selfie }, { prisma, log }) => matchFaceOnFile(prisma, log, userId, selfie),
};
