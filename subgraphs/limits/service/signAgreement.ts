/**
 * A customer's signature of an agreement template version, recorded with the channel and the time.
 * Signing a version already signed answers the first signature (unique per customer, code and
 * version, so two signatures racing write one row). Only a version in force may be signed, and only
 * the latest one: a superseded text is no longer offered.
 */
import { ErrorCode, bankError, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import type { AgreementTemplate, PrismaClient } from '../__generated__/prisma/client';
import type { SignedAgreementRecord } from './agreements';
import { LimitChannel, isLimitChannel } from './effectiveLimits';

export interface SignAgreementRequest {
  templateCode: string;
  /** The version the customer read; the one in force when absent. */
  version?: string | null;
}

/** The signed-in customer on a customer channel: nobody signs for a customer (staff, services). */
export function signingCustomer(identity: Identity): { customerId: string; channel: LimitChannel } {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (!isLimitChannel(identity.channel)) throw bankError(ErrorCode.Forbidden, '协议须由客户本人在客户渠道签署');
  return { customerId: identity.userId, channel: identity.channel };
}

/** The template version a customer may sign now: the given one if it is the one in force. */
export async function templateToSign(prisma: PrismaClient, request: SignAgreementRequest, now: Date): Promise<AgreementTemplate> {
  const inForce = await prisma.agreementTemplate.findMany({
    where: { code: request.templateCode, effectiveAt: { lte: now } },
    orderBy: { effectiveAt: 'desc' },
  });
  const current = inForce[0];
  if (!current) throw bankError(ErrorCode.NotFound, '协议不存在', { field: ['templateCode'] });
  if (request.version == null || request.version === current.version) return current;
  if (!inForce.some((template) => template.version === request.version))
    throw bankError(ErrorCode.NotFound, '协议版本不存在', { field: ['version'], details: { currentVersion: current.version } });
  throw bankError(ErrorCode.BadUserInput, '协议已更新，请阅读并签署最新版本', {
    field: ['version'],
    details: { reason: 'SUPERSEDED_VERSION', currentVersion: current.version },
  });
}

export async function signAgreement(
  prisma: PrismaClient,
  signer: { customerId: string; channel: LimitChannel },
  request: SignAgreementRequest,
  now: Date,
): Promise<SignedAgreementRecord> {
  const template = await templateToSign(prisma, request, now);
  const key = { customerId: signer.customerId, templateCode: template.code, templateVersion: template.version };
  await prisma.signedAgreement.createMany({ data: [{ ...key, signedAt: now, channel: signer.channel }], skipDuplicates: true });
  return prisma.signedAgreement.findUniqueOrThrow({
    where: { customerId_templateCode_templateVersion: key },
    include: { template: true },
  });
}
