/**
 * The customer record of a mobile that registered online. Such a customer starts at kycLevel BASIC
 * with no ID number (real-name verification adds it). One record per mobile (the unique blind index
 * of the mobile decides a race): a mobile already held by a verified or branch-onboarded customer
 * gets nothing, while an unverified one — left by a registration that stopped after this call, before
 * the auth center stored its credential — is answered again, so the mobile's owner can finish.
 * Whether that customer already has a credential is the auth center's to decide.
 */
import { randomUUID } from 'node:crypto';
import { badInput } from '../../../platform/errors';
import { blindIndex, blindIndexCandidates, encryptField } from '../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../kit/fieldEncryption/columns';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import type { Customer, PrismaClient } from '../__generated__/prisma/client';
import { CUSTOMER } from '../encryptedColumns';

export type CustomerRegistrationOutcome = 'CREATED' | 'EXISTING_UNVERIFIED' | 'MOBILE_TAKEN';

export interface CustomerRegistrationResult {
  outcome: CustomerRegistrationOutcome;
  userId: string | null;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Letters of any script, with the middle dot of transliterated names (阿卜杜·热合曼) and inner spaces. */
const NAME = /^\p{L}[\p{L}·• ]{0,28}\p{L}$/u;

export function isValidCustomerName(name: string): boolean {
  return NAME.test(name);
}

export async function registerCustomer(
  prisma: PrismaClient,
  input: { mobile: string; name: string },
  now: Date,
): Promise<CustomerRegistrationResult> {
  const name = input.name.trim();
  if (!MOBILE.test(input.mobile)) throw badInput('手机号格式不正确', ['input', 'mobile']);
  if (!isValidCustomerName(name)) throw badInput('姓名格式不正确', ['input', 'name']);

  const existing = await customerOfMobile(prisma, input.mobile);
  if (existing) return answerFor(existing);
  const id = randomUUID();
  try {
    await prisma.customer.create({
      data: {
        id,
        nameCipher: encryptField(name, fieldBinding(CUSTOMER, 'name_cipher', id)),
        mobileCipher: encryptField(input.mobile, fieldBinding(CUSTOMER, 'mobile_cipher', id)),
        mobileIndex: blindIndex(indexBinding(CUSTOMER, 'mobile_index'), input.mobile),
        kycLevel: 'BASIC',
        createdAt: now,
      },
    });
    return { outcome: 'CREATED', userId: id };
  } catch (error) {
    // A concurrent registration of the same mobile inserted first: answer with its record.
    if (!isUniqueViolation(error)) throw error;
    const winner = await customerOfMobile(prisma, input.mobile);
    if (!winner) throw error;
    return answerFor(winner);
  }
}

function customerOfMobile(prisma: PrismaClient, mobile: string): Promise<Customer | null> {
  return prisma.customer.findFirst({
    where: { mobileIndex: { in: blindIndexCandidates(indexBinding(CUSTOMER, 'mobile_index'), mobile) } },
  });
}

/** Only a customer still at the start of the online path (BASIC, no ID number) can be answered to a registration. */
function answerFor(customer: Customer): CustomerRegistrationResult {
  const unverified = customer.kycLevel === 'BASIC' && customer.idNumberCipher === null;
  return unverified ? { outcome: 'EXISTING_UNVERIFIED', userId: customer.id } : { outcome: 'MOBILE_TAKEN', userId: null };
}
