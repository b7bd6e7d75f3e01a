/**
 * `npx tsx scripts/bench-transfers.ts [transfers] [concurrency]` against a running platform
 * (`npm start`): signs 13800000001 and 13800000002 in, sends transfers of 0.01 back and forth
 * through the gateway, and prints completed transfers per second and the ledger drift
 * (sum of every balance, customer + GL, before vs after, from the account center's audit; must be 0).
 * A figure to print, not a test.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER, signServiceCredential } from '../subgraphs/kit/identity';
import { centerUrl } from '../subgraphs/kit/config';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const total = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 20);

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: { message: string }[] }> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: T; errors?: { message: string }[] }>;
}

async function audit() {
  const credential = await signServiceCredential({ service: 'finance', scopes: ['account:ledger:read'] });
  const response = await fetch(centerUrl('account'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential },
    body: JSON.stringify({ query: '{ ledgerAudit { sumOfAllBalances unbalancedEntries overdrawnCustomerAccounts duplicatePostings } }' }),
  });
  return ((await response.json()) as { data: { ledgerAudit: Record<string, string | number> } }).data.ledgerAudit;
}

async function main() {
  const [a, b] = DEMO_CUSTOMERS;
  const login = async (customer: typeof a) => {
    const body = await gql<{ login: { accessToken: string } }>(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: { mobile: customer!.mobile, password: DEMO_PASSWORD, device: { deviceId: customer!.deviceId } } },
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.login.accessToken;
  };
  const parties = [
    { token: await login(a), from: a!.accounts[0]!.id, to: b!.accounts[0]!.number, name: b!.name },
    { token: await login(b), from: b!.accounts[0]!.id, to: a!.accounts[0]!.number, name: a!.name },
  ];
  const before = await audit();
  let next = 0;
  let completed = 0;
  const outcomes = new Map<string, number>();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const party = parties[(next += 1) % 2]!;
        const body = await gql<{ createTransfer: { __typename: string } }>(
          'mutation($i: CreateTransferInput!) { createTransfer(input: $i) { __typename } }',
          { i: { fromAccountId: party.from, toAccountNumber: party.to, toName: party.name, amount: '0.01', idempotencyKey: randomUUID() } },
          party.token,
        );
        const kind = body.data?.createTransfer.__typename ?? `error:${body.errors?.[0]?.message}`;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        if (kind === 'TransferCompleted') completed += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = await audit();
  console.log(`transfers: ${total}, concurrency ${concurrency}, ${seconds.toFixed(2)} s`);
  console.log(`completed end-to-end through the gateway: ${(completed / seconds).toFixed(1)} transfers/s`);
  console.log('outcomes:', Object.fromEntries(outcomes));
  console.log(`ledger before: ${JSON.stringify(before)}`);
  console.log(`ledger after:  ${JSON.stringify(after)}`);
  console.log(`drift: ${before.sumOfAllBalances === after.sumOfAllBalances ? '0' : `${before.sumOfAllBalances} -> ${after.sumOfAllBalances}`}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
