import { currentCustomerId } from '../../kit/authorization';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { riskAssessmentOf, verifiedIdentityOf } from '../service/customers';

export const Query: QueryResolvers = {
  me: (_parent, _args, { identity, customers }) => customers.load(currentCustomerId(identity)),

  customerRiskProfile: async (_parent, { userId }, { customers, clock }) => {
    const customer = await customers.load(userId);
    if (!customer) return null;
    const assessment = riskAssessmentOf(customer, clock);
    return { userId, grade: assessment?.grade ?? null, expired: assessment?.expired ?? true };
  },

  verifiedIdentity: async (_parent, { userId }, { customers }) => {
    const customer = await customers.load(userId);
    return customer ? verifiedIdentityOf(customer) : null;
  },
};
