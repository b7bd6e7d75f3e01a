/**
 * HTTP between the platform's own processes (gateway → centers, center → center): kept-alive connections per replica
 * (an undici `Agent`), no pipelining, so a slow answer never holds up the calls queued behind it, and one budget for
 * the whole call, reading the body included: a peer that sends its headers and then stalls is still hanging. undici
 * directly, not global `fetch`, which wraps the same client in WHATWG streams and Request/Response objects (measurable
 * per call). Idle connections never keep a process alive, and close after at most IDLE_CONNECTION_MAX_MS whatever the
 * peer's Keep-Alive hint, so none outlives a replica's drain by much.
 *
 * A target address may name several replicas (a list, or a host name with several addresses): each call goes to a
 * ready one, and a call no replica ever received moves on to another (platform/http/replicaSet.ts).
 */
import { Agent } from 'undici';
import { ReplicaAnswer, ReplicaSet } from './replicaSet';

export interface PooledRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole-call budget in ms (every replica tried included). */
  timeoutMs: number;
}

export type PooledAnswer = ReplicaAnswer;

/** The budget ran out (connect, send or read); any other failure is thrown as it came. */
export class PooledRequestTimeout extends Error {
  constructor(readonly url: string) {
    super(`no complete answer from ${url} within the budget`);
  }
}

export interface PooledHttpClient {
  /** `url`: one URL, a comma-separated list of a target's replicas, or a URL whose host name resolves to them. */
  request(url: string, request: PooledRequest): Promise<PooledAnswer>;
  /** Closes every pool and stops watching replicas; a later request opens new ones. */
  close(): Promise<void>;
}

/** The longest a platform caller keeps an idle connection (undici's own default, shorter than any drain). */
export const IDLE_CONNECTION_MAX_MS = 4_000;

export function pooledHttpClient(options: { connectionsPerOrigin: number }): PooledHttpClient {
  let agent: Agent | undefined;
  const targets = new Map<string, ReplicaSet>();
  const replicasOf = (url: string) => {
    agent ??= new Agent({
      connections: options.connectionsPerOrigin,
      pipelining: 1,
      keepAliveTimeout: IDLE_CONNECTION_MAX_MS,
      keepAliveMaxTimeout: IDLE_CONNECTION_MAX_MS,
    });
    let replicas = targets.get(url);
    if (!replicas) {
      replicas = new ReplicaSet(url, agent);
      targets.set(url, replicas);
    }
    return replicas;
  };
  return {
    async request(url, { method, headers, body, timeoutMs }) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        return await replicasOf(url).request({ method, headers, body, signal: controller.signal });
      } catch (error) {
        throw controller.signal.aborted ? new PooledRequestTimeout(url) : error;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      for (const replicas of targets.values()) replicas.close();
      targets.clear();
      const closing = agent;
      agent = undefined;
      await closing?.destroy();
    },
  };
}
