/**
 * Sending SMS. Production sends through the configured vendor (`SMS_PROVIDER=tencent`: Tencent Cloud
 * SMS, tencent/sendSmsProvider.ts) with per-mobile limits in front of it. Development and the test
 * harness, when they turn the `smsOutbox` feature on, store messages in the outbox table, read back
 * through the development-only `developmentSmsOutbox` query. A production start without a vendor
 * stops with an error; under NODE_ENV=test without either, every send is refused (and logged).
 */
import { randomUUID } from 'node:crypto';
import { config, DevelopmentFeatures } from '../../../../platform/config';
import { ErrorCode, bankError } from '../../../../platform/errors';
import { connectRedis, redisTarget } from '../../../../platform/redis/connection';
import { blindIndex, blindIndexCandidates, maskMobile } from '../../../kit/fieldCipher';
import { indexBinding } from '../../../kit/fieldEncryption/columns';
import { SMS_OUTBOX } from '../../encryptedColumns';
import type { Logger } from '../../../../platform/observability/logger';
import type { PrismaClient } from '../../__generated__/prisma/client';
import { InProcessSendLimiter, RedisSendLimiter, SmsSendLimiter } from './sendLimits';
import { SmsConfigurationError, smsSendWindows, tencentSmsSettings } from './settings';
import { TencentSmsProvider } from './tencent/sendSmsProvider';
import type { SmsMessage } from './templates';

export type { SmsMessage } from './templates';

export interface SmsProvider {
  readonly kind: 'development-outbox' | 'tencent' | 'unconfigured';
  /** Sends `message` to `mobile`; throws a coded error (SMS_RATE_LIMITED, SMS_UNDELIVERABLE, SMS_UNAVAILABLE) when it did not. */
  send(mobile: string, message: SmsMessage, at: Date): Promise<void>;
  close(): Promise<void>;
}

export class DevelopmentOutboxProvider implements SmsProvider {
  readonly kind = 'development-outbox';
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
  ) {}

  async send(mobile: string, message: SmsMessage, at: Date): Promise<void> {
    const mobileIndex = blindIndex(indexBinding(SMS_OUTBOX, 'mobile_index'), mobile);
    await this.prisma.smsOutbox.create({ data: { id: randomUUID(), mobileIndex, text: message.text, createdAt: at } });
    this.log.debug({ mobile: maskMobile(mobile) }, 'sms written to the development outbox');
  }

  async close(): Promise<void> {}
}

/** NODE_ENV=test with neither a vendor nor the outbox: nothing pretends to send. */
class UnconfiguredSmsProvider implements SmsProvider {
  readonly kind = 'unconfigured';
  constructor(private readonly log: Logger) {}
  async send(mobile: string): Promise<void> {
    this.log.error({ mobile: maskMobile(mobile) }, 'sms refused: no SMS provider is configured (SMS_PROVIDER)');
    throw bankError(ErrorCode.SmsUnavailable, '短信服务暂不可用，请稍后再试');
  }
  async close(): Promise<void> {}
}

export interface SmsProviderOptions {
  prisma: PrismaClient;
  log: Logger;
  development: DevelopmentFeatures;
  /** Keeps the limits of two platforms sharing one Redis (parallel tests) apart. */
  namespace: string;
  env?: NodeJS.ProcessEnv;
}

/** The provider the auth center runs with; throws (the start stops) when production has none or a vendor is half configured. */
export function createSmsProvider(options: SmsProviderOptions): SmsProvider {
  const env = options.env ?? process.env;
  const { settings, mode } = config(env);
  if (settings.SMS_PROVIDER === 'tencent') {
    return new TencentSmsProvider(tencentSmsSettings(env), createSendLimiter(options, env), options.log);
  }
  if (options.development.smsOutbox) return new DevelopmentOutboxProvider(options.prisma, options.log);
  if (mode === 'production') {
    throw new SmsConfigurationError(
      'no SMS provider: set SMS_PROVIDER=tencent and its settings (SECURITY.md); the development outbox exists only in development',
    );
  }
  options.log.error('no SMS provider configured (SMS_PROVIDER): every SMS will be refused');
  return new UnconfiguredSmsProvider(options.log);
}

function createSendLimiter(options: SmsProviderOptions, env: NodeJS.ProcessEnv): SmsSendLimiter {
  const windows = smsSendWindows(env);
  const target = redisTarget(env);
  if (!target) {
    options.log.info('no Redis configured (REDIS_URL, REDIS_CLUSTER_NODES): per-mobile SMS limits are counted in this process only');
    return new InProcessSendLimiter(windows);
  }
  return new RedisSendLimiter(connectRedis(target, options.log, 'auth-sms-limits'), `bank:auth:${options.namespace}:sms-send`, windows);
}

export function readOutbox(prisma: PrismaClient, mobile: string) {
  return prisma.smsOutbox.findMany({
    where: { mobileIndex: { in: blindIndexCandidates(indexBinding(SMS_OUTBOX, 'mobile_index'), mobile) } },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
}
