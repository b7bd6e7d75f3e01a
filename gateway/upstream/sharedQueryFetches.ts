/**
 * Identical subgraph queries in flight at the same moment are sent once and the answer shared:
 * same subgraph, same internal credential (so the same customer, session and channel), same
 * document and variables. Each caller gets its own copy of the response body to parse. Only
 * queries are shared — a mutation is always sent as asked. Peer gateways (Hive Gateway's
 * in-flight deduplication) do the same; under load a burst of identical home-screen requests
 * then costs the centers one query instead of twenty.
 * A mutation sent with a credential ends the sharing of that credential's queries already in flight:
 * a query asked after a customer's transfer never receives an answer read before it.
 */
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { INTERNAL_IDENTITY_HEADER } from '../../platform/identity/identity';
import { BufferedResponse } from './bufferedResponse';

export function shareIdenticalQueries(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<BufferedResponse>>();
  const shared: Fetcher = async (url, init) => {
    const key = shareKey(url, init);
    if (!key) {
      const credential = credentialOf(init);
      if (credential) for (const pending of inFlight.keys()) if (pending.includes(`\n${credential}\n`)) inFlight.delete(pending);
      return fetcher(url, init);
    }
    let answer = inFlight.get(key);
    if (!answer) {
      answer = fetcher(url, init).then(buffered);
      inFlight.set(key, answer);
      const mine = answer;
      // Only this fetch's own entry: a newer fetch under the same key (after a mutation) stays.
      const forget = () => inFlight.get(key) === mine && inFlight.delete(key);
      answer.then(forget, forget);
    }
    return (await answer).clone();
  };
  return shared;
}

/** The subgraph fetcher answers with a BufferedResponse already; any other fetcher's answer is read into one. */
async function buffered(response: FetcherResponse): Promise<BufferedResponse> {
  if (response instanceof BufferedResponse) return response;
  const body = Buffer.from(await response.arrayBuffer());
  return new BufferedResponse(response.url, response.status, response.statusText, new Headers([...response.headers]), body);
}

/** Undefined for anything that is not plainly a query (then it is sent as is). */
function shareKey(url: string, init: Parameters<Fetcher>[1]): string | undefined {
  const body = init?.body;
  if (typeof body !== 'string' || (init?.method ?? 'POST') !== 'POST') return undefined;
  // The gateway serialises `{"query":"<operation>",…}`; anything else (a mutation, another shape) is not shared.
  if (!body.startsWith('{"query":"query ') && !body.startsWith('{"query":"query{') && !body.startsWith('{"query":"{')) return undefined;
  const credential = credentialOf(init);
  if (!credential) return undefined;
  return `${url}\n${credential}\n${body}`;
}

function credentialOf(init: Parameters<Fetcher>[1]): string | undefined {
  return ((init?.headers ?? {}) as Record<string, string>)[INTERNAL_IDENTITY_HEADER];
}
