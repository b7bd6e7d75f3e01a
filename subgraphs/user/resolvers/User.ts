import { assertOwnedBy } from '../../kit/authorization';
import { decryptField, maskIdNumber, maskMobile } from '../../kit/fieldCipher';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { riskAssessmentOf } from '../service/customers';

export const User: UserResolvers = {
  __resolveReference: async (reference, { identity, customers, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return customers.load(reference.id);
  },
  maskedMobile: (customer) => maskMobile(decryptField(customer.mobileCipher)),
  maskedIdNumber: (customer) => maskIdNumber(decryptField(customer.idNumberCipher)),
  riskAssessment: (customer, _args, { clock }) => riskAssessmentOf(customer, clock),
};
