/**
 * Sending SMS. Production plugs in the bank's SMS gateway here; none is configured yet, so in
 * production sending fails loudly rather than pretending. Development and tests use the outbox:
 * messages are stored and read back through the development-only `developmentSmsOutbox` query.
 */
import { randomUUID } from 'node:crypto';
import { blindIndex, blindIndexCandidates, maskMobile } from '../../../kit/fieldCipher';
import { indexBinding } from '../../../kit/fieldEncryption/columns';
import { SMS_OUTBOX } from '../../encryptedColumns';
import type { Logger } from '../../../../platform/observability/logger';
import type { PrismaClient } from '../../__generated__/prisma/client';

export interface SmsProvider {
  readonly kind: 'development-outbox' | 'unconfigured';
  send(mobile: string, text: string, at: Date): Promise<void>;
}

export class DevelopmentOutboxProvider implements SmsProvider {
  readonly kind = 'development-outbox';
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
  ) {}

  async send(mobile: string, text: string, at: Date): Promise<void> {
    const mobileIndex = blindIndex(indexBinding(SMS_OUTBOX, 'mobile_index'), mobile);
    await this.prisma.smsOutbox.create({ data: { id: randomUUID(), mobileIndex, text, createdAt: at } });
    this.log.debug({ mobile: maskMobile(mobile) }, 'sms written to the development outbox');
  }
}

class UnconfiguredSmsProvider implements SmsProvider {
  readonly kind = 'unconfigured';
  async send(): Promise<void> {
    throw new Error('no SMS gateway is configured for production');
  }
}

export function createSmsProvider(prisma: PrismaClient, production: boolean, log: Logger): SmsProvider {
  return production ? new UnconfiguredSmsProvider() : new DevelopmentOutboxProvider(prisma, log);
}

export function readOutbox(prisma: PrismaClient, mobile: string) {
  return prisma.smsOutbox.findMany({
    where: { mobileIndex: { in: blindIndexCandidates(indexBinding(SMS_OUTBOX, 'mobile_index'), mobile) } },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
}
