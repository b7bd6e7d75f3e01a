import { assertOwnedBy } from '../../kit/authorization';
import type { MutationResolvers, QueryResolvers, UserResolvers } from '../__generated__/resolvers-types';
import { behaviorConsentOf, hasBehaviorConsent, setBehaviorConsent } from '../service/behaviorConsent';
import { customerInPerson } from '../service/customers';

/** The customer's behavior-analytics consent: read and changed by the customer, checked by marketing. */
export const behaviorConsentQueries: Pick<QueryResolvers, 'behaviorConsent'> = {
  behaviorConsent: (_parent, { userId }, { prisma }) => hasBehaviorConsent(prisma, userId),
};

export const behaviorConsentMutations: Pick<MutationResolvers, 'setBehaviorConsent'> = {
  setBehaviorConsent: (_parent, { granted }, { identity, prisma, clock }) =>
    setBehaviorConsent(prisma, customerInPerson(identity, '行为数据授权须由客户本人设置'), granted, clock.now()),
};

export const behaviorConsentUserFields: Pick<UserResolvers, 'behaviorConsent'> = {
  behaviorConsent: (customer, _args, { identity, log }) => {
    assertOwnedBy(identity, customer.id, log, 'User.behaviorConsent');
    return behaviorConsentOf(customer);
  },
};
