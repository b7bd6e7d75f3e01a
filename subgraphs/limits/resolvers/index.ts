import { agreementMutations, agreementQueries } from './agreementSigning';
import { CreditCardApplication, Loan, LoanApplication, LoanInstallment, LoanRepayment } from './credit';
import { Limit } from './Limit';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { SignedAgreement } from './SignedAgreement';
import { User } from './User';

export const resolvers = {
  Query: { ...Query, ...agreementQueries },
  Mutation: { ...Mutation, ...agreementMutations },
  User,
  Limit,
  SignedAgreement,
  LoanApplication,
  CreditCardApplication,
  Loan,
  LoanInstallment,
  LoanRepayment,
};
