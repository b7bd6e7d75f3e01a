import { assertOwnedBy } from '../../kit/authorization';
import type {
  Channel,
  MutationResolvers,
  QueryResolvers,
  RiskAssessmentRecordResolvers,
  UserResolvers,
} from '../__generated__/resolvers-types';
import { customerInPerson } from '../service/customers';
import { currentRiskQuestionnaire, riskAssessmentHistory, submitRiskQuestionnaire } from '../service/riskQuestionnaires';

/** The questionnaire in force, its submission, and the customer's history of assessments. */
export const riskQuestionnaireQueries: Pick<QueryResolvers, 'riskQuestionnaire'> = {
  riskQuestionnaire: (_parent, _args, { prisma, clock }) => currentRiskQuestionnaire(prisma, clock.now()),
};

export const riskQuestionnaireMutations: Pick<MutationResolvers, 'submitRiskQuestionnaire'> = {
  submitRiskQuestionnaire: (_parent, { input }, { identity, prisma, clock }) =>
    submitRiskQuestionnaire(prisma, customerInPerson(identity, '风险承受能力评估须由客户本人完成'), input, clock.now()),
};

export const riskQuestionnaireUserFields: Pick<UserResolvers, 'riskAssessmentHistory'> = {
  riskAssessmentHistory: (customer, { first }, { identity, prisma, log }) => {
    assertOwnedBy(identity, customer.id, log, 'User.riskAssessmentHistory');
    return riskAssessmentHistory(prisma, customer.id, Math.min(Math.max(first ?? 10, 1), 50));
  },
};

export const RiskAssessmentRecord: RiskAssessmentRecordResolvers = {
  // Stored as text: the channel the gateway bound into the customer's token.
  channel: (record) => record.channel as Channel,
};
