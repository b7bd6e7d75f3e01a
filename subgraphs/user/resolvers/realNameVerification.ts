import type { MutationResolvers } from '../__generated__/resolvers-types';
import { completeVerification, readIdCardForCustomer, verifyingCustomer } from '../service/realNameVerification';

/** Real-name verification: the ID card read, then the selfie (service/realNameVerification.ts). */
export const realNameVerificationMutations: Pick<MutationResolvers, 'readIdCard' | 'completeRealNameVerification'> = {
  readIdCard: (_parent, { input }, { identity, prisma, runtime, clock }) =>
    readIdCardForCustomer({ prisma, register: runtime.register, now: clock.now() }, verifyingCustomer(identity), input),
  completeRealNameVerification: (_parent, { input }, { identity, prisma, runtime, clock }) =>
    completeVerification({ prisma, register: runtime.register, now: clock.now() }, verifyingCustomer(identity), input),
};
