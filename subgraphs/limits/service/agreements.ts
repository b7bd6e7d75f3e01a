import type { AgreementKind, AgreementTemplate, PrismaClient, SignedAgreement } from '../__generated__/prisma/client';

export interface UserReference {
  id: string;
}

export type AgreementTemplateRecord = AgreementTemplate;
export type SignedAgreementRecord = SignedAgreement & { template: AgreementTemplate };

/** Signed agreements of the customers, newest first, each with the template version signed. */
export function findSignedAgreementsOf(prisma: PrismaClient, customerIds: readonly string[]): Promise<SignedAgreementRecord[]> {
  return prisma.signedAgreement.findMany({
    where: { customerId: { in: [...customerIds] } },
    include: { template: true },
    orderBy: [{ signedAt: 'desc' }, { id: 'asc' }],
  });
}

/** The latest version in force of each template (optionally of one kind), by code. */
export async function findCurrentTemplates(prisma: PrismaClient, now: Date, kind?: AgreementKind | null): Promise<AgreementTemplate[]> {
  const templates = await prisma.agreementTemplate.findMany({
    where: { effectiveAt: { lte: now }, ...(kind ? { kind } : {}) },
    orderBy: [{ code: 'asc' }, { effectiveAt: 'desc' }],
  });
  const latest = new Map<string, AgreementTemplate>();
  for (const template of templates) if (!latest.has(template.code)) latest.set(template.code, template);
  return [...latest.values()];
}
