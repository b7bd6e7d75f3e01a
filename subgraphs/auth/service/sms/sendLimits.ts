/**
 * Per-mobile SMS limits, checked before the vendor is asked: rolling windows (by default at most 1
 * in 60 s, 5 in an hour, 10 in 24 hours to one mobile, whatever the purpose), so a script cannot run
 * up the bank's SMS bill or flood a customer's phone through the sign-in, step-up or registration
 * steps. A send is counted when it is admitted, refused sends are not.
 *
 * Redis when REDIS_URL or REDIS_CLUSTER_NODES is set (one sorted set of send times per mobile, checked
 * and added in one Lua script on that one key, so replicas and concurrent requests count together and a
 * Redis Cluster needs no hash tag); otherwise this process alone. Keys are a keyed hash of the mobile,
 * never the number.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { ErrorCode, bankError } from '../../../../platform/errors';
import { ExpiringCache, expiringCache } from '../../../../platform/expiringCache';
import type { RedisClient } from '../../../../platform/redis/connection';
import { loadSecret } from '../../../../platform/secrets';

export interface SendWindow {
  /** Window length in seconds. */
  seconds: number;
  /** Sends allowed within any such window. */
  max: number;
}

export const DEFAULT_SEND_WINDOWS: readonly SendWindow[] = [
  { seconds: 60, max: 1 },
  { seconds: 3600, max: 5 },
  { seconds: 86_400, max: 10 },
];

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number; window: SendWindow };

export interface SmsSendLimiter {
  /** Admits and counts one send to `mobile` at `nowMs`, or says which window is full and until when. */
  admit(mobile: string, nowMs: number): Promise<Admission>;
  close(): Promise<void>;
}

const mobileKey = (mobile: string) =>
  createHmac('sha256', loadSecret('BLIND_INDEX_KEY')).update(`sms-send:${mobile}`).digest('hex').slice(0, 32);

/** The refusal a customer sees: a stable code, the field, and when to try again. */
export function smsRateLimited(retryAfterMs: number, nowMs: number, field: readonly (string | number)[] = ['input', 'mobile']) {
  return bankError(ErrorCode.SmsRateLimited, '短信发送过于频繁，请稍后再试', {
    field,
    details: { retryAfter: new Date(nowMs + retryAfterMs).toISOString() },
  });
}

/** The decision from the send times already counted (any order) for the given windows. */
function decide(sentAt: readonly number[], windows: readonly SendWindow[], nowMs: number): Admission {
  for (const window of windows) {
    const inWindow = sentAt.filter((at) => at > nowMs - window.seconds * 1000).sort((a, b) => a - b);
    if (inWindow.length >= window.max) {
      // Free again when the oldest send that still counts leaves the window.
      const oldestCounting = inWindow[inWindow.length - window.max]!;
      return { admitted: false, retryAfterMs: oldestCounting + window.seconds * 1000 - nowMs, window };
    }
  }
  return { admitted: true };
}

export class InProcessSendLimiter implements SmsSendLimiter {
  private readonly sends: ExpiringCache<number[]>;
  private readonly longestMs: number;

  constructor(
    private readonly windows: readonly SendWindow[] = DEFAULT_SEND_WINDOWS,
    maxMobiles = 100_000,
  ) {
    this.sends = expiringCache<number[]>(maxMobiles);
    this.longestMs = Math.max(...windows.map((window) => window.seconds)) * 1000;
  }

  async admit(mobile: string, nowMs: number): Promise<Admission> {
    const key = mobileKey(mobile);
    const recent = (this.sends.get(key, nowMs) ?? []).filter((at) => at > nowMs - this.longestMs);
    const decision = decide(recent, this.windows, nowMs);
    if (decision.admitted) this.sends.set(key, [...recent, nowMs], nowMs, nowMs + this.longestMs);
    return decision;
  }

  async close(): Promise<void> {}
}

/**
 * KEYS[1] the mobile's sorted set; ARGV: now, member, longest window ms, then (window ms, max) pairs.
 * Returns {0} when admitted (and added), else {1, retryAfterMs, windowIndex}.
 */
const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
local index = 0
for i = 4, #ARGV, 2 do
  local windowMs = tonumber(ARGV[i])
  local max = tonumber(ARGV[i + 1])
  local counting = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - windowMs), '+inf', 'WITHSCORES')
  local count = #counting / 2
  if count >= max then
    local oldest = tonumber(counting[(count - max) * 2 + 2])
    return {1, oldest + windowMs - now, index}
  end
  index = index + 1
end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return {0}
`;

export class RedisSendLimiter implements SmsSendLimiter {
  private readonly longestMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly namespace: string,
    private readonly windows: readonly SendWindow[] = DEFAULT_SEND_WINDOWS,
  ) {
    this.longestMs = Math.max(...windows.map((window) => window.seconds)) * 1000;
  }

  async admit(mobile: string, nowMs: number): Promise<Admission> {
    const pairs = this.windows.flatMap((window) => [window.seconds * 1000, window.max]);
    const answer = (await this.redis.eval(
      ADMIT_SCRIPT,
      1,
      `${this.namespace}:${mobileKey(mobile)}`,
      nowMs,
      `${nowMs}:${randomUUID()}`,
      this.longestMs,
      ...pairs,
    )) as number[];
    if (answer[0] === 0) return { admitted: true };
    return { admitted: false, retryAfterMs: Number(answer[1]), window: this.windows[Number(answer[2])]! };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
