/** Resolvers of the credit types: applications, loans, installments, repayments. */
import { money, scaledToDecimal } from '../../kit/money';
import type {
  CreditCardApplicationResolvers,
  LoanApplicationResolvers,
  LoanInstallmentResolvers,
  LoanRepaymentResolvers,
  LoanResolvers,
} from '../__generated__/resolvers-types';
import { findSchedule, installmentDue } from '../service/credit/loans';
import { findRepayments } from '../service/credit/loanRepayments';

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The decision fields of an application, once decided. */
function decisionOf(application: {
  ruleSetVersion: string | null;
  reasonCode: string | null;
  reason: string | null;
  score: number | null;
  decidedAt: Date | null;
}) {
  if (!application.decidedAt || !application.ruleSetVersion || !application.reasonCode) return null;
  return {
    ruleVersion: application.ruleSetVersion,
    reasonCode: application.reasonCode,
    reason: application.reason ?? '',
    score: application.score,
    decidedAt: application.decidedAt,
  };
}

export const LoanApplication: LoanApplicationResolvers = {
  amount: (application) => money(application.amount),
  annualRate: (application) => scaledToDecimal(application.annualRate, 4),
  decision: (application) => decisionOf(application),
  // Reached only through the owner's application: the loan is the same customer's.
  loan: (application, _args, { prisma }) => prisma.loan.findUnique({ where: { applicationId: application.id } }),
};

export const CreditCardApplication: CreditCardApplicationResolvers = {
  decision: (application) => decisionOf(application),
  creditLimit: (application) => (application.creditLimit === null ? null : money(application.creditLimit)),
};

export const Loan: LoanResolvers = {
  principal: (loan) => money(loan.principal),
  outstandingPrincipal: (loan) => money(loan.outstandingPrincipal),
  annualRate: (loan) => scaledToDecimal(loan.annualRate, 4),
  startDate: (loan) => day(loan.startDate),
  nextInstallment: (loan, _args, { prisma }) => installmentDue(prisma, loan),
  disbursedAt: (loan) => loan.disbursedAt,
  schedule: (loan, _args, { prisma }) => findSchedule(prisma, loan.id),
  repayments: (loan, _args, { prisma }) => findRepayments({ prisma }, loan.id),
};

export const LoanInstallment: LoanInstallmentResolvers = {
  dueDate: (installment) => day(installment.dueDate),
  principal: (installment) => money(installment.principal),
  interest: (installment) => money(installment.interest),
  total: (installment) => money(installment.principal + installment.interest),
};

export const LoanRepayment: LoanRepaymentResolvers = {
  amount: (repayment) => money(repayment.amount),
  principal: (repayment) => money(repayment.principal),
  interest: (repayment) => money(repayment.interest),
};
