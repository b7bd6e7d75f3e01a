/**
 * `npx tsx scripts/bench-transfers.ts [transfers] [concurrency] [customers]` against a running
 * platform (`npm start`, same DATABASE_URL / DATABASE_NAME_PREFIX and secrets): same-bank
 * transfers of 0.01 through the gateway, and the completed transfers per second and the ledger
 * drift (sum of every balance, customer + GL, before vs after, from the account center's audit;
 * must be 0). A figure to print, not a test.
 *
 * - customers ≥ 2 (default 40): the bench crowd (scripts/bench/seed.ts) is written into the
 *   platform's databases if missing, the payers sign in, and each concurrent sender pays from its
 *   own customer to another — many customers at once, as a bank sees it.
 * - customers = 1: every sender pays from 13800000001 to 13800000002 (one customer's lock and
 *   account rows shared by every sender).
 * Either way the risk velocity rules of the platform are raised (every other rule stays on), as
 * the bench does, or most transfers after the tenth of a customer would be challenged.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER, signServiceCredential } from '../platform/identity/identity';
import { centerDatabaseUrl, centerUrl } from '../platform/config';
import { createPrismaClient } from '../subgraphs/kit/database/prismaClient';
import { PrismaClient as AccountClient } from '../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as AuthClient } from '../subgraphs/auth/__generated__/prisma/client';
import { PrismaClient as FinanceClient } from '../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as UserClient } from '../subgraphs/user/__generated__/prisma/client';
import { deviceCookie } from './bench/deviceProof';
import { crowdCustomers, crowdPair, raiseVelocityRules, seedCrowd } from './bench/seed';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const total = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 20);
const customers = Number(process.argv[4] ?? 40);

async function gql<T>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  /** Signing in: the customer whose verified browser sends its device cookie. */
  device?: DemoCustomer,
): Promise<{ data?: T; errors?: { message: string }[] }> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-channel': 'WEB',
      ...(device ? { cookie: deviceCookie(device) } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: T; errors?: { message: string }[] }>;
}

async function audit() {
  const credential = await signServiceCredential({ service: 'finance', scopes: ['account:ledger:read'] }, { audience: 'account' });
  const response = await fetch(centerUrl('account'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential },
    body: JSON.stringify({ query: '{ ledgerAudit { sumOfAllBalances unbalancedEntries overdrawnCustomerAccounts duplicatePostings } }' }),
  });
  return ((await response.json()) as { data: { ledgerAudit: Record<string, string | number> } }).data.ledgerAudit;
}

/** Bench data in the running platform's databases: the crowd (when asked for) and the raised velocity rules. */
async function prepare(crowd: readonly DemoCustomer[]): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL (the platform's PostgreSQL server) is required to prepare the bench data");
  const url = (center: Parameters<typeof centerDatabaseUrl>[0]) => centerDatabaseUrl(center, serverUrl);
  const stores = {
    user: createPrismaClient(UserClient, url('user'), 2).client,
    auth: createPrismaClient(AuthClient, url('auth'), 2).client,
    account: createPrismaClient(AccountClient, url('account'), 2).client,
    finance: createPrismaClient(FinanceClient, url('finance'), 2).client,
  };
  try {
    await raiseVelocityRules(stores.auth);
    await seedCrowd(stores, crowd);
  } finally {
    await Promise.all(Object.values(stores).map((store) => store.$disconnect()));
  }
}

async function main() {
  const crowd = customers >= 2 ? crowdCustomers(customers) : [];
  await prepare(crowd);
  const login = async (customer: DemoCustomer) => {
    const body = await gql<{ login: { accessToken: string } }>(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      {
        i: { mobile: customer.mobile, password: DEMO_PASSWORD, device: { deviceId: customer.deviceId } },
      },
      undefined,
      customer,
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.login.accessToken;
  };
  const pairs = crowd.length
    ? Array.from({ length: Math.min(concurrency, Math.floor(crowd.length / 2)) }, (_, index) => crowdPair(crowd, index))
    : [{ payer: DEMO_CUSTOMERS[0]!, payee: DEMO_CUSTOMERS[1]! }];
  const senders: { token: string; from: string; to: string; name: string }[] = [];
  for (const { payer, payee } of pairs)
    senders.push({ token: await login(payer), from: payer.accounts[0]!.id, to: payee.accounts[0]!.number, name: payee.name });
  const before = await audit();
  let next = 0;
  let completed = 0;
  const outcomes = new Map<string, number>();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, connection) => {
      const sender = senders[connection % senders.length]!;
      while (next < total) {
        next += 1;
        const body = await gql<{ createTransfer: { __typename: string } }>(
          'mutation($i: CreateTransferInput!) { createTransfer(input: $i) { __typename } }',
          {
            i: {
              fromAccountId: sender.from,
              toAccountNumber: sender.to,
              toName: sender.name,
              amount: '0.01',
              idempotencyKey: randomUUID(),
            },
          },
          sender.token,
        );
        const kind = body.data?.createTransfer.__typename ?? `error:${body.errors?.[0]?.message}`;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        if (kind === 'TransferCompleted') completed += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = await audit();
  console.log(
    `transfers: ${total}, concurrency ${concurrency}, ` +
      `${crowd.length ? `${senders.length} paying customers of ${crowd.length}` : 'one paying customer'}, ${seconds.toFixed(2)} s`,
  );
  console.log(`completed end-to-end through the gateway: ${(completed / seconds).toFixed(1)} transfers/s`);
  console.log('outcomes:', Object.fromEntries(outcomes));
  console.log(`ledger before: ${JSON.stringify(before)}`);
  console.log(`ledger after:  ${JSON.stringify(after)}`);
  console.log(
    `drift: ${before.sumOfAllBalances === after.sumOfAllBalances ? '0' : `${before.sumOfAllBalances} -> ${after.sumOfAllBalances}`}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
