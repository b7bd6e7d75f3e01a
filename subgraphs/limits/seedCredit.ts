/**
 * Credit data: the rule versions in force (reference data, seeded in every mode by
 * referenceData.ts), and, as demo data, one loan 张晓明 took before online
 * applications existed (丰收e贷 50,000.00 over 12 months at 3.65%, two installments paid), so a
 * repayment can be tried at once.
 */
import { DEMO_CUSTOMERS } from '../kit/demo';
import type { Prisma, PrismaClient } from './__generated__/prisma/client';
import type { CardRuleParams, LoanRuleParams } from './service/credit/creditRules';
import { equalInstallmentSchedule } from './service/credit/repaymentSchedule';

const LOAN_RULES_2026_1: LoanRuleParams = {
  requiredKycLevels: ['STANDARD', 'FULL'],
  maxActiveLoans: 3,
  maxRecentApplications: { days: 30, count: 5 },
  exposureCapPercentOfProductMax: 100,
  minScore: 60,
  score: {
    base: 20,
    kycLevel: { FULL: 30, STANDARD: 15 },
    amountShareBands: [
      { atMostPercent: 10, points: 30 },
      { atMostPercent: 50, points: 15 },
    ],
    noActiveLoan: 10,
    shortTerm: { months: 6, points: 10 },
  },
};

const CARD_RULES_2026_1: CardRuleParams = {
  requiredKycLevels: ['STANDARD', 'FULL'],
  maxRecentApplications: { days: 30, count: 3 },
  minScore: 60,
  minScoreByCardType: { PLATINUM: 80 },
  creditLimitFen: { CLASSIC: '1000000', GOLD: '3000000', PLATINUM: '10000000' },
  score: { base: 40, kycLevel: { FULL: 30, STANDARD: 15 }, noActiveLoan: 10 },
};

export const CREDIT_RULE_SETS: Prisma.CreditRuleSetCreateManyInput[] = [
  {
    version: 'LOAN-2026.1',
    kind: 'LOAN',
    params: LOAN_RULES_2026_1 as unknown as Prisma.InputJsonValue,
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
  },
  {
    version: 'CARD-2026.1',
    kind: 'CREDIT_CARD',
    params: CARD_RULES_2026_1 as unknown as Prisma.InputJsonValue,
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
  },
];

export const DEMO_LOAN_ID = 'b1a80001-0000-4000-8000-000000000001';
const DEMO_LOAN = { principal: 50_000_00n, annualRate: 36500n, termMonths: 12, startDate: '2026-09-20', paidInstallments: 2 };

export async function seedCredit(prisma: PrismaClient): Promise<void> {
  if (await prisma.loan.findUnique({ where: { id: DEMO_LOAN_ID } })) return;

  const schedule = equalInstallmentSchedule(DEMO_LOAN.principal, DEMO_LOAN.annualRate, DEMO_LOAN.termMonths, DEMO_LOAN.startDate);
  const paid = schedule.slice(0, DEMO_LOAN.paidInstallments);
  const repaidPrincipal = paid.reduce((sum, installment) => sum + installment.principal, 0n);
  await prisma.$transaction([
    prisma.loan.create({
      data: {
        id: DEMO_LOAN_ID,
        customerId: DEMO_CUSTOMERS[0]!.id,
        productId: 'd0a80001-0000-4000-8000-000000000107',
        productName: '丰收e贷',
        principal: DEMO_LOAN.principal,
        outstandingPrincipal: DEMO_LOAN.principal - repaidPrincipal,
        annualRate: DEMO_LOAN.annualRate,
        termMonths: DEMO_LOAN.termMonths,
        startDate: new Date(`${DEMO_LOAN.startDate}T00:00:00.000Z`),
        // Paid out before the platform existed: there is no disbursement order.
        status: 'ACTIVE',
        disbursedAt: new Date('2026-09-20T02:00:00.000Z'),
        createdAt: new Date('2026-09-20T02:00:00.000Z'),
      },
    }),
    prisma.loanInstallment.createMany({
      data: schedule.map((installment) => ({
        loanId: DEMO_LOAN_ID,
        number: installment.number,
        dueDate: new Date(`${installment.dueDate}T00:00:00.000Z`),
        principal: installment.principal,
        interest: installment.interest,
        ...(installment.number <= DEMO_LOAN.paidInstallments
          ? { status: 'PAID' as const, paidAt: new Date(`${installment.dueDate}T02:00:00.000Z`) }
          : {}),
      })),
    }),
  ]);
}
