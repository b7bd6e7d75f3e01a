import type { Clock } from '../../../platform/clock';
import type { Customer, PrismaClient } from '../__generated__/prisma/client';

export type CustomerRecord = Customer;

export function findCustomers(prisma: PrismaClient, ids: readonly string[]): Promise<Customer[]> {
  return prisma.customer.findMany({ where: { id: { in: [...ids] } } });
}

export interface RiskAssessment {
  grade: NonNullable<Customer['riskGrade']>;
  assessedAt: Date;
  expiresAt: Date;
  expired: boolean;
}

export function riskAssessmentOf(customer: Customer, clock: Clock): RiskAssessment | null {
  if (!customer.riskGrade || !customer.riskAssessedAt || !customer.riskExpiresAt) return null;
  return {
    grade: customer.riskGrade,
    assessedAt: customer.riskAssessedAt,
    expiresAt: customer.riskExpiresAt,
    expired: customer.riskExpiresAt.getTime() <= clock.now().getTime(),
  };
}
