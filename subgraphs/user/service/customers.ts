import type { Clock } from '../../../platform/clock';
import { ErrorCode, bankError, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
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

/** The customer's ID number in clear; null until real-name verification stored one. */
export function customerIdNumber(customer: Customer): string | null {
  if (customer.idNumberCipher === null) return null;
  return decryptField(customer.idNumberCipher, fieldBinding(CUSTOMER, 'id_number_cipher', customer.id));
}

export interface VerifiedIdentity {
  userId: string;
  name: string;
  idNumber: string;
  kycLevel: 'FULL';
}

/** Name and ID number of a customer who passed real-name verification (FULL with an ID number); null otherwise. */
export function verifiedIdentityOf(customer: Customer): VerifiedIdentity | null {
  const idNumber = customerIdNumber(customer);
  if (customer.kycLevel !== 'FULL' || idNumber === null) return null;
  return { userId: customer.id, name: customerName(customer), idNumber, kycLevel: 'FULL' };
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

/**
 * The signed-in customer acting in person on a customer channel, for what only the customer may do
 * (answer the risk questionnaire, consent to analytics): staff on OPS are refused with `staffRefusal`.
 */
export function customerInPerson(identity: Identity, staffRefusal: string): { customerId: string; channel: string } {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (identity.channel === 'OPS') throw bankError(ErrorCode.Forbidden, staffRefusal);
  return { customerId: identity.userId, channel: identity.channel };
}
