/**
 * Counters behind the rate limits, in Redis, so every gateway process counts against the same
 * numbers. All the buckets one check needs are counted by ONE Lua script call — one round trip
 * and one command however many buckets — in the order given, stopping at the first bucket over
 * its limit, exactly as counting them one after another would (a refused request is not counted
 * in the buckets after the one that refused it). The keys and their arithmetic are those of
 * `rate-limiter-flexible`'s RateLimiterRedis (`<prefix>:<bucket>:<key>`, a count that expires with
 * its window), so processes of an earlier release share the same counters during a rolling
 * restart. Without Redis, or while Redis is unreachable, counting falls back to this process's
 * memory and says so in the log.
 *
 * On a Redis Cluster the keys of one script must share a hash slot. A caller's own counters
 * (customer, operation, sensitive, address: everything keyed by one customer or one address) carry
 * the caller as a hash tag, `<prefix>:{customer:<id>}:<bucket>:<key>`, and are still counted by one
 * script call; a shared counter (the channel's) is counted by a call of its own before them. The
 * order and the stop at the first refusal are kept; what is given up is that the channel and the
 * caller's counters are no longer moved in one instant (another request may be counted between the
 * two calls), and that a check may be counted partly in Redis and partly in memory while one master
 * fails over.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../../platform/observability/logger';
import { isCluster, RedisClient } from '../../../platform/redis/connection';
import type { RateBucketName, RateLimitPolicy } from './policy';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; bucket: RateBucketName };

/**
 * One counter to consume: the bucket, the key within it, and whose counter it is (`customer:<id>`,
 * `address:<ip>`; none for a shared counter such as a channel's). The owner places the counter on a
 * Redis Cluster: one owner's counters share a hash slot.
 */
export type RateCheck = readonly [bucket: RateBucketName, key: string, owner?: string];

export interface RateLimiter {
  consume(bucket: RateBucketName, key: string, owner?: string): Promise<RateDecision>;
  /** Consumes the checks in order, stopping at the first refusal; one Redis round trip (on a cluster, one per slot). */
  consumeAll(checks: readonly RateCheck[]): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  policy: RateLimitPolicy;
  redis?: RedisClient;
  /** Key namespace in Redis; gateways that must share counters use the same one. */
  keyPrefix: string;
  log: Logger;
}

const BUCKETS = ['address', 'customer', 'channel', 'operation', 'sensitive'] as const;

/**
 * KEYS: the counters in order; ARGV: window seconds and points, per key. Per key the same steps as
 * rate-limiter-flexible's script (create with its window if absent, add one, read the time left,
 * repair a missing expiry); returns {index of the first key over its points (1-based), ms left}
 * or {0, 0} when every key is within its points.
 */
const CONSUME_SCRIPT = `
for index, key in ipairs(KEYS) do
  local duration = tonumber(ARGV[index * 2 - 1])
  local points = tonumber(ARGV[index * 2])
  redis.call('set', key, 0, 'EX', duration, 'NX')
  local consumed = redis.call('incrby', key, 1)
  local ttl = redis.call('pttl', key)
  if ttl == -1 then
    redis.call('expire', key, duration)
    ttl = 1000 * duration
  end
  if consumed > points then
    return {index, ttl}
  end
end
return {0, 0}
`;

type ConsumeCommand = (...arguments_: (string | number)[]) => Promise<[number, number]>;

/**
 * The script as one command per number of keys (1 to `most`), all defined at once when the limiter is
 * made: `consume(keys, [...keys, ...windows])`. Not when first needed: an auto-pipeline copies the
 * connection's commands when it opens, so a command defined while one is open (another use of the
 * connection in the same event-loop turn) is missing from it, and ioredis then rejects the check and
 * throws an uncaught TypeError when that pipeline runs ("results[i] is not iterable").
 */
function consumeCommands(
  redis: RedisClient,
  most: number,
): (keys: number, commandArguments: (string | number)[]) => Promise<[number, number]> {
  const commands = redis as unknown as Record<string, ConsumeCommand | undefined>;
  const name = (keys: number) => `bankRateLimitConsume${keys}`;
  for (let keys = 1; keys <= most; keys += 1)
    if (!commands[name(keys)]) redis.defineCommand(name(keys), { lua: CONSUME_SCRIPT, numberOfKeys: keys });
  return (keys, commandArguments) => {
    const consume = commands[name(keys)];
    if (!consume) throw new Error(`no rate-limit script for ${keys} counters (at most ${most})`);
    return consume.call(redis, ...commandArguments);
  };
}

/** After Redis failed to answer, how long checks go straight to memory instead of waiting on it again. */
const REDIS_RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * The checks that one script call may count together, in order: all of them on one server; on a
 * cluster, each run of consecutive checks of one owner, and each shared counter alone.
 */
export function scriptParts(checks: readonly RateCheck[], cluster: boolean): RateCheck[][] {
  if (!cluster) return [[...checks]];
  const parts: RateCheck[][] = [];
  for (const check of checks) {
    const last = parts[parts.length - 1];
    if (last && check[2] !== undefined && last[0]![2] === check[2]) last.push(check);
    else parts.push([check]);
  }
  return parts;
}

/** The counter's key: rate-limiter-flexible's on one server; with the owner as hash tag on a cluster. */
export function counterKey(keyPrefix: string, [bucket, key, owner]: RateCheck, cluster: boolean): string {
  return cluster && owner !== undefined ? `${keyPrefix}:{${owner}}:${bucket}:${key}` : `${keyPrefix}:${bucket}:${key}`;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { policy, redis, keyPrefix, log } = options;
  if (!redis) log.warn('no Redis configured (REDIS_URL, REDIS_CLUSTER_NODES): rate limits are counted in this process only');
  const cluster = redis !== undefined && isCluster(redis);
  const memory = new Map<RateBucketName, RateLimiterMemory>();
  const windowArguments = new Map<RateBucketName, [string, string]>();
  for (const bucket of BUCKETS) {
    const { points, durationSeconds: duration } = policy[bucket];
    memory.set(bucket, new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:${bucket}` }));
    windowArguments.set(bucket, [String(duration), String(points)]);
  }
  // defineCommand sends EVALSHA, and the script itself only when Redis does not know it yet. One command per
  // number of keys, so that ioredis knows which arguments are keys: auto-pipelining on a cluster groups
  // commands by their first key's slot.
  const consumeInRedis = redis ? consumeCommands(redis, BUCKETS.length) : undefined;

  /** The in-process counters: alone without Redis, and as insurance while Redis does not answer. */
  async function consumeInMemory(checks: readonly RateCheck[]): Promise<RateDecision> {
    for (const [bucket, key] of checks) {
      try {
        await memory.get(bucket)!.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return refused(bucket, rejection.msBeforeNext);
        throw rejection;
      }
    }
    return { allowed: true };
  }

  let warnedFallback = false;
  let redisFailedAt = -Infinity;
  /** One script call for `part`, or undefined when Redis did not answer. */
  async function consumePartInRedis(part: readonly RateCheck[]): Promise<RateDecision | undefined> {
    // Fail fast to the insurance counters instead of queueing behind a reconnect or a failover.
    if (!consumeInRedis || redis!.status !== 'ready' || Date.now() - redisFailedAt < REDIS_RETRY_AFTER_FAILURE_MS) return undefined;
    const commandArguments: (string | number)[] = [];
    for (const check of part) commandArguments.push(counterKey(keyPrefix, check, cluster));
    for (const [bucket] of part) commandArguments.push(...windowArguments.get(bucket)!);
    try {
      const [refusedIndex, msLeft] = await consumeInRedis(part.length, commandArguments);
      return refusedIndex > 0 ? refused(part[refusedIndex - 1]![0], Number(msLeft)) : { allowed: true };
    } catch (error) {
      redisFailedAt = Date.now();
      if (!warnedFallback) log.warn({ err: error }, 'rate limits counted in this process while redis does not answer');
      warnedFallback = true;
      return undefined;
    }
  }

  async function consumeAll(checks: readonly RateCheck[]): Promise<RateDecision> {
    if (checks.length === 0) return { allowed: true };
    try {
      for (const part of scriptParts(checks, cluster)) {
        const decision = (await consumePartInRedis(part)) ?? (await consumeInMemory(part));
        if (!decision.allowed) return decision;
      }
      return { allowed: true };
    } catch (error) {
      // Neither Redis nor the insurance counters answered: admit rather than fail the bank's front door.
      if (!warnedFallback) log.warn({ err: error }, 'rate limiter unavailable; admitting requests');
      warnedFallback = true;
      return { allowed: true };
    }
  }

  return {
    consume: (bucket, key, owner) => consumeAll([[bucket, key, owner]]),
    consumeAll,
  };
}

function refused(bucket: RateBucketName, msBeforeNext: number): RateDecision {
  return { allowed: false, bucket, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}
