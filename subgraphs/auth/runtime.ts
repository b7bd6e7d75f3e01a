/**
 * What the auth center keeps for the life of its store (not per request): the token signer, the
 * shared revocation store, counters, the SMS and mini-program providers, and the development
 * features it was opened with. Created when the store opens and closed with it.
 */
import { createHash } from 'node:crypto';
import { createSessionRevocationStore, SessionRevocationStore } from '../../platform/redis/sessionRevocation';
import type { DevelopmentFeatures } from '../../platform/config';
import type { Logger } from '../../platform/observability/logger';
import type { PrismaClient } from './__generated__/prisma/client';
import { CounterStore, createCounterStore } from './service/counters';
import { createMiniProgramProviders, MiniProgramProviders } from './service/miniProgram/providers';
import { RuleSetCache } from './service/risk/rules';
import { AccessTokenSigner } from './service/signingKeys';
import { createSmsProvider, SmsProvider } from './service/sms/provider';

export interface AuthRuntime {
  signer: AccessTokenSigner;
  revocations: SessionRevocationStore;
  counters: CounterStore;
  rules: RuleSetCache;
  sms: SmsProvider;
  miniPrograms: MiniProgramProviders;
  /** The outbox and sandbox providers, and the outbox query, only when these say so. */
  development: DevelopmentFeatures;
  close(): Promise<void>;
}

const runtimes = new WeakMap<PrismaClient, AuthRuntime>();

export function openAuthRuntime(prisma: PrismaClient, databaseUrl: string, log: Logger, development: DevelopmentFeatures): AuthRuntime {
  // Counters are namespaced by database, so two platforms sharing one Redis (parallel tests) never mix.
  const namespace = createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12);
  const revocations = createSessionRevocationStore(log);
  const counters = createCounterStore(log, namespace);
  const runtime: AuthRuntime = {
    signer: new AccessTokenSigner(prisma),
    revocations,
    counters,
    rules: new RuleSetCache(prisma),
    sms: createSmsProvider({ prisma, log, development, namespace }),
    miniPrograms: createMiniProgramProviders(!development.sandboxMiniPrograms, log),
    development,
    async close() {
      await Promise.all([revocations.close(), counters.close(), runtime.sms.close()]);
    },
  };
  runtimes.set(prisma, runtime);
  return runtime;
}

export function authRuntimeOf(prisma: PrismaClient): AuthRuntime {
  const runtime = runtimes.get(prisma);
  if (!runtime) throw new Error('auth runtime not opened for this store');
  return runtime;
}
