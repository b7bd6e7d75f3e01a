/**
 * What the user center keeps for the life of its store (not per request): the public-security register real-name
 * verification checks against, chosen from the configuration and the development features the store was opened with.
 */
import type { DevelopmentFeatures } from '../../platform/config';
import type { Logger } from '../../platform/observability/logger';
import type { PrismaClient } from './__generated__/prisma/client';
import { createPublicSecurityRegister } from './service/verification/publicSecurity/choice';
import type { PublicSecurityRegister } from './service/verification/publicSecurity/register';

export interface UserRuntime {
  register: PublicSecurityRegister;
}

const runtimes = new WeakMap<PrismaClient, UserRuntime>();

/** Throws (the start stops) when the configuration asks for something production refuses. */
export function openUserRuntime(prisma: PrismaClient, log: Logger, development: DevelopmentFeatures): UserRuntime {
  const runtime: UserRuntime = { register: createPublicSecurityRegister({ development, log }) };
  runtimes.set(prisma, runtime);
  return runtime;
}

export function userRuntimeOf(prisma: PrismaClient): UserRuntime {
  const runtime = runtimes.get(prisma);
  if (!runtime) throw new Error('user runtime not opened for this store');
  return runtime;
}
