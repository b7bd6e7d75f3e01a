import type { Clock } from '../../../platform/clock';
import { decryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import type { Customer, PrismaClient } from '../__generated__/prisma/client';
import { CUSTOMER } from '../encryptedColumns';

export type CustomerRecord = Customer;

export function findCustomers(prisma: PrismaClient, ids: readonly string[]): Promise<Customer[]> {
  return prisma.customer.findMany({ where: { id: { in: [...ids] } } });
}

/** The customer's name: encrypted, or (a row the re-encryption job has not reached yet) the clear column it replaced. */
export function customerName(customer: Customer): string {
  if (customer.nameCipher) return decryptField(customer.nameCipher, fieldBinding(CUSTOMER, 'name_cipher', customer.id));
  if (customer.name === null) throw new Error(`customer ${customer.id} has no name`);
  return customer.name;
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
