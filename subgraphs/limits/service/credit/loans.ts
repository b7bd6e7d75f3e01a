/**
 * Loan contracts: created APPROVED from an approved application (inside the decision's transaction)
 * with the equal-installment schedule (re-dated when it is paid out: `loanDisbursements.ts`), and
 * read back for `User.loans`.
 */
import { randomUUID } from 'node:crypto';
import type { Loan, LoanApplication, LoanInstallment, Prisma, PrismaClient } from '../../__generated__/prisma/client';
import { shanghaiDay } from '../../../../platform/businessDay';
import { equalInstallmentSchedule } from './repaymentSchedule';

export type LoanRecord = Loan;
export type LoanInstallmentRecord = LoanInstallment;

export async function createLoanContract(tx: Prisma.TransactionClient, application: LoanApplication, now: Date): Promise<Loan> {
  const startDate = shanghaiDay(now);
  const loanId = randomUUID();
  const loan = await tx.loan.create({
    data: {
      id: loanId,
      customerId: application.customerId,
      applicationId: application.id,
      productId: application.productId,
      productName: application.productName,
      principal: application.amount,
      outstandingPrincipal: application.amount,
      annualRate: application.annualRate,
      termMonths: application.termMonths,
      startDate: new Date(`${startDate}T00:00:00.000Z`),
      // Approval is not money: the customer accepts it into an account (acceptLoan), then it is paid out.
      status: 'APPROVED',
      createdAt: now,
      updatedAt: now,
    },
  });
  const schedule = equalInstallmentSchedule(application.amount, application.annualRate, application.termMonths, startDate);
  await tx.loanInstallment.createMany({
    data: schedule.map((installment) => ({
      loanId,
      number: installment.number,
      dueDate: new Date(`${installment.dueDate}T00:00:00.000Z`),
      principal: installment.principal,
      interest: installment.interest,
    })),
  });
  return loan;
}

/** The customer's loans, newest first. */
export function findLoans(prisma: PrismaClient, customerId: string): Promise<Loan[]> {
  return prisma.loan.findMany({ where: { customerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export function findSchedule(prisma: PrismaClient, loanId: string): Promise<LoanInstallment[]> {
  return prisma.loanInstallment.findMany({ where: { loanId }, orderBy: { number: 'asc' } });
}

/** The first installment not yet paid; null once the loan is paid off. */
export function findNextInstallment(db: PrismaClient | Prisma.TransactionClient, loanId: string): Promise<LoanInstallment | null> {
  return db.loanInstallment.findFirst({ where: { loanId, status: 'DUE' }, orderBy: { number: 'asc' } });
}

/** What falls due next: only a loan that was paid out (ACTIVE) owes anything. */
export async function installmentDue(db: PrismaClient, loan: Pick<Loan, 'id' | 'status'>): Promise<LoanInstallment | null> {
  return loan.status === 'ACTIVE' ? findNextInstallment(db, loan.id) : null;
}
