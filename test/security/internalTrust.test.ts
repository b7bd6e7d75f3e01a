/**
 * Trust inside the platform: every internal token names its callee, is signed by its sender's own
 * key, and carries only the scopes the callee grants that sender. A center started with nothing but
 * its own private key and its callers' public keys serves them.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity, signServiceCredential } from '../../platform/identity/identity';
import { PRINCIPALS, internalKeyring, signingKeyVariable } from '../../platform/identity/internalKeys';
import { projectRoot } from '../../platform/paths';
import { createTestDatabase, TestDatabase } from '../support/databases';
import { startTestPlatform, TestPlatform } from '../support/platform';

const zhang = DEMO_CUSTOMERS[0]!;
const LEDGER_AUDIT = '{ ledgerAudit { unbalancedEntries } }';
const ACCOUNTS = '{ accounts { id } }';
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['account', 'finance', 'marketing'], gateway: false });
});
afterAll(() => platform.stop());

async function post(url: string, document: string, credential: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential },
    body: JSON.stringify({ query: document }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

test('a gateway token sent to marketing is refused by finance', async () => {
  const forMarketing = await signGatewayIdentity(
    { channel: 'MOBILE_APP', userId: zhang.id, authLevel: 2 },
    { audience: 'marketing', clock: platform.clock },
  );
  const atMarketing = await post(platform.centers.marketing!.url, '{ campaigns { id } }', forMarketing);
  expect(atMarketing.body.errors).toBeUndefined();
  const atFinance = await post(platform.centers.finance!.url, '{ orders(first: 1) { edges { node { id } } } }', forMarketing);
  expect(atFinance.status).toBe(401);
  expect(atFinance.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test("limits' key cannot post a ledger entry, nor read the ledger; finance's can", async () => {
  const asLimits = await platform.callCenter('account', LEDGER_AUDIT, { as: { service: 'limits', scopes: ['account:ledger:read'] } });
  expect(asLimits.status).toBe(403);
  expect(asLimits.body.errors?.[0]).toMatchObject({
    message: '服务 limits 无权使用 account:ledger:read',
    extensions: { code: 'FORBIDDEN' },
  });
  const posting = await platform.callCenter(
    'account',
    'mutation { postLedgerEntry(input: { orderId: "o-limits", kind: "TRANSFER", legs: [] }) { entryId } }',
    { as: { service: 'limits', scopes: ['account:ledger:post'] } },
  );
  expect(posting.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const asFinance = await platform.callCenter('account', LEDGER_AUDIT, { as: { service: 'finance', scopes: ['account:ledger:read'] } });
  expect(asFinance.body.errors).toBeUndefined();
  expect(asFinance.body.data).toEqual({ ledgerAudit: { unbalancedEntries: 0 } });
});

test("a center's key cannot sign a customer identity", async () => {
  const finance = internalKeyring().signingKey('finance');
  const now = Math.floor(platform.clock.now().getTime() / 1000);
  const forged = await new SignJWT({ chn: 'MOBILE_APP', acr: 2 })
    .setProtectedHeader({ alg: 'EdDSA', kid: finance.kid })
    .setIssuer('gateway')
    .setAudience('account')
    .setSubject(zhang.id)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(finance.privateKey);
  const answer = await post(platform.centers.account!.url, ACCOUNTS, forged);
  expect(answer.status).toBe(401);
  expect(JSON.stringify(answer.body)).not.toContain('"id"');
});

describe('a center started with only its own private key and its callers public keys', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase('account');
    const trusted = JSON.parse(process.env.INTERNAL_TRUSTED_KEYS!) as { keys: { kid: string }[] };
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const principal of PRINCIPALS) delete env[signingKeyVariable(principal)];
    Object.assign(env, {
      ACCOUNT_INTERNAL_SIGNING_KEY: process.env.ACCOUNT_INTERNAL_SIGNING_KEY,
      // Its callers only: the gateway, finance and limits (its own public key it derives itself).
      INTERNAL_TRUSTED_KEYS: JSON.stringify({ keys: trusted.keys.filter((key) => /^(gateway|finance|limits):/.test(key.kid)) }),
      ACCOUNT_DATABASE_URL: database.url,
      ACCOUNT_PORT: '0',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
    });
    child = spawn(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'start-subgraph.ts'), 'account'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /account center[^:]*: (http\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the account center exited with ${code}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await database?.drop();
  });

  test('serves the gateway and finance, and refuses marketing, whose key it was not given', async () => {
    const fromGateway = await signGatewayIdentity({ channel: 'MOBILE_APP', userId: zhang.id, authLevel: 1 }, { audience: 'account' });
    const accounts = await post(url, ACCOUNTS, fromGateway);
    expect(accounts.body.errors).toBeUndefined();
    expect((accounts.body.data as { accounts: unknown[] }).accounts).toHaveLength(3);

    const fromFinance = await signServiceCredential({ service: 'finance', scopes: ['account:ledger:read'] }, { audience: 'account' });
    expect((await post(url, LEDGER_AUDIT, fromFinance)).body.data).toEqual({ ledgerAudit: { unbalancedEntries: 0 } });

    const fromMarketing = await signServiceCredential({ service: 'marketing', scopes: [] }, { audience: 'account' });
    expect((await post(url, ACCOUNTS, fromMarketing)).status).toBe(401);
  });
});
