/**
 * Revoked sessions, as seen by every gateway process. The auth center writes a session id here
 * before `logout`/`revokeSession` returns; each gateway checks it on every authenticated request, so
 * a revoked session's still-valid access token is refused at once. An entry only needs to outlive
 * the longest access token (after that the token is dead anyway and refresh is refused by the
 * auth center's database).
 */
import type Redis from 'ioredis';
import type { Logger } from '../../subgraphs/kit/logger';
import { connectRedis, redisUrl } from './redis';

/** Longest access-token lifetime (15 minutes) plus clock skew. */
export const REVOCATION_TTL_SECONDS = 20 * 60;
const KEY_PREFIX = 'bank:revoked-session:';

export interface SessionRevocationStore {
  revoke(sessionId: string): Promise<void>;
  isRevoked(sessionId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** One map per process: the auth center and the gateway in the same process share it. */
const inProcessRevocations = new Map<string, number>();

export class InProcessRevocationStore implements SessionRevocationStore {
  constructor(private readonly now: () => number = Date.now) {}

  async revoke(sessionId: string): Promise<void> {
    inProcessRevocations.set(sessionId, this.now() + REVOCATION_TTL_SECONDS * 1000);
    if (inProcessRevocations.size > 100_000) this.sweep();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return inProcessRevocations.has(sessionId);
  }

  async close(): Promise<void> {}

  private sweep(): void {
    const now = this.now();
    for (const [sessionId, until] of inProcessRevocations) if (until < now) inProcessRevocations.delete(sessionId);
  }
}

export class RedisRevocationStore implements SessionRevocationStore {
  constructor(private readonly redis: Redis) {}

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(KEY_PREFIX + sessionId, '1', 'EX', REVOCATION_TTL_SECONDS);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(KEY_PREFIX + sessionId)) === 1;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export function createSessionRevocationStore(log: Logger, url = redisUrl()): SessionRevocationStore {
  if (!url) {
    log.info('REDIS_URL not set: session revocation uses the in-process store (one process only)');
    return new InProcessRevocationStore();
  }
  return new RedisRevocationStore(connectRedis(url, log, 'session-revocation'));
}
