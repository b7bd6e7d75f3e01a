/**
 * Revoked sessions, as seen by every gateway process. The auth center writes a session id here
 * before `logout`/`revokeSession` returns; each gateway checks it on every authenticated request, so
 * a revoked session's still-valid access token is refused at once. An entry only needs to outlive
 * the longest access token (after that the token is dead anyway and refresh is refused by the
 * auth center's database).
 */
import Redis, { Cluster } from 'ioredis';
import { ErrorCode, bankError } from '../errors';
import type { Logger } from '../observability/logger';
import { clusterMasterOf, connectRedis, isCluster, RedisClient, RedisTarget, redisTarget } from './connection';

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

/** Every revoked session with its expiry as score: what a gateway loads when its live view (re)starts. */
const REVOKED_SET = 'bank:revoked-sessions';
/** A revocation announced to every gateway as it happens. */
const REVOKED_CHANNEL = 'bank:session-revoked';
/**
 * On a Redis Cluster: the sharded channel (SPUBLISH/SSUBSCRIBE) named like the set, so that it hashes to
 * the set's slot — the set and its announcement are written by one MULTI on one shard, and a message
 * travels within that shard only instead of to every node of the cluster.
 */
const REVOKED_SHARD_CHANNEL = REVOKED_SET;

/** A check that could not be answered: refused, never taken for "not revoked". */
function revocationUnknown(): Error {
  return bankError(ErrorCode.ServiceUnavailable, '服务暂时不可用，请稍后重试', { httpStatus: 503 });
}

/**
 * Revocations in Redis, seen by each gateway through a live view instead of a lookup per request.
 * `revoke` writes the session's key (what gateways of the previous release look up), adds it to a
 * sorted set of revocations and publishes it, in one transaction. A gateway subscribes once, then
 * loads the set, and from then on answers `isRevoked` from memory — one Redis command less on every
 * authenticated request. A revocation reaches every gateway as soon as Redis delivers the message,
 * which it sends before it confirms the publish to the auth center: the message is on its way before
 * `logout` has answered the client. While the subscription is down (start, reconnect), when messages could be missed,
 * every check is a lookup in Redis, as it always was; the view is trusted again only after it has
 * re-subscribed and reloaded the set. A lookup Redis cannot answer refuses the request
 * (SERVICE_UNAVAILABLE): revocation fails closed.
 *
 * On a Redis Cluster the revocation is written in two parts, each within one hash slot: first the set
 * with its announcement on the sharded channel (one MULTI on the set's shard), then the session's key
 * (on whichever shard its slot is). A failure between the two leaves the revocation known to every
 * live view but not to lookups; `revoke` then throws, and the auth center's caller (logout) fails and
 * may be repeated — the database has revoked the session already. The view subscribes on the master
 * that serves the set.
 */
export class RedisRevocationStore implements SessionRevocationStore {
  private view: LiveRevocationView | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly now: () => number = Date.now,
    /** Redis CLIENT name of the subscription, to find it in `CLIENT LIST`. */
    private readonly subscriberName = 'bank-session-revocations',
  ) {}

  async revoke(sessionId: string): Promise<void> {
    const until = this.now() + REVOCATION_TTL_SECONDS * 1000;
    if (!isCluster(this.redis)) {
      succeeded(
        await this.redis
          .multi()
          .set(KEY_PREFIX + sessionId, '1', 'EX', REVOCATION_TTL_SECONDS)
          .zadd(REVOKED_SET, until, sessionId)
          .zremrangebyscore(REVOKED_SET, '-inf', this.now())
          .publish(REVOKED_CHANNEL, sessionId)
          .exec(),
      );
      return;
    }
    // The set and its announcement first: every live view learns of it even if the key below fails.
    succeeded(
      await this.redis
        .multi()
        .zadd(REVOKED_SET, until, sessionId)
        .zremrangebyscore(REVOKED_SET, '-inf', this.now())
        .spublish(REVOKED_SHARD_CHANNEL, sessionId)
        .exec(),
    );
    await this.redis.set(KEY_PREFIX + sessionId, '1', 'EX', REVOCATION_TTL_SECONDS);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    // The view starts with the first check: the auth center only ever writes and never subscribes.
    this.view ??= new LiveRevocationView(this.redis, this.now, this.subscriberName);
    const known = this.view.isRevoked(sessionId);
    if (known !== undefined) return known;
    try {
      return (await this.redis.exists(KEY_PREFIX + sessionId)) === 1;
    } catch {
      throw revocationUnknown();
    }
  }

  async close(): Promise<void> {
    this.view?.close();
    this.redis.disconnect();
  }
}

/** EXEC answers each command's error instead of failing: a revocation that was not written must not look done. */
function succeeded(results: [Error | null, unknown][] | null): void {
  const failed = results === null ? new Error('revocation transaction discarded') : results.find(([error]) => error)?.[0];
  if (failed) throw failed;
}

/** How often the subscription proves it still hears Redis, and how long without a sign it is not trusted. */
const HEARTBEAT_MS = 1_000;
const TRUSTED_WITHOUT_SIGN_MS = 3_000;

/** After a lost cluster subscription, how long before it is opened again (on the slot's master, wherever that is now). */
const RESUBSCRIBE_DELAY_MS = 250;

/**
 * The revoked sessions, kept current by the revocation channel; undefined while it cannot be
 * trusted. A connection that died without closing (a network partition) would go on looking
 * subscribed while hearing nothing, so the view also needs a PING answered in the last few seconds:
 * a deaf subscription costs at most that long before checks are lookups again.
 *
 * The subscription is a connection of its own. On one server it is a duplicate of the main connection
 * and reconnects by itself. On a cluster it is opened to the master serving the set (ioredis's own
 * cluster subscriber would move to another node silently, and the view must know when it may have
 * missed a message); when it ends — its node died — it is opened again on whichever node serves the
 * slot then, which after a failover is the promoted replica.
 */
class LiveRevocationView {
  /** Session id → when its revocation stops mattering (its last access token is dead by then). */
  private readonly revoked = new Map<string, number>();
  private subscriber: Redis | undefined;
  private live = false;
  private closed = false;
  /** Bumped on every disconnect: a reload that started before it must not mark the view live. */
  private epoch = 0;
  private sweepAbove = 1_000;
  private heardAt = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly now: () => number,
    private readonly subscriberName: string,
  ) {
    if (isCluster(redis)) void this.openOnCluster(redis);
    else this.watch(redis.duplicate({ connectionName: subscriberName }));
    this.heartbeat = setInterval(() => void this.listen(), HEARTBEAT_MS).unref();
  }

  private watch(subscriber: Redis): void {
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // the main connection already logs Redis errors
    const heard = (_channel: string, sessionId: string) => {
      this.heardAt = Date.now();
      this.add(sessionId, this.now() + REVOCATION_TTL_SECONDS * 1000);
    };
    subscriber.on('message', heard);
    subscriber.on('smessage', heard);
    const lost = () => {
      this.live = false;
      this.epoch += 1;
    };
    subscriber.on('close', lost);
    subscriber.on('reconnecting', lost);
    subscriber.on('ready', () => void this.resume(this.epoch));
  }

  private async openOnCluster(cluster: Cluster): Promise<void> {
    if (this.closed) return;
    const again = () => !this.closed && setTimeout(() => void this.openOnCluster(cluster), RESUBSCRIBE_DELAY_MS).unref();
    try {
      const master = await clusterMasterOf(cluster, REVOKED_SET);
      if (this.closed) return;
      // No reconnecting to the same address: a dead master's slot is served elsewhere after the failover.
      const subscriber = new Redis({ ...master, connectionName: this.subscriberName, retryStrategy: () => null, connectTimeout: 2_000 });
      this.watch(subscriber);
      subscriber.once('end', again);
    } catch {
      again();
    }
  }

  isRevoked(sessionId: string): boolean | undefined {
    return this.live && Date.now() - this.heardAt < TRUSTED_WITHOUT_SIGN_MS ? this.revoked.has(sessionId) : undefined;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.closed = true;
    this.live = false;
    this.epoch += 1;
    this.subscriber?.disconnect();
  }

  /** One PING on the subscription; no answer within a beat drops the connection so that it reconnects and reloads. */
  private async listen(): Promise<void> {
    const subscriber = this.subscriber;
    if (subscriber?.status !== 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<'silent'>((resolve) => (timer = setTimeout(() => resolve('silent'), HEARTBEAT_MS)));
    const answer = await Promise.race([
      subscriber.ping().then(
        () => 'heard' as const,
        () => 'silent' as const,
      ),
      silent,
    ]);
    clearTimeout(timer);
    if (answer === 'heard') this.heardAt = Date.now();
    // One server: reconnect. Cluster: the connection ends, and is opened again on the slot's master.
    else subscriber.disconnect(!isCluster(this.redis));
  }

  private add(sessionId: string, until: number): void {
    this.revoked.set(sessionId, Math.max(until, this.revoked.get(sessionId) ?? 0));
    // Expired entries go when the map has doubled since the last sweep: amortised, never per request.
    if (this.revoked.size > this.sweepAbove) {
      const now = this.now();
      for (const [id, expiresAt] of this.revoked) if (expiresAt <= now) this.revoked.delete(id);
      this.sweepAbove = Math.max(1_000, this.revoked.size * 2);
    }
  }

  /** Subscribe first, then load: a revocation made in between arrives as a message, so none is missed. */
  private async resume(epoch: number): Promise<void> {
    try {
      const subscriber = this.subscriber!;
      if (isCluster(this.redis)) await subscriber.ssubscribe(REVOKED_SHARD_CHANNEL);
      else await subscriber.subscribe(REVOKED_CHANNEL);
      const entries = await this.redis.zrangebyscore(REVOKED_SET, this.now(), '+inf', 'WITHSCORES');
      if (epoch !== this.epoch) return;
      for (let index = 0; index < entries.length; index += 2) this.add(entries[index]!, Number(entries[index + 1]));
      this.heardAt = Date.now();
      this.live = true;
    } catch {
      // Still a lookup per request meanwhile; try again unless the connection has gone (its `ready` will).
      if (epoch === this.epoch) setTimeout(() => epoch === this.epoch && void this.resume(epoch), 1_000).unref();
    }
  }
}

export function createSessionRevocationStore(log: Logger, target: RedisTarget | undefined = redisTarget()): SessionRevocationStore {
  if (!target) {
    log.info('no Redis configured (REDIS_URL, REDIS_CLUSTER_NODES): session revocation uses the in-process store (one process only)');
    return new InProcessRevocationStore();
  }
  return new RedisRevocationStore(connectRedis(target, log, 'session-revocation'));
}
