import type { UserResolvers } from '../__generated__/resolvers-types';
import { behaviorConsentMutations, behaviorConsentQueries, behaviorConsentUserFields } from './behaviorConsent';
import { customerRegistrationMutations } from './customerRegistration';
import { Query } from './Query';
import { realNameVerificationMutations } from './realNameVerification';
import {
  RiskAssessmentRecord,
  riskQuestionnaireMutations,
  riskQuestionnaireQueries,
  riskQuestionnaireUserFields,
} from './riskQuestionnaire';
import { User } from './User';

/** The User fields of every part of the center, typed as one resolver map. */
const userFields: UserResolvers = { ...User, ...riskQuestionnaireUserFields, ...behaviorConsentUserFields };

export const resolvers = {
  Query: { ...Query, ...riskQuestionnaireQueries, ...behaviorConsentQueries },
  User: userFields,
  Mutation: {
    ...customerRegistrationMutations,
    ...riskQuestionnaireMutations,
    ...realNameVerificationMutations,
    ...behaviorConsentMutations,
  },
  RiskAssessmentRecord,
};
