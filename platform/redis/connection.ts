/**
 * The one place Redis connections are made: a single server (`REDIS_URL`) or a Redis Cluster
 * (`REDIS_CLUSTER_NODES`, ioredis's `Redis.Cluster`). Every Redis use (rate limits, session
 * revocation, the response cache, the auth center's counters and SMS limits) takes its connection
 * from here and works on both; where a cluster changes what a use may do in one command (keys of one
 * script must share a hash slot), the use asks `isCluster`. Without either setting callers fall back
 * to in-process stores and say so in the log: that works for one process (npm start runs every part
 * in one), not for several gateway processes.
 */
import Redis, { Cluster } from 'ioredis';
import type { Logger } from '../observability/logger';

/** A connection to either: the commands the platform uses are the same on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one server, or a cluster's seed nodes (any reachable one reveals the rest). */
export type RedisTarget = { kind: 'server'; url: string } | { kind: 'cluster'; nodes: { host: string; port: number }[] };

/** `host:port,host:port`: IPv6 addresses in brackets (`[::1]:7000`). */
export function parseClusterNodes(setting: string): { host: string; port: number }[] {
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
      if (!match) throw new Error(`REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
      return { host: match[1]!, port: Number(match[2]) };
    });
}

/** The configured Redis: a cluster when REDIS_CLUSTER_NODES is set (it wins over REDIS_URL), else REDIS_URL, else none. */
export function redisTarget(env: NodeJS.ProcessEnv = process.env): RedisTarget | undefined {
  if (env.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: parseClusterNodes(env.REDIS_CLUSTER_NODES) };
  if (env.REDIS_URL) return { kind: 'server', url: env.REDIS_URL };
  return undefined;
}

/** A test's or a caller's explicit choice: a URL string is one server. */
export function asRedisTarget(target: RedisTarget | string): RedisTarget {
  return typeof target === 'string' ? { kind: 'server', url: target } : target;
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

/**
 * A connection that fails fast instead of queueing commands forever while Redis is down.
 * Auto-pipelining: the commands that concurrent requests issue in one event-loop turn (rate-limit
 * counters, revocation checks) go out in one socket write and come back in one read, instead of a
 * write and a read each; order and answers are unchanged. On a cluster, a command for a slot whose
 * master has just died is retried for about two seconds (ioredis's defaults: up to 16 tries 100 ms
 * apart), long enough for a manual failover, and then fails, so that each use's own fallback takes over.
 */
export function connectRedis(target: RedisTarget | string, log: Logger, purpose: string): RedisClient {
  const where = asRedisTarget(target);
  const serverOptions = { maxRetriesPerRequest: 2, connectTimeout: 2_000 };
  const redis =
    where.kind === 'server'
      ? new Redis(where.url, { ...serverOptions, lazyConnect: false, enableAutoPipelining: true })
      : new Cluster(where.nodes, { redisOptions: serverOptions, enableAutoPipelining: true });
  redis.on('error', (error: Error) => log.warn({ err: error.message, purpose }, 'redis error'));
  // A cluster reports a node it cannot reach (a master that died, before its replica takes over) here, not as `error`.
  if (isCluster(redis))
    redis.on('node error', (error: Error, node: string) => log.warn({ err: error.message, node, purpose }, 'redis node error'));
  return redis;
}

/** The master serving `key` now, as the cluster says (CLUSTER KEYSLOT, then CLUSTER SLOTS). */
export async function clusterMasterOf(cluster: Cluster, key: string): Promise<{ host: string; port: number }> {
  const slot = Number(await cluster.cluster('KEYSLOT', key));
  const range = (await cluster.cluster('SLOTS')).find(([from, to]) => from <= slot && slot <= to);
  const master = range?.[2];
  if (!master) throw new Error(`no master serves slot ${slot}`);
  return { host: master[0], port: Number(master[1]) };
}
