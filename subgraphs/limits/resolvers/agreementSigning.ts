import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { signAgreement, signingCustomer } from '../service/signAgreement';

/** Reading one template's text (public, like the list: read before signing in) and signing it. */
export const agreementQueries: Pick<QueryResolvers, 'agreementTemplate'> = {
  agreementTemplate: async (_parent, { code, version }, { prisma, clock }) => {
    const now = clock.now();
    return prisma.agreementTemplate.findFirst({
      where: { code, effectiveAt: { lte: now }, ...(version ? { version } : {}) },
      orderBy: { effectiveAt: 'desc' },
    });
  },
};

export const agreementMutations: Pick<MutationResolvers, 'signAgreement'> = {
  signAgreement: (_parent, { templateCode, version }, { identity, prisma, clock }) =>
    signAgreement(prisma, signingCustomer(identity), { templateCode, version }, clock.now()),
};
