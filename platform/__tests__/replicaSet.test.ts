/**
 * The replicas behind one target: calls spread over the ready ones, a replica whose readiness fails gets none, a call
 * refused at connect moves to another replica, and a call a replica may have received is never sent again.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { ReplicaSet } from '../http/replicaSet';
import { parseReplicaTargets, withTargetPath } from '../http/replicaTargets';

interface Replica {
  server: Server;
  url: string;
  calls: number;
  ready: boolean;
  /** Cut the connection once the request has arrived (it was received, no answer). */
  cutAfterReceiving: boolean;
}

async function replica(): Promise<Replica> {
  const state = { calls: 0, ready: true, cutAfterReceiving: false } as Replica;
  state.server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/health/ready') {
      response.writeHead(state.ready ? 200 : 503).end();
      return;
    }
    request.resume();
    request.on('end', () => {
      state.calls += 1;
      if (state.cutAfterReceiving) request.socket.destroy();
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
    });
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/graphql`;
  return state;
}

/** A port nothing listens on: a server opened and closed again. */
async function refusingUrl(): Promise<string> {
  const closed = await replica();
  await new Promise((resolve) => closed.server.close(resolve));
  return closed.url;
}

const agent = new Agent({ connections: 4, pipelining: 1 });
const sets: ReplicaSet[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const set of sets) set.close();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await agent.close();
});

async function replicas(count: number): Promise<Replica[]> {
  const started = await Promise.all(Array.from({ length: count }, replica));
  servers.push(...started.map((started) => started.server));
  return started;
}

function replicaSet(target: string, readinessIntervalMs = 50): ReplicaSet {
  const set = new ReplicaSet(target, agent, { readinessIntervalMs });
  sets.push(set);
  return set;
}

const post = (set: ReplicaSet) =>
  set.request({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"mutation M { m }"}',
    signal: AbortSignal.timeout(30_000),
  });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

test('a target is one URL, a list of replicas, or a host name to resolve', () => {
  expect(parseReplicaTargets('http://127.0.0.1:4002/graphql')).toEqual({ urls: ['http://127.0.0.1:4002/graphql'], resolvable: undefined });
  expect(parseReplicaTargets(' http://10.0.0.5:4002/graphql , http://10.0.0.6:4002/graphql').urls).toEqual([
    'http://10.0.0.5:4002/graphql',
    'http://10.0.0.6:4002/graphql',
  ]);
  expect(parseReplicaTargets('http://account.bank.svc:4002/graphql').resolvable?.hostname).toBe('account.bank.svc');
  // Over HTTPS the certificate names the host: it is called by name.
  expect(parseReplicaTargets('https://account.bank.example/graphql').resolvable).toBeUndefined();
  expect(withTargetPath('http://a:1/graphql,http://b:2/graphql', '/.well-known/jwks.json')).toBe(
    'http://a:1/.well-known/jwks.json,http://b:2/.well-known/jwks.json',
  );
});

test('calls spread over the replicas, and one whose readiness fails gets no more', async () => {
  const [first, second] = await replicas(2);
  const set = replicaSet(`${first!.url},${second!.url}`);
  await Promise.all(Array.from({ length: 20 }, () => post(set)));
  expect(first!.calls).toBeGreaterThan(0);
  expect(second!.calls).toBeGreaterThan(0);

  second!.ready = false;
  await until(() => set.counts().ready === 1);
  const before = second!.calls;
  await Promise.all(Array.from({ length: 20 }, () => post(set)));
  expect(second!.calls).toBe(before);

  second!.ready = true;
  await until(() => set.counts().ready === 2);
  await Promise.all(Array.from({ length: 20 }, () => post(set)));
  expect(second!.calls).toBeGreaterThan(before);
});

test('a call refused at connect goes to another replica, even a mutation', async () => {
  const [alive] = await replicas(1);
  const refusing = await refusingUrl();
  // A long readiness interval: the refusing replica is still counted ready when the calls start.
  const set = replicaSet(`${refusing},${alive!.url}`, 60_000);
  const answers = await Promise.all(Array.from({ length: 10 }, () => post(set)));
  expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
  expect(alive!.calls).toBe(10);
  // Taken out of rotation until its readiness says otherwise.
  expect(set.counts()).toEqual({ known: 2, ready: 1 });
});

test('a call a replica may have received is never sent to another', async () => {
  const [cutting, other] = await replicas(2);
  cutting!.cutAfterReceiving = true;
  other!.ready = false;
  const set = replicaSet(`${cutting!.url},${other!.url}`);
  await until(() => set.counts().ready === 1);
  await expect(post(set)).rejects.toBeDefined();
  expect(cutting!.calls).toBe(1);
  expect(other!.calls).toBe(0);
});
