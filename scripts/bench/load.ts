/**
 * One measurement: autocannon on loopback against one peer, bounded in time and in requests,
 * after an unmeasured warm-up. Responses are checked as they arrive: a non-2xx status or a
 * GraphQL `errors` member counts as a failure, so a peer cannot look fast by failing fast.
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  /** A new body per request (unique keys for mutations). */
  body(): string;
  /**
   * When set, each connection gets its own sender: headers (its access token) and bodies for
   * connection 0, 1, … (autocannon keeps one context per connection).
   */
  perConnection?(connection: number): { headers: Record<string, string>; body(): string };
  connections: number;
  durationSeconds: number;
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  failures: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
  firstFailure?: string;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let failures = 0;
  let firstFailure: string | undefined;
  let nextConnection = 0;
  const senders: { headers: Record<string, string>; body(): string }[] = [];
  const startedAt = process.hrtime.bigint();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    maxOverallRequests: Math.max(spec.maxRequests, spec.connections),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        setupRequest: (request, context: { connection?: number }) => {
          if (!spec.perConnection) return { ...request, body: spec.body() };
          context.connection ??= nextConnection++;
          const sender = (senders[context.connection] ??= spec.perConnection(context.connection));
          return { ...request, headers: { ...request.headers, ...sender.headers }, body: sender.body() };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && !body.includes('"errors"')) return;
          failures += 1;
          firstFailure ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const requests = result.requests.total;
  return {
    requests,
    failures: failures + result.errors + result.timeouts,
    rps: requests / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    seconds,
    firstFailure,
  };
}
