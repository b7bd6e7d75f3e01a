import { assertOwnedBy } from '../../kit/authorization';
import { decryptField, maskIdNumber, maskMobile } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { CUSTOMER } from '../encryptedColumns';
import { customerName, riskAssessmentOf } from '../service/customers';

export const User: UserResolvers = {
  __resolveReference: async (reference, { identity, customers, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return customers.load(reference.id);
  },
  name: (customer) => customerName(customer),
  maskedMobile: (customer) => maskMobile(decryptField(customer.mobileCipher, fieldBinding(CUSTOMER, 'mobile_cipher', customer.id))),
  // A customer who registered online has no ID number until real-name verification: the field stays non-null for channels.
  maskedIdNumber: (customer) =>
    customer.idNumberCipher === null
      ? ''
      : maskIdNumber(decryptField(customer.idNumberCipher, fieldBinding(CUSTOMER, 'id_number_cipher', customer.id))),
  riskAssessment: (customer, _args, { clock }) => riskAssessmentOf(customer, clock),
};
