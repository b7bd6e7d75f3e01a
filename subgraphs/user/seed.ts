import { DEMO_CUSTOMERS } from '../kit/demo';
import { blindIndex, encryptField } from '../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../kit/fieldEncryption/columns';
import type { PrismaClient } from './__generated__/prisma/client';
import { CUSTOMER } from './encryptedColumns';

/** Risk assessments are valid for a year; 李秀英's expired on 2026-10-10 (she must retake it). */
const RISK_ASSESSMENTS: Record<string, { assessedAt: string; expiresAt: string }> = {
  '13800000001': { assessedAt: '2026-05-20T02:00:00.000Z', expiresAt: '2027-05-20T02:00:00.000Z' },
  '13800000002': { assessedAt: '2025-10-10T02:00:00.000Z', expiresAt: '2026-10-10T02:00:00.000Z' },
};

const DEMO_CONSENT_AT = new Date('2026-05-20T02:00:00.000Z');

export async function seedUserCenter(prisma: PrismaClient): Promise<void> {
  for (const customer of DEMO_CUSTOMERS) {
    const assessment = RISK_ASSESSMENTS[customer.mobile];
    // Upsert by id: encrypting again on every start would churn ciphertexts for nothing.
    await prisma.customer.upsert({
      where: { id: customer.id },
      update: {},
      create: {
        id: customer.id,
        nameCipher: encryptField(customer.name, fieldBinding(CUSTOMER, 'name_cipher', customer.id)),
        mobileCipher: encryptField(customer.mobile, fieldBinding(CUSTOMER, 'mobile_cipher', customer.id)),
        mobileIndex: blindIndex(indexBinding(CUSTOMER, 'mobile_index'), customer.mobile),
        idNumberCipher: encryptField(customer.idNumber, fieldBinding(CUSTOMER, 'id_number_cipher', customer.id)),
        idNumberIndex: blindIndex(indexBinding(CUSTOMER, 'id_number_index'), customer.idNumber),
        kycLevel: 'FULL',
        // The demo customers said yes to behavior analytics, so the demo's activity screens have data.
        behaviorConsent: true,
        behaviorConsentChangedAt: DEMO_CONSENT_AT,
        riskGrade: customer.riskGrade,
        riskAssessedAt: assessment ? new Date(assessment.assessedAt) : null,
        riskExpiresAt: assessment ? new Date(assessment.expiresAt) : null,
      },
    });
  }
}
