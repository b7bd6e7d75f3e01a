/**
 * The replicas behind one target address (platform/http/replicaTargets.ts) and which of them takes the next call.
 *
 * - Each call goes to the ready replica with the fewest calls in flight (ties in turn), so a slow replica gets less.
 * - With more than one replica, each one's `/health/ready` is polled every `READINESS_INTERVAL_MS`: a replica that is
 *   shutting down (readiness off while it drains) or unhealthy gets no new calls; it gets them again once it answers
 *   ready. A host name is looked up again every 5 s, so a replica an autoscaler adds is polled and then called.
 * - A call that never reached a replica — the connection was refused or could not be made, so not one byte of the
 *   request was sent — is sent to another replica, and the one that refused counts as not ready until its readiness
 *   says otherwise. Any other failure is the caller's: once a request may have been received it is never sent again,
 *   because a mutation (a transfer) received twice could move money twice.
 * When no replica is ready the call still tries them (a readiness view can lag behind a replica that came back).
 *
 * undici's `BalancedPool` was the first candidate, but it cannot tell which upstream a failed request went to, nor keep
 * the retry off it; so the choice is made here and undici's `Agent` (a kept-alive pool per replica) carries the call.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, Dispatcher } from 'undici';
import { readinessIntervalMs } from '../config';
import { parseReplicaTargets, resolveReplicaUrls } from './replicaTargets';

/** Failures where the request never left this process: no connection was ever made. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export const DNS_REFRESH_MS = 5_000;
const READINESS_PATH = '/health/ready';

export function neverReachedReplica(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NEVER_SENT.has(code);
}

export interface ReplicaRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
}

export interface ReplicaAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Replica {
  url: URL;
  ready: boolean;
  inFlight: number;
}

export interface ReplicaSetOptions {
  /** Default `READINESS_INTERVAL_MS`. */
  readinessIntervalMs?: number;
  dnsRefreshMs?: number;
}

/** Every replica set of the process, for the `bank_upstream_replicas` gauge. */
const live = new Set<ReplicaSet>();

export function liveReplicaSets(): ReadonlySet<ReplicaSet> {
  return live;
}

export class ReplicaSet {
  private replicas: Replica[];
  private turn = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly resolvable?: URL;
  private closed = false;

  constructor(
    /** The target address as configured (the gauge's label). */
    readonly target: string,
    private readonly agent: Agent,
    options: ReplicaSetOptions = {},
  ) {
    const targets = parseReplicaTargets(target);
    this.resolvable = targets.resolvable;
    // Known replicas start ready: the first readiness poll (at once) corrects the view.
    this.replicas = targets.urls.map((url) => ({ url: new URL(url), ready: true, inFlight: 0 }));
    if (this.resolvable) {
      this.every(options.dnsRefreshMs ?? DNS_REFRESH_MS, () => this.resolve());
      void this.resolve();
    }
    if (this.resolvable || this.replicas.length > 1) {
      this.every(options.readinessIntervalMs ?? readinessIntervalMs(), () => this.pollReadiness());
      void this.pollReadiness();
    }
    live.add(this);
  }

  /** Replicas known, and of those the ones taking calls. */
  counts(): { known: number; ready: number } {
    return { known: this.replicas.length, ready: this.replicas.filter((replica) => replica.ready).length };
  }

  async request(request: ReplicaRequest): Promise<ReplicaAnswer> {
    const tried = new Set<Replica>();
    for (;;) {
      const replica = this.pick(tried);
      if (!replica) throw new Error(`no replica of ${this.target} to call`);
      tried.add(replica);
      replica.inFlight += 1;
      try {
        const response = await this.agent.request({
          origin: replica.url.origin,
          path: replica.url.pathname + replica.url.search,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
        });
        const body = Buffer.from(await response.body.arrayBuffer());
        return { status: response.statusCode, statusText: response.statusText, headers: response.headers, body };
      } catch (error) {
        if (!neverReachedReplica(error) || request.signal.aborted) throw error;
        replica.ready = false;
        if (tried.size >= this.replicas.length) throw error;
      } finally {
        replica.inFlight -= 1;
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    live.delete(this);
  }

  /** The ready replica with the fewest calls in flight, taking turns among equals; any untried one when none is ready. */
  private pick(tried: Set<Replica>): Replica | undefined {
    const untried = this.replicas.filter((replica) => !tried.has(replica));
    const ready = untried.filter((replica) => replica.ready);
    const candidates = ready.length > 0 ? ready : untried;
    if (candidates.length === 0) return undefined;
    this.turn = (this.turn + 1) % candidates.length;
    let best = candidates[this.turn]!;
    for (const candidate of candidates) if (candidate.inFlight < best.inFlight) best = candidate;
    return best;
  }

  private async pollReadiness(): Promise<void> {
    const interval = readinessIntervalMs();
    await Promise.all(
      this.replicas.map(async (replica) => {
        const ready = await this.answersReady(replica.url, interval);
        if (!this.closed) replica.ready = ready;
      }),
    );
  }

  private async answersReady(url: URL, timeoutMs: number): Promise<boolean> {
    try {
      const response = await this.agent.request({
        origin: url.origin,
        path: READINESS_PATH,
        method: 'GET',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  private async resolve(): Promise<void> {
    let urls: string[];
    try {
      urls = await resolveReplicaUrls(this.resolvable!);
    } catch {
      return; // keep the replicas known until the name resolves again
    }
    if (this.closed || urls.length === 0) return;
    const known = new Map(this.replicas.map((replica) => [replica.url.toString(), replica]));
    // A new address is called once its readiness says so: polled at once.
    const fresh = urls.filter((url) => !known.has(url));
    this.replicas = urls.map((url) => known.get(url) ?? { url: new URL(url), ready: false, inFlight: 0 });
    if (fresh.length > 0) await this.pollReadiness();
  }

  private every(ms: number, work: () => Promise<void>): void {
    const timer = setInterval(() => void work(), ms);
    timer.unref();
    this.timers.push(timer);
  }
}
