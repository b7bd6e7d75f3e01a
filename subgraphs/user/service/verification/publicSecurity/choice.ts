/**
 * Which public-security register a user center runs with (`REAL_NAME_PROVIDER`, platform/configSchema.ts):
 * - `stand-in`, or unset with the development feature `realNameStandIn` (development, the test harness): the
 *   deterministic stand-in (standInRegister.ts);
 * - `stand-in` in production: the start stops (nothing development-only runs in production);
 * - otherwise none: every verification is refused with SERVICE_UNAVAILABLE, reason REAL_NAME_PROVIDER_MISSING, so
 *   no customer becomes FULL (and no account can be opened) without the real register. No licensed provider is
 *   integrated yet.
 */
import { config, type DevelopmentFeatures } from '../../../../../platform/config';
import { bankError, ErrorCode } from '../../../../../platform/errors';
import type { Logger } from '../../../../../platform/observability/logger';
import type { PublicSecurityRegister, RegisterCheckResult } from './register';
import { StandInRegister } from './standInRegister';

export class RealNameConfigurationError extends Error {}

class UnconfiguredRegister implements PublicSecurityRegister {
  readonly kind = 'unconfigured';
  constructor(private readonly log: Logger) {}
  async checkIdentity(): Promise<RegisterCheckResult> {
    this.log.error('real-name verification refused: no public-security register is configured (REAL_NAME_PROVIDER)');
    throw realNameProviderMissing();
  }
}

export function realNameProviderMissing() {
  return bankError(ErrorCode.ServiceUnavailable, '实名认证服务暂不可用，请稍后再试或前往网点办理', {
    details: { reason: 'REAL_NAME_PROVIDER_MISSING' },
  });
}

export function createPublicSecurityRegister(options: {
  development: DevelopmentFeatures;
  log: Logger;
  env?: NodeJS.ProcessEnv;
}): PublicSecurityRegister {
  const { settings, mode } = config(options.env ?? process.env);
  if (settings.REAL_NAME_PROVIDER === 'stand-in') {
    if (mode === 'production') {
      throw new RealNameConfigurationError('REAL_NAME_PROVIDER=stand-in is the development stand-in and is refused in production');
    }
    return new StandInRegister();
  }
  if (options.development.realNameStandIn) return new StandInRegister();
  options.log.error('no public-security register configured (REAL_NAME_PROVIDER): every real-name verification will be refused');
  return new UnconfiguredRegister(options.log);
}
